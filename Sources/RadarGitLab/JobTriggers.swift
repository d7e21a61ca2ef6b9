import Foundation
import Yams

/// What starts a job, read from its `rules:` and `only:`: which refs (branches, tags) and which
/// pipeline sources. A Vault role must accept exactly the ID tokens such pipelines carry, or the
/// job fails on the day of the move (a deploy on protected `v*` tags, a scheduled run).
public struct JobTriggers: Sendable, Hashable {
    /// Branch names the job is limited to (empty: the plan's default for the environment).
    public var branches: Set<String> = []
    /// Whether the job runs for tags.
    public var tags = false
    /// Tag name globs (`v*` from `$CI_COMMIT_TAG =~ /^v/`); empty with `tags`: any tag.
    public var tagGlobs: Set<String> = []
    /// Pipeline sources besides `push` (`schedule`, `web`, `trigger`, `api`, `pipeline`, ...).
    public var sources: Set<String> = []

    public init() {}

    /// Read from a resolved job.
    static func of(_ job: Node.Mapping) -> JobTriggers {
        var t = JobTriggers()
        var onlyValues: [String] = []
        if let only = job["only"] {
            onlyValues = (only.sequence.map(Array.init) ?? only.mapping?["refs"]?.sequence.map(Array.init) ?? [only]).compactMap(\.string)
        }
        for value in onlyValues {
            switch value {
            case "tags": t.tags = true
            case "branches": break
            case "schedules": t.sources.insert("schedule")
            case "web", "api", "pipelines", "triggers", "merge_requests", "external", "chat":
                t.sources.insert(
                    ["pipelines": "pipeline", "triggers": "trigger", "merge_requests": "merge_request_event"][value] ?? value)
            default:
                if !value.hasPrefix("/") { t.branches.insert(value) }
            }
        }
        for rule in job["rules"]?.sequence.map(Array.init) ?? [] {
            guard let condition = rule.mapping?["if"]?.string, rule.mapping?["when"]?.string != "never" else { continue }
            read(condition, into: &t)
        }
        return t
    }

    /// One `rules: if:` expression: comparisons of `$CI_COMMIT_TAG`, `$CI_PIPELINE_SOURCE`,
    /// `$CI_COMMIT_BRANCH` and `$CI_COMMIT_REF_NAME` (the usual shapes; anything else adds nothing).
    static func read(_ condition: String, into t: inout JobTriggers) {
        func matches(_ pattern: String) -> [[String]] {
            let regex = try! NSRegularExpression(pattern: pattern)
            return regex.matches(in: condition, range: NSRange(condition.startIndex..., in: condition)).map { m in
                (1..<m.numberOfRanges).map { i in Range(m.range(at: i), in: condition).map { String(condition[$0]) } ?? "" }
            }
        }
        for m in matches(#"\$CI_PIPELINE_SOURCE\s*==\s*["']([a-z_]+)["']"#) where m[0] != "push" { t.sources.insert(m[0]) }
        for m in matches(#"\$CI_COMMIT_(?:BRANCH|REF_NAME)\s*==\s*["']([^"']+)["']"#) { t.branches.insert(m[0]) }
        if condition.contains("$CI_COMMIT_TAG") {
            t.tags = true
            // `=~ /^v/`, `=~ /^v\d+/`: a literal prefix becomes the glob `v*`.
            for m in matches(#"\$CI_COMMIT_TAG\s*=~\s*/\^([A-Za-z0-9._-]+)"#) { t.tagGlobs.insert(m[0] + "*") }
        }
    }

    /// Several jobs' triggers together (the jobs of one environment share its role).
    mutating func formUnion(_ other: JobTriggers) {
        branches.formUnion(other.branches)
        tags = tags || other.tags
        tagGlobs.formUnion(other.tagGlobs)
        sources.formUnion(other.sources)
    }
}
