import Foundation
import RadarModel
import RadarReport
import XCTest

final class ReportRendererTests: XCTestCase {
    let finding = Finding(
        id: "0d68dfe5314f0000", rule: "gitlab.personal_access_token", ruleName: "GitLab token",
        confidence: .high, secretRedacted: "glpa…(26)", entropy: 4.1,
        locations: [Location(path: ".env", line: 3, column: 14), Location(path: "docs/a.md", line: 6, column: 16)])
    let summary = ScanSummary(files: 2, bytes: 300, skippedBinary: 1, skippedLarge: 0, unreadable: 0, findings: 1)

    func testJSONHasThePublishedShape() throws {
        let data = ReportRenderer.json(findings: [finding], summary: summary)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(object["version"] as? Int, 1)
        let findings = try XCTUnwrap(object["findings"] as? [[String: Any]])
        XCTAssertEqual(
            Set(findings[0].keys), ["id", "rule", "rule_name", "severity", "confidence", "secret_redacted", "entropy", "locations"])
        XCTAssertEqual(findings[0]["secret_redacted"] as? String, "glpa…(26)")
        let locations = try XCTUnwrap(findings[0]["locations"] as? [[String: Any]])
        XCTAssertEqual(locations[1]["path"] as? String, "docs/a.md")
        XCTAssertEqual(locations[1]["line"] as? Int, 6)
        XCTAssertEqual(locations[1]["column"] as? Int, 16)
        let s = try XCTUnwrap(object["summary"] as? [String: Int])
        XCTAssertEqual(
            s, ["files": 2, "bytes": 300, "skipped_binary": 1, "skipped_large": 0, "unreadable": 0, "incomplete": 0, "findings": 1])
    }

    func testPlaintextSecretAppearsOnlyWhenTheFindingCarriesIt() throws {
        XCTAssertFalse(String(decoding: ReportRenderer.json(findings: [finding], summary: summary), as: UTF8.self).contains("\"secret\""))
        var shown = finding
        shown.secret = PlaintextSecret("glpat-bBRsk29cztUX1kmObfEj")
        for format in ReportFormat.allCases {
            let text = String(decoding: ReportRenderer.render(findings: [shown], summary: summary, format: format), as: UTF8.self)
            // The formats made for other tools and people never carry it, even when asked.
            XCTAssertEqual(text.contains("glpat-bBRsk29cztUX1kmObfEj"), format.mayShowSecrets, format.rawValue)
            if !format.mayShowSecrets { XCTAssertTrue(text.contains("glpa…(26)"), format.rawValue) }
        }
    }

    func testAPlaintextSecretNeverShowsItselfAndIsRevealedWithoutLoss() throws {
        let bytes: [UInt8] = Array("tok".utf8) + [0xff, 0x1b] + Array("[2J\\é\u{202E}".utf8)
        let secret = PlaintextSecret(bytes)
        for shown in [
            "\(secret)", String(describing: secret), String(reflecting: secret),
            {
                var d = ""; dump(secret, to: &d); return d
            }(),
        ] {
            XCTAssertFalse(shown.contains("tok"), shown)
            XCTAssertTrue(shown.contains("14 bytes"), shown)
        }
        var shown = finding
        shown.secret = secret
        // Text: escaped so a terminal is not driven by it (ESC, bidi override), and readable back exactly.
        let text = ReportRenderer.text(findings: [shown], summary: summary, color: false)
        XCTAssertTrue(text.contains("secret tok\\xff\\x1b[2J\\\\é\\xe2\\x80\\xae  id"), text)
        // JSON: not valid UTF-8, so base64 of the exact bytes rather than a string with replacement characters.
        let object = try XCTUnwrap(
            JSONSerialization.jsonObject(with: ReportRenderer.json(findings: [shown], summary: summary)) as? [String: Any])
        let first = try XCTUnwrap((object["findings"] as? [[String: Any]])?.first)
        XCTAssertNil(first["secret"])
        XCTAssertEqual((first["secret_base64"] as? String).flatMap { Data(base64Encoded: $0) }.map { [UInt8]($0) }, bytes)
    }

    func testJSONLIsOneFindingPerLineThenTheSummary() throws {
        let text = String(decoding: ReportRenderer.jsonl(findings: [finding, finding], summary: summary), as: UTF8.self)
        let lines = text.split(separator: "\n")
        XCTAssertEqual(lines.count, 3)
        for line in lines.prefix(2) {
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            XCTAssertEqual(object["rule"] as? String, "gitlab.personal_access_token")
        }
        let last = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(lines[2].utf8)) as? [String: Any])
        XCTAssertNotNil(last["summary"])
    }

    func testTextShowsRuleRedactedSecretAndEveryLocation() {
        let text = ReportRenderer.text(findings: [finding], summary: summary, color: false)
        XCTAssertEqual(
            text,
            """
            [critical] gitlab.personal_access_token  GitLab token  glpa…(26)  id 0d68dfe5314f
                .env:3:14
                docs/a.md:6:16
            2 files, 300 B scanned; skipped 1 binary, 0 over size limit, 0 unreadable; 1 finding

            """)
    }
}

/// The `scans list` and `sources list` tables, from plain records (no store, no binary).
final class StoreTablesTests: XCTestCase {
    func testScanAndSourceRowsLineUpUnderTheirHeaders() {
        let scans = StoreTables.scans([
            ScanRecord(
                id: 12, source: "/repos/app", startedAt: "2026-12-05T19:00:00Z", endedAt: nil, status: "completed", rulesDigest: "d",
                blobs: 1234, bytes: 99, skippedKnownBlobs: 7, findings: 3, newFindings: 1, errors: 0)
        ])
        XCTAssertEqual(
            scans,
            "   id  status       started                        blobs  known  findings  new  source\n"
                + "   12  completed    2026-12-05T19:00:00Z            1234      7         3    1  /repos/app\n")
        let sources = StoreTables.sources([
            SourceRecord(id: 3, kind: "git", locator: "https://gitlab.example.com/g/p.git", createdAt: "x", scans: 2, findings: 40)
        ])
        XCTAssertEqual(
            sources, "   id  kind  scans  findings  source\n" + "    3  git       2        40  https://gitlab.example.com/g/p.git\n")
        XCTAssertEqual(StoreTables.sources([]), "   id  kind  scans  findings  source\n", "an empty store: the header alone")
    }
}
