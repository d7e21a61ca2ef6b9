/// Standard and URL-safe base64 decoding of candidate spans, for value filters and decoding.
///
/// Only spans a rule already captured are decoded, so this is never run over whole blobs.
public enum Base64Decoding {
    /// The decoded bytes of `text` (standard or URL-safe alphabet, padding optional), or nil when
    /// it is not base64.
    public static func decode<C: Collection>(_ text: C) -> [UInt8]? where C.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(text.count * 3 / 4)
        var buffer: UInt32 = 0
        var bits = 0
        var padding = 0
        for b in text {
            let v: UInt32
            switch b {
            case 0x41...0x5a: v = UInt32(b - 0x41)
            case 0x61...0x7a: v = UInt32(b - 0x61 + 26)
            case 0x30...0x39: v = UInt32(b - 0x30 + 52)
            case 0x2b, 0x2d: v = 62
            case 0x2f, 0x5f: v = 63
            case 0x3d:
                padding += 1
                continue
            default: return nil
            }
            if padding > 0 { return nil }  // data after padding
            buffer = (buffer << 6) | v
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((buffer >> UInt32(bits)) & 0xff))
            }
        }
        guard padding <= 2, bits < 6 else { return nil }
        return out
    }

    /// True when `text` decodes to `user:password` in printable ASCII with both parts non-empty,
    /// as an HTTP Basic credential or a Docker `auth` value does.
    public static func isBasicCredential<C: Collection>(_ text: C) -> Bool where C.Element == UInt8 {
        guard let plain = decode(text), let colon = plain.firstIndex(of: 0x3a), colon > 0, colon < plain.count - 1 else {
            return false
        }
        return plain.allSatisfy { $0 >= 0x20 && $0 < 0x7f }
    }
}
