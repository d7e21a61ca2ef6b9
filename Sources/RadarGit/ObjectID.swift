/// A git object id (SHA-1, 20 bytes), stored inline so sets and dictionaries of millions stay cheap.
///
/// Kept as two words and a half-word rather than `[UInt8]`: hashing and comparing are a few
/// instructions and no heap allocation happens per id.
public struct ObjectID: Hashable, Sendable, Comparable, CustomStringConvertible {
    var a: UInt64
    var b: UInt64
    var c: UInt32

    /// The first 8 bytes of a SHA-1 are already uniform: hashing them alone halves the cost of the
    /// sets and tables a history walk fills with millions of ids (equality still compares all 20).
    public func hash(into hasher: inout Hasher) { hasher.combine(a) }

    /// Reads 20 bytes at `pointer`.
    public init(bytes pointer: UnsafeRawPointer) {
        a = UInt64(bigEndian: pointer.loadUnaligned(as: UInt64.self))
        b = UInt64(bigEndian: pointer.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        c = UInt32(bigEndian: pointer.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
    }

    /// Parses 40 hexadecimal digits; nil for anything else.
    public init?(hex: some StringProtocol) {
        let digits = Array(hex.utf8)
        guard digits.count == 40 else { return nil }
        var bytes = [UInt8](repeating: 0, count: 20)
        for i in 0..<20 {
            guard let hi = Self.nibble(digits[2 * i]), let lo = Self.nibble(digits[2 * i + 1]) else { return nil }
            bytes[i] = hi << 4 | lo
        }
        self = bytes.withUnsafeBytes { ObjectID(bytes: $0.baseAddress!) }
    }

    /// The all-zero id git uses for "no object" (a created or deleted ref in a push).
    public static let zero = ObjectID(a: 0, b: 0, c: 0)

    init(a: UInt64, b: UInt64, c: UInt32) {
        self.a = a
        self.b = b
        self.c = c
    }

    /// Whether this is the all-zero id.
    public var isZero: Bool { a == 0 && b == 0 && c == 0 }

    /// The 20 raw bytes.
    public var bytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: 20)
        out.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: a.bigEndian, toByteOffset: 0, as: UInt64.self)
            raw.storeBytes(of: b.bigEndian, toByteOffset: 8, as: UInt64.self)
            raw.storeBytes(of: c.bigEndian, toByteOffset: 16, as: UInt32.self)
        }
        return out
    }

    /// 40 lowercase hexadecimal digits.
    public var hex: String {
        let table = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(40)
        for byte in bytes {
            out.append(table[Int(byte >> 4)])
            out.append(table[Int(byte & 0xf)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public var description: String { hex }

    public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool { (lhs.a, lhs.b, lhs.c) < (rhs.a, rhs.b, rhs.c) }

    static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
