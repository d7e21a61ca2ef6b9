import Foundation

/// The demo histories: `corpus/repos/*.fi` (git fast-import streams) imported into bare repositories
/// under `cache` the first time, and again when a stream is newer than its repository. `scan git`
/// with no repository scans them (README: the main job on an embedded default).
public enum DemoRepositories {
    /// One bare repository per stream in `streams`, labelled `demo/<name>`.
    public static func build(streams: String, cache: String) throws(EngineError) -> [RepositoryTarget] {
        let fm = FileManager.default
        let names: [String]
        do { names = try fm.contentsOfDirectory(atPath: streams).sorted() } catch {
            throw .noSuchPath(streams)
        }
        var targets: [RepositoryTarget] = []
        for name in names where name.hasSuffix(".fi") {
            let stream = streams + "/" + name
            let repo = cache + "/" + String(name.dropLast(3)) + ".git"
            let streamDate = (try? fm.attributesOfItem(atPath: stream)[.modificationDate] as? Date) ?? Date()
            let repoDate = (try? fm.attributesOfItem(atPath: repo + "/HEAD")[.modificationDate] as? Date) ?? .distantPast
            if repoDate < streamDate {
                try? fm.removeItem(atPath: repo)
                do { try fm.createDirectory(atPath: repo, withIntermediateDirectories: true) } catch {
                    throw .repository(path: repo, message: "cannot create the demo repository: \(error.localizedDescription)")
                }
                try git(["init", "-q", "--bare", repo], repository: repo)
                try git(["--git-dir", repo, "fast-import", "--quiet"], input: stream, repository: repo)
                try git(["--git-dir", repo, "symbolic-ref", "HEAD", "refs/heads/main"], repository: repo)
            }
            targets.append(RepositoryTarget(path: repo, label: "demo/" + String(name.dropLast(3))))
        }
        return targets
    }

    /// Runs git, standard input from `input`; a failure names the command and git's message.
    static func git(_ arguments: [String], input: String? = nil, repository: String) throws(EngineError) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.standardOutput = FileHandle.nullDevice
        let err = Pipe()
        process.standardError = err
        do {
            if let input { process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: input)) }
            try process.run()
        } catch {
            throw .repository(path: repository, message: "git \(arguments.first ?? ""): \(error.localizedDescription)")
        }
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw .repository(
                path: repository,
                message: "git \(arguments.joined(separator: " ")): \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }
}
