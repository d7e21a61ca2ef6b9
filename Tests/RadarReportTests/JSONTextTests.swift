import Foundation
import RadarModel
import XCTest

@testable import RadarReport

/// `JSONText` must write exactly what `JSONEncoder` writes for the same document: the JSON report
/// is a published format with golden files, and the fast writer only replaced how it is produced.
final class JSONTextTests: XCTestCase {
    /// Strings that exercise every escape: quotes, backslashes, slashes, each control byte, DEL,
    /// line and paragraph separators, non-ASCII and an empty string.
    let hostile: [String] = [
        "", "plain", "quote \" and backslash \\ and slash /", "tab\tline\nreturn\r\u{8}\u{c}",
        String((0..<32).map { Character(Unicode.Scalar(UInt8($0))) }), "del \u{7f} seps \u{2028}\u{2029}", "Zoë \"QA\" & <Tester>",
        "emoji 🔑 =1+2", "\\u0041 not an escape", "\"", "ends escaped\n", "\u{1}\u{1f}\\",
    ]

    func findings() -> [Finding] {
        var out: [Finding] = []
        for (i, s) in hostile.enumerated() {
            var f = Finding(
                id: "id\(i)" + s, rule: "rule.\(i)", ruleName: s, confidence: [.high, .medium, .low][i % 3], secretRedacted: s,
                secret: i % 2 == 0 ? PlaintextSecret(s) : nil, entropy: [0, 3, 4.25, 1e-7, 4.123456789012345, 5.5e21, 3.999999][i % 7],
                locations: [], status: i % 3 == 0 ? .falsePositive : nil)
            f.baseline = i % 4 == 0 ? .newLocation : nil
            f.vaultPath = i % 5 == 0 ? "kv/app/\(s)#field" : nil
            f.locations = (0..<(i % 3)).map { n in
                Location(
                    repository: n == 0 ? nil : s, path: s + "/p\(n)", line: n + 1, column: 100 * n + 1, blob: n == 1 ? "b\(s)" : nil,
                    commit: n == 1 ? "c" : nil, author: n == 1 ? s : nil, email: n == 1 ? "e@x" : nil,
                    date: n == 1 ? "2026-11-29T08:00:00Z" : nil,
                    inLatest: n == 1 ? (i % 2 == 0) : nil, ignored: n == 2 ? true : nil, decoded: n == 2 ? "base64+escapes" : nil)
            }
            out.append(f)
        }
        return out
    }

    func summary() -> ScanSummary {
        var s = ScanSummary(files: 3, bytes: 1234, skippedBinary: 1, skippedLarge: 2, unreadable: 0, findings: 9)
        s.git = GitScanCounts(repositories: 1, commits: 7, refs: 2)
        s.baseline = BaselineCounts(new: 1, newLocation: 2, known: 3, hidden: 4)
        return s
    }

    func testJSONReportIsByteForByteWhatJSONEncoderWrites() throws {
        let ci = [CIFinding(kind: .hardcodedVariable, file: "a \"b\".yml", line: 3, job: nil, message: "x\ty", rule: "r")]
        let plain = ScanSummary(files: 0, bytes: 0, skippedBinary: 0, skippedLarge: 0, unreadable: 0, findings: 0)
        let skipped = [
            SkippedInput(path: "big \"x\".bin", reason: .tooLarge, size: 30_000_000, blob: "ab"),
            SkippedInput(path: "a.png", reason: .binary),
        ]
        for (findings, ci, summary, skipped) in [
            (findings(), ci, summary(), skipped), (findings(), [], plain, []), ([], [], plain, skipped), ([], ci, summary(), []),
        ] {
            let reference = JSONDocument(
                version: 1, findings: findings.map(JSONFinding.init), summary: JSONSummary(summary), gitlabCI: ci.isEmpty ? nil : ci,
                skipped: skipped.isEmpty ? nil : skipped)
            var expected = try ReportRenderer.encoder(pretty: true).encode(reference)
            expected.append(0x0a)
            let got = ReportRenderer.json(findings: findings, summary: summary, ci: ci, skipped: skipped)
            XCTAssertEqual(String(decoding: got, as: UTF8.self), String(decoding: expected, as: UTF8.self))
        }
    }

