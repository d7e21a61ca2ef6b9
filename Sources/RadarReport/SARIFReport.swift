import Foundation
import RadarModel

/// SARIF 2.1.0 for code-scanning UIs (GitLab, GitHub, IDEs): one `rules` entry per rule used, one
/// result per finding with every place as a location, the finding id in `partialFingerprints` so
/// the UI tracks a secret across runs however its lines move. Never a plaintext secret.
enum SARIFReport {
    static let schema = "https://json.schemastore.org/sarif-2.1.0.json"
    /// The key our id goes under in `partialFingerprints` (versioned, as SARIF recommends).
    static let fingerprintKey = "secretradarFindingId/v1"

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low, .info: "note"
        }
    }

    /// GitHub's `security-severity` scale (0–10), so code scanning ranks our findings the same way.
    static func securitySeverity(_ severity: Severity) -> String {
        switch severity {
        case .critical: "9.5"
        case .high: "8.0"
        case .medium: "5.5"
        case .low: "3.0"
        case .info: "0.0"
        }
    }

    static func render(_ findings: [Finding], context: ReportContext) -> Data {
        var ruleIDs: [String] = []
        var ruleIndex: [String: Int] = [:]
        for f in findings where ruleIndex[f.rule] == nil {
            ruleIndex[f.rule] = ruleIDs.count
            ruleIDs.append(f.rule)
        }
        let rules: [[String: Any]] = ruleIDs.map { id in
            let rule = context.rule(id)
            let example = findings.first { $0.rule == id }
            let name = rule?.name ?? example?.ruleName ?? id
            var entry: [String: Any] = [
                "id": id,
                "name": pascalCase(id),
                "shortDescription": ["text": name],
                "fullDescription": ["text": rule?.description.isEmpty == false ? rule!.description : name],
                "help": [
                    "text":
                        "Remove the \(name) from the code and its history, rotate it, and read it at run time from Vault (secretradar gitlab plan writes the Vault paths, policies and CI changes)."
                ],
                "defaultConfiguration": ["level": level(example?.severity ?? .medium)],
                "properties": [
                    "tags": ["security", "secret"] + (rule?.categories ?? []),
                    "precision": (rule?.confidence ?? example?.confidence ?? .medium).rawValue == "high" ? "high" : "medium",
                ] as [String: Any],
            ]
            if let uri = rule?.references.first { entry["helpUri"] = uri }
            return entry
        }
        let results: [[String: Any]] = findings.map { f in
            let places = f.locations.prefix(1000).map { l -> [String: Any] in
                var region: [String: Any] = ["startLine": max(1, l.line), "startColumn": max(1, l.column), "endLine": max(1, l.line)]
                region["snippet"] = ["text": f.secretRedacted]
                let physical: [String: Any] = [
                    "artifactLocation": ["uri": uri(l.path), "uriBaseId": "%SRCROOT%"], "region": region,
                ]
                var location: [String: Any] = ["physicalLocation": physical]
                var properties: [String: Any] = [:]
                if let repository = l.repository { properties["repository"] = repository }
                if let blob = l.blob { properties["blob"] = blob }
                if let commit = l.commit { properties["commit"] = commit }
                if let date = l.date { properties["date"] = date }
                if let inLatest = l.inLatest { properties["inLatest"] = inLatest }
                if let decoded = l.decoded { properties["decoded"] = decoded }
                if !properties.isEmpty { location["properties"] = properties }
                return location
            }
            let shown = f.locations.prefix(3).map { "\($0.path):\($0.line)" }.joined(separator: ", ")
            let more = f.locations.count > 3 ? " and \(f.locations.count - 3) more" : ""
            var properties: [String: Any] = [
                "severity": f.severity.rawValue, "security-severity": securitySeverity(f.severity), "confidence": f.confidence.rawValue,
                "tags": f.tags,
            ]
            if let status = f.status { properties["status"] = status.rawValue }
            if let baseline = f.baseline { properties["baseline"] = baseline.rawValue }
            return [
                "ruleId": f.rule,
                "ruleIndex": ruleIndex[f.rule]!,
                "level": level(f.severity),
                "message": [
                    "text":
                        "\(f.ruleName) \(f.secretRedacted) in \(f.locations.count) place\(f.locations.count == 1 ? "" : "s"): \(shown)\(more)"
                ],
                "locations": places,
                "partialFingerprints": [fingerprintKey: f.id],
                "properties": properties,
            ]
        }
        let document: [String: Any] = [
            "$schema": schema,
            "version": "2.1.0",
            "runs": [
                [
                    "tool": [
                        "driver": [
                            "name": "secretradar", "version": context.toolVersion, "semanticVersion": semantic(context.toolVersion),
                            "informationUri": "https://github.com/secretradar/secretradar", "rules": rules,
                        ] as [String: Any]
                    ],
                    "originalUriBaseIds": ["%SRCROOT%": ["description": ["text": "The scanned directory or repository."]]],
                    "results": results,
                ] as [String: Any]
            ],
        ]
        return ReportRenderer.canonicalJSON(document)
    }

    /// A relative URI reference for a path: percent-encoded except `/` and unreserved characters.
    static func uri(_ path: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~/")
        let relative = path.hasPrefix("/") ? "file://" + path : path
        return relative.addingPercentEncoding(withAllowedCharacters: allowed.union(CharacterSet(charactersIn: ":"))) ?? relative
    }

    /// `gitlab.personal_access_token` → `GitlabPersonalAccessToken` (SARIF's rule `name` is an identifier).
    static func pascalCase(_ id: String) -> String {
        id.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// `0.4.0-dev` stays; anything not starting with a digit becomes `0.0.0` (semanticVersion must be SemVer).
    static func semantic(_ version: String) -> String {
        version.first?.isNumber == true ? version : "0.0.0"
    }
}
