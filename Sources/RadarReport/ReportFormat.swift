import Foundation
import RadarModel

/// Output formats of `scan` and `report`. The machine formats added for people's tools (SARIF,
/// GitLab secret detection, CSV, HTML) never carry a plaintext secret, even with `--show-secrets`:
/// they are uploaded, attached and mailed around.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, json, jsonl, sarif, gitlab, csv, html

    /// Formats that may show a plaintext secret when the user asked for it.
    public var mayShowSecrets: Bool { self == .text || self == .json || self == .jsonl }
}

/// What reports need besides the findings: the tool's version, the rules (descriptions, help),
/// and the scan's times (GitLab requires them; HTML shows them).
public struct ReportContext: Sendable {
    public var toolVersion: String
    /// The rules of the scan; a finding whose rule is missing here is described by its id.
    public var rules: [Rule]
    public var start: Date
    public var end: Date
    /// What the report is about, for the HTML title (a repository, a directory, a store source).
    public var title: String

    public init(toolVersion: String, rules: [Rule] = [], start: Date = Date(), end: Date = Date(), title: String = "secretradar report") {
        self.toolVersion = toolVersion
        self.rules = rules
        self.start = start
        self.end = end
        self.title = title
    }

    /// The rule with this id, if the context has it.
    func rule(_ id: String) -> Rule? { rulesByID[id] }

    private var rulesByID: [String: Rule] { Dictionary(rules.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }) }
}
