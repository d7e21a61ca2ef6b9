import Foundation
import RadarModel
import RadarRules

/// The whole of `secretradar rules check`: structural checks, compilation with PCRE2 and
/// vectorscan, and every example and negative example run through the real `Matcher` (prefilter,
/// entropy, placeholder filter and all) built from the complete rule set.
///
/// It lives in RadarMatch, not RadarRules, because running examples needs the matcher and
/// RadarRules may not import RadarMatch (docs/rule-checking.md).
public struct RuleChecker: Sendable {
    /// The outcome of a check.
    public struct Report: Sendable {
        /// Problems that make the rule set unfit to ship; `rules check` exits non-zero on any.
        public var problems: [RuleProblem] = []
        /// Facts worth knowing that do not fail the check (a rule PCRE2 must run on every blob).
        public var warnings: [RuleProblem] = []
        /// Rules checked.
        public var ruleCount = 0
        /// Services the rules cover: distinct providers (the part of an id before its first dot),
        /// not counting the catch-all `generic` rules and the `decode` rules.
        public var serviceCount = 0
        /// Examples and negative examples run.
        public var exampleCount = 0
        /// True when there are no problems.
        public var passed: Bool { problems.isEmpty }
    }

    public init() {}

    /// Checks `rules` as a set.
    public func check(_ rules: [Rule]) -> Report {
        var report = Report()
        report.ruleCount = rules.count
        report.serviceCount =
            Set(rules.compactMap { $0.id.split(separator: ".").first.map(String.init) }).subtracting(["generic", "decode"]).count
        report.problems = RuleSetValidator.problems(in: rules)
        // Compile each rule alone first so every broken pattern is named, not just the first.
        var compilable: [Rule] = []
        for rule in rules {
            do {
                let pattern = try PCRE2Pattern(pattern: rule.pattern, ruleID: rule.id)
                let state = try PCRE2MatchState(maxCaptures: pattern.captureCount)
                let empty: [UInt8] = [0x0a]
                if let m = empty.withUnsafeBufferPointer({ pattern.nextMatch(in: $0.baseAddress!, count: 0, from: 0, state: state) }),
                    m.whole.isEmpty
                {
                    report.problems.append(RuleProblem(ruleID: rule.id, origin: rule.origin, message: "pattern matches an empty string"))
                    continue
                }
                compilable.append(rule)
            } catch {
                report.problems.append(RuleProblem(ruleID: rule.id, origin: rule.origin, message: error.description))
            }
        }
        let matcher: Matcher
        do {
            matcher = try Matcher(rules: compilable)
        } catch {
            report.problems.append(RuleProblem(ruleID: "(rule set)", origin: nil, message: error.description))
            return report
        }
        let scratch: MatcherScratch
        do { scratch = try matcher.makeScratch() } catch {
            report.problems.append(RuleProblem(ruleID: "(rule set)", origin: nil, message: error.description))
            return report
        }
        for (index, rule) in matcher.rules.enumerated() {
            let mode = matcher.prefilterDescription(ruleIndex: index)
            if mode.hasPrefix("pcre2-only") {
                report.warnings.append(
                    RuleProblem(
                        ruleID: rule.id, origin: rule.origin,
                        message: "vectorscan cannot take this pattern (\(mode)); PCRE2 runs it on every blob"))
            }
            let path = Self.examplePath(rule)
            for example in rule.examples {
                report.exampleCount += 1
                let matches = matcher.scan(Array(example.text.utf8), scratch: scratch, path: path).filter { Self.isOf(rule, $0) }
                let at = example.origin ?? rule.origin
                if matches.isEmpty {
                    report.problems.append(
                        RuleProblem(ruleID: rule.id, origin: at, message: "example does not match: \(Self.quote(example.text))"))
                } else if let expected = example.secret, !matches.contains(where: { $0.secret == Array(expected.utf8) }) {
                    let got = matches.map { Self.quote(String(decoding: $0.secret, as: UTF8.self)) }.joined(separator: ", ")
                    report.problems.append(
                        RuleProblem(ruleID: rule.id, origin: at, message: "example captures \(got), expected \(Self.quote(expected))"))
                } else if let padding = Self.paddings.first(where: { padding in
                    !matcher.scan(Array((padding + example.text).utf8), scratch: scratch, path: path).contains { Self.isOf(rule, $0) }
                }) {
                    // vectorscan 5.4 misses some exact patterns (an alternation, then a bounded repeat
                    // that matches nothing, then a literal) once the match starts past the first bytes
                    // of a buffer; an example that only matches at the start proves nothing.
                    report.problems.append(
                        RuleProblem(
                            ruleID: rule.id, origin: at,
                            message:
                                "example matches at the start of a blob but not after \(padding.utf8.count) bytes of other text (a vectorscan miss: see docs/matching.md): \(Self.quote(example.text))"
                        ))
                }
            }
            for negative in rule.negativeExamples {
                report.exampleCount += 1
                let matches = matcher.scan(Array(negative.utf8), scratch: scratch, path: path).filter { Self.isOf(rule, $0) }
                if let first = matches.first {
                    report.problems.append(
                        RuleProblem(
                            ruleID: rule.id, origin: rule.origin,
                            message:
                                "negative example matches (captures \(Self.quote(String(decoding: first.secret, as: UTF8.self)))): \(Self.quote(negative))"
                        ))
                }
            }
        }
        return report
    }

    /// Text put before every example to prove it also matches further into a blob.
    static let paddings = [
        String(repeating: "\n", count: 17), "# notes\n" + String(repeating: "x = 1\n", count: 12), String(repeating: " ", count: 70) + "\n",
    ]

    /// The path a rule's examples are matched at: nil for a rule that runs everywhere, else a file
    /// name its first glob matches (`*` read as `example`, `?` as `x`), so that examples and
    /// negatives of a `.pgpass` rule are read as the `.pgpass` file they stand for.
    static func examplePath(_ rule: Rule) -> String? {
        guard let glob = rule.filenames.first else { return nil }
        return "examples/" + glob.replacingOccurrences(of: "*", with: "example").replacingOccurrences(of: "?", with: "x")
    }

    /// A match counts for `rule`: its own, or for a decoder rule (which reports nothing itself),
    /// any secret found in text it decoded, whose pinned `secret` is then the decoded one.
    static func isOf(_ rule: Rule, _ match: Match) -> Bool {
        guard let decoding = rule.decode else { return match.ruleID == rule.id }
        return match.decoded?.hasPrefix(decoding.rawValue) ?? false
    }

    static func quote(_ s: String) -> String {
        let flat = s.replacingOccurrences(of: "\n", with: "\\n")
        return "`" + (flat.count > 120 ? String(flat.prefix(117)) + "..." : flat) + "`"
    }
}
