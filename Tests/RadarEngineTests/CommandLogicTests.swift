import Foundation
import RadarGitLab
import RadarModel
import RadarStore
import RadarTestSupport
import XCTest

@testable import RadarEngine

/// The logic the commands call, without spawning the binary: what fails a scan or hook, the
/// pre-commit message, baselines from the store, stored reports, the Vault plan's files, rule listings.
final class CommandLogicTests: XCTestCase {
    var dir: URL!
    let key = FindingKey(bytes: Array(repeating: 5, count: 32))

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("logic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func finding(_ id: String, confidence: Confidence = .high, baseline: BaselineState? = nil, path: String = "app.env") -> Finding {
        var f = Finding(
            id: id, rule: "gitlab.personal_access_token", ruleName: "GitLab token", confidence: confidence, secretRedacted: "glpa…(26)",
            entropy: 4, locations: [Location(path: path, line: 3, column: 7)])
        f.baseline = baseline
        return f
    }

    func testTheFailurePolicyFollowsSeverityAndBaselineState() {
        let all = [finding("n", baseline: .new), finding("l", baseline: .newLocation), finding("k", baseline: .known), finding("p")]
        XCTAssertEqual(FailurePolicy().failing(all).map(\.id), ["n", "l", "p"], "default: new and new_location")
        XCTAssertEqual(FailurePolicy(failOn: .new).failing(all).map(\.id), ["n", "p"])
        XCTAssertEqual(FailurePolicy(failOn: .any).failing(all).map(\.id), ["n", "l", "k", "p"])
        XCTAssertEqual(FailurePolicy(severity: .critical).failing([finding("low", confidence: .low)]).map(\.id), [])
        var results = [ScanResult(findings: [finding("p")], summary: ScanSummary(), errors: [])]
        XCTAssertEqual(FailurePolicy().judge(&results, baseline: nil, showKnown: false).blocking, true)
        var clean = [ScanResult(findings: [], summary: ScanSummary(), errors: [])]
        XCTAssertEqual(FailurePolicy().judge(&clean, baseline: nil, showKnown: false).blocking, false)
    }

    func testThePreCommitMessageNamesEachPlaceWithTheSecretRedacted() {
        var f = finding("x", baseline: .newLocation)
        f.secret = PlaintextSecret("glpat-bBRsk29cztUX1kmObfEj")
        let message = PreCommit.blocked(ScanResult(findings: [f], summary: ScanSummary(), errors: []))
        XCTAssertTrue(message.hasPrefix("secretradar: commit blocked: 1 hardcoded secret in staged files\n"), message)
        XCTAssertTrue(
            message.contains("  app.env:3:7  gitlab.personal_access_token  glpa…(26)  id x  [known secret, new location]\n"), message)
        XCTAssertTrue(message.contains("to .secretradarignore"), "how to mark a false positive by its id: \(message)")
        XCTAssertFalse(message.contains("bBRsk29"), "never the plaintext")
        XCTAssertTrue(message.contains("secretradar baseline update .secretradar-baseline.json"), "how to accept a false positive")
        XCTAssertTrue(message.contains("git commit --no-verify"))
    }

    func testABaselineFromTheStoreHasItsSourcesFindingsAndStatuses() throws {
        let store = try Store(path: dir.appendingPathComponent("radar.db").path)
        let scanned = dir.appendingPathComponent("app")
        try FileManager.default.createDirectory(at: scanned, withIntermediateDirectories: true)
        let source = try store.source(kind: "path", locator: scanned.path)
        let scan = try store.beginScan(sourceID: source, rulesDigest: "d")
        try store.finishScan(
            id: scan, sourceID: source, outcome: ScanOutcome(findings: [finding("aaaaaa01"), finding("bbbbbb02", path: "b.env")]))
        _ = try store.triage(["aaaaaa01"], status: .falsePositive, comment: nil, actor: "t")
        let (_, entries) = try BaselineGathering.fromStore(store, source: scanned.path)
        XCTAssertEqual(entries.map(\.id), ["aaaaaa01", "bbbbbb02"])
        XCTAssertEqual(entries.map(\.status), [.falsePositive, .new])
        XCTAssertEqual(entries.map(\.paths), [["app.env"], ["b.env"]], "relative to the scanned directory")
        XCTAssertThrowsError(try BaselineGathering.fromStore(store, source: "/nowhere")) { error in
            XCTAssertEqual("\(error)", "no source /nowhere in \(store.path) (see `secretradar sources list`)")
        }
        // A scanned baseline takes the statuses the store knows.
        let fresh = try BaselineGathering.entries(of: [finding("aaaaaa01"), finding("cccccc03")], paths: .repository, statusesFrom: store)
        XCTAssertEqual(fresh.map(\.status), [.falsePositive, .new])
    }

