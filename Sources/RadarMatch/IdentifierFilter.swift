/// Recognises values that are names in code rather than secrets: `SHA256_DIGEST_LENGTH`,
/// `Curve25519.KeyAgreement.keySizeBytes`, `relative_token_line_plus1`.
///
/// Generic keyword rules (`secret = …`, `token: …`) opt in with `reject_identifiers: true`. A
/// value is an identifier when, split on `.`, `_`, `-`, `:` and `/`, every part is a run of words
/// — a lowercase word of 2+ letters, a capitalised word, or an upper-case acronym — optionally
/// followed by digits (`plus1`, `SHA256`), or digits alone; and there are at least two words. Random
/// strings almost never split that way: `Kq8vR2mZ7tLw` has one-letter "words" and inner digits.
public enum IdentifierFilter {
    /// True when `value` reads as an identifier or dotted path made of words.
    public static func isIdentifier<C: Collection>(_ value: C) -> Bool where C.Element == UInt8 {
        var words = 0
        var part: [UInt8] = []
        for byte in value {
            if byte == 0x2e || byte == 0x5f || byte == 0x2d || byte == 0x3a || byte == 0x2f {
                guard let n = wordsInPart(part) else { return false }
                words += n
                part.removeAll(keepingCapacity: true)
            } else {
                part.append(byte)
            }
        }
        guard let n = wordsInPart(part) else { return false }
        words += n
        return words >= 2
    }

    private static func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5a }
    private static func isLower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7a }
    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// Number of words in one part, or nil when the part is not words-then-digits.
    static func wordsInPart(_ p: [UInt8]) -> Int? {
        if p.isEmpty { return 0 }
        var i = 0
        var words = 0
        while i < p.count && !isDigit(p[i]) {
            let start = i
            if isUpper(p[i]) {
                var j = i
                while j < p.count && isUpper(p[j]) { j += 1 }
                if j < p.count && isLower(p[j]) {
                    // "KeyAgreement": a capital then lowercase; an acronym before it keeps its last capital.
                    if j - i > 1 { i = j - 1 }
                    i += 1
                    var k = i
                    while k < p.count && isLower(p[k]) { k += 1 }
                    if k - i < 2 && !(j - start > 1) { return nil }
                    i = k
                } else {
                    i = j  // acronym such as SHA or HTTP; a lone capital only before digits (V2)
                    if i - start < 2 && !(i < p.count && isDigit(p[i])) { return nil }
                }
            } else if isLower(p[i]) {
                var k = i
                while k < p.count && isLower(p[k]) { k += 1 }
                if k - i < 2 { return nil }
                i = k
            } else {
                return nil
            }
            words += 1
        }
        while i < p.count && isDigit(p[i]) { i += 1 }
        return i == p.count ? words : nil
    }
}
