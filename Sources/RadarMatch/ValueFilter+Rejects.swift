import RadarModel

extension ValueFilter {
    /// True when this filter says `value` is not a secret.
    public func rejects(_ value: [UInt8]) -> Bool {
        switch self {
        case .identifier: IdentifierFilter.isIdentifier(value)
        case .uuid: Self.isUUID(value)
        case .encodedJSON: Self.isEncodedJSON(value)
        case .literal: LiteralFilter.isNotLiteral(value)
        case .humanPassword: LiteralFilter.isNotHumanPassword(value)
        case .basicAuth: !Base64Decoding.isBasicCredential(value)
        }
    }

    /// `8-4-4-4-12` hex digits.
    static func isUUID(_ v: [UInt8]) -> Bool {
        guard v.count == 36 else { return false }
        for (i, b) in v.enumerated() {
            if i == 8 || i == 13 || i == 18 || i == 23 {
                if b != 0x2d { return false }
            } else if !((b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x66) || (b >= 0x41 && b <= 0x46)) {
                return false
            }
        }
        return true
    }

    /// Starts like base64 of `{"` (`eyJ`) and has no `.`, so it is an encoded JSON object such as a
    /// pagination cursor, not a signed JWT (which the JWT rule reports).
    static func isEncodedJSON(_ v: [UInt8]) -> Bool {
        v.count >= 8 && v[0] == 0x65 && v[1] == 0x79 && v[2] == 0x4a && !v.contains(0x2e)
    }
}
