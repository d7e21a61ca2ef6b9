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

/// Renders findings and a summary to bytes. Values in, bytes out: no I/O, no matching.
///
/// The JSON shape is a published interface (README.md): later versions add keys, never rename or
/// remove them. The plaintext `secret` key appears only when the findings carry it, i.e. when the
/// user passed `--show-secrets`.
public enum ReportRenderer {
    /// Renders in `format`.
    public static func render(
        findings: [Finding], summary: ScanSummary, format: ReportFormat, color: Bool = false, ci: [CIFinding] = [],
        context: ReportContext = ReportContext(toolVersion: "unknown")
    ) -> Data {
        let findings =
            format.mayShowSecrets
            ? findings
            : findings.map { f in
                var f = f
                f.secret = nil
                return f
            }
        switch format {
        case .sarif: return SARIFReport.render(findings, context: context)
        case .gitlab: return GitLabSecretDetectionReport.render(findings, context: context)
        case .csv: return CSVReport.render(findings, context: context)
        case .html: return HTMLReport.render(findings, summary: summary, context: context)
        case .json: return json(findings: findings, summary: summary, ci: ci)
        case .jsonl:
            return jsonl(findings: findings, summary: summary)
                + ci.reduce(into: Data()) { data, f in data.append(json(["gitlab_ci": f]).filter { $0 != 0x0a } + [0x0a]) }
        case .text:
            return Data(text(findings: findings, summary: summary, color: color).utf8)
                + (ci.isEmpty ? Data() : CIReportRenderer.render(ci, format: .text))
        }
    }

    /// Findings without a scan summary (`findings list`): text blocks, `{"version", "findings"}`, or one per line.
    public static func list(_ findings: [Finding], format: ReportFormat, context: ReportContext = ReportContext(toolVersion: "unknown"))
        -> Data
    {
        switch format {
        case .sarif, .gitlab, .csv, .html:
            return render(findings: findings, summary: ScanSummary(findings: findings.count), format: format, context: context)
        case .text:
            var text = ReportRenderer.text(findings: findings, summary: ScanSummary(findings: findings.count), color: false)
            if let last = text.dropLast().lastIndex(of: "\n") { text = String(text[...last]) } else { text = "" }
            return Data((text + "\(findings.count) finding\(findings.count == 1 ? "" : "s")\n").utf8)
        case .json:
            struct Document: Encodable {
                var version: Int
                var findings: [JSONFinding]
            }
            var data = (try? encoder(pretty: true).encode(Document(version: 1, findings: findings.map(JSONFinding.init)))) ?? Data()
            data.append(0x0a)
            return data
        case .jsonl:
            var data = Data()
            for f in findings {
                data.append((try? encoder(pretty: false).encode(JSONFinding(f))) ?? Data())
                data.append(0x0a)
            }
            return data
        }
    }

    /// One finding with its triage history (`findings show`).
    public static func show(_ finding: Finding, history: [TriageEvent], format: ReportFormat) -> Data {
        if format != .text {
            struct Document: Encodable {
                var version: Int
                var finding: JSONFinding
                var history: [TriageEvent]
            }
            var data = (try? encoder(pretty: true).encode(Document(version: 1, finding: JSONFinding(finding), history: history))) ?? Data()
            data.append(0x0a)
            return data
        }
        var text = "id        \(finding.id)\nrule      \(finding.rule)  \(finding.ruleName)\nseverity  \(finding.severity.rawValue)\n"
        text +=
            "secret    \(finding.secretRedacted)\nstatus    \(finding.status?.rawValue ?? "new")\nlocations \(finding.locations.count)\n"
        for l in finding.locations { text += "    " + locationLine(l, showRepository: l.repository != nil) + "\n" }
        text += history.isEmpty ? "no triage yet\n" : "history\n"
        for e in history { text += "    \(e.at)  \(e.status.rawValue)  \(e.actor)\(e.comment.map { "  \($0)" } ?? "")\n" }
        return Data(text.utf8)
    }

