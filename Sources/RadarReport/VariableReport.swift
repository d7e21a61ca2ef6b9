import Foundation
import RadarModel

/// Formats of `gitlab variables`.
public enum VariableReportFormat: String, Sendable, CaseIterable {
    case text, json, csv
}

/// Renders CI/CD variable assessments. Values are never shown: only the redacted preview and the
/// keyed hash.
public enum VariableReportRenderer {
    public static func render(_ list: [VariableAssessment], format: VariableReportFormat) -> Data {
        switch format {
        case .json: return ReportRenderer.json(Document(version: 1, variables: list, summary: Summary(list)))
        case .csv: return Data(csv(list).utf8)
        case .text: return Data(text(list).utf8)
        }
    }

    struct Document: Encodable {
        var version: Int
        var variables: [VariableAssessment]
        var summary: Summary
    }

    struct Summary: Encodable {
        var variables, secrets, notSecrets, cannotScan, placeholders, flagged: Int
        init(_ list: [VariableAssessment]) {
            variables = list.count
            secrets = list.filter { $0.kind == .secret }.count
            placeholders = list.filter { $0.kind == .placeholder }.count
            notSecrets = list.filter { $0.kind == .notSecret }.count
            cannotScan = list.filter { $0.kind == .cannotScan }.count
            flagged = list.filter { !$0.flags.isEmpty }.count
        }
    }

    static func text(_ list: [VariableAssessment]) -> String {
        var out = ""
        for kind in [VariableAssessment.Kind.secret, .placeholder, .cannotScan, .notSecret] {
            let group = list.filter { $0.kind == kind }
            guard !group.isEmpty else { continue }
            out +=
                [
                    "secret": "Secrets — move into Vault:", "cannot_scan": "Cannot be scanned — check by hand:",
                    "placeholder": "Placeholders where a credential belongs — set the real value (not moved, not safe):",
                    "not_secret": "Not secrets:",
                ][
                    kind.rawValue]! + "\n"
            for a in group {
                var line = "  \(a.owner)  \(a.key)  scope \(a.environmentScope)  \(a.variableType)"
                if let v = a.valueRedacted { line += "  \(v)" }
                line += "  [\(a.reason)]  \(a.file):\(a.line)"
                out += TerminalText.line(line) + "\n"
                for f in a.flags { out += "      - \(TerminalText.line(f))\n" }
            }
        }
        let s = Summary(list)
        out +=
            "\(s.variables) variables: \(s.secrets) secrets, \(s.placeholders) placeholders, \(s.cannotScan) cannot be scanned, \(s.notSecrets) not secrets; \(s.flagged) flagged\n"
        return out
    }

    /// RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break.
    static func csv(_ list: [VariableAssessment]) -> String {
        var rows = [
            [
                "owner", "key", "environment_scope", "variable_type", "classification", "reason", "flags", "value_redacted", "value_hash",
                "file", "line",
            ]
        ]
        for a in list {
            rows.append([
                a.owner, a.key, a.environmentScope, a.variableType, a.kind.rawValue, a.reason, a.flags.joined(separator: "; "),
                a.valueRedacted ?? "", a.valueHash ?? "", a.file, String(a.line),
            ])
        }
        return CSV.document(rows)
    }
}

/// RFC 4180 text, shared by the CSV reports.
enum CSV {
    /// Rows joined by CRLF; a field is quoted when it holds a comma, quote or line break, quotes
    /// doubled. A field a spreadsheet would run as a formula (`=`, `+`, `@`, `-x`, tab, CR first) gets
    /// a leading `'`: paths and names in a report come from the scanned repository, not from us.
    static func document(_ rows: [[String]]) -> String {
        rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func field(_ raw: String) -> String {
        var s = raw
        if let first = s.first, "=+@\t\r".contains(first) || (first == "-" && s.count > 1) { s = "'" + s }
        return s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
