import Foundation
import RadarMatch
import RadarModel

/// What `rules list` prints: every rule with its confidence, how the prefilter takes it and its name.
public enum RuleListing {
    /// One line per rule, columns aligned: id, confidence, prefilter mode, name, then the anchor
    /// literals and the file names a rule is limited to; a count at the end.
    public static func text(_ rules: [Rule], matcher: Matcher) -> String {
        let width = rules.map(\.id.count).max() ?? 0
        var out = ""
        for (index, rule) in rules.enumerated() {
            let mode = matcher.prefilterDescription(ruleIndex: index)
            out += rule.id.padding(toLength: width, withPad: " ", startingAt: 0)
            out += "  " + rule.confidence.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0)
            out += "  " + mode.padding(toLength: 17, withPad: " ", startingAt: 0)
            out += "  " + rule.name
            if let anchor = matcher.anchorDescription(ruleIndex: index) { out += "  [anchor: \(anchor)]" }
            if !rule.filenames.isEmpty { out += "  [only in files named: \(rule.filenames.joined(separator: ", "))]" }
            out += "\n"
        }
        return out + "\(rules.count) rules\n"
    }

    /// The rules' metadata as a JSON array (keys sorted), one object per rule.
    public static func json(_ rules: [Rule]) -> Data {
        struct Entry: Encodable {
            let id, name, confidence, description: String
            let categories, references: [String]
            let min_entropy: Double?
            let weak_values: String
            let decode: String?
            let filenames: [String]
        }
        let entries = rules.map {
            Entry(
                id: $0.id, name: $0.name, confidence: $0.confidence.rawValue, description: $0.description, categories: $0.categories,
                references: $0.references, min_entropy: $0.minEntropy, weak_values: $0.weakValues.rawValue, decode: $0.decode?.rawValue,
                filenames: $0.filenames)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Plain strings, numbers and arrays: encoding cannot fail.
        return ((try? encoder.encode(entries)) ?? Data("[]".utf8)) + Data("\n".utf8)
    }
}
