/// What a person decided about a finding (the statuses HCP Vault Radar users know).
public enum TriageStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case new
    case toRemediate = "to_remediate"
    /// Copied into Vault.
    case secretStored = "secret_stored"
    case secretReplaced = "secret_replaced"
    case secretRevoked = "secret_revoked"
    case resolved
    case falsePositive = "false_positive"
    case ignored

    /// Statuses whose findings later scans stop reporting (unless asked with `--include-triaged`).
    public var silencesReports: Bool { self == .falsePositive || self == .ignored }
}

/// One triage decision, kept forever: the history of a finding's status.
public struct TriageEvent: Sendable, Hashable, Codable {
    public var status: TriageStatus
    public var comment: String?
    /// Who decided: `$SECRETRADAR_ACTOR`, else the login name.
    public var actor: String
    /// ISO 8601, UTC.
    public var at: String

    public init(status: TriageStatus, comment: String?, actor: String, at: String) {
        self.status = status
        self.comment = comment
        self.actor = actor
        self.at = at
    }
}
