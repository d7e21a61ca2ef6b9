import RadarModel

/// A problem found in a rule set, tied to the rule (and where it was written).
public struct RuleProblem: Sendable, Hashable, CustomStringConvertible {
    /// The rule's id.
    public var ruleID: String
    /// Where the rule, or the failing example, was written.
    public var origin: SourcePosition?
    /// What is wrong, lowercase, no trailing period.
    public var message: String

    public init(ruleID: String, origin: SourcePosition?, message: String) {
        self.ruleID = ruleID
        self.origin = origin
        self.message = message
    }

    public var description: String {
        "\(origin.map { "\($0): " } ?? "")rule \(ruleID): \(message)"
    }
}

/// The structural checks of `rules check` that need no matcher: id format, required metadata and
/// the number of examples. RadarMatch's `RuleChecker` adds compilation and example runs on top.
public enum RuleSetValidator {
    /// Minimum number of examples every rule must carry.
    public static let minimumExamples = 2
    /// Minimum number of negative examples every rule must carry.
    public static let minimumNegativeExamples = 1

    /// `provider.name` with lowercase letters, digits and `_` in each dotted part.
    public static func isValidID(_ id: String) -> Bool {
        let parts = id.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2 else { return false }
        return parts.allSatisfy { part in
            !part.isEmpty
                && part.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7a) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5f }
        }
    }

    /// Every structural problem in `rules`, in rule order.
    public static func problems(in rules: [Rule]) -> [RuleProblem] {
        var out: [RuleProblem] = []
        var seen: Set<String> = []
        for rule in rules {
            func add(_ message: String) { out.append(RuleProblem(ruleID: rule.id, origin: rule.origin, message: message)) }
            if !isValidID(rule.id) { add("id must look like `provider.name` (lowercase letters, digits, `_`)") }
            if !seen.insert(rule.id).inserted { add("duplicate id") }
            if rule.description.isEmpty { add("missing `description`") }
            if rule.references.isEmpty { add("missing `references` (vendor documentation of the format)") }
            if rule.categories.isEmpty { add("missing `categories`") }
            if rule.examples.count < minimumExamples {
                add("needs at least \(minimumExamples) examples, has \(rule.examples.count)")
            }
            if rule.negativeExamples.count < minimumNegativeExamples {
                add("needs at least \(minimumNegativeExamples) negative example, has \(rule.negativeExamples.count)")
            }
        }
        return out
    }
}