    func testAStoredReportNamesWhatItCoversAndLeavesTriagedFindingsOut() throws {
        let store = try Store(path: dir.appendingPathComponent("radar.db").path)
        let source = try store.source(kind: "git", locator: "/repos/app")
        let scan = try store.beginScan(sourceID: source, rulesDigest: "d")
        try store.finishScan(id: scan, sourceID: source, outcome: ScanOutcome(findings: [finding("aaaaaa01"), finding("bbbbbb02")]))
        _ = try store.triage(["bbbbbb02"], status: .ignored, comment: nil, actor: "t")
        let all = try StoredReport.load(store, source: nil, scan: nil, includeTriaged: false)
        XCTAssertEqual(all.findings.map(\.id), ["aaaaaa01"])
        XCTAssertEqual(all.title, "secretradar: all sources")
        XCTAssertEqual(try StoredReport.load(store, source: nil, scan: nil, includeTriaged: true).findings.count, 2)
        let one = try StoredReport.load(store, source: "/repos/app", scan: scan, includeTriaged: false)
        XCTAssertEqual(one.title, "secretradar: /repos/app, scan \(scan)")
        XCTAssertNotNil(one.start)
        XCTAssertThrowsError(try StoredReport.load(store, source: nil, scan: 99, includeTriaged: false)) { error in
            guard case .noSuchScan(99, _) = error as? StoredReport.Failure else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try StoredReport.load(store, source: "other", scan: nil, includeTriaged: false)) { error in
            guard case .noSuchSource("other", _) = error as? StoredReport.Failure else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(
            try XCTUnwrap(StoredReport.date("2026-11-29T08:06:12.154Z")).timeIntervalSince1970, 1_795_939_572.154, accuracy: 0.001)
        XCTAssertNotNil(StoredReport.date("2026-11-29T08:06:12Z"))
        XCTAssertNil(StoredReport.date("yesterday"))
    }

    func testThePlanIsWrittenInsideItsDirectoryWithExecutableScripts() throws {
        let out = dir.appendingPathComponent("plan").path
        let written = try VaultMove.write(plan: ["vault/setup.sh": "#!/bin/sh\n", "PLAN.md": "# plan\n"], to: out)
        XCTAssertEqual(written, [out + "/PLAN.md", out + "/vault/setup.sh"])
        let mode = try FileManager.default.attributesOfItem(atPath: out + "/vault/setup.sh")[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o755)
        XCTAssertThrowsError(try VaultMove.write(plan: ["../escape.md": "x"], to: out))
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("escape.md").path))
        XCTAssertEqual(VaultMove.refs(["staging=develop", "review=feature"]), ["staging": "develop", "review": "feature"])
        XCTAssertNil(VaultMove.refs(["staging"]))
        XCTAssertNil(VaultMove.refs(["staging="]))
        XCTAssertNil(VaultMove.refs(["a=b=c"]))
    }

    func testVariablesAreClassifiedAndEqualValuesComparedByKeyedHash() throws {
        let token = "glpat-bBRsk29cztUX1kmObfEj"
        func variable(_ name: String, _ value: String, _ owner: String, line: Int) -> CIVariable {
            CIVariable(
                owner: owner, key: name, value: value, variableType: "env_var", protected: true, masked: true, hidden: false,
                environmentScope: "*", file: "variables.json", line: line)
        }
        let variables = [
            variable("DEPLOY_TOKEN", token, "g/a", line: 2), variable("OTHER_TOKEN", token, "g/b", line: 9),
            variable("LOG_LEVEL", "debug", "g/a", line: 5),
        ]
        let assessed = try VaultMove.assess(variables, matcher: PackMatchers.whole, key: key)
        XCTAssertEqual(assessed.first { $0.key == "LOG_LEVEL" }?.kind, .notSecret)
        let secrets = assessed.filter { $0.kind == .secret }
        XCTAssertEqual(secrets.map(\.key).sorted(), ["DEPLOY_TOKEN", "OTHER_TOKEN"])
        XCTAssertEqual(Set(secrets.map(\.valueHash)), [key.findingID(ruleID: "gitlab.ci_variable_value", secret: Array(token.utf8))])
        XCTAssertTrue(secrets.allSatisfy { $0.flags.contains { $0.hasPrefix("same value as") } }, "\(secrets.map(\.flags))")
        XCTAssertFalse("\(assessed)".contains("bBRsk29"), "the value is never kept")
    }

    func testExportsMergeAsGitLabResolvesVariables() {
        func v(_ key: String, _ scope: String, _ owner: String, _ value: String) -> CIVariable {
            CIVariable(
                owner: owner, key: key, value: value, variableType: "env_var", protected: true, masked: true, hidden: false,
                environmentScope: scope, file: "x.json", line: 1)
        }
        let merged = VaultMove.merged([
            v("DB", "*", "instance", "i"), v("DB", "*", "group:g", "g"), v("DB", "*", "project:g/app", "p"),
            v("DB", "production", "group:g", "gp"),
            v("TOKEN", "*", "instance", "t"),
        ])
        XCTAssertEqual(merged.map { "\($0.key) \($0.environmentScope) \($0.value ?? "")" }, ["DB * p", "DB production gp", "TOKEN * t"])
    }

    func testTheRuleListingShowsEveryRuleAndItsFileNameLimit() throws {
        let rules = PackMatchers.whole.rules
        let text = RuleListing.text(rules, matcher: PackMatchers.whole)
        XCTAssertTrue(text.hasSuffix("\n\(rules.count) rules\n"))
        XCTAssertEqual(text.split(separator: "\n").count, rules.count + 1)
        XCTAssertTrue(text.contains("[only in files named: .netrc"), "file-name limits shown in full")
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: RuleListing.json(rules)) as? [[String: Any]])
        XCTAssertEqual(json.count, rules.count)
    }

    func testResourcesFollowTheOptionThenTheEnvironment() {
        XCTAssertEqual(Resources.rulesDirectory(explicit: "/x/rules"), "/x/rules")
        setenv("SECRETRADAR_RULES", "/env/rules", 1)
        defer { unsetenv("SECRETRADAR_RULES") }
        XCTAssertEqual(Resources.rulesDirectory(explicit: nil), "/env/rules")
        let saved = getenv("SECRETRADAR_CACHE_DIR").map { String(cString: $0) }
        defer { if let saved { setenv("SECRETRADAR_CACHE_DIR", saved, 1) } else { unsetenv("SECRETRADAR_CACHE_DIR") } }
        setenv("SECRETRADAR_CACHE_DIR", "", 1)
        XCTAssertNil(Resources.databaseCache(), "an empty SECRETRADAR_CACHE_DIR turns the cache off")
        setenv("SECRETRADAR_CACHE_DIR", "/c", 1)
        XCTAssertEqual(Resources.databaseCache(), "/c")
    }
}

