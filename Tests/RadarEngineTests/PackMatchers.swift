import RadarMatch
import RadarRules
import RadarTestSupport

/// The shipped rule pack compiled for the git scan tests.
enum PackMatchers {
    /// In the split (incremental) form git scans use.
    static let incremental: Matcher = {
        let rules = try! RuleLoader.load(path: GitFixture.root.appendingPathComponent("patterns").path)
        return try! Matcher(rules: rules, options: MatcherOptions(incremental: true))
    }()

    /// One database (whole-blob matching only).
    static let whole: Matcher = {
        let rules = try! RuleLoader.load(path: GitFixture.root.appendingPathComponent("patterns").path)
        return try! Matcher(rules: rules)
    }()
}
