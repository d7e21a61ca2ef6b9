import RadarMatch
import RadarModel

/// Text in UTF-16 or UTF-32 (Windows tools write `.reg`, `.ps1` and `.config` files as UTF-16):
/// its NUL bytes made it look binary, so it was skipped. It is recognised by a byte-order mark or
/// by its pattern of NULs, transcoded to UTF-8 for matching, and positions are given back in the
/// original bytes.
public enum WideText {
    /// The largest wide-text file transcoded (read whole: bytes, code units and UTF-8 together
    /// take about three times its size); larger ones are skipped as too large, and named.
    public static let maxBytes = 64 << 20

    public enum Encoding: String, Sendable, Hashable {
        case utf16LE = "UTF-16LE", utf16BE = "UTF-16BE", utf32LE = "UTF-32LE", utf32BE = "UTF-32BE"

        /// Bytes per code unit.
        var unit: Int { self == .utf16LE || self == .utf16BE ? 2 : 4 }
    }

    /// The encoding of text whose first bytes are `head`, or nil when it is not wide text. A BOM
    /// decides; without one, mostly-ASCII text shows NULs in the high bytes of nearly every unit
    /// and almost never in the low one.
    public static func encoding<C: Collection>(of head: C) -> Encoding? where C.Element == UInt8 {
        let bytes = Array(head.prefix(8192))
        if bytes.starts(with: [0xFF, 0xFE, 0, 0]) { return .utf32LE }
        if bytes.starts(with: [0, 0, 0xFE, 0xFF]) { return .utf32BE }
        if bytes.starts(with: [0xFF, 0xFE]) { return .utf16LE }
        if bytes.starts(with: [0xFE, 0xFF]) { return .utf16BE }
        guard bytes.count >= 16 else { return nil }
        for encoding in [Encoding.utf32LE, .utf32BE, .utf16LE, .utf16BE] {
            let unit = encoding.unit
            let units = bytes.count / unit
            var lowZero = 0
            var highZero = 0
            for u in 0..<units {
                let chunk = bytes[(u * unit)..<(u * unit + unit)]
                let (low, high): (UInt8, ArraySlice<UInt8>) =
                    switch encoding {
                    case .utf16LE, .utf32LE: (chunk.first!, chunk.dropFirst())
                    case .utf16BE, .utf32BE: (chunk.last!, chunk.dropLast())
                    }
                if low == 0 { lowZero += 1 }
                if high.allSatisfy({ $0 == 0 }) { highZero += 1 }
            }
            if highZero * 10 >= units * 9, lowZero * 20 <= units { return encoding }
        }
        return nil
    }

    /// The text as UTF-8 (the byte-order mark dropped; a unit that is not valid becomes U+FFFD),
    /// and the BOM's length, which positions on the first line must add back.
    public static func utf8(_ bytes: [UInt8], from encoding: Encoding) -> (text: [UInt8], bom: Int) {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / encoding.unit + 16)
        var bom = 0
        switch encoding {
        case .utf16LE, .utf16BE:
            let big = encoding == .utf16BE
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var i = 0
            while i + 1 < bytes.count {
                units.append(big ? UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]) : UInt16(bytes[i + 1]) << 8 | UInt16(bytes[i]))
                i += 2
            }
            if units.first == 0xFEFF {
                units.removeFirst()
                bom = 2
            }
            var parser = Unicode.UTF16.ForwardParser()
            var input = units.makeIterator()
            loop: while true {
                switch parser.parseScalar(from: &input) {
                case .valid(let encoded): append(Unicode.UTF16.decode(encoded), to: &out)
                case .error: append("\u{FFFD}", to: &out)
                case .emptyInput: break loop
                }
            }
        case .utf32LE, .utf32BE:
            var i = 0
            while i + 3 < bytes.count {
                let b = bytes[i..<(i + 4)].map(UInt32.init)
                let value = encoding == .utf32LE ? b[0] | b[1] << 8 | b[2] << 16 | b[3] << 24 : b[3] | b[2] << 8 | b[1] << 16 | b[0] << 24
                i += 4
                if i == 4, value == 0xFEFF {
                    bom = 4
                    continue
                }
                append(Unicode.Scalar(value) ?? "\u{FFFD}", to: &out)
            }
        }
        return (out, bom)
    }

    static func append(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        out.append(contentsOf: UTF8.encode(scalar)!)
    }

    /// The 1-based byte column in the original wide text of the UTF-8 offset `offset` of `text`:
    /// the units of every character before it on its line, plus the BOM on the first line.
    public static func originalColumn(of offset: Int, in text: [UInt8], encoding: Encoding, bom: Int) -> Int {
        var start = offset
        while start > 0, text[start - 1] != 0x0A { start -= 1 }
        var column = 1 + (start == 0 ? bom : 0)
        for scalar in String(decoding: text[start..<offset], as: UTF8.self).unicodeScalars {
            column += encoding.unit == 4 ? 4 : (scalar.value > 0xFFFF ? 4 : 2)
        }
        return column
    }

    /// The matches in wide text: matched as UTF-8, each placed at its line and byte column in the
    /// original bytes.
    public static func scan(_ raw: [UInt8], encoding: Encoding, matcher: Matcher, scratch: MatcherScratch, path: String?) -> [Match] {
        let (text, bom) = utf8(raw, from: encoding)
        return matcher.scan(text, scratch: scratch, path: path).map { m in
            var m = m
            m.column = originalColumn(of: m.secretSpan.lowerBound, in: text, encoding: encoding, bom: bom)
            return m
        }
    }
}
