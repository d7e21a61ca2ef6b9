/// Widens a pattern's bounded repeats for the vectorscan stage: `X{m,n}` becomes `X{m,}`.
///
/// Vectorscan's compile time grows with the bounds of repeats: the pack's context rules are full
/// of `[\w.-]{0,24}` and `[^\s"']{8,128}`, and with 800 rules one database took 20 s to compile
/// cold. An unbounded repeat is one state, so the widened pack compiles roughly ten times faster.
/// The widened pattern matches everything the original matches (and more), so vectorscan still
/// reports the end of every real match; the confirmation window keeps using the *original*
/// pattern's maximum width, so PCRE2 still finds exactly the real matches (docs/matching.md).
/// Exact counts (`{36}`) are kept: they carry the token formats and cost little.
enum PatternRelaxation {
    /// The pattern with every `{m,n}` quantifier outside character classes, escapes and
    /// extended-mode comments written as `{m,}`.
    static func relaxed(_ pattern: String) -> String {
        let s = Array(pattern.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        let extended = pattern.hasPrefix("(?x)")
        var i = 0
        var inClass = false
        while i < s.count {
            let c = s[i]
            if c == UInt8(ascii: "\\") {
                out.append(c)
                if i + 1 < s.count { out.append(s[i + 1]) }
                i += 2
                continue
            }
            if inClass {
                if c == UInt8(ascii: "]") { inClass = false }
                out.append(c)
                i += 1
                continue
            }
            if c == UInt8(ascii: "[") {
                inClass = true
                out.append(c)
                i += 1
                // A `]` first in a class (after an optional `^`) is a member, not the end.
                if i < s.count && s[i] == UInt8(ascii: "^") {
                    out.append(s[i])
                    i += 1
                }
                if i < s.count && s[i] == UInt8(ascii: "]") {
                    out.append(s[i])
                    i += 1
                }
                continue
            }
            if extended && c == UInt8(ascii: "#") {
                while i < s.count && s[i] != 0x0a {
                    out.append(s[i])
                    i += 1
                }
                continue
            }
            if c == UInt8(ascii: "{"), let (low, end) = boundedQuantifier(s, at: i) {
                out += Array("{\(low),}".utf8)
                i = end
                continue
            }
            out.append(c)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `{m,n}` at `i`: the lower bound and the index after `}`; nil for `{n}`, `{m,}` or a brace
    /// that is not a quantifier.
    static func boundedQuantifier(_ s: [UInt8], at i: Int) -> (Int, Int)? {
        var j = i + 1
        var low = 0
        var digits = 0
        while j < s.count, s[j] >= 0x30 && s[j] <= 0x39 {
            low = low * 10 + Int(s[j] - 0x30)
            digits += 1
            j += 1
        }
        guard digits > 0, digits < 7, j < s.count, s[j] == UInt8(ascii: ","), j + 1 < s.count else { return nil }
        j += 1
        var highDigits = 0
        while j < s.count, s[j] >= 0x30 && s[j] <= 0x39 {
            highDigits += 1
            j += 1
        }
        guard highDigits > 0, j < s.count, s[j] == UInt8(ascii: "}") else { return nil }
        // A possessive `{m,n}+` unbounded would take what the rest of the pattern needs.
        if j + 1 < s.count && s[j + 1] == UInt8(ascii: "+") { return nil }
        return (low, j + 1)
    }
}
