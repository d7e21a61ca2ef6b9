import Foundation
import RadarModel

/// One row per place, for the migration team's spreadsheet (RFC 4180, CRLF). The columns follow
/// what HCP Vault Radar users know; `value_hash` is the finding id (a keyed hash, never the
/// secret) and `redacted_context` the redacted preview.
enum CSVReport {
    static let columns = [
        "category", "rule", "description", "severity", "created_at", "author", "is_historic", "repository", "path", "line", "column",
        "commit", "git_reference", "value_hash", "redacted_context", "tags", "triage_status", "baseline",
    ]

    static func render(_ findings: [Finding], context: ReportContext) -> Data {
        var rows = [columns]
        for f in findings {
            let rule = context.rule(f.rule)
            let category = rule?.categories.first ?? f.rule.split(separator: ".").first.map(String.init) ?? "secret"
            let description = rule.map { $0.description.isEmpty ? $0.name : $0.description } ?? f.ruleName
            for l in f.locations {
                let author = [l.author, l.email.map { "<\($0)>" }].compactMap { $0 }.joined(separator: " ")
                rows.append([
                    category, f.rule, description, f.severity.rawValue, l.date ?? "", author,
                    l.inLatest.map { $0 ? "false" : "true" } ?? "false", l.repository ?? "", l.path, String(l.line), String(l.column),
                    l.commit ?? "", l.inLatest == true ? "HEAD" : "", f.id, f.secretRedacted, f.tags.joined(separator: ";"),
                    (f.status ?? .new).rawValue, f.baseline?.rawValue ?? "",
                ])
            }
        }
        return Data(CSV.document(rows).utf8)
    }
}
