/// Errors of the matching layer; each names the rule it is about.
public enum MatchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// PCRE2 rejected a rule's pattern.
    case invalidPattern(rule: String, offset: Int, message: String)
    /// vectorscan failed to build the multi-pattern database.
    case vectorscan(rule: String?, message: String)
    /// Per-thread scratch memory could not be allocated.
    case scratch(message: String)

    public var description: String {
        switch self {
        case .invalidPattern(let rule, let offset, let message):
            return "rule \(rule): pattern does not compile at offset \(offset): \(message)"
        case .vectorscan(let rule, let message):
            return "\(rule.map { "rule \($0): " } ?? "")vectorscan: \(message)"
        case .scratch(let message):
            return "cannot allocate matcher scratch: \(message)"
        }
    }
}