/// The hooks' verdicts, without spawning a hook.
final class HookVerdictTests: XCTestCase {
    func finding() -> Finding {
        Finding(
            id: "aa", rule: "gitlab.personal_access_token", ruleName: "GitLab token", confidence: .high, secretRedacted: "glpa…(26)",
            entropy: 4, locations: [Location(path: "a.env", line: 1, column: 1)])
    }

    func verdict(_ result: ScanResult, failOnSkipped: Bool = false) -> HookVerdict {
        FailurePolicy().hookVerdict(
            [result], baseline: nil, showKnown: false, failOnSkipped: failOnSkipped, gate: "push rejected",
            unreadMessage: "the pushed objects could not all be checked"
        ) { _ in "REJECTED\n" }
    }

    func testSecretsBlockThenSkippedFilesWhenAskedThenErrors() {
        XCTAssertEqual(verdict(ScanResult(findings: [], summary: ScanSummary(), errors: [])), HookVerdict(status: 0))
        let found = verdict(ScanResult(findings: [finding()], summary: ScanSummary(), errors: []))
        XCTAssertEqual([found.status], [1])
        XCTAssertEqual(found.message, "REJECTED\n")
        var skipped = ScanResult(findings: [], summary: ScanSummary(), errors: [])
        skipped.skipped = [SkippedInput(path: "dump.sql", reason: .tooLarge, size: 40 << 20)]
        let lenient = verdict(skipped)
        XCTAssertEqual(lenient.status, 0)
        XCTAssertEqual(lenient.warnings, ["not scanned: dump.sql (40.0 MiB, over the size limit)"])
        let strict = verdict(skipped, failOnSkipped: true)
        XCTAssertEqual(strict.status, 2)
        XCTAssertEqual(strict.message, "secretradar: push rejected: files that could not be scanned (--fail-on-skipped)\n")
        let unread = verdict(ScanResult(findings: [], summary: ScanSummary(), errors: [.object(repository: ".", message: "blob x")]))
        XCTAssertEqual(unread.status, 2)
        XCTAssertEqual(unread.warnings, [".: blob x"])
        XCTAssertEqual(unread.message, "secretradar: push rejected: the pushed objects could not all be checked\n")
    }

