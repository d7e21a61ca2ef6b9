/// The severity model (docs/severity.md), after HCP Vault Radar's scale:
///
/// - **info**: ignored — triaged `false_positive` or `ignored`, or every place carries a
///   `secretradar:ignore` comment;
/// - **low**: every place is a test, example, fixture or mock path;
/// - **critical**: a high-confidence rule, and the secret is in the latest version (the default
///   branch's tip for git; the files themselves for file scans);
/// - **high**: a high-confidence rule only in history, or a medium-confidence rule in the latest version;
/// - **medium**: everything else (the default).
///
/// Places in test-like paths do not count towards "latest": a live key in `src/` and a copy in
/// `tests/` is critical because of `src/`.
public enum SeverityModel {
    /// The severity of `finding`.
    public static func severity(of finding: Finding) -> Severity {
        if isIgnored(finding) { return .info }
        let real = finding.locations.filter { pathTags($0.path).isEmpty }
        if real.isEmpty { return finding.locations.isEmpty ? .medium : .low }
        let latest = real.contains { $0.inLatest ?? true }
        switch finding.confidence {
        case .high: return latest ? .critical : .high
        case .medium: return latest ? .high : .medium
        case .low: return .medium
        }
    }

    /// The tags that explain the severity, sorted.
    public static func tags(of finding: Finding) -> [String] {
        var tags = Set<String>()
        for l in finding.locations { tags.formUnion(pathTags(l.path)) }
        if isIgnored(finding) { tags.insert("ignored") }
        if !finding.locations.isEmpty && !finding.locations.contains(where: { $0.inLatest ?? true }) { tags.insert("historic") }
        return tags.sorted()
    }

    static func isIgnored(_ finding: Finding) -> Bool {
        if let status = finding.status, status.silencesReports { return true }
        return !finding.locations.isEmpty && finding.locations.allSatisfy { $0.ignored == true }
    }

    /// Whether `path` contains, case-insensitively, a stem every tag needs: `test`, `spec`, `e2e`,
    /// `fixture`, `exampl`, `sampl`, `mock` or `fake`.
    static func mayBeTestLike(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { bytes in
            let n = bytes.count
            var i = 0
            while i < n {
                switch bytes[i] | 0x20 {
                case UInt8(ascii: "t"): if at(bytes, i, "test") { return true }
                case UInt8(ascii: "s"): if at(bytes, i, "spec") || at(bytes, i, "sampl") { return true }
                case UInt8(ascii: "e"): if at(bytes, i, "e2e") || at(bytes, i, "exampl") { return true }
                case UInt8(ascii: "f"): if at(bytes, i, "fixture") || at(bytes, i, "fake") { return true }
                case UInt8(ascii: "m"): if at(bytes, i, "mock") { return true }
                default: break
                }
                i += 1
            }
            return false
        }
    }

    /// Whether the lowercase ASCII `word` starts at `i`, ignoring case.
    @inline(__always)
    static func at(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard i + count <= bytes.count else { return false }
        let w = word.utf8Start
        // `| 0x20` folds ASCII upper case to lower and leaves digits as they are.
        for k in 0..<count where bytes[i + k] | 0x20 != w[k] { return false }
        return true
    }

    /// Directory names that make everything below them test-like, by tag.
    static let directories: [String: String] = [
        "test": "test", "tests": "test", "__tests__": "test", "spec": "test", "specs": "test", "testdata": "test",
        "test-data": "test", "test_data": "test", "testing": "test", "e2e": "test",
        "fixture": "fixture", "fixtures": "fixture", "__fixtures__": "fixture",
        "example": "example", "examples": "example", "sample": "example", "samples": "example",
        "mock": "mock", "mocks": "mock", "__mocks__": "mock",
    ]

    /// `test`, `example`, `fixture` or `mock` when the path (a directory on it, or the file name)
    /// says the file is one; empty otherwise.
    public static func pathTags(_ path: String) -> Set<String> {
        // Most paths name none of these words: answer without allocating (reports ask per place,
        // several times per finding).
        guard mayBeTestLike(path) else { return [] }
        var tags = Set<String>()
        let parts = path.split(separator: "/")
        for (i, dir) in parts.dropLast().enumerated() {
            guard let tag = directories[dir.lowercased()] else { continue }
            // `com/example/...` is a Java package name (real code uses it), not an examples directory.
            if i > 0, ["com", "org", "net", "io", "dev"].contains(parts[i - 1].lowercased()) { continue }
            tags.insert(tag)
        }
        guard let name = parts.last else { return tags }
        let lower = name.lowercased()
        let stem = lower.split(separator: ".").first.map(String.init) ?? lower
        let pieces = stem.split(whereSeparator: { $0 == "_" || $0 == "-" }).map(String.init)
        let dotted = lower.split(separator: ".").map(String.init)
        // foo_test.go, test_foo.py, foo.test.js, foo.spec.ts, FooTest.java, FooTests.swift
        if pieces.first == "test" || pieces.last == "test" || pieces.last == "spec" || dotted.dropFirst().contains("test")
            || dotted.dropFirst().contains("spec")
            || name.split(separator: ".").first.map({ $0.hasSuffix("Test") || $0.hasSuffix("Tests") }) == true
        {
            tags.insert("test")
        }
        // .env.example, config.sample.yml, settings-example.py, example.env
        if pieces.contains("example") || pieces.contains("sample") || dotted.dropFirst().contains("example")
            || dotted.dropFirst().contains("sample")
        {
            tags.insert("example")
        }
        if pieces.contains("mock") || pieces.contains("mocks") || pieces.contains("fake") { tags.insert("mock") }
        if pieces.contains("fixture") || pieces.contains("fixtures") { tags.insert("fixture") }
        return tags
    }
}
