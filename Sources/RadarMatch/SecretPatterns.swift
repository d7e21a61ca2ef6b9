import Foundation

/// Patterns a secret is checked against whole, outside the rule pack: a repository's allowlist
/// regexes (`.secretradar.toml`). PCRE2 in byte mode like the rules; a secret matches when any
/// pattern finds a match in it (anchor with `^…$` to match it whole).
///
/// One PCRE2 match state is kept and reused under a lock: matches are checked one at a time by a
/// scan's assembler, and a state costs a JIT stack to make.
public final class SecretPatterns: @unchecked Sendable {
    private let patterns: [PCRE2Pattern]
    private let state: PCRE2MatchState?
    private let lock = NSLock()

    /// Compiles each pattern; `label` names the list in errors (a file and key, say).
    public init(_ patterns: [String], label: String) throws(MatchError) {
        var compiled: [PCRE2Pattern] = []
        for (i, p) in patterns.enumerated() { compiled.append(try PCRE2Pattern(pattern: p, ruleID: "\(label)[\(i)]")) }
        self.patterns = compiled
        state = try? PCRE2MatchState(maxCaptures: compiled.map(\.captureCount).max() ?? 0)
    }

    public var isEmpty: Bool { patterns.isEmpty }

    /// Whether any pattern matches in `secret`. Matching stopped by PCRE2's limits, or no match
    /// state, counts as no match: the finding is then reported, never hidden by a pattern that
    /// could not decide.
    public func matches(_ secret: [UInt8]) -> Bool {
        guard !patterns.isEmpty, let state else { return false }
        lock.lock()
        defer { lock.unlock() }
        // An empty secret still needs a valid pointer for PCRE2.
        let bytes = secret.isEmpty ? [0] : secret
        return bytes.withUnsafeBufferPointer { buf in
            patterns.contains { $0.nextMatch(in: buf.baseAddress!, count: secret.count, from: 0, state: state) != nil }
        }
    }
}
