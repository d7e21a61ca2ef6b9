/// Recognises values that look like secrets to a pattern but are placeholders a person typed:
/// `EXAMPLE`, `xxxx`, `${VAR}`, `$VAR`, `{var}`, `<token>`, `changeme`, `your_api_key`, one repeated
/// character, or an obvious sequence such as `abcdef123456`.
///
/// Applied to the captured secret only, never to the surrounding text, so a real token next to the
/// word "example" is still reported.
public enum PlaceholderFilter {
    /// Lowercase substrings that mark a placeholder wherever they appear in the secret.
    static let markers: [[UInt8]] = [
        "example", "xxxx", "changeme", "change_me", "change-me", "your_", "your-", "yourapi",
        "yourtoken", "yoursecret", "yourpassword", "placeholder", "redacted", "dummy", "notasecret",
        "not_a_secret", "fake_", "insert_", "replace_me", "replaceme", "secret_here",
        "token_here", "key_here", "password_here", "sample", "fake", "********", "password", "passwd", "secret", "...", "…", "a1b2c3",
        "1a2b3c",
    ].map { Array($0.utf8) }

    /// Whole values (compared case-insensitively) that are words, not credentials.
    static let stopwords: Set<String> = [
        "password", "passwd", "pass", "pwd", "secret", "token", "apikey", "api_key", "username", "user",
        "null", "none", "nil", "undefined", "true", "false", "empty", "string", "value", "test", "testing", "todo", "tbd", "fixme",
        "setme",
    ]

    /// Case-sensitive markers checked in long values (AWS documentation writes EXAMPLE into key bodies).
    static let longMarkers: [[UInt8]] = ["EXAMPLE", "XXXXXXXX"].map { Array($0.utf8) }

    /// Secrets longer than this are not checked for marker words or sequences.
    static let maxMarkerLength = 160

    /// True when `secret` is a placeholder rather than a credential.
    public static func isPlaceholder<C: Collection>(_ secret: C) -> Bool where C.Element == UInt8 {
        let bytes = Array(secret)
        guard let first = bytes.first else { return true }
        // One repeated character.
        if bytes.allSatisfy({ $0 == first }) { return true }
        let lower = bytes.map { ($0 >= 0x41 && $0 <= 0x5a) ? $0 | 0x20 : $0 }
        // Template references: ${VAR}, $VAR, $(cmd), {{ var }}, %(var)s, <token>, [secret].
        if isTemplateReference(bytes) { return true }
        if bytes.count <= 16, stopwords.contains(String(decoding: lower, as: UTF8.self)) { return true }
        // Long secrets (key blocks, connection strings) are random enough that a short marker can
        // occur by chance; only short values are checked for markers and sequences.
        // In a long value only exact upper-case markers count: 7 fixed letters do not occur by chance.
        guard bytes.count <= maxMarkerLength else {
            return longMarkers.contains { contains(bytes, $0) }
        }
        for marker in markers where contains(lower, marker) { return true }
        return isObviousSequence(lower)
    }

    /// True when `secret` is empty or a template reference (`${VAR}`, `$VAR`, `<password>`,
    /// `{{ var }}`): the check kept by rules with `weak_values: report`.
    public static func isReference<C: Collection>(_ secret: C) -> Bool where C.Element == UInt8 {
        let bytes = Array(secret)
        return bytes.isEmpty || isTemplateReference(bytes)
    }

    private static func isIdentifierByte(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || (b >= 0x30 && b <= 0x39) || b == 0x5f
    }

    static func isTemplateReference(_ b: [UInt8]) -> Bool {
        let s = String(decoding: b, as: UTF8.self)
        if s.hasPrefix("${") || s.hasPrefix("$(") || s.hasPrefix("{{") || s.hasPrefix("%(") || s.hasPrefix("#{") {
            return true
        }
        if s.hasPrefix("<") && s.hasSuffix(">") { return true }
        // Python str.format / f-string and C# interpolation: {password}, {cfg.db_pass}, {f.alnum(16)}.
        if s.hasPrefix("{") && s.dropFirst().contains("}") { return true }
        if s.hasPrefix("[") && s.hasSuffix("]") { return true }
        // $VAR or $env:VAR spelled out in full.
        if b.first == 0x24 && b.count > 1 && b.dropFirst().allSatisfy({ isIdentifierByte($0) || $0 == 0x3a }) {
            return true
        }
        return false
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        var i = 0
        while i + needle.count <= haystack.count {
            if haystack[i] == needle[0] && haystack[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }

    /// The longest alphanumeric run counts as a sequence when at least 80% of its steps go up or
    /// down by one (`abcdef`, `123456`, `zyxwvu`) or stay equal; runs shorter than 6 are ignored.
    static func isObviousSequence(_ lower: [UInt8]) -> Bool {
        var best: ArraySlice<UInt8> = []
        var start = 0
        for i in 0...lower.count {
            let alnum = i < lower.count && ((lower[i] >= 0x61 && lower[i] <= 0x7a) || (lower[i] >= 0x30 && lower[i] <= 0x39))
            if !alnum {
                if i - start > best.count { best = lower[start..<i] }
                start = i + 1
            }
        }
        guard best.count >= 6 else { return false }
        let run = Array(best)
        var steady = 0
        for i in 1..<run.count {
            let d = Int(run[i]) - Int(run[i - 1])
            if d == 1 || d == -1 || d == 0 || (run[i - 1] == 0x39 && run[i] == 0x30) { steady += 1 }
        }
        return Double(steady) >= 0.8 * Double(run.count - 1)
    }
}