    func testJSONLinesAreByteForByteWhatJSONEncoderWrites() throws {
        let encoder = ReportRenderer.encoder(pretty: false)
        var expected = Data()
        for f in findings() {
            expected.append(try encoder.encode(JSONFinding(f)))
            expected.append(0x0a)
        }
        expected.append(try encoder.encode(["summary": JSONSummary(summary())]))
        expected.append(0x0a)
        let got = ReportRenderer.jsonl(findings: findings(), summary: summary())
        XCTAssertEqual(String(decoding: got, as: UTF8.self), String(decoding: expected, as: UTF8.self))
        let plain = ScanSummary(files: 1, bytes: 2, skippedBinary: 0, skippedLarge: 0, unreadable: 0, findings: 0)
        XCTAssertEqual(
            String(decoding: ReportRenderer.jsonl(findings: [], summary: plain), as: UTF8.self),
            String(decoding: try encoder.encode(["summary": JSONSummary(plain)]), as: UTF8.self) + "\n")
    }

    func testIntegersAndStringsAreWhatJSONEncoderWrites() throws {
        let numbers = [0, 1, -1, 9, 10, -10, 99, 100, 123_456_789, Int(Int32.max), Int.max, Int.min, Int.min + 1]
        let strings = hostile + [String(repeating: "long run without escapes ", count: 200) + "\"", "\u{0}"]
        for pretty in [false, true] {
            let encoder = ReportRenderer.encoder(pretty: pretty)
            XCTAssertEqual(
                String(decoding: JSONText.array(numbers.map(JSONText.int)).bytes(pretty: pretty), as: UTF8.self),
                String(decoding: try encoder.encode(numbers), as: UTF8.self))
            XCTAssertEqual(
                String(decoding: JSONText.array(strings.map(JSONText.string)).bytes(pretty: pretty), as: UTF8.self),
                String(decoding: try encoder.encode(strings), as: UTF8.self))
        }
    }

    /// Indentation deeper than the row of spaces it is copied from (32 levels).
    func testDeepNestingIsIndentedLikeJSONEncoder() throws {
        final class Nest: Encodable {
            let n: Nest?
            let v: Int
            init(_ n: Nest?, _ v: Int) {
                self.n = n
                self.v = v
            }
        }
        var nest = Nest(nil, 0)
        var text = JSONText.object([("v", .int(0))])
        for depth in 1...45 {
            nest = Nest(nest, depth)
            text = .object([("n", text), ("v", .int(depth))])
        }
        let expected = try ReportRenderer.encoder(pretty: true).encode(nest)
        XCTAssertEqual(String(decoding: text.bytes(pretty: true), as: UTF8.self), String(decoding: expected, as: UTF8.self))
    }

    func testEmptyContainersAndNestingFollowThePrettyPrinter() throws {
        let value = JSONText.object([("b", .array([])), ("a", .object([])), ("c", .array([.object([("x", .array([.int(1)]))])]))])
        struct X: Encodable { var x: [Int] }
        struct Doc: Encodable {
            var b: [Int]
            var a: [String: Int]
            var c: [X]
        }
        let expected = try ReportRenderer.encoder(pretty: true).encode(Doc(b: [], a: [:], c: [X(x: [1])]))
        XCTAssertEqual(String(decoding: value.bytes(pretty: true), as: UTF8.self), String(decoding: expected, as: UTF8.self))
        let compact = try ReportRenderer.encoder(pretty: false).encode(Doc(b: [], a: [:], c: [X(x: [1])]))
        XCTAssertEqual(String(decoding: value.bytes(pretty: false), as: UTF8.self), String(decoding: compact, as: UTF8.self))
    }
}