    func testTheTimeLimitAllowsOrRejectsAndSaysHowFarItGot() {
        let allowed = PreReceive.timeoutVerdict(checked: 3, of: 10, timeout: 60, reject: false)
        XCTAssertEqual(allowed.status, 0)
        XCTAssertEqual(
            allowed.warnings,
            ["the secret scan did not finish within 60.0 s (3 of 10 blobs checked); push allowed WITHOUT a complete secret check"])
        let rejected = PreReceive.timeoutVerdict(checked: 3, of: 10, timeout: 60, reject: true)
        XCTAssertEqual(rejected.status, 2)
        XCTAssertEqual(rejected.message, "secretradar: push rejected: not checked in time (--on-timeout reject)\n")
    }

    func testASkipIsHonouredOnlyWhenAllowedAndOnlyIfItCanBeLogged() throws {
        let asked = ["GIT_PUSH_OPTION_COUNT": "1", "GIT_PUSH_OPTION_0": "secretradar.skip", "USER": "bo"]
        let updates = [
            PreReceive.Update(old: String(repeating: "0", count: 40), new: String(repeating: "1", count: 40), ref: "refs/heads/x")
        ]
        XCTAssertNil(PreReceive.skipVerdict(updates, environment: [:], allowed: true, log: nil), "not asked")
        XCTAssertNil(PreReceive.skipVerdict(updates, environment: asked, allowed: false, log: nil), "not allowed: the scan runs")
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("skip-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        let honoured = try XCTUnwrap(PreReceive.skipVerdict(updates, environment: asked, allowed: true, log: log))
        XCTAssertEqual(honoured.status, 0)
        XCTAssertTrue(try String(contentsOfFile: log, encoding: .utf8).contains("user bo; refs/heads/x"))
        let unloggable = try XCTUnwrap(PreReceive.skipVerdict(updates, environment: asked, allowed: true, log: "/proc/nowhere/skip.log"))
        XCTAssertEqual(unloggable.status, 2, "a skip that cannot be logged is not honoured")
    }
}
