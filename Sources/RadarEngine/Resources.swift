import Foundation
import RadarRules

/// Finds the files secretradar ships beside its code: the rule pack and the demo corpus.
///
/// Order for rules: `--rules`, then `$SECRETRADAR_RULES`, then `<prefix>/share/secretradar/patterns`
/// next to an installed binary, then the nearest `patterns/` above the executable (a build tree),
/// then the pack embedded in the binary.
public enum Resources {
    public static func rulesDirectory(explicit: String?) -> String {
        if let explicit { return explicit }
        if let env = variable("SECRETRADAR_RULES"), !env.isEmpty { return env }
        // Not the working directory's `patterns/`: in a scanned repository that may be anything.
        if let found = locate("patterns", marker: "README.md", workingDirectory: false) { return found }
        return embeddedRules() ?? "patterns"
    }

    /// The pack built into the binary, written once under the cache directory (else the
    /// temporary directory): what a binary copied anywhere uses.
    public static func embeddedRules() -> String? {
        for base in [cacheBase() + "/secretradar", NSTemporaryDirectory() + "secretradar-\(getuid())"] {
            if let path = try? EmbeddedRules.extract(into: base) { return path }
        }
        return nil
    }

    /// The demo files (`corpus/files`) scanned when `scan path` is given no path, relative to the working
    /// directory when it lies below it (shorter paths in the report).
    public static func demoCorpus() -> String? {
        guard let corpus = locate("corpus", marker: "files") else { return nil }
        // Only the files: corpus/repos holds the demo histories as fast-import streams, which
        // `scan git` imports; scanning them as text would report every history secret again.
        let found = corpus + "/files"
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return found.hasPrefix(cwd) ? String(found.dropFirst(cwd.count)) : found
    }

    /// The directory of demo histories (`corpus/repos/*.fi`) that `scan git` imports when given no repository.
    public static func demoRepositoryStreams() -> String? {
        locate("corpus", marker: "repos").map { $0 + "/repos" }
    }

    /// The running binary, symbolic links resolved. Not `argv[0]`: run from PATH (a hook, a CI
    /// job, the pre-commit framework) that is a bare `secretradar`, which names nothing.
    public static func executable() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if n > 0 { return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        if let path = Bundle.main.executablePath { return URL(fileURLWithPath: path).resolvingSymlinksInPath().path }
        return URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
    }

    /// `../share/secretradar/NAME` beside the binary (installed), else `NAME` in the binary's
    /// directory or one of its six parents (a build tree), else in the working directory: the first
    /// that holds `marker`. Plain strings and `access`: the same walk through URL and FileManager
    /// took a third of a millisecond of every start.
    private static func locate(_ name: String, marker: String, workingDirectory: Bool = true) -> String? {
        func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }
        func parent(_ path: String) -> String {
            guard let slash = path.lastIndex(of: "/") else { return "." }
            return slash == path.startIndex ? "/" : String(path[..<slash])
        }
        func join(_ dir: String, _ rest: String) -> String { dir.hasSuffix("/") ? dir + rest : dir + "/" + rest }
        var dir = parent(executable())
        let installed = join(parent(dir), "share/secretradar/" + name)
        if exists(join(installed, marker)) { return installed }
        for _ in 0..<6 {
            let candidate = join(dir, name)
            if exists(join(candidate, marker)) { return candidate }
            dir = parent(dir)
        }
        return workingDirectory && exists(name + "/" + marker) ? name : nil
    }

    /// Where compiled rule databases are cached: `$SECRETRADAR_CACHE_DIR`, else
    /// `$XDG_CACHE_HOME/secretradar/vectorscan`, else `~/.cache/secretradar/vectorscan`. An empty
    /// `SECRETRADAR_CACHE_DIR` turns the cache off.
    public static func databaseCache() -> String? {
        if let dir = variable("SECRETRADAR_CACHE_DIR") { return dir.isEmpty ? nil : dir }
        return cacheBase() + "/secretradar/vectorscan"
    }

    /// Where `scan git --clone` keeps its clones: `$XDG_CACHE_HOME/secretradar/repos`, else `~/.cache/secretradar/repos`.
    public static func cloneCache() -> String { cacheBase() + "/secretradar/repos" }

    /// Where the demo histories are imported once: beside the clones, in `demo-repos`.
    public static func demoRepositoryCache() -> String { cacheBase() + "/secretradar/demo-repos" }

    static func cacheBase() -> String { variable("XDG_CACHE_HOME").flatMap { $0.isEmpty ? nil : $0 } ?? (home() + "/.cache") }

    /// One environment variable (ProcessInfo copies the whole environment into a dictionary).
    public static func variable(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }

    /// `$HOME`, else the account's home directory (NSHomeDirectory reads /etc/passwd each time).
    public static func home() -> String { variable("HOME").flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory() }
}
