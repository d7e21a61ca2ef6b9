/// How sure a rule is that what it matched is a real credential.
///
/// Ordered so that `high > medium > low`; reports and severities compare on it.
public enum Confidence: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case low, medium, high

    private var rank: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        }
    }

    public static func < (lhs: Confidence, rhs: Confidence) -> Bool { lhs.rank < rhs.rank }
}

/// How urgently a finding needs a person: the HCP Vault Radar scale (docs/severity.md).
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case info, low, medium, high, critical

    private var rank: Int {
        switch self {
        case .info: 0
        case .low: 1
        case .medium: 2
        case .high: 3
        case .critical: 4
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
