import Foundation

/// Finds the files secretradar ships beside its code: the rule pack and the demo corpus.
///
/// Order for rules: `--rules`, then `$SECRETRADAR_RULES`, then `<prefix>/share/secretradar/patterns`
/// next to an installed binary, then the nearest `patterns/` above the executable (a build tree),
/// then `./patterns`.
enum Resources {
    static func rulesDirectory(explicit: String?) -> String {
        if let explicit { return explicit }
        if let env = variable("SECRETRADAR_RULES"), !env.isEmpty { return env }
        if let found = locate("patterns", marker: "README.md") { return found }
        return "patterns"
    }

    /// The demo files (`corpus/files`) scanned when `scan path` is given no path, relative to the working
    /// directory when it lies below it (shorter paths in the report).
    static func demoCorpus() -> String? {
        guard let corpus = locate("corpus", marker: "files") else { return nil }
        // Only the files: corpus/repos holds the demo histories as fast-import streams, which
        // `scan git` imports; scanning them as text would report every history secret again.
        let found = corpus + "/files"
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return found.hasPrefix(cwd) ? String(found.dropFirst(cwd.count)) : found
    }

    /// The directory of demo histories (`corpus/repos/*.fi`) that `scan git` imports when given no repository.
    static func demoRepositoryStreams() -> String? {
        locate("corpus", marker: "repos").map { $0 + "/repos" }
    }

    /// The running binary, symbolic links resolved. Not `argv[0]`: run from PATH (a hook, a CI
    /// job, the pre-commit framework) that is a bare `secretradar`, which names nothing.
    static func executable() -> URL {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if n > 0 { return URL(fileURLWithPath: String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)) }
        if let path = Bundle.main.executablePath { return URL(fileURLWithPath: path).resolvingSymlinksInPath() }
        return URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    }

    private static func locate(_ name: String, marker: String) -> String? {
        let fm = FileManager.default
        let exe = executable()
        var dir = exe.deletingLastPathComponent()
        let installed = dir.deletingLastPathComponent().appendingPathComponent("share/secretradar/\(name)")
        if fm.fileExists(atPath: installed.appendingPathComponent(marker).path) { return installed.path }
        for _ in 0..<6 {
            let candidate = dir.appendingPathComponent(name)
            if fm.fileExists(atPath: candidate.appendingPathComponent(marker).path) { return candidate.path }
            dir = dir.deletingLastPathComponent()
        }
        let local = fm.currentDirectoryPath + "/" + name
        return fm.fileExists(atPath: local + "/" + marker) ? name : nil
    }

    /// Where compiled rule databases are cached: `$SECRETRADAR_CACHE_DIR`, else
    /// `$XDG_CACHE_HOME/secretradar/vectorscan`, else `~/.cache/secretradar/vectorscan`. An empty
    /// `SECRETRADAR_CACHE_DIR` turns the cache off.
    static func databaseCache() -> String? {
        if let dir = variable("SECRETRADAR_CACHE_DIR") { return dir.isEmpty ? nil : dir }
        let base = variable("XDG_CACHE_HOME").flatMap { $0.isEmpty ? nil : $0 } ?? (home() + "/.cache")
        return base + "/secretradar/vectorscan"
    }

    /// One environment variable (ProcessInfo copies the whole environment into a dictionary).
    static func variable(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }

    /// `$HOME`, else the account's home directory (NSHomeDirectory reads /etc/passwd each time).
    static func home() -> String { variable("HOME").flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory() }
}
