import RadarModel

/// Everything that can be wrong with a rule file or rule set, with the place to look.
public enum RuleLoadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The rules path does not exist or cannot be read.
    case unreadable(path: String, reason: String)
    /// The YAML itself does not parse; `message` carries line and column from the parser.
    case invalidYAML(file: String, message: String)
    /// The YAML parses but a rule is not shaped as `patterns/README.md` says.
    case invalidRule(at: SourcePosition, rule: String?, message: String)
    /// Two rules share one id.
    case duplicateID(id: String, first: SourcePosition?, second: SourcePosition?)
    /// No rule files were found where rules were expected.
    case noRules(path: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "\(path): cannot read rules: \(reason)"
        case .invalidYAML(let file, let message):
            return "\(file):\(message)"
        case .invalidRule(let at, let rule, let message):
            return "\(at): \(rule.map { "rule \($0): " } ?? "")\(message)"
        case .duplicateID(let id, let first, let second):
            return "\(second.map(\.description) ?? "?"): rule \(id): duplicate id (first defined at \(first.map(\.description) ?? "?"))"
        case .noRules(let path):
            return "\(path): no rule files (*.yml) found"
        }
    }
}
