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
    /// What happens to weak values (words, sequences, `admin`): dropped as placeholders by default;
    /// reported by rules whose context makes the value certainly a credential (a `.pgpass` line,
    /// `define('DB_PASSWORD', …)`, `mysql -p…`), where even a weak password is a finding.
    public var weakValues: WeakValues
    /// Set on decoder rules: the captured span is decoded this way and the text it stands for is
    /// matched again (depth ≤ 2); what is found there is reported at the encoded span, marked
    /// `decoded`. A decoder rule reports nothing of its own.
    public var decode: Decoding?
    /// When not empty, the rule matches only files whose name (the last path component) matches
    /// one of these globs (`*`, `?`, `[...]`, as fnmatch(3)): `.pgpass`, `pgpass.conf`, `_netrc`.
    /// For credential files whose lines say nothing of what they are outside that file.
    public var filenames: [String]
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
        valueFilters: [ValueFilter] = [], weakValues: WeakValues = .drop, decode: Decoding? = nil,
        filenames: [String] = [], confidence: Confidence, categories: [String] = [], description: String = "",
        references: [String] = [], examples: [RuleExample] = [], negativeExamples: [String] = [],
        origin: SourcePosition? = nil
    ) {
        self.id = id
        self.name = name
        self.pattern = pattern
        self.prefilter = prefilter
        self.minEntropy = minEntropy
        self.valueFilters = valueFilters
        self.weakValues = weakValues
        self.decode = decode
        self.filenames = filenames
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
    /// Not a literal credential: code (`getenv("X")`, `Option<String>`), references (`$VAR`, `%VAR%`,
    /// `!vault`), paths and file names, URLs without credentials, versions, type names.
    case literal
    /// Not what a person types as a password: for low-confidence rules that report weak passwords
    /// under strong password names (6–64 bytes, a letter and a digit or symbol, and `literal`).
    case humanPassword = "human_password"
    /// Not base64 of `user:password` in printable ASCII: for HTTP Basic and Docker `auth` values.
    case basicAuth = "basic_auth"
}

/// How a rule treats a captured value that reads as a word or placeholder (`weak_values` in rule YAML).
public enum WeakValues: String, Sendable, Hashable, Codable, CaseIterable {
    /// The shared placeholder filter drops words, markers (`example`, `xxxx`) and sequences.
    case drop
    /// Only template references (`${VAR}`, `$VAR`, `<password>`, `{{ var }}`) are dropped: in a
    /// credentials file, `admin` or `password` is still the password.
    case report
}

/// How a decoder rule's captured span is decoded (`decode` in rule YAML).
public enum Decoding: String, Sendable, Hashable, Codable, CaseIterable {
    /// Standard or URL-safe base64, line breaks allowed (a base64 PEM key, a kubeconfig's
    /// `client-key-data`, a Docker `auth`, an HTTP Basic credential).
    case base64
    /// `%XX` percent-encoding (a URL with credentials inside a query parameter).
    case percent
    /// JSON, JavaScript and C string escapes (`\n`, `\/`, `\u0067`, `\x41`).
    case escapes
    /// String literals joined by `+`, `.` or juxtaposition: a key split across literals.
    case concat
}
