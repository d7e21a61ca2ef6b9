import Foundation
import RadarModel

/// Renders findings and a summary to bytes. Values in, bytes out: no I/O, no matching.
///
/// The JSON shape is a published interface (README.md): later versions add keys, never rename or
/// remove them. The plaintext `secret` key appears only when the findings carry it, i.e. when the
/// user passed `--show-secrets`.
public enum ReportRenderer: SecretRevealing {
    /// Renders in `format`.
    public static func render(
        findings: [Finding], summary: ScanSummary, format: ReportFormat, color: Bool = false, ci: [CIFinding] = [],
        context: ReportContext = ReportContext(toolVersion: "unknown"), skipped: [SkippedInput] = []
    ) -> Data {
        // A plaintext secret reaches only the renderers that are `SecretRevealing` (text and JSON):
        // the others cannot read it, so nothing is stripped here.
        switch format {
        case .sarif: return SARIFReport.render(findings, context: context)
        case .gitlab: return GitLabSecretDetectionReport.render(findings, context: context)
        case .csv: return CSVReport.render(findings, context: context)
        case .html: return HTMLReport.render(findings, summary: summary, context: context)
        case .json: return json(findings: findings, summary: summary, ci: ci, skipped: skipped)
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

    /// A human summary: one block per finding, locations indented, then a summary line.
    public static func text(findings: [Finding], summary: ScanSummary, color: Bool) -> String {
        var out = ""
        for f in findings {
            let severity = "[\(f.severity.rawValue)]"
            let shown =
                f.secret.map { "secret " + TerminalText.escaped($0.reveal(to: ReportRenderer.self)) } ?? TerminalText.line(f.secretRedacted)
            var status = f.status.map { "  [\($0.rawValue)]" } ?? ""
            if let b = f.baseline { status += "  [baseline: \(b == .newLocation ? "new location" : b.rawValue)]" }
            if let v = f.vaultPath { status += "  [stored in Vault: \(TerminalText.line(v)); rotate it]" }
            out += "\(color ? paint(severity, f.severity) : severity) \(f.rule)  \(f.ruleName)  \(shown)  id \(f.id.prefix(12))\(status)\n"
            for l in f.locations { out += "    " + locationLine(l, showRepository: (summary.git?.repositories ?? 0) > 1) + "\n" }
        }
        out += summaryLine(summary) + "\n"
        return out
    }

    /// `path:line:col`, and for git scans `  commit date author <email>  latest|history`.
    static func locationLine(_ l: Location, showRepository: Bool) -> String {
        // Paths, authors and repositories come from the scanned input: escaped (TerminalText).
        var line = "\(TerminalText.line(l.path)):\(l.line):\(l.column)"
        if showRepository, let repository = l.repository { line = TerminalText.line(repository) + ": " + line }
        if let commit = l.commit {
            line += "  \(commit.prefix(12)) \(l.date.map { String($0.prefix(10)) } ?? "")"
            if let author = l.author { line += " \(TerminalText.line(author))" }
            if let email = l.email { line += " <\(TerminalText.line(email))>" }
        }
        if let inLatest = l.inLatest { line += inLatest ? "  latest" : "  history" }
        if let decoded = l.decoded { line += "  (decoded: \(TerminalText.line(decoded)))" }
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
