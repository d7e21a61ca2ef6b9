import Foundation
import RadarEngine
import RadarMatch
import RadarModel
import RadarRules
import RadarStore
import RadarTestSupport
import XCTest

/// Git scans recorded in a store: incremental rescans, rule changes, and no plaintext on disk.
final class StoreScanTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("storescan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    static let rules = try! RuleLoader.load(path: GitFixture.root.appendingPathComponent("patterns").path)

    func scan(_ repo: String, store: Store, rules: [Rule] = rules, showSecrets: Bool = false) throws -> ScanResult {
        let recorder = ScanRecorder(store: store, rules: rules)
        let key = FindingKey(bytes: try store.hashKey())
        let matcher =
            rules.count == Self.rules.count
            ? PackMatchers.incremental : try Matcher(rules: rules, options: MatcherOptions(incremental: true))
        let scanner = GitScanner(
            matcher: matcher, key: key, options: GitScanOptions(common: ScanOptions(showSecrets: showSecrets, workers: 2)))
        let target = RepositoryTarget(path: repo, label: repo)
        let result = try scanner.scan(targets: [target], recorder: recorder)
        return try recorder.storedReport(result, sources: [(target.locator, target.label)], includeTriaged: false)
    }

    /// Adds a commit on main that writes `file` with `content` (fast-import, so no work tree is needed).
    func commit(_ repo: String, file: String, content: String, at time: Int) throws {
        try fastImport(repo, commitText("refs/heads/main", at: time, "change", ["from refs/heads/main^0", inline(file, content)]))
    }

    /// One fast-import commit on `ref` by Bo at `time`; `commands` are from/merge/M/R/C lines.
    func commitText(_ ref: String, at time: Int, _ message: String, _ commands: [String]) -> String {
        "commit \(ref)\ncommitter Bo Example <bo@example.com> \(time) +0000\ndata \(message.utf8.count)\n\(message)\n"
            + commands.map { $0 + "\n" }.joined() + "\n"
    }

    /// A file written inline in a fast-import commit.
    func inline(_ file: String, _ content: String) -> String { "M 100644 inline \(file)\ndata \(content.utf8.count)\n\(content)" }

    func fastImport(_ repo: String, _ commits: String...) throws {
        try GitFixture.git(["fast-import", "--quiet"], in: repo, input: Data(commits.joined().utf8))
    }

    func testRescanAfterOneCommitReadsOnlyItsBlobsAndStillReportsEverything() throws {
        let repo = try GitFixture(scenario: "two-files", in: dir)
        let store = try Store(path: dir.appendingPathComponent("radar.db").path)
        let first = try scan(repo.path, store: store)
        XCTAssertEqual(first.summary.files, 3)
        XCTAssertEqual(first.findings.count, 1)

        try commit(repo.path, file: "ci/deploy.sh", content: "export GITLAB_TOKEN=glpat-bBRsk29cztUX1kmObfEj\n", at: 1_800_000_000)
        let second = try scan(repo.path, store: store)
        XCTAssertEqual(second.summary.files, 1, "only the new commit's blob is read")
        XCTAssertEqual(second.summary.git?.commits, 1, "only the new commit is walked")
        XCTAssertEqual(second.findings.map(\.rule).sorted(), ["database.postgres_url", "gitlab.personal_access_token"])
        let old = try XCTUnwrap(second.findings.first { $0.rule == "database.postgres_url" })
        XCTAssertEqual(old.locations.count, 3, "earlier occurrences come from the store")
        XCTAssertEqual(old.status, .new)

        let third = try scan(repo.path, store: store)
        XCTAssertEqual(third.summary.files, 0)
        XCTAssertEqual(third.findings.map(\.id), second.findings.map(\.id))
        XCTAssertEqual(try store.scans().map(\.newFindings), [0, 1, 1])
    }

    /// A rescan begins its scan before the repository is opened (libgit2 may still be loading);
    /// a path the store has never seen is recorded only once it opens as a repository.
    func testOnlyKnownSourcesBeginBeforeTheRepositoryOpens() throws {
        let store = try Store(path: dir.appendingPathComponent("radar.db").path)
        let missing = dir.appendingPathComponent("not-a-repository").path
        try FileManager.default.createDirectory(atPath: missing, withIntermediateDirectories: true)
        let refused = try scan(missing, store: store)
        XCTAssertEqual(refused.errors.count, 1, "\(refused.errors)")
        XCTAssertEqual(try store.sources().count, 0, "nothing recorded for a path that never opened")
        XCTAssertEqual(try store.scans().count, 0)

        let repo = try GitFixture(scenario: "two-files", in: dir)
        let first = try scan(repo.path, store: store)
        XCTAssertEqual(first.findings.count, 1)
        let moved = dir.appendingPathComponent("moved").path
        try FileManager.default.moveItem(atPath: repo.path, toPath: moved)
        let gone = try scan(repo.path, store: store)
        XCTAssertEqual(gone.errors.count, 1, "\(gone.errors)")
        XCTAssertEqual(try store.scans().map(\.status), ["failed", "completed"], "the known source's scan began and failed")
        try FileManager.default.moveItem(atPath: moved, toPath: repo.path)
        let back = try scan(repo.path, store: store)
        XCTAssertEqual(back.errors.count, 0, "\(back.errors)")
        XCTAssertEqual(back.findings.map(\.id), first.findings.map(\.id))
        XCTAssertEqual(try store.scans().first?.status, "completed")
    }

    func testChangingTheRulesScansEverythingAgain() throws {
        let repo = try GitFixture(scenario: "two-files", in: dir)
        let store = try Store(path: dir.appendingPathComponent("radar.db").path)
        _ = try scan(repo.path, store: store)
        XCTAssertEqual(try scan(repo.path, store: store).summary.files, 0)
        let fewer = Self.rules.filter { $0.id != "aws.access_key_id" }
        XCTAssertEqual(try scan(repo.path, store: store, rules: fewer).summary.files, 3, "another rule set: every blob again")
    }

    func testLatestIsRefreshedWhenTheDefaultBranchMoves() throws {
        let repo = try GitFixture(scenario: "two-files", in: dir)
        let store = try Store(path: dir.appendingPathComponent("radar.db").path)
        let before = try scan(repo.path, store: store)
        XCTAssertEqual(before.findings[0].locations.compactMap(\.inLatest), [true, true, true])
        try commit(
            repo.path, file: "docker-compose.yml", content: "services:\n  app:\n    environment:\n      DATABASE_URL: ${DATABASE_URL}\n",
            at: 1_800_000_000)
        let after = try scan(repo.path, store: store)
        let latest = Dictionary(uniqueKeysWithValues: after.findings[0].locations.map { ($0.path, $0.inLatest) })
        XCTAssertEqual(latest["docker-compose.yml"], false, "the secret left the tip with the new commit")
        XCTAssertEqual(latest["deploy/staging.env"], true)
    }

    func testAKnownSecretMovedByANewCommitGetsItsNewPlace() throws {
        let repo = try GitFixture(scenario: "two-files", in: dir)
        let store = try Store(path: dir.appendingPathComponent("radar.db").path)
        _ = try scan(repo.path, store: store)
        try fastImport(
            repo.path,
            commitText("refs/heads/main", at: 1_800_000_000, "move", ["from refs/heads/main^0", "R docker-compose.yml deploy/compose.yml"]))
        let rescan = try scan(repo.path, store: store)
        XCTAssertEqual(rescan.summary.files, 0, "the moved blob is not read again")
        let places = Dictionary(uniqueKeysWithValues: rescan.findings[0].locations.map { ($0.path, $0) })
        let moved = try XCTUnwrap(places["deploy/compose.yml"], "the new place is recorded")
        XCTAssertEqual(moved.inLatest, true)
        XCTAssertEqual(moved.line, 4)
        XCTAssertEqual(
            moved.commit, try GitFixture.git(["rev-parse", "main"], in: repo.path).trimmingCharacters(in: .whitespacesAndNewlines))
        XCTAssertEqual(places["docker-compose.yml"]?.inLatest, false, "the old place is history now")
    }

    /// A directory moved or copied keeps its tree object, which a range walk skips as seen; the
    /// known secrets inside still get their new places (and nothing is read again).
    func testKnownSecretsInAMovedOrCopiedDirectoryGetTheirNewPlaces() throws {
        let repo = try GitFixture(scenario: "two-files", in: dir)
        let store = try Store(path: dir.appendingPathComponent("radar.db").path)
        _ = try scan(repo.path, store: store)
        try fastImport(
            repo.path, commitText("refs/heads/main", at: 1_800_000_000, "move", ["from refs/heads/main^0", "R deploy ops/deploy"]),
            commitText("refs/heads/main", at: 1_800_000_100, "copy", ["C ops backup/ops"]))
        let rescan = try scan(repo.path, store: store)
        XCTAssertEqual(rescan.summary.files, 0, "nothing is read again")
        let places = Dictionary(uniqueKeysWithValues: rescan.findings[0].locations.map { ($0.path, $0.inLatest) })
        XCTAssertEqual(places["deploy/staging.env"], false, "the old place is history now")
        XCTAssertEqual(places["ops/deploy/staging.env"], true, "the moved directory's place is recorded")
        XCTAssertEqual(places["backup/ops/deploy/staging.env"], true, "the copy's place is recorded")
    }

    /// Whether new commits extend the last scan's tips one parent at a time (walked without the
    /// revision walk) or through a merge and a new branch (walked properly), a rescan reports what
    /// a first scan of the same history into an empty store reports.
    func testRescansAfterLinearAndMergedHistoryEqualAFreshScan() throws {
        let repo = try GitFixture(scenario: "two-files", in: dir)
        let store = try Store(path: dir.appendingPathComponent("radar.db").path)
        _ = try scan(repo.path, store: store)
        func places(_ result: ScanResult) -> [String] {
            result.findings.flatMap { f in
                f.locations.map { "\(f.rule) \($0.path) \($0.commit ?? "-") \($0.inLatest.map(String.init) ?? "-")" }
            }
            .sorted()
        }
        func fresh() throws -> [String] {
            let other = try Store(path: dir.appendingPathComponent("fresh-\(UUID().uuidString).db").path)
            return places(try scan(repo.path, store: other))
        }
        try commit(repo.path, file: "a.env", content: "GITLAB_TOKEN=glpat-bBRsk29cztUX1kmObfEj\n", at: 1_800_000_000)
        try commit(repo.path, file: "b.txt", content: "nothing\n", at: 1_800_000_100)
        let linear = try scan(repo.path, store: store)
        XCTAssertEqual(linear.summary.git?.commits, 2)
        XCTAssertEqual(places(linear), try fresh())
        try fastImport(
            repo.path,
            commitText(
                "refs/heads/side", at: 1_800_000_200, "side",
                ["from refs/heads/main^0", inline("side.env", "AWS_ACCESS_KEY_ID=AKIAZ2K7QWMN4R5TXYVB\n")]),
            commitText(
                "refs/heads/main", at: 1_800_000_300, "merge",
                ["from refs/heads/main^0", "merge refs/heads/side", inline("c.txt", "merged\n")]))
        let merged = try scan(repo.path, store: store)
        XCTAssertEqual(merged.summary.git?.commits, 2, "the side commit and the merge")
        XCTAssertTrue(places(merged).contains { $0.hasPrefix("aws.access_key_id side.env") }, "\(places(merged))")
        XCTAssertEqual(places(merged), try fresh())
    }

    func testNoPlantedSecretIsWrittenToTheStore() throws {
        let store = try Store(path: dir.appendingPathComponent("radar.db").path)
        var secrets: Set<String> = []
        for scenario in ["added-then-deleted", "merge", "push-range", "rename", "side-branch", "skipped-entries", "tag-only", "two-files"] {
            let repo = try GitFixture(scenario: scenario, in: dir)
            for f in try scan(repo.path, store: store, showSecrets: true).findings {
                if let bytes = f.secret?.reveal(to: TestReveal.self) { secrets.insert(String(decoding: bytes, as: UTF8.self)) }
            }
        }
        XCTAssertGreaterThanOrEqual(secrets.count, 10)
        for suffix in ["", "-wal", "-shm"] {
            guard let data = FileManager.default.contents(atPath: store.path + suffix) else { continue }
            for secret in secrets { XCTAssertNil(data.range(of: Data(secret.utf8)), "radar.db\(suffix) holds \(secret.prefix(4))…") }
        }
    }

    /// The rules digest keys "already scanned": it must change with what decides matches and only that.
    /// Stores hold the digest of the rules their blobs were matched with: computing it differently
    /// would rescan every store's history. Pinned to its value (rules in any order).
    func testTheRulesDigestIsStable() {
        let token = Rule(
            id: "t.token", name: "Token", pattern: "tok_[a-z]{8}", minEntropy: 2.5, valueFilters: [.identifier], confidence: .high,
            categories: ["api-token"], description: "A token.")
        let first = Rule(id: "a.first", name: "First", pattern: "af_[0-9]{4}", confidence: .low, description: "First.")
        XCTAssertEqual(ScanRecorder.digest([token, first]), "aa2b513a6a90e7c1a33f2c4e7a31b11ab8e145dce64071654089c129206c5cfa")
    }

    func testTheRulesDigestFollowsMatchingFieldsOnly() {
        let rule = Rule(
            id: "t.token", name: "Token", pattern: "tok_[a-z]{8}", minEntropy: 2.5, valueFilters: [.identifier], confidence: .high,
            categories: ["api-token"], description: "A token.")
        let digest = ScanRecorder.digest([rule])
        var reworded = rule
        reworded.description = "A token, described better."
        reworded.name = "Token (renamed)"
        reworded.references = ["https://example.com/tokens"]
        XCTAssertEqual(ScanRecorder.digest([reworded]), digest, "prose does not rescan every blob")
        let changes: [(String, (inout Rule) -> Void)] = [
            ("pattern", { $0.pattern = "tok_[a-z]{9}" }), ("prefilter", { $0.prefilter = "tok_" }), ("entropy", { $0.minEntropy = 3 }),
            ("filters", { $0.valueFilters = [] }), ("confidence", { $0.confidence = .medium }),
            ("categories", { $0.categories = ["generic"] }),
            ("id", { $0.id = "t.other" }),
        ]
        for (name, change) in changes {
            var changed = rule
            change(&changed)
            XCTAssertNotEqual(ScanRecorder.digest([changed]), digest, name)
        }
        XCTAssertEqual(
            ScanRecorder.digest([rule, reworded.withID("t.b")]), ScanRecorder.digest([reworded.withID("t.b"), rule]), "order-free")
    }
}

extension Rule {
    fileprivate func withID(_ id: String) -> Rule {
        var copy = self
        copy.id = id
        return copy
    }
}

/// The tests read plaintext secrets to check where they must not be.
enum TestReveal: SecretRevealing {}
