import Foundation

/// Builds test repositories from the `git fast-import` streams in corpus/repos/ with the real `git`
/// (shared by the engine and the end-to-end tests).
public struct GitFixture {
    /// The package root.
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The repository's directory (the work tree, or the bare repository).
    public let path: String

    /// Imports `corpus/repos/<scenario>.fi` into a new repository under `parent` (HEAD on main).
    public init(scenario: String, in parent: URL, bare: Bool = false) throws {
        path = parent.appendingPathComponent(scenario + (bare ? ".git" : "")).path
        try Self.git(["init", "-q"] + (bare ? ["--bare"] : []) + [path], in: parent.path)
        let stream = try Data(contentsOf: Self.root.appendingPathComponent("corpus/repos/\(scenario).fi"))
        try Self.git(["fast-import", "--quiet"], in: path, input: stream)
        try Self.git(["symbolic-ref", "HEAD", "refs/heads/main"], in: path)
    }

    /// Commit id of the commit whose subject is `subject`, on any ref.
    public func commit(_ subject: String) throws -> String {
        let log = try Self.git(["log", "--all", "--format=%H %s"], in: path)
        for line in log.split(separator: "\n") where line.dropFirst(41) == subject { return String(line.prefix(40)) }
        throw NSError(domain: "fixture", code: 1, userInfo: [NSLocalizedDescriptionKey: "no commit '\(subject)'"])
    }

    /// Runs git with a fixed identity, no user or system configuration, and no inherited environment.
    @discardableResult
    public static func git(_ arguments: [String], in directory: String, input: Data? = nil, environment extra: [String: String] = [:])
        throws -> String
    {
        let r = try run(arguments, in: directory, input: input, environment: extra)
        guard r.status == 0 else {
            throw NSError(
                domain: "git", code: Int(r.status),
                userInfo: [NSLocalizedDescriptionKey: "git \(arguments.joined(separator: " ")): \(r.stderr)"])
        }
        return r.stdout
    }

    /// Repacks every object of the repository at `path` into one pack with fresh deltas (up to
    /// `depth` deep), like `git repack -a -d -f`, but feeding `pack-objects` its object list
    /// ourselves: under `swift test` with several test targets, `git repack`'s `pack-objects`
    /// read a line of the test runner's event stream ("{") as a revision and failed.
    public static func repack(_ path: String, depth: Int = 50) throws {
        let objects = try git(["rev-list", "--objects", "--all"], in: path)
        let gitDir = try git(["rev-parse", "--absolute-git-dir"], in: path).trimmingCharacters(in: .whitespacesAndNewlines)
        let packDir = gitDir + "/objects/pack"
        let before = (try? FileManager.default.contentsOfDirectory(atPath: packDir)) ?? []
        let name = try git(
            ["pack-objects", "--depth=\(depth)", "--no-reuse-delta", "--delta-base-offset", "-q", packDir + "/pack"], in: path,
            input: Data(objects.utf8)
        ).trimmingCharacters(in: .whitespacesAndNewlines)
        for file in before where !file.contains(name) { try FileManager.default.removeItem(atPath: packDir + "/" + file) }
        try git(["prune-packed"], in: path)
    }

    /// Runs git the same way and returns its exit status, standard output and standard error.
    public static func run(_ arguments: [String], in directory: String, input: Data? = nil, environment extra: [String: String] = [:])
        throws -> (status: Int32, stdout: String, stderr: String)
    {
        let process = Process()
        // Through sh, so that without input git's stdin is /dev/null whatever the test runner's
        // descriptors are: `git repack` runs `pack-objects --all`, which reads revisions from stdin,
        // and under a runner whose stdin was /dev/null it once read a JSON file's "{" as one.
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", input == nil ? "exec git \"$@\" </dev/null" : "exec git \"$@\"", "git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        // A clean environment: tests must not depend on what the caller's shell exports.
        var env = ["PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C"]
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env["HOME"] = directory
        env["GIT_AUTHOR_NAME"] = "Test"
        env["GIT_AUTHOR_EMAIL"] = "test@example.com"
        env["GIT_COMMITTER_NAME"] = "Test"
        env["GIT_COMMITTER_EMAIL"] = "test@example.com"
        for (k, v) in extra { env[k] = v }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let inPipe = Pipe()
        if input != nil { process.standardInput = inPipe }
        try process.run()
        if let input {
            inPipe.fileHandleForWriting.write(input)
            try inPipe.fileHandleForWriting.close()
        }
        // stderr is drained on another thread so that neither pipe can fill up and stall git.
        final class Box: @unchecked Sendable { var data = Data() }
        let errors = Box()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            errors.data = err.fileHandleForReading.readDataToEndOfFile()
            done.signal()
        }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        done.wait()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errors.data, as: UTF8.self))
    }
}
