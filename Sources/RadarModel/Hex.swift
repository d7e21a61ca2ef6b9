/// Lowercase hexadecimal text without Foundation's `String(format:)`, whose locale-aware
/// formatting cost a third of a millisecond at every start-up for two cache file names.
public enum Hex {
    static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Two digits per byte.
    public static func lower<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Exactly 16 digits, leading zeros kept (what `%016llx` prints).
    public static func fixed(_ value: UInt64) -> String {
        var out = [UInt8](repeating: 0, count: 16)
        for i in 0..<16 { out[i] = digits[Int((value >> UInt64(60 - 4 * i)) & 0xf)] }
        return String(decoding: out, as: UTF8.self)
    }
}