    /// Any encodable value as pretty JSON (store listings).
    public static func json<T: Encodable>(_ value: T) -> Data {
        let e = encoder(pretty: true)
        e.keyEncodingStrategy = .convertToSnakeCase
        var data = (try? e.encode(value)) ?? Data()
        data.append(0x0a)
        return data
    }

    /// A JSON object tree as pretty, key-sorted bytes (stable for golden files), newline-terminated.
    static func canonicalJSON(_ object: Any) -> Data {
        var data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        data.append(0x0a)
        return data
    }

    static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// `{"version": 1, "findings": [...], "summary": {...}}`, pretty-printed with sorted keys. The
    /// findings (the bulk) and the summary are written by `JSONText`, CI problems by `JSONEncoder`;
    /// the bytes are those of `JSONDocument` through `JSONEncoder` (tested).
    public static func json(findings: [Finding], summary: ScanSummary, ci: [CIFinding] = []) -> Data {
        let document = JSONText.members([
            ("version", .int(1)),
            ("findings", .written(JSONFinding.writeArray(findings.map(JSONFinding.init), pretty: true, depth: 1))),
            ("summary", JSONSummary(summary).text),
            ("gitlab_ci", ci.isEmpty ? nil : encoded(ci, encoder(pretty: true))),
        ])
        var data = Data(document.bytes(pretty: true))
        data.append(0x0a)
        return data
    }

    /// One finding object per line, then one `{"summary": {...}}` line.
    public static func jsonl(findings: [Finding], summary: ScanSummary) -> Data {
        var data = Data()
        for f in findings {
            var line: [UInt8] = []
            JSONFinding(f).write(into: &line, pretty: false, depth: 0)
            data.append(contentsOf: line)
            data.append(0x0a)
        }
        data.append(contentsOf: JSONText.object([("summary", JSONSummary(summary).text)]).bytes(pretty: false))
        data.append(0x0a)
        return data
    }

