import Foundation
import RadarEngine
import RadarMatch
import RadarModel
import RadarRules
import RadarTestSupport
import XCTest

@testable import RadarStore

/// A stored git scan that meets a fault loses nothing: an unreadable blob is retried by the next
/// scan, a store that cannot be written still gets a complete report, and a range scan reports
/// only what the range introduced (issue 16 items 4, 5 and 6).
final class StoreFaultTests: XCTestCase {
    var dir: URL!
    let token = "glpat-bBRsk29cztUX1kmObfEj"

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("storefault-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    /// A stored scan of `repo`, reported the way `scan git` reports it.
    func scan(_ repo: String, store: Store, scope: GitScanScope = .all, key: FindingKey? = nil) throws -> ScanResult {
        let recorder = ScanRecorder(store: store, rules: PackMatchers.incremental.rules)
        let scanner = GitScanner(
            matcher: PackMatchers.incremental, key: try key ?? FindingKey(bytes: try store.hashKey()),
            options: GitScanOptions(scope: scope, common: ScanOptions(workers: 2)))
        let target = RepositoryTarget(path: repo, label: repo)
        let result = try scanner.scan(targets: [target], recorder: recorder)
        return recorder.report(result, scope: scope, sources: [(target.locator, target.label)], includeTriaged: false)
    }

    /// A repository with one commit holding `files`, written as loose objects by the real git.
    func repository(_ files: [String: String]) throws -> String {
        let repo = dir.appendingPathComponent("repo").path
        try GitFixture.git(["init", "-q", "-b", "main", repo], in: dir.path)
        try add(files, to: repo)
        return repo
    }

    func add(_ files: [String: String], to repo: String) throws {
        for (name, content) in files {
            try content.write(toFile: repo + "/" + name, atomically: true, encoding: .utf8)
            try GitFixture.git(["add", name], in: repo)
        }
        try GitFixture.git(["commit", "-q", "-m", "add \(files.keys.sorted().joined(separator: " "))"], in: repo)
    }

    func objectPath(_ repo: String, _ spec: String) throws -> String {
        let id = try GitFixture.git(["rev-parse", spec], in: repo).trimmingCharacters(in: .whitespacesAndNewlines)
        return repo + "/.git/objects/" + id.prefix(2) + "/" + id.dropFirst(2)
    }

    func testABlobThatCouldNotBeReadIsRetriedByTheNextScan() throws {
        let repo = try repository(["readme.md": "hello\n", "deploy.env": "GITLAB_TOKEN=\(token)\n"])
        let store = try Store(path: dir.appendingPathComponent("radar.db").path)
        let object = try objectPath(repo, "HEAD:deploy.env")
        try FileManager.default.moveItem(atPath: object, toPath: object + ".away")
        let broken = try scan(repo, store: store)
        XCTAssertEqual(broken.findings.count, 0)
        XCTAssertEqual(broken.errors.count, 1, "the unreadable blob is named")
        XCTAssertEqual(try store.scans().first?.status, "incomplete")
        // Repaired: the next scan walks the history again and reads what it missed.
        try FileManager.default.moveItem(atPath: object + ".away", toPath: object)
        let repaired = try scan(repo, store: store)
        XCTAssertEqual(repaired.errors.count, 0)
        XCTAssertEqual(repaired.findings.map(\.rule), ["gitlab.personal_access_token"])
        XCTAssertEqual(repaired.summary.files, 1, "only the missed blob is read; readme.md was matched before")
        XCTAssertEqual(try store.scans().first?.status, "completed")
    }

    func testAStoreThatCannotBeWrittenStillGetsACompleteReport() throws {
        let repo = try repository(["a.env": "DATABASE_URL=postgres://app:Zq8mW3xR7tLp2v@db.internal:5432/app\n"])
        let store = try Store(path: dir.appendingPathComponent("radar.db").path)
        XCTAssertEqual(try scan(repo, store: store).findings.count, 1)
        try add(["b.env": "GITLAB_TOKEN=\(token)\n"], to: repo)
        // Every write of a scan fails from now on, as on a full disk: temporary triggers on the
        // store's one connection (GRDB resets `query_only` after each read, so that cannot be used).
        let key = FindingKey(bytes: try store.hashKey())
        try store.pool.writeWithoutTransaction { db in
            for table in ["scan", "finding", "occurrence", "scanned_blob"] {
                try db.execute(
                    sql:
                        "CREATE TEMP TRIGGER full_\(table) BEFORE INSERT ON main.\(table) BEGIN SELECT RAISE(FAIL, 'database or disk is full'); END"
                )
            }
        }
        let full = try scan(repo, store: store, key: key)
        XCTAssertEqual(full.findings.map(\.rule).sorted(), ["database.postgres_url", "gitlab.personal_access_token"])
        XCTAssertFalse(full.errors.isEmpty, "the store's failure is reported beside the findings")
        XCTAssertTrue(full.errors.contains { if case .store = $0 { true } else { false } }, "\(full.errors)")
    }

    func testShownSecretsTheStoreAloneKnowsStayRedactedWithANote() throws {
        let repo = try repository(["a.env": "GITLAB_TOKEN=\(token)\n"])
        let store = try Store(path: dir.appendingPathComponent("radar.db").path)
        _ = try scan(repo, store: store)
        try add(["b.txt": "nothing here\n"], to: repo)
        let recorder = ScanRecorder(store: store, rules: PackMatchers.incremental.rules)
        let scanner = GitScanner(
            matcher: PackMatchers.incremental, key: FindingKey(bytes: try store.hashKey()),
            options: GitScanOptions(common: ScanOptions(showSecrets: true, workers: 2)))
        let target = RepositoryTarget(path: repo, label: repo)
        let result = recorder.report(
            try scanner.scan(targets: [target], recorder: recorder), scope: .all, sources: [(target.locator, target.label)],
            includeTriaged: false, showSecrets: true)
        XCTAssertEqual(result.findings.count, 1)
        XCTAssertNil(result.findings[0].secret)
        XCTAssertTrue(result.notices.contains { $0.hasPrefix("1 finding was matched by an earlier scan") }, "\(result.notices)")
    }

    func testARangeScanReportsOnlyWhatTheRangeIntroduced() throws {
        let repo = try repository(["a.env": "DATABASE_URL=postgres://app:Zq8mW3xR7tLp2v@db.internal:5432/app\n"])
        let store = try Store(path: dir.appendingPathComponent("radar.db").path)
        XCTAssertEqual(try scan(repo, store: store).findings.count, 1)
        try add(["b.env": "GITLAB_TOKEN=\(token)\n"], to: repo)
        let range = try scan(repo, store: store, scope: .range(old: "HEAD~1", new: "HEAD"))
        XCTAssertEqual(range.findings.map(\.rule), ["gitlab.personal_access_token"])
        XCTAssertEqual(range.findings.first?.status, .new, "statuses come from the store")
        XCTAssertEqual(try scan(repo, store: store).findings.count, 2, "a full scan still reports everything")
    }
}
