/// Shannon entropy of byte strings, the measure `min_entropy` gates on.
public enum Entropy {
    /// Bits per byte, from 0 (one repeated byte) to 8 (every byte value equally often).
    public static func shannon<C: Collection>(_ bytes: C) -> Double where C.Element == UInt8 {
        guard !bytes.isEmpty else { return 0 }
        var counts = [Int](repeating: 0, count: 256)
        for b in bytes { counts[Int(b)] += 1 }
        let n = Double(bytes.count)
        var h = 0.0
        for c in counts where c > 0 {
            let p = Double(c) / n
            h -= p * log2(p)
        }
        return h
    }

    /// The entropy a secret must reach under a rule's `min_entropy`, for the secret's alphabet.
    ///
    /// Hex has 16 symbols, so a random 32-digit hex key averages 3.7 bits and 2% of them fall under
    /// 3.3, the gate that suits base62 and base64. A value of 16 or more hex digits is held to at
    /// most 3.0 bits (about four standard deviations under the mean for 32 digits); repeated or
    /// patterned hex (`deadbeefdeadbeef…`) stays far below that.
    public static func gate<C: Collection>(_ minimum: Double, for secret: C) -> Double where C.Element == UInt8 {
        guard minimum > hexGate, secret.count >= 16 else { return minimum }
        for b in secret where !((b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x66) || (b >= 0x41 && b <= 0x46)) {
            return minimum
        }
        return hexGate
    }

    /// The most a value of hex digits is asked for.
    static let hexGate = 3.0
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