    static func encoded<T: Encodable>(_ value: T, _ encoder: JSONEncoder) -> JSONText {
        .encoded((try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null")
    }

    /// A human summary: one block per finding, locations indented, then a summary line.
    public static func text(findings: [Finding], summary: ScanSummary, color: Bool) -> String {
        var out = ""
        for f in findings {
            let severity = "[\(f.severity.rawValue)]"
            let shown = f.secret.map { "secret \($0)" } ?? f.secretRedacted
            var status = f.status.map { "  [\($0.rawValue)]" } ?? ""
            if let b = f.baseline { status += "  [baseline: \(b == .newLocation ? "new location" : b.rawValue)]" }
            out += "\(color ? paint(severity, f.severity) : severity) \(f.rule)  \(f.ruleName)  \(shown)  id \(f.id.prefix(12))\(status)\n"
            for l in f.locations { out += "    " + locationLine(l, showRepository: (summary.git?.repositories ?? 0) > 1) + "\n" }
        }
        out += summaryLine(summary) + "\n"
        return out
    }

    /// `path:line:col`, and for git scans `  commit date author <email>  latest|history`.
    static func locationLine(_ l: Location, showRepository: Bool) -> String {
        var line = "\(l.path):\(l.line):\(l.column)"
        if showRepository, let repository = l.repository { line = repository + ": " + line }
        if let commit = l.commit {
            line += "  \(commit.prefix(12)) \(l.date.map { String($0.prefix(10)) } ?? "")"
            if let author = l.author { line += " \(author)" }
            if let email = l.email { line += " <\(email)>" }
        }
        if let inLatest = l.inLatest { line += inLatest ? "  latest" : "  history" }
        if let decoded = l.decoded { line += "  (decoded: \(decoded))" }
        return line
    }

    /// `12 files, 34.5 KiB scanned; skipped 1 binary, 0 over size limit, 0 unreadable; 5 findings`;
    /// git scans count blobs and name commits, refs and the entries they pass over.
    public static func summaryLine(_ s: ScanSummary) -> String {
        guard let b = s.baseline else { return countsLine(s) }
        return countsLine(s) + "; against the baseline: \(b.new) new, \(b.newLocation) in new locations, \(b.known) known"
            + (b.hidden > 0 ? " (\(b.hidden) not shown; --show-known lists them)" : "")
    }

    static func countsLine(_ s: ScanSummary) -> String {
        guard let g = s.git else {
            return "\(s.files) file\(s.files == 1 ? "" : "s"), \(byteCount(s.bytes)) scanned; skipped \(s.skippedBinary) binary, "
                + "\(s.skippedLarge) over size limit, \(s.unreadable) unreadable"
                + (s.incomplete > 0 ? ", \(s.incomplete) stopped early" : "")
                + "; \(s.findings) finding\(s.findings == 1 ? "" : "s")"
        }
        return "\(g.repositories) repositor\(g.repositories == 1 ? "y" : "ies"), \(g.commits) commits, \(g.refs) refs; "
            + "\(s.files) blob\(s.files == 1 ? "" : "s"), \(byteCount(s.bytes)) scanned"
            + (g.knownBlobs > 0 ? " (\(g.knownBlobs) already scanned)" : "") + "; skipped \(s.skippedBinary) binary, "
            + "\(s.skippedLarge) over size limit, \(g.skippedLFS) LFS pointers, \(g.skippedSymlinks) symlinks, "
            + "\(g.skippedSubmodules) submodules; \(g.missingObjects) unreadable objects"
            + (s.incomplete > 0 ? ", \(s.incomplete) stopped early" : "")
            + "; \(s.findings) finding\(s.findings == 1 ? "" : "s")"
    }

    static func byteCount(_ n: Int) -> String {
        if n < 1024 { return "\(n) B" }
        if n < 1024 * 1024 { return String(format: "%.1f KiB", Double(n) / 1024) }
        return String(format: "%.1f MiB", Double(n) / 1_048_576)
    }

    static func paint(_ s: String, _ severity: Severity) -> String {
        let code: String
        switch severity {
        case .critical, .high: code = "31"
        case .medium: code = "33"
        case .low, .info: code = "36"
        }
        return "\u{1B}[\(code)m\(s)\u{1B}[0m"
    }
}

struct JSONDocument: Encodable {
    var version: Int
    var findings: [JSONFinding]
    var summary: JSONSummary
    /// Problems of the `.gitlab-ci.yml` files met, when there are any.
    var gitlabCI: [CIFinding]?

    enum CodingKeys: String, CodingKey {
        case version, findings, summary
        case gitlabCI = "gitlab_ci"
    }
}

struct JSONFinding: Encodable {
    var id, rule, ruleName, severity, confidence, secretRedacted: String
    var secret: String?
    var entropy: Double
    var locations: [Location]
    var status: String?
    var baseline: String?
    var tags: [String]

    init(_ f: Finding) {
        tags = f.tags
        status = f.status?.rawValue
        baseline = f.baseline?.rawValue
        id = f.id
        rule = f.rule
        ruleName = f.ruleName
        severity = f.severity.rawValue
        confidence = f.confidence.rawValue
        secretRedacted = f.secretRedacted
        secret = f.secret
        entropy = f.entropy
        locations = f.locations
    }

    enum CodingKeys: String, CodingKey {
        case id, rule, severity, confidence, secret, entropy, locations, status, baseline, tags
        case ruleName = "rule_name"
        case secretRedacted = "secret_redacted"
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(rule, forKey: .rule)
        try c.encode(ruleName, forKey: .ruleName)
        try c.encode(severity, forKey: .severity)
        try c.encode(confidence, forKey: .confidence)
        try c.encode(secretRedacted, forKey: .secretRedacted)
        try c.encodeIfPresent(secret, forKey: .secret)
        try c.encode(entropy, forKey: .entropy)
        try c.encode(locations, forKey: .locations)
        try c.encodeIfPresent(status, forKey: .status)
        try c.encodeIfPresent(baseline, forKey: .baseline)
        if !tags.isEmpty { try c.encode(tags, forKey: .tags) }
    }
}

extension JSONFinding {
    /// The members of `encode(to:)`, in key order, written straight into `out`.
    func write(into out: inout [UInt8], pretty: Bool, depth: Int) {
        var o = JSONMembers(taking: &out, pretty: pretty, depth: depth)
        o.string("baseline", baseline)
        o.string("confidence", confidence)
        o.key("entropy")
        o.out.append(contentsOf: JSONText.double(entropy).bytes(pretty: pretty))
        o.string("id", id)
        o.array("locations", locations) { location, out, depth in location.writeJSON(into: &out, pretty: pretty, depth: depth) }
        o.string("rule", rule)
        o.string("rule_name", ruleName)
        o.string("secret", secret)
        o.string("secret_redacted", secretRedacted)
        o.string("severity", severity)
        o.string("status", status)
        if !tags.isEmpty { o.array("tags", tags) { tag, out, _ in JSONText.quote(tag, into: &out) } }
        out = o.finish()
    }

    /// `[finding, ...]` with the array at `depth`.
    static func writeArray(_ findings: [JSONFinding], pretty: Bool, depth: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024 + findings.reduce(0) { $0 + 400 * $1.locations.count })
        JSONText.writeArray(findings, into: &out, pretty: pretty, depth: depth) { f, out, depth in
            f.write(into: &out, pretty: pretty, depth: depth)
        }
        return out
    }
}

extension Location {
    /// The members `Location`'s synthesized `Encodable` writes, in key order, straight into `out`.
    func writeJSON(into out: inout [UInt8], pretty: Bool, depth: Int) {
        var o = JSONMembers(taking: &out, pretty: pretty, depth: depth)
        o.string("author", author)
        o.string("blob", blob)
        o.int("column", column)
        o.string("commit", commit)
        o.string("date", date)
        o.string("decoded", decoded)
        o.string("email", email)
        o.bool("ignored", ignored)
        o.bool("in_latest", inLatest)
        o.int("line", line)
        o.string("path", path)
        o.string("repository", repository)
        out = o.finish()
    }
}

extension JSONSummary {
    /// The members of `encode(to:)`, for `JSONText`.
    var text: JSONText {
        .members([
            (
                "baseline",
                baseline.map { b in
                    .object([
                        ("hidden", .int(b.hidden)), ("known", .int(b.known)), ("new", .int(b.new)), ("new_location", .int(b.newLocation)),
                    ])
                }
            ),
            ("bytes", .int(bytes)), ("files", .int(files)), ("findings", .int(findings)),
            (
                "git",
                git.map { g in
                    .object([
                        ("commits", .int(g.commits)), ("known_blobs", .int(g.knownBlobs)), ("missing_objects", .int(g.missingObjects)),
                        ("refs", .int(g.refs)), ("repositories", .int(g.repositories)), ("skipped_lfs", .int(g.skippedLFS)),
                        ("skipped_submodules", .int(g.skippedSubmodules)), ("skipped_symlinks", .int(g.skippedSymlinks)),
                    ])
                }
            ),
            ("incomplete", .int(incomplete)), ("skipped_binary", .int(skippedBinary)), ("skipped_large", .int(skippedLarge)),
            ("unreadable", .int(unreadable)),
        ])
    }
}

struct JSONSummary: Encodable {
    var files, bytes, skippedBinary, skippedLarge, unreadable, incomplete, findings: Int
    /// Git scans only: commits, refs and the entries passed over.
    var git: GitScanCounts?
    /// Scans with `--baseline` only: new, new-location, known and hidden counts.
    var baseline: BaselineCounts?

    init(_ s: ScanSummary) {
        baseline = s.baseline
        files = s.files
        bytes = s.bytes
        skippedBinary = s.skippedBinary
        skippedLarge = s.skippedLarge
        unreadable = s.unreadable
        incomplete = s.incomplete
        findings = s.findings
        git = s.git
    }

    enum CodingKeys: String, CodingKey {
        case files, bytes, unreadable, incomplete, findings, git, baseline
        case skippedBinary = "skipped_binary"
        case skippedLarge = "skipped_large"
    }
}
