/// One detection rule as data: a PCRE2 pattern plus the facts and examples that justify it.
///
/// Rules are loaded from `patterns/*.yml` by RadarRules and compiled by RadarMatch; this type knows
/// nothing of either. `id` is stable (`provider.name`) and never reused for another meaning.
public struct Rule: Sendable, Hashable, Codable {
    /// Stable identifier, `provider.name` (lowercase, digits, `_`, one or more dots).
    public var id: String
    /// Human-readable name shown in reports.
    public var name: String
    /// PCRE2 pattern (byte mode, no UTF). Group `secret`, else group 1, else the whole match is the secret.
    public var pattern: String
    /// Optional lighter pattern for the vectorscan prefilter, for patterns vectorscan cannot take
    /// (huge bounded repeats). It must match the beginning of every match of `pattern`.
    public var prefilter: String?
    /// Minimum Shannon entropy (bits per byte) of the secret; `nil` means no entropy gate.
    public var minEntropy: Double?
    /// Extra checks that drop values which match the pattern but are not secrets; for generic
    /// keyword rules (see `ValueFilter`).
    public var valueFilters: [ValueFilter]
    /// How likely a match is a real credential.
    public var confidence: Confidence
    /// Free-form tags such as `api-token`, `private-key`, `gitlab`.
    public var categories: [String]
    /// What the credential is and why it matters.
    public var description: String
    /// Vendor documentation of the token format.
    public var references: [String]
    /// Texts that must produce a finding of this rule.
    public var examples: [RuleExample]
    /// Texts that must not produce a finding of this rule.
    public var negativeExamples: [String]
    /// Where the rule was defined, for error messages.
    public var origin: SourcePosition?

    public init(
        id: String, name: String, pattern: String, prefilter: String? = nil, minEntropy: Double? = nil,
        valueFilters: [ValueFilter] = [], confidence: Confidence, categories: [String] = [], description: String = "",
        references: [String] = [], examples: [RuleExample] = [], negativeExamples: [String] = [],
        origin: SourcePosition? = nil
    ) {
        self.id = id
        self.name = name
        self.pattern = pattern
        self.prefilter = prefilter
        self.minEntropy = minEntropy
        self.valueFilters = valueFilters
        self.confidence = confidence
        self.categories = categories
        self.description = description
        self.references = references
        self.examples = examples
        self.negativeExamples = negativeExamples
        self.origin = origin
    }
}

/// A text that must match its rule, optionally pinning exactly which secret is captured.
public struct RuleExample: Sendable, Hashable, Codable {
    /// The input text.
    public var text: String
    /// When set, the rule must capture exactly this secret from `text`.
    public var secret: String?
    /// Where the example was written, for error messages.
    public var origin: SourcePosition?

    public init(text: String, secret: String? = nil, origin: SourcePosition? = nil) {
        self.text = text
        self.secret = secret
        self.origin = origin
    }
}

/// A file and 1-based line, used to point error messages at rule YAML.
public struct SourcePosition: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { "\(file):\(line)" }
}

/// A named check a rule can apply to its captured secret (`value_filters` in rule YAML).
public enum ValueFilter: String, Sendable, Hashable, Codable, CaseIterable {
    /// Code names: `SHA256_DIGEST_LENGTH`, `settings.API_KEY_V2`, `Curve25519.KeyAgreement.keySizeBytes`.
    case identifier
    /// Canonical UUIDs (request ids, idempotency and client tokens).
    case uuid
    /// Base64 of a JSON object with no JWT dots: pagination cursors such as `eyJOZXh0VG9rZW4iOiBudWxs…`.
    case encodedJSON = "encoded_json"
}
