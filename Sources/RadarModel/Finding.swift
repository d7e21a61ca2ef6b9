/// A secret under a rule, with every place it was seen.
///
/// Identity comes from content, not position (ARCHITECTURE.md): `id` is the hex HMAC-SHA256 of the
/// rule id, a NUL byte and the secret, so the same secret in three files is one finding with three
/// locations, and a moved line is not a new finding.
public struct Finding: Sendable, Hashable, Codable {
    /// Hex HMAC-SHA256 finding identity.
    public var id: String
    /// Rule id.
    public var rule: String
    /// Rule name, for people.
    public var ruleName: String
    /// Severity of the finding.
    public var severity: Severity
    /// The rule's confidence.
    public var confidence: Confidence
    /// The secret, redacted (see `Redaction`).
    public var secretRedacted: String
    /// The plaintext secret: set only when the user asked for it (`--show-secrets`).
    public var secret: String?
    /// Shannon entropy of the secret, bits per byte.
    public var entropy: Double
    /// Every place the secret was seen, sorted by path, line, column.
    public var locations: [Location]

    public init(
        id: String, rule: String, ruleName: String, severity: Severity, confidence: Confidence,
        secretRedacted: String, secret: String? = nil, entropy: Double, locations: [Location]
    ) {
        self.id = id
        self.rule = rule
        self.ruleName = ruleName
        self.severity = severity
        self.confidence = confidence
        self.secretRedacted = secretRedacted
        self.secret = secret
        self.entropy = entropy
        self.locations = locations
    }
}

/// Where one occurrence of a finding sits.
public struct Location: Sendable, Hashable, Codable, Comparable {
    /// Path as given on the command line or relative to the scanned directory; `-` for stdin.
    public var path: String
    /// 1-based line of the secret's first byte.
    public var line: Int
    /// 1-based byte column of the secret's first byte.
    public var column: Int

    public init(path: String, line: Int, column: Int) {
        self.path = path
        self.line = line
        self.column = column
    }

    public static func < (lhs: Location, rhs: Location) -> Bool {
        (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
    }
}

/// Counts that say what a scan read and what it passed over, so nothing is skipped silently.
public struct ScanSummary: Sendable, Hashable, Codable {
    /// Files (or stdin streams) read and matched.
    public var files: Int
    /// Bytes matched.
    public var bytes: Int
    /// Files skipped because they look binary (NUL byte in the first 8 KiB).
    public var skippedBinary: Int
    /// Files skipped because they exceed the size limit.
    public var skippedLarge: Int
    /// Files that could not be read (each also reported as an error).
    public var unreadable: Int
    /// Files in which some rule stopped early (a PCRE2 limit on hostile input); each is also an error.
    public var incomplete: Int
    /// Distinct findings.
    public var findings: Int

    public init(
        files: Int = 0, bytes: Int = 0, skippedBinary: Int = 0, skippedLarge: Int = 0,
        unreadable: Int = 0, incomplete: Int = 0, findings: Int = 0
    ) {
        self.files = files
        self.bytes = bytes
        self.skippedBinary = skippedBinary
        self.skippedLarge = skippedLarge
        self.unreadable = unreadable
        self.incomplete = incomplete
        self.findings = findings
    }
}
