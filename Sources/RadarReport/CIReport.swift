import Foundation
import RadarModel

/// Renders `gitlab ci` findings: text lines or JSON. Secrets appear redacted only.
public enum CIReportRenderer {
    public static func render(_ findings: [CIFinding], format: ReportFormat) -> Data {
        switch format {
        case .json, .sarif, .gitlab, .csv, .html:
            // `gitlab ci` offers text, json and jsonl; anything else gets the JSON document.
            struct Document: Encodable {
                var version: Int
                var findings: [CIFinding]
            }
            return ReportRenderer.json(Document(version: 1, findings: findings))
        case .jsonl:
            var data = Data()
            for f in findings { data.append(ReportRenderer.json(f).filter { $0 != 0x0a } + [0x0a]) }
            return data
        case .text:
            var out = ""
            for f in findings {
                var line = "\(f.file):\(f.line)  \(f.kind.rawValue)  \(f.job.map { "[\($0)] " } ?? "")\(f.message)"
                if let s = f.secretRedacted { line += "  \(s)" }
                out += TerminalText.line(line) + "\n"
            }
            let problems = findings.filter { !$0.isInformational }.count
            out +=
                "\(problems) problem\(problems == 1 ? "" : "s"), \(findings.count - problems) note\(findings.count - problems == 1 ? "" : "s")\n"
            return Data(out.utf8)
        }
    }
}
