import Foundation
import GRDB
import RadarModel
import XCTest

@testable import RadarStore

final class StoreTests: XCTestCase {
    var dir: URL!
    var path: String { dir.appendingPathComponent("radar.db").path }

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func finding(_ id: String, rule: String = "t.rule", secret: String? = nil, at places: [(String, Int)]) -> Finding {
        Finding(
            id: id, rule: rule, ruleName: "Test rule", confidence: .high, secretRedacted: "glpa…(26)",
            secret: secret.map(PlaintextSecret.init),
            entropy: 4.2, locations: places.map { Location(path: $0.0, line: $0.1, column: 3, blob: "b" + $0.0, commit: "c1") })
    }

    func testSchemaMatchesTheGoldenFile() throws {
        let dump = try Store(path: path).schemaDump()
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/schema.sql")
        if ProcessInfo.processInfo.environment["SECRETRADAR_RECORD"] != nil {
            try dump.write(to: golden, atomically: true, encoding: .utf8)
        }
        XCTAssertEqual(
            dump, try String(contentsOf: golden, encoding: .utf8), "re-record with SECRETRADAR_RECORD=1 swift test --filter StoreTests")
    }

    /// A source's findings are read through the occurrence index, not by reading every source's
    /// occurrences (a rescan reports its source's findings; an audit store holds many sources).
    func testFindingsOfOneSourceUseTheOccurrenceIndex() throws {
        let store = try Store(path: path)
        let (sql, arguments) = Store.findingsQuery(FindingFilter(source: "/repos/a"))
        let rows = try store.pool.read { db in try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments) }
        let details = rows.map { $0["detail"] as String }
        XCTAssertTrue(details.contains { $0.contains("SEARCH o USING INDEX occurrence_by_source") }, "\(details)")
        XCTAssertFalse(details.contains { $0.hasPrefix("SCAN o") }, "\(details)")
    }

    func testStoreFileIsPrivateAndReopens() throws {
        _ = try Store(path: path).hashKey()
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        XCTAssertEqual(mode?.intValue, 0o600)
        XCTAssertEqual(try Store(path: path).integrityCheck(), "ok")
    }

    func testAFileThatIsNotADatabaseIsRefusedAndLeftAlone() throws {
        let text = Data("name: my notes\nnot a database at all, but long enough\n".utf8)
        try text.write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try Store(path: path)) { XCTAssertEqual($0 as? StoreError, .notADatabase(path: path)) }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), text)
    }

    func testAStoreFromANewerVersionIsRefused() throws {
        _ = try Store(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('999_from_the_future')") }
        XCTAssertThrowsError(try Store(path: path)) {
            XCTAssertEqual($0 as? StoreError, .newerVersion(path: path, migrations: ["999_from_the_future"]))
        }
    }

    func testHashKeyIsCreatedOnceAndAnotherKeyIsRefusedOnceThereAreFindings() throws {
        let store = try Store(path: path)
        let key = try store.hashKey()
        XCTAssertEqual(key.count, 32)
        XCTAssertEqual(try Store(path: path).hashKey(), key)
        let shared = [UInt8](repeating: 7, count: 32)
        try store.setHashKey(shared)
        XCTAssertEqual(try store.hashKey(), shared)
        let source = try store.source(kind: "git", locator: "/repo")
        let scan = try store.beginScan(sourceID: source, rulesDigest: "d1")
        try store.finishScan(id: scan, sourceID: source, outcome: ScanOutcome(findings: [finding("aaaaaa01", at: [("a.env", 1)])]))
        XCTAssertNoThrow(try store.setHashKey(shared), "the same key again is fine")
        XCTAssertThrowsError(try store.setHashKey([UInt8](repeating: 8, count: 32))) {
            XCTAssertEqual($0 as? StoreError, .keyConflict(path: path))
        }
    }

    func testScansRecordFindingsOccurrencesAndBlobsAndCountWhatIsNew() throws {
        let store = try Store(path: path)
        let source = try store.source(kind: "git", locator: "/repo")
        XCTAssertEqual(try store.source(kind: "git", locator: "/repo"), source)
        let first = try store.beginScan(sourceID: source, rulesDigest: "d1")
        let new1 = try store.finishScan(
            id: first, sourceID: source,
            outcome: ScanOutcome(
                findings: [finding("aaaaaa01", at: [("a.env", 1), ("b.env", 2)])], scannedBlobs: ["b1", "b2"], tips: ["c2", "c1"], blobs: 2)
        )
        XCTAssertEqual(new1, ["aaaaaa01"])
        let second = try store.beginScan(sourceID: source, rulesDigest: "d1")
        let new2 = try store.finishScan(
            id: second, sourceID: source,
            outcome: ScanOutcome(
                findings: [finding("aaaaaa01", at: [("a.env", 1)]), finding("bbbbbb02", rule: "t.other", at: [("c.env", 5)])],
                scannedBlobs: ["b3"], tips: ["c3"]))
        XCTAssertEqual(new2, ["bbbbbb02"])
        XCTAssertEqual(try store.scannedBlobs(sourceID: source, rulesDigest: "d1"), ["b1", "b2", "b3"])
        XCTAssertEqual(try store.scannedBlobs(sourceID: source, rulesDigest: "d2"), [], "another rule set scans everything again")
        XCTAssertEqual(try store.lastCompletedTips(sourceID: source, rulesDigest: "d1"), ["c3"])
        let all = try store.findings()
        XCTAssertEqual(all.map(\.id), ["aaaaaa01", "bbbbbb02"])
        XCTAssertEqual(all[0].locations.map(\.path), ["a.env", "b.env"], "occurrences of earlier scans are kept")
        XCTAssertEqual(all[0].locations[0].repository, "/repo")
        XCTAssertEqual(try store.findings(FindingFilter(rule: "t.other")).map(\.id), ["bbbbbb02"])
        XCTAssertEqual(try store.findings(FindingFilter(sinceScan: first)).map(\.id), ["bbbbbb02"])
        XCTAssertEqual(try store.findings(FindingFilter(source: "/elsewhere")).count, 0)
        let scans = try store.scans()
        XCTAssertEqual(scans.map(\.status), ["completed", "completed"])
        XCTAssertEqual(scans.map(\.newFindings), [1, 1])
        XCTAssertEqual(try store.sources().map(\.findings), [2])
    }

    /// The query returns rows in whatever order its index gives (here interleaved: the source's
    /// blobs alternate between findings); each finding comes back whole, places sorted, findings in
    /// the order of their first place.
    func testFindingsComeBackGroupedAndSortedWhateverTheRowOrder() throws {
        let store = try Store(path: path)
        let source = try store.source(kind: "git", locator: "/repo")
        let scan = try store.beginScan(sourceID: source, rulesDigest: "d1")
        func place(_ path: String, _ line: Int, blob: String) -> Location {
            Location(path: path, line: line, column: 1, blob: blob, commit: "c1")
        }
        var late = finding("ffff0001", at: [])
        late.locations = [place("z.env", 9, blob: "b1"), place("m.env", 4, blob: "b3"), place("m.env", 2, blob: "b5")]
        var early = finding("0000aaaa", rule: "t.other", at: [])
        early.locations = [place("q.env", 7, blob: "b2"), place("a.env", 3, blob: "b4")]
        try store.finishScan(id: scan, sourceID: source, outcome: ScanOutcome(findings: [late, early]))
        for filter in [FindingFilter(), FindingFilter(source: "/repo")] {
            let found = try store.findings(filter)
            XCTAssertEqual(found.map(\.id), ["0000aaaa", "ffff0001"], "by first place: a.env before m.env")
            XCTAssertEqual(found[0].locations.map(\.path), ["a.env", "q.env"])
            XCTAssertEqual(found[1].locations.map { "\($0.path):\($0.line)" }, ["m.env:2", "m.env:4", "z.env:9"])
        }
    }

    /// Rows are read column by column reusing the previous row's text when it repeats: values that
    /// change, come back, go missing (NULL) or empty must each come out as stored.
    func testColumnsThatRepeatChangeAndGoMissingReadBackAsStored() throws {
        let store = try Store(path: path)
        let source = try store.source(kind: "git", locator: "/repo")
        let scan = try store.beginScan(sourceID: source, rulesDigest: "d1")
        let commits: [String?] = ["c1", "c2", "c1", nil, "c2", "c2"]
        let authors: [String?] = ["Ann", "Ann", "Bo", nil, "", "Ann"]
        var f = finding("abcdef01", at: [])
        f.locations = commits.indices.map { i in
            Location(
                path: "p\(i).env", line: 1, column: 1, blob: "b\(i)", commit: commits[i], author: authors[i],
                email: authors[i].map { "\($0)@x" },
                date: commits[i].map { "2026-01-0\($0.last!)T00:00:00Z" })
        }
        try store.finishScan(id: scan, sourceID: source, outcome: ScanOutcome(findings: [f]))
        let back = try XCTUnwrap(try store.findings(FindingFilter(source: "/repo")).first)
        XCTAssertEqual(back.locations.map(\.commit), commits)
        XCTAssertEqual(back.locations.map(\.author), authors)
        XCTAssertEqual(back.locations.map(\.email), authors.map { $0.map { "\($0)@x" } })
        XCTAssertEqual(back.locations.map(\.blob), commits.indices.map { "b\($0)" })
        XCTAssertEqual(back.locations.map(\.repository), Array(repeating: "/repo", count: commits.count))
    }

    /// How a secret was decoded at a place is kept: reports from the store say it, and a rescan that
    /// copies a known place to a renamed path (knownPlaces) carries it over.
    func testDecodedIsStoredPerPlace() throws {
        let store = try Store(path: path)
        let source = try store.source(kind: "git", locator: "/repo")
        let scan = try store.beginScan(sourceID: source, rulesDigest: "d1")
        var f = finding("abcdef02", at: [])
        f.locations = [
            Location(path: "kubeconfig", line: 5, column: 22, blob: "b1", decoded: "base64"),
            Location(path: "key.pem", line: 1, column: 1, blob: "b2"),
        ]
        try store.finishScan(id: scan, sourceID: source, outcome: ScanOutcome(findings: [f]))
        let back = try XCTUnwrap(try store.findings(FindingFilter(source: "/repo")).first)
        XCTAssertEqual(back.locations.map(\.decoded), [nil, "base64"])
        let known = try store.knownPlaces(sourceID: source, blobs: ["b1", "b2"]).sorted { $0.blob < $1.blob }
        XCTAssertEqual(known.map(\.decoded), ["base64", nil])
    }

    func testTriageKeepsHistoryAndResolvesPrefixes() throws {
        let store = try Store(path: path)
        let source = try store.source(kind: "path", locator: "/srv")
        let scan = try store.beginScan(sourceID: source, rulesDigest: "d")
        try store.finishScan(
            id: scan, sourceID: source,
            outcome: ScanOutcome(findings: [finding("abcdef0011", at: [("x", 1)]), finding("abcdef0022", at: [("y", 1)])]))
        XCTAssertThrowsError(try store.triage(["abcdef"], status: .ignored, comment: nil, actor: "ann")) {
            XCTAssertEqual($0 as? StoreError, .ambiguousFinding("abcdef", matches: 2))
        }
        XCTAssertThrowsError(try store.triage(["abc"], status: .ignored, comment: nil, actor: "ann"), "too short a prefix")
        XCTAssertThrowsError(try store.triage(["abcdef0011", "ffffff"], status: .resolved, comment: nil, actor: "ann")) {
            XCTAssertEqual($0 as? StoreError, .noSuchFinding("ffffff"))
        }
        XCTAssertEqual(try store.finding("abcdef0011").finding.status, .new, "all or nothing: the failed batch changed nothing")
        try store.triage(["abcdef001"], status: .toRemediate, comment: "rotate it", actor: "ann")
        try store.triage(["abcdef001"], status: .secretStored, comment: "moved to secret/data/ci/prod", actor: "bo")
        let (shown, history) = try store.finding("ABCDEF0011")
        XCTAssertEqual(shown.status, .secretStored)
        XCTAssertEqual(history.map(\.status), [.toRemediate, .secretStored])
        XCTAssertEqual(history.map(\.actor), ["ann", "bo"])
        XCTAssertEqual(history[0].comment, "rotate it")
        XCTAssertEqual(try store.statuses(of: ["abcdef0011", "abcdef0022", "zz"]), ["abcdef0011": .secretStored, "abcdef0022": .new])
        XCTAssertEqual(try store.findings(FindingFilter(status: .secretStored)).map(\.id), ["abcdef0011"])
    }

    func testPlaintextSecretsNeverReachTheFile() throws {
        let secret = "glpat-bBRsk29cztUX1kmObfEj"
        let store = try Store(path: path)
        let source = try store.source(kind: "path", locator: "/srv")
        let scan = try store.beginScan(sourceID: source, rulesDigest: "d")
        try store.finishScan(
            id: scan, sourceID: source, outcome: ScanOutcome(findings: [finding("aaaaaa01", secret: secret, at: [("x", 1)])]))
        for suffix in ["", "-wal", "-shm"] {
            guard let data = FileManager.default.contents(atPath: path + suffix) else { continue }
            XCTAssertNil(data.range(of: Data(secret.utf8)), "radar.db\(suffix) holds the secret")
            XCTAssertNil(data.range(of: Data("bBRsk29czt".utf8)))
        }
    }
}
