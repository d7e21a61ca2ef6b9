/// One confirmed rule match inside one blob of bytes.
///
/// Offsets are byte offsets into the scanned buffer; `line` and `column` are 1-based and point at
/// the first byte of the secret (columns count bytes, not characters).
public struct Match: Sendable, Hashable {
    /// The rule that matched.
    public var ruleID: String
    /// Byte range of the whole pattern match.
    public var span: Range<Int>
    /// Byte range of the secret inside the buffer.
    public var secretSpan: Range<Int>
    /// The secret's bytes (kept in memory only; never written anywhere in plaintext by default).
    public var secret: [UInt8]
    /// 1-based line of the secret's first byte.
    public var line: Int
    /// 1-based byte column of the secret's first byte.
    public var column: Int
    /// Shannon entropy of the secret, bits per byte.
    public var entropy: Double
    /// The rule's confidence.
    public var confidence: Confidence
    /// Its line carries a `secretradar:ignore` comment (kept only when the matcher reports ignored matches).
    public var ignored: Bool
    /// How the secret was decoded from the text at `secretSpan` (`base64`, `escapes`, or a chain
    /// such as `base64+escapes`); nil for a secret matched as it stands.
    public var decoded: String?

    public init(
        ruleID: String, span: Range<Int>, secretSpan: Range<Int>, secret: [UInt8], line: Int,
        column: Int, entropy: Double, confidence: Confidence, ignored: Bool = false, decoded: String? = nil
    ) {
        self.decoded = decoded
        self.ignored = ignored
        self.ruleID = ruleID
        self.span = span
        self.secretSpan = secretSpan
        self.secret = secret
        self.line = line
        self.column = column
        self.entropy = entropy
        self.confidence = confidence
    }
}
