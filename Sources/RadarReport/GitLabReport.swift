import Foundation
import RadarModel

/// A GitLab Secret Detection report (schema 15.0.0; ../shared/FORMATS.md) for
/// `artifacts: reports: secret_detection:`. One vulnerability per place (GitLab's location is one
/// file and line), each with the finding id as its primary identifier so GitLab tracks a secret
/// across pipelines. Unlike GitLab's own analyzer, no plaintext secret anywhere: no
/// `raw_source_code_extract`, and descriptions carry only the redacted preview.
enum GitLabSecretDetectionReport {
    static let version = "15.0.0"
    static let schema =
        "https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v15.0.0/dist/secret-detection-report-format.json"
    /// The sha of a working-tree location (the schema requires one; there is no commit).
    static let placeholderCommit = "0000000000000000000000000000000000000000"

    static func severity(_ s: Severity) -> String {
        switch s {
        case .critical: "Critical"
        case .high: "High"
        case .medium: "Medium"
        case .low: "Low"
        case .info: "Info"
        }
    }

    /// `yyyy-mm-ddThh:mm:ss` in UTC, no zone: GitLab's format for scan times.
    static func time(_ date: Date) -> String { CivilTime.local(Int64(date.timeIntervalSince1970.rounded(.down))) }

    static func render(_ findings: [Finding], context: ReportContext) -> Data {
        let tool: [String: Any] = [
            "id": "secretradar", "name": "secretradar", "version": context.toolVersion, "vendor": ["name": "secretradar"],
        ]
        var vulnerabilities: [[String: Any]] = []
        for f in findings {
            let rule = context.rule(f.rule)
            for l in f.locations {
                let commit = l.commit ?? placeholderCommit
                let place = "\(l.repository.map { $0 + ": " } ?? "")\(l.path):\(l.line)"
                var description = "\(f.ruleName) (\(f.secretRedacted), redacted) at \(place)"
                if l.commit != nil { description += ", introduced in \(commit.prefix(12))" }
                if l.inLatest == false { description += "; only in history" }
                if let decoded = l.decoded { description += "; decoded from \(decoded)" }
                description += ". Finding \(f.id)."
                if let text = rule?.description, !text.isEmpty { description += " " + text }
                var vulnerability: [String: Any] = [
                    "id": uuid(f.id, l),
                    "name": f.ruleName,
                    "description": description,
                    "severity": severity(f.severity),
                    "solution":
                        "Rotate the credential, remove it from the file (and from history if it was pushed), and read it from Vault at run time; `secretradar gitlab plan` writes the Vault paths, policies, JWT roles and .gitlab-ci.yml changes.",
                    "identifiers": [
                        ["type": "secretradar_finding_id", "name": "secretradar finding \(f.id.prefix(12))", "value": f.id],
                        ["type": "secretradar_rule_id", "name": "secretradar rule \(f.rule)", "value": f.rule],
                    ],
                    "location": [
                        "file": Self.repositoryRelative(l.path), "start_line": max(1, l.line), "end_line": max(1, l.line),
                        "commit": ["sha": commit],
                    ] as [String: Any],
                ]
                if let references = rule?.references, !references.isEmpty {
                    vulnerability["links"] = references.prefix(5).map { ["url": $0] }
                }
                vulnerabilities.append(vulnerability)
            }
        }
        let document: [String: Any] = [
            "version": version,
            "schema": schema,
            "scan": [
                "analyzer": tool, "scanner": tool, "type": "secret_detection", "start_time": time(context.start),
                "end_time": time(context.end), "status": "success",
            ] as [String: Any],
            "vulnerabilities": vulnerabilities,
        ]
        return ReportRenderer.canonicalJSON(document)
    }

    /// A stable UUID-shaped id per (finding, place): the same place gets the same id in every pipeline.
    static func uuid(_ findingID: String, _ l: Location) -> String {
        let key = "\(findingID)\u{0}\(l.path)\u{0}\(l.line)\u{0}\(l.column)\u{0}\(l.commit ?? "")"
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x8422_2325_cbf2_9ce4
        for byte in key.utf8 {
            a = (a ^ UInt64(byte)) &* 0x100_0000_01b3
            b = (b &+ UInt64(byte)) &* 0x9e37_79b9_7f4a_7c15
            b ^= b >> 29
        }
        let hex = String(a, radix: 16).leftPadded(16) + String(b, radix: 16).leftPadded(16)
        let c = Array(hex)
        // Version nibble 5 and the RFC 4122 variant, so it reads as a name-based UUID.
        let variant = ["8", "9", "a", "b"][Int(UInt8(String(c[16]), radix: 16) ?? 0) & 3]
        return String(c[0..<8]) + "-" + String(c[8..<12]) + "-5" + String(c[13..<16]) + "-" + variant + String(c[17..<20]) + "-"
            + String(c[20..<32])
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}

extension GitLabSecretDetectionReport {
    /// GitLab places a vulnerability by its path from the repository's root: `scan path .` in a
    /// CI checkout names files `./config/app.env`, which GitLab would not find.
    static func repositoryRelative(_ path: String) -> String {
        var p = Substring(path)
        while p.hasPrefix("./") { p = p.dropFirst(2) }
        return String(p)
    }
}
