#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A path pattern of `--exclude` and `.secretradar.toml` (docs/configuration.md), in the spirit of
/// `.gitignore`: `*`, `?` and `[…]` within one path segment, `**` for any number of segments. A
/// pattern without a `/` matches a file or directory name at any depth (`*.min.js`,
/// `node_modules`); one with a `/` is anchored at the scanned root (`vendor/**`,
/// `test/fixtures`). A pattern that matches a directory matches everything under it.
public struct PathGlob: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written.
    public let description: String
    private let segments: [String]

    /// Nil for a pattern that names nothing (empty, or only slashes and dots).
    public init?(_ pattern: String) {
        var p = Substring(pattern)
        while p.hasPrefix("./") { p = p.dropFirst(2) }
        let anchored = p.hasPrefix("/") || p.dropLast(p.hasSuffix("/") ? 1 : 0).contains("/")
        var parts = p.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        parts.removeAll { $0 == "." }
        guard !parts.isEmpty else { return nil }
        if !anchored { parts.insert("**", at: 0) }
        description = pattern
        segments = parts
    }

    /// Whether `path` (relative to the scanned root, `/`-separated) or a directory holding it matches.
    public func matches(_ path: String) -> Bool {
        var p = Substring(path)
        while p.hasPrefix("./") { p = p.dropFirst(2) }
        let parts = p.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        return Self.match(segments[...], parts[...])
    }

    /// Pattern segments against path segments; a pattern used up before the path matched a
    /// directory holding it.
    private static func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        guard let first = pattern.first else { return true }
        if first == "**" {
            let rest = pattern.dropFirst()
            if rest.isEmpty { return !path.isEmpty }
            var start = path.startIndex
            while start < path.endIndex {
                if match(rest, path[start...]) { return true }
                start += 1
            }
            return false
        }
        guard let name = path.first, fnmatch(first, name, 0) == 0 else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }
}
