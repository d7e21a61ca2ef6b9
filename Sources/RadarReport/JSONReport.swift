import Foundation
import RadarModel

/// The JSON and JSONL renderers and the documents they write (docs/reports.md).
extension ReportRenderer {
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
    public static func json(findings: [Finding], summary: ScanSummary, ci: [CIFinding] = [], skipped: [SkippedInput] = []) -> Data {
        let document = JSONText.members([
            ("version", .int(1)),
            ("findings", .written(JSONFinding.writeArray(findings.map(JSONFinding.init), pretty: true, depth: 1))),
            ("summary", JSONSummary(summary).text),
            ("gitlab_ci", ci.isEmpty ? nil : encoded(ci, encoder(pretty: true))),
            // Every input passed over, by name, when there is any (docs/reports.md).
            ("skipped", skipped.isEmpty ? nil : encoded(skipped, encoder(pretty: true))),
        ])
        var data = Data(document.bytes(pretty: true))
        data.append(0x0a)
        return data
    }

    /// `{"findings": [...], <extra members>}` for the service's API: the findings as the JSON report
    /// writes them, and never a plaintext secret, whatever a finding carries.
    public static func apiFindings(_ findings: [Finding], extra: [(String, String)] = []) -> Data {
        let objects = findings.map { f -> JSONFinding in
            var o = JSONFinding(f)
            o.secret = nil
            o.secretBase64 = nil
            return o
        }
        var members: [(String, JSONText?)] = [("findings", .written(JSONFinding.writeArray(objects, pretty: false, depth: 0)))]
        for (key, json) in extra { members.append((key, .encoded(json))) }
        return Data(JSONText.members(members).bytes(pretty: false))
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
}

struct JSONDocument: Encodable {
    var version: Int
    var findings: [JSONFinding]
    var summary: JSONSummary
    /// Problems of the `.gitlab-ci.yml` files met, when there are any.
    var gitlabCI: [CIFinding]?
    /// Inputs passed over, when there are any.
    var skipped: [SkippedInput]? = nil

    enum CodingKeys: String, CodingKey {
        case version, findings, summary, skipped
        case gitlabCI = "gitlab_ci"
    }
}

struct JSONFinding: Encodable, SecretRevealing {
    var id, rule, ruleName, severity, confidence, secretRedacted: String
    /// The plaintext secret when it is UTF-8 (`secret`), else its bytes in base64 (`secret_base64`):
    /// never a lossy string.
    var secret: String?
    var secretBase64: String?
    var entropy: Double
    var locations: [Location]
    var status: String?
    var baseline: String?
    var tags: [String]
    var vaultPath: String?

    init(_ f: Finding) {
        tags = f.tags
        status = f.status?.rawValue
        baseline = f.baseline?.rawValue
        vaultPath = f.vaultPath
        id = f.id
        rule = f.rule
        ruleName = f.ruleName
        severity = f.severity.rawValue
        confidence = f.confidence.rawValue
        secretRedacted = f.secretRedacted
        if let bytes = f.secret?.reveal(to: JSONFinding.self) {
            if let text = String(validating: bytes, as: UTF8.self) {
                secret = text
            } else {
                secretBase64 = Data(bytes).base64EncodedString()
            }
        }
        entropy = f.entropy
        locations = f.locations
    }

    enum CodingKeys: String, CodingKey {
        case id, rule, severity, confidence, secret, entropy, locations, status, baseline, tags
        case ruleName = "rule_name"
        case secretRedacted = "secret_redacted"
        case secretBase64 = "secret_base64"
        case vaultPath = "vault_path"
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
        try c.encodeIfPresent(secretBase64, forKey: .secretBase64)
        try c.encode(entropy, forKey: .entropy)
        try c.encode(locations, forKey: .locations)
        try c.encodeIfPresent(status, forKey: .status)
        try c.encodeIfPresent(baseline, forKey: .baseline)
        if !tags.isEmpty { try c.encode(tags, forKey: .tags) }
        try c.encodeIfPresent(vaultPath, forKey: .vaultPath)
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
        o.string("secret_base64", secretBase64)
        o.string("secret_redacted", secretRedacted)
        o.string("severity", severity)
        o.string("status", status)
        if !tags.isEmpty { o.array("tags", tags) { tag, out, _ in JSONText.quote(tag, into: &out) } }
        o.string("vault_path", vaultPath)
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
