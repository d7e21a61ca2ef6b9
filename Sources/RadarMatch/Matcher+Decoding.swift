import RadarModel

/// A match found in decoded text, placed at the encoded span it came from.
struct DecodedMatch {
    var match: Match
    /// Its rule is generic (it yields to specific rules like any generic match).
    var generic: Bool
}

extension Matcher {
    /// How many decodings deep a secret may sit (base64 inside base64, escapes inside base64).
    static let maxDecodingDepth = 2
    /// Decoder spans decoded per buffer at most, so that a hostile blob of candidates stays bounded.
    public static let maxDecodingsPerBuffer = 4096

    /// Decodes every decoder rule's span, matches the decoded text again (with the rest of the
    /// decoder's match around it, so a name before an encoded value still gives context), and
    /// returns what was found there, placed at the encoded span and marked with how it was decoded.
    func decoded(_ spans: [RawMatch], buffer: UnsafeBufferPointer<UInt8>, scratch: MatcherScratch, depth: Int) -> [DecodedMatch] {
        guard depth < Matcher.maxDecodingDepth else { return [] }
        var out: [DecodedMatch] = []
        // Spans past the limit are not decoded: the blob is then incomplete, and said to be, like a
        // blob where PCRE2 hit its limit. (Inner scans add their own incomplete rules to the
        // scratch's list, which only a top-level scan clears.)
        if spans.count > Matcher.maxDecodingsPerBuffer, let skipped = spans.dropFirst(Matcher.maxDecodingsPerBuffer).first {
            scratch.incompleteRules.append(rules[skipped.rule].id)
        }
        for r in spans.prefix(Matcher.maxDecodingsPerBuffer) {
            guard let decoding = rules[r.rule].decode else { continue }
            let encoded = ArraySlice(UnsafeBufferPointer(rebasing: buffer[r.secret]))
            guard let plain = Decoders.decode(encoded, as: decoding) else { continue }
            let prefix = UnsafeBufferPointer(rebasing: buffer[r.whole.lowerBound..<r.secret.lowerBound])
            let suffix = UnsafeBufferPointer(rebasing: buffer[r.secret.upperBound..<r.whole.upperBound])
            let text = Array(prefix) + plain + Array(suffix)
            let region = prefix.count..<(prefix.count + plain.count)
            let inner = text.withUnsafeBufferPointer { scan($0, scratch: scratch, remember: false, depth: depth + 1).matches }
            for m in inner where m.secretSpan.overlaps(region) {
                let chain = m.decoded.map { decoding.rawValue + "+" + $0 } ?? decoding.rawValue
                let generic = genericIDs.contains(m.ruleID)
                out.append(
                    DecodedMatch(
                        match: Match(
                            ruleID: m.ruleID, span: r.whole, secretSpan: r.secret, secret: m.secret, line: 0, column: 0,
                            entropy: m.entropy, confidence: m.confidence, decoded: chain),
                        generic: generic))
            }
        }
        return out
    }

    /// Lines, columns and ignore comments of decoded matches, from their encoded spans.
    func placed(_ decoded: [DecodedMatch], buffer: UnsafeBufferPointer<UInt8>) -> [Match] {
        guard let base = buffer.baseAddress else { return [] }
        var lines = LineCounter(base: base, count: buffer.count)
        var out: [Match] = []
        for d in decoded.sorted(by: { $0.match.secretSpan.lowerBound < $1.match.secretSpan.lowerBound }) {
            var m = d.match
            let ignored = options.honourIgnoreComments && lineHasIgnoreMarker(base, count: buffer.count, span: m.span)
            if ignored && !options.reportIgnored { continue }
            (m.line, m.column) = lines.position(of: m.secretSpan.lowerBound)
            m.ignored = ignored
            out.append(m)
        }
        return out
    }
}
