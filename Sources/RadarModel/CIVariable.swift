/// A GitLab CI/CD variable as the variables API exports it, and where it was defined.
public struct CIVariable: Sendable, Hashable, Codable {
    /// `project:group/app`, `group:group`, `instance`, or the export file's name.
    public var owner: String
    public var key: String
    /// The value; nil for a hidden variable (the API does not return it).
    public var value: String?
    /// `env_var` or `file`.
    public var variableType: String
    public var protected: Bool
    public var masked: Bool
    public var hidden: Bool
    /// `*` or an environment name or glob; instance variables have none (shown as `*`).
    public var environmentScope: String
    /// Export file and 1-based line of the variable's object, for messages.
    public var file: String
    public var line: Int

    public init(
        owner: String, key: String, value: String?, variableType: String, protected: Bool, masked: Bool, hidden: Bool,
        environmentScope: String, file: String, line: Int
    ) {
        self.owner = owner
        self.key = key
        self.value = value
        self.variableType = variableType
        self.protected = protected
        self.masked = masked
        self.hidden = hidden
        self.environmentScope = environmentScope
        self.file = file
        self.line = line
    }
}

/// What secretradar makes of one CI/CD variable. Never carries the value: only a redacted preview
/// and a keyed hash (to tell reuse without showing values).
public struct VariableAssessment: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A credential: a rule matched, or a secret-like name holds a random-looking literal.
        case secret
        /// Configuration, a reference to another variable, or a low-entropy word.
        case notSecret = "not_secret"
        /// Hidden (value not returned by the API) or null: a person must check it.
        case cannotScan = "cannot_scan"
        /// A placeholder where a credential belongs (`changeme`, `<set-me>`, `xxxx`, a
        /// documentation key): not moved, and not called safe either; a person sets the real value.
        case placeholder
    }

    public var owner: String
    public var key: String
    public var environmentScope: String
    public var variableType: String
    public var kind: Kind
    /// Why it was classified so: a rule id, `name+entropy`, `reference`, `hidden`, ...
    public var reason: String
    /// Problems to fix, in words (`not protected`, `not masked`, `reused as ...`).
    public var flags: [String]
    public var valueRedacted: String?
    /// Keyed hash of the value (same key as finding ids); equal hashes mean equal values.
    public var valueHash: String?
    public var file: String
    public var line: Int

    public init(
        owner: String, key: String, environmentScope: String, variableType: String, kind: Kind, reason: String, flags: [String],
        valueRedacted: String?, valueHash: String?, file: String, line: Int
    ) {
        self.owner = owner
        self.key = key
        self.environmentScope = environmentScope
        self.variableType = variableType
        self.kind = kind
        self.reason = reason
        self.flags = flags
        self.valueRedacted = valueRedacted
        self.valueHash = valueHash
        self.file = file
        self.line = line
    }
}
