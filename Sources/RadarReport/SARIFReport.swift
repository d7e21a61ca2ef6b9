import Foundation
import RadarModel

/// SARIF 2.1.0 for code-scanning UIs (GitHub code scanning, IDEs; GitLab reads its own
/// secret-detection report instead): one `rules` entry per rule used, with GitHub's
/// `security-severity` on its properties; one result per place a secret sits (GitHub shows only a
/// result's first location), the others as related locations; a fingerprint per finding and place,
/// so a UI tracks each place across runs however its lines move. Never a plaintext secret.
enum SARIFReport {
    static let schema = "https://json.schemastore.org/sarif-2.1.0.json"
    /// The key our id of a place goes under in `partialFingerprints` (versioned, as SARIF
    /// recommends): the finding id and a hash of the path, so each place is its own alert.
    static let fingerprintKey = "secretradarFindingPlace/v1"

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
                    // GitHub ranks alerts by the rule's security-severity: the gravest of its findings here.
                    "security-severity": securitySeverity(findings.filter { $0.rule == id }.map(\.severity).max() ?? .medium),
                ] as [String: Any],
            ]
            if let uri = rule?.references.first { entry["helpUri"] = uri }
            return entry
        }
        var results: [[String: Any]] = []
        for f in findings {
            let places = Array(f.locations.prefix(1000))
            var properties: [String: Any] = [
                "severity": f.severity.rawValue, "security-severity": securitySeverity(f.severity), "confidence": f.confidence.rawValue,
                "tags": f.tags, "findingId": f.id,
            ]
            if let status = f.status { properties["status"] = status.rawValue }
            if let baseline = f.baseline { properties["baseline"] = baseline.rawValue }
            for (index, place) in places.enumerated() {
                let others = places.enumerated().filter { $0.offset != index }.map(\.element)
                let elsewhere =
                    f.locations.count > 1
                    ? "; the same secret is in \(f.locations.count - 1) other place\(f.locations.count == 2 ? "" : "s")" : ""
                var result: [String: Any] = [
                    "ruleId": f.rule,
                    "ruleIndex": ruleIndex[f.rule]!,
                    "level": level(f.severity),
                    "message": ["text": "\(f.ruleName) \(f.secretRedacted)\(elsewhere)"],
                    "locations": [location(place, f)],
                    "partialFingerprints": [fingerprintKey: f.id + "/" + pathHash(place.path)],
                    "properties": properties,
                ]
                if !others.isEmpty {
                    result["relatedLocations"] = others.prefix(20).enumerated().map { n, other -> [String: Any] in
                        var related = location(other, f)
                        related["id"] = n + 1
                        related["message"] = ["text": "the same secret"]
                        return related
                    }
                }
                results.append(result)
            }
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

    /// One place as a SARIF location: a relative path under `%SRCROOT%`; an absolute one as a
    /// `file:` URI with no `uriBaseId` (SARIF §3.4.4: it must then be absent).
    static func location(_ l: Location, _ f: Finding) -> [String: Any] {
        var region: [String: Any] = ["startLine": max(1, l.line), "startColumn": max(1, l.column), "endLine": max(1, l.line)]
        region["snippet"] = ["text": f.secretRedacted]
        var artifact: [String: Any] = ["uri": uri(l.path)]
        if !l.path.hasPrefix("/") { artifact["uriBaseId"] = "%SRCROOT%" }
        var location: [String: Any] = ["physicalLocation": ["artifactLocation": artifact, "region": region] as [String: Any]]
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

    /// FNV-1a of a path, 16 hex digits: tells the places of one finding apart in its fingerprint.
    static func pathHash(_ path: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in path.utf8 { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// A URI reference for a path: relative, percent-encoded except `/` and unreserved
    /// characters; an absolute path as a `file:` URI.
    static func uri(_ path: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~/")
        let encoded = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
        return path.hasPrefix("/") ? "file://" + encoded : encoded
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
