import RadarModel

/// The decoders behind `decode:` rules: each turns the span a decoder rule captured into the text
/// it stands for, or nil when the span is not that encoding or does not decode to text.
///
/// Only captured spans are decoded (never whole blobs), each at most `maxInput` bytes, so the work
/// is bounded by the input size at every depth (docs/decoding.md).
enum Decoders {
    /// Encoded spans longer than this are not decoded.
    static let maxInput = 256 * 1024

    static func decode(_ bytes: ArraySlice<UInt8>, as decoding: Decoding) -> [UInt8]? {
        guard !bytes.isEmpty, bytes.count <= maxInput else { return nil }
        let out: [UInt8]?
        switch decoding {
        case .base64: out = Base64Decoding.decode(wrappedBase64(bytes))
        case .percent: out = percent(bytes)
        case .escapes: out = escapes(bytes)
        case .concat: out = concatenated(bytes)
        }
        guard let out, !out.isEmpty, isText(out) else { return nil }
        return out
    }

    /// The base64 of a span that may be wrapped over lines (`base64` wraps at 76, PEM at 64): the
    /// first line and, when it has a wrapping width, the following lines of the same length, then
    /// one shorter last line. Whatever follows
    /// (the next key of a YAML file that happens to be base64 letters) is left out.
    static func wrappedBase64(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        let lines = bytes.split(separator: 0x0a, omittingEmptySubsequences: true).map { line in
            line.filter { $0 != 0x0d && $0 != 0x20 && $0 != 0x09 }
        }
        guard let first = lines.first else { return [] }
        var out = first
        // Only a line of a wrapping width is continued on the next line.
        guard first.count == 64 || first.count == 76 else { return out }
        for line in lines.dropFirst() {
            out += line
            if line.count != first.count { break }
        }
        return out
    }

    /// Printable ASCII, tabs, line breaks and UTF-8 sequences: what a rule can match in. Random
    /// bytes that merely look like base64 decode to something else and are not scanned again.
    static func isText(_ bytes: [UInt8]) -> Bool {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b >= 0x20 && b < 0x7f || b == 0x09 || b == 0x0a || b == 0x0d {
                i += 1
                continue
            }
            // A UTF-8 sequence: a lead byte and its continuation bytes.
            let length = b >= 0xf0 && b < 0xf5 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 0
            guard length > 0, i + length <= bytes.count, bytes[(i + 1)..<(i + length)].allSatisfy({ $0 & 0xc0 == 0x80 }) else {
                return false
            }
            i += length
        }
        return true
    }

    /// `%XX` escapes decoded; `+` is left alone (it means a space only in form bodies).
    static func percent(_ bytes: ArraySlice<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        var decodedAny = false
        while i < bytes.endIndex {
            if bytes[i] == 0x25, i + 2 < bytes.endIndex, let hi = hex(bytes[i + 1]), let lo = hex(bytes[i + 2]) {
                out.append(hi << 4 | lo)
                i += 3
                decodedAny = true
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return decodedAny ? out : nil
    }

    /// JSON, JavaScript and C string escapes: `\n`, `\t`, `\r`, `\"`, `\'`, `\\`, `\/`, `\uXXXX`, `\xHH`.
    static func escapes(_ bytes: ArraySlice<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        var decodedAny = false
        while i < bytes.endIndex {
            let b = bytes[i]
            guard b == 0x5c, i + 1 < bytes.endIndex else {
                out.append(b)
                i += 1
                continue
            }
            let e = bytes[i + 1]
            switch e {
            case UInt8(ascii: "n"): out.append(0x0a)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0d)
            case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "u"):
                guard i + 5 < bytes.endIndex, let scalar = hexValue(bytes[(i + 2)..<(i + 6)]), let u = Unicode.Scalar(scalar) else {
                    return nil
                }
                out += Array(String(Character(u)).utf8)
                i += 6
                decodedAny = true
                continue
            case UInt8(ascii: "x"):
                guard i + 3 < bytes.endIndex, let value = hexValue(bytes[(i + 2)..<(i + 4)]) else { return nil }
                out.append(UInt8(value))
                i += 4
                decodedAny = true
                continue
            default:
                out.append(b)
                i += 1
                continue
            }
            i += 2
            decodedAny = true
        }
        return decodedAny ? out : nil
    }

    /// The contents of the quoted string literals in `bytes`, joined: `"ghp_abc" + "def"` and
    /// `'AKIA' 'XYZ'` become `ghp_abcdef` and `AKIAXYZ`. Text before the first quote (the name the
    /// literals are assigned to) is kept, so that keyword rules see it. Nil with fewer than two literals.
    static func concatenated(_ bytes: ArraySlice<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        var i = bytes.startIndex
        while i < bytes.endIndex && bytes[i] != 0x22 && bytes[i] != 0x27 {
            out.append(bytes[i])
            i += 1
        }
        out.append(0x22)
        var literals = 0
        while i < bytes.endIndex {
            let quote = bytes[i]
            guard quote == 0x22 || quote == 0x27 else {
                i += 1
                continue
            }
            i += 1
            while i < bytes.endIndex && bytes[i] != quote {
                out.append(bytes[i])
                i += 1
            }
            i += 1
            literals += 1
        }
        out.append(0x22)
        return literals >= 2 ? out : nil
    }

    static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: b - 0x30
        case 0x41...0x46: b - 0x41 + 10
        case 0x61...0x66: b - 0x61 + 10
        default: nil
        }
    }

    static func hexValue(_ digits: ArraySlice<UInt8>) -> UInt32? {
        var v: UInt32 = 0
        for d in digits {
            guard let h = hex(d) else { return nil }
            v = v << 4 | UInt32(h)
        }
        return v
    }
}
