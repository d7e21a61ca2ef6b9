import Foundation
import RadarModel
import RadarStore
import XCTest

/// The baseline file format: canonical layout, seal, update and prune (docs/baseline.md).
final class BaselineTests: XCTestCase {
    /// A stand-in for the keyed seal (the real one is FindingKey.seal in RadarEngine).
    static func seal(_ data: Data) -> String {
        "test:" + String(data.reduce(UInt64(1469598103934665603)) { ($0 ^ UInt64($1)) &* 1099511628211 }, radix: 16)
    }

    func entry(_ id: String, _ rule: String, _ paths: [String], status: TriageStatus = .new) -> Baseline.Entry {
        Baseline.Entry(id: id, rule: rule, status: status, paths: paths, first: Baseline.Place(path: paths[0], commit: nil, line: 1))
    }

    var sample: Baseline {
        Baseline(
            keyFingerprint: "hmac-sha256:00", kind: .files, source: Baseline.Source(remote: "host/g/p", rootCommits: ["b", "a"]),
            entries: [entry("cc", "z.rule", ["b.env", "a.env", "b.env"]), entry("aa", "z.rule", ["x"]), entry("bb", "a.rule", ["y"])])
    }

    func testEntriesAreSortedByRuleThenIdOnePerLine() throws {
        let text = String(decoding: sample.encoded(seal: Self.seal), as: UTF8.self)
        let lines = text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[0], "{")
        XCTAssertEqual(lines[1], "  \"secretradar_baseline\": 1,")
        XCTAssertEqual(lines[4], "  \"source\": {\"remote\":\"host/g/p\",\"root_commits\":[\"a\",\"b\"]},")
        XCTAssertEqual(
            lines[6], "    {\"first\":{\"line\":1,\"path\":\"y\"},\"id\":\"bb\",\"paths\":[\"y\"],\"rule\":\"a.rule\",\"status\":\"new\"},")
        XCTAssertTrue(lines[7].contains("\"id\":\"aa\""))
        XCTAssertTrue(lines[8].contains("\"paths\":[\"a.env\",\"b.env\"]"), "paths sorted, once each")
        XCTAssertEqual(lines[9], "  ],")
        XCTAssertTrue(lines[10].hasPrefix("  \"seal\": \"test:"))
        XCTAssertEqual(lines[11], "}")
    }

    func testRoundTripAndWhitespaceDoNotBreakTheSeal() throws {
        let path = NSTemporaryDirectory() + "baseline-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try sample.write(to: path, seal: Self.seal)
        XCTAssertEqual(try Baseline.load(path: path, keyFingerprint: "hmac-sha256:00", seal: Self.seal), sample)
        // Re-indented and with CRLF line ends (an editor, a Windows checkout): the same content.
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        var pretty = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted])
        pretty = Data(String(decoding: pretty, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8)
        try pretty.write(to: URL(fileURLWithPath: path))
        XCTAssertEqual(try Baseline.load(path: path, keyFingerprint: "hmac-sha256:00", seal: Self.seal), sample)
    }

    func testAnyChangeOfContentBreaksTheSeal() throws {
        let path = NSTemporaryDirectory() + "baseline-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = String(decoding: sample.encoded(seal: Self.seal), as: UTF8.self)
        for (old, new) in [("\"x\"]", "\"x\",\"w\"]"), ("\"status\":\"new\"", "\"status\":\"ignored\""), ("host/g/p", "host/g/q")] {
            try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
            XCTAssertThrowsError(try Baseline.load(path: path, keyFingerprint: "hmac-sha256:00", seal: Self.seal)) { error in
                XCTAssertEqual(error as? BaselineError, .tampered(path: path), old)
            }
        }
        // An entry dropped by hand, with the seal left as it was.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        try (lines[..<7] + lines[8...]).joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Baseline.load(path: path, keyFingerprint: "hmac-sha256:00", seal: Self.seal))
        // Another key's fingerprint is named before the seal is even checked.
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Baseline.load(path: path, keyFingerprint: "hmac-sha256:11", seal: Self.seal)) { error in
            XCTAssertEqual(error as? BaselineError, .otherKey(path: path, baseline: "hmac-sha256:00", current: "hmac-sha256:11"))
        }
    }

    func testUpdateAddsNewEntriesAndPathsKeepingStatusesAndPruneDrops() {
        var b = sample
        var triaged = b.entry("aa")!
        triaged.status = .secretRevoked
        b = Baseline(
            keyFingerprint: b.keyFingerprint, kind: b.kind, source: b.source, entries: b.entries.filter { $0.id != "aa" } + [triaged])
        let added = b.update(with: [entry("aa", "z.rule", ["moved/x"]), entry("dd", "m.rule", ["n"])])
        XCTAssertEqual(added, 1)
        XCTAssertEqual(b.entry("aa")?.status, .secretRevoked)
        XCTAssertEqual(b.entry("aa")?.paths, ["moved/x", "x"])
        XCTAssertEqual(b.entry("aa")?.first.path, "x", "the first place is kept")
        XCTAssertEqual(b.entries.map(\.id), ["bb", "dd", "aa", "cc"])
        XCTAssertEqual(b.prune(keeping: ["aa", "dd"]), 2)
        XCTAssertEqual(b.entries.map(\.id), ["dd", "aa"])
    }

    func testEntriesFromFindingsTakeTheEarliestPlace() {
        let f = Finding(
            id: "ff", rule: "r", ruleName: "R", confidence: .high, secretRedacted: "x…(3)", entropy: 1,
            locations: [
                Location(path: "b", line: 9, column: 1, commit: "c2", date: "2024-02-01T00:00:00Z"),
                Location(path: "a", line: 3, column: 1, commit: "c1", date: "2024-01-01T00:00:00Z"),
                Location(path: "b", line: 2, column: 1, commit: "c3", date: "2024-03-01T00:00:00Z"),
            ], status: .toRemediate)
        let e = Baseline.entries(from: [f], path: { "repo/" + $0.path })[0]
        XCTAssertEqual(e.paths, ["repo/a", "repo/b"])
        XCTAssertEqual(e.first, Baseline.Place(path: "repo/a", commit: "c1", line: 3))
        XCTAssertEqual(e.status, .toRemediate)
    }

    func testDevicesAndDirectoriesAreRefusedWithoutReadingThem() {
        for path in ["/dev/zero", NSTemporaryDirectory()] {
            XCTAssertThrowsError(try Baseline.load(path: path, keyFingerprint: "k", seal: Self.seal)) { error in
                XCTAssertEqual(error as? BaselineError, .malformed(path: path, reason: "not a regular file"), path)
            }
        }
    }

    func testAFileOverTheLimitIsRefusedBeforeItIsRead() throws {
        let path = NSTemporaryDirectory() + "huge-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: Baseline.maximumSize + 1)  // sparse: nothing is written
        try handle.close()
        XCTAssertThrowsError(try Baseline.load(path: path, keyFingerprint: "k", seal: Self.seal)) { error in
            guard case .malformed(_, let reason) = error as? BaselineError else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("a baseline is at most"), reason)
        }
    }
}
