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
            for example in rule.examples {
                report.exampleCount += 1
                let matches = matcher.scan(Array(example.text.utf8), scratch: scratch).filter { $0.ruleID == rule.id }
                let at = example.origin ?? rule.origin
                if matches.isEmpty {
                    report.problems.append(
                        RuleProblem(ruleID: rule.id, origin: at, message: "example does not match: \(Self.quote(example.text))"))
                } else if let expected = example.secret, !matches.contains(where: { $0.secret == Array(expected.utf8) }) {
                    let got = matches.map { Self.quote(String(decoding: $0.secret, as: UTF8.self)) }.joined(separator: ", ")
                    report.problems.append(
                        RuleProblem(ruleID: rule.id, origin: at, message: "example captures \(got), expected \(Self.quote(expected))"))
                }
            }
            for negative in rule.negativeExamples {
                report.exampleCount += 1
                let matches = matcher.scan(Array(negative.utf8), scratch: scratch).filter { $0.ruleID == rule.id }
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

    static func quote(_ s: String) -> String {
        let flat = s.replacingOccurrences(of: "\n", with: "\\n")
        return "`" + (flat.count > 120 ? String(flat.prefix(117)) + "..." : flat) + "`"
    }
}
