import Foundation
import RadarTestSupport
import XCTest
import Yams

/// Migration baselines end to end on corpus/repos/baseline.fi: main and feature are the state the
/// baseline is made from; each refs/heads/scenario/* branch is one later change.
final class BaselineCLITests: CLITestCase {
    /// A blocked commit's line for the known token copied to ci.env: place, rule, redacted secret, id.
    nonisolated(unsafe) static let knownNewPlace =
        /ci\.env:1:7  gitlab\.personal_access_token  glpa…\(26\)  id [0-9a-f]{12}  \[known secret, new location\]/

    var repo: String!
    /// Scenario name → commit id (the refs are removed until a test puts one back).
    var scenarios: [String: String] = [:]
    var gitBaseline: String { work.appendingPathComponent("git-baseline.json").path }
    var filesBaseline: String { work.appendingPathComponent("files-baseline.json").path }

    override func setUpWithError() throws {
        try super.setUpWithError()
        repo = try GitFixture(scenario: "baseline", in: work).path
        let refs = try GitFixture.git(["for-each-ref", "--format=%(refname) %(objectname)", "refs/heads/scenario"], in: repo)
        for line in refs.split(separator: "\n") {
            let parts = line.split(separator: " ")
            scenarios[String(parts[0].dropFirst("refs/heads/scenario/".count))] = String(parts[1])
            try GitFixture.git(["update-ref", "-d", String(parts[0])], in: repo)
        }
        XCTAssertEqual(scenarios.count, 7)
        try GitFixture.git(["checkout", "-q", "-f", "main"], in: repo)
        let git = try run(["baseline", "create", "--git", repo, "-o", gitBaseline] + keyArgs)
        XCTAssertEqual(git.status, 0, git.stderr)
        XCTAssertTrue(git.stderr.contains("4 findings in the baseline"), git.stderr)
        let files = try run(["baseline", "create", repo, "-o", filesBaseline] + keyArgs)
        XCTAssertEqual(files.status, 0, files.stderr)
        XCTAssertTrue(files.stderr.contains("2 findings in the baseline"), files.stderr)
    }

    /// Runs a scan with `--format json --show-known` and returns exit status, rule → state, and the counts.
    func judge(_ arguments: [String], baseline: String, extra: [String] = []) throws -> (
        status: Int32, states: [String: String], counts: [String: Int]
    ) {
        let r = try run(arguments + ["--baseline", baseline, "--show-known", "--no-store", "--format", "json"] + keyArgs + extra)
        XCTAssertTrue([0, 1].contains(r.status), r.stderr)
        let document = try json(r.stdout)
        var states: [String: String] = [:]
        for f in document["findings"] as? [[String: Any]] ?? [] {
            states[f["rule"] as! String] = f["baseline"] as? String
        }
        let summary = document["summary"] as? [String: Any]
        return (r.status, states, summary?["baseline"] as? [String: Int] ?? [:])
    }

    /// Puts a scenario's branch back and checks it out; returns its commit.
    @discardableResult
    func use(_ scenario: String) throws -> String {
        let commit = try XCTUnwrap(scenarios[scenario])
        try GitFixture.git(["update-ref", "refs/heads/scenario/" + scenario, commit], in: repo)
        try GitFixture.git(["checkout", "-q", "-f", "scenario/" + scenario], in: repo)
        return commit
    }

    func testTheFileIsSortedOneFindingPerLineWithoutSecretsOrTimes() throws {
        let text = try String(contentsOfFile: gitBaseline, encoding: .utf8)
        let lines = text.split(separator: "\n")
        XCTAssertEqual(lines.filter { $0.hasPrefix("    {\"first\"") }.count, 4, text)
        XCTAssertTrue(text.contains("\"secretradar_baseline\": 1"), text)
        XCTAssertTrue(
            text.contains("\"root_commits\":[\"" + (try GitFixture.git(["rev-list", "--max-parents=0", "main"], in: repo)).prefix(40)))
        XCTAssertTrue(text.contains("\"paths\":[\"config/app.env\"]"), text)
        XCTAssertFalse(text.contains("2023-"), "no dates that churn")
        let stream = try String(contentsOfFile: GitFixture.root.appendingPathComponent("corpus/repos/baseline.fi").path, encoding: .utf8)
        for token in stream.matches(of: /(glpat-[A-Za-z0-9]{20}|sk_live_[A-Za-z0-9]{24}|AKIA[A-Z2-7]{16})/) {
            XCTAssertFalse(text.contains(String(token.output.0)), "no secret in the baseline")
        }
        // Made again from the same content: byte for byte the same file.
        let again = work.appendingPathComponent("again.json").path
        XCTAssertEqual(try run(["baseline", "create", "--git", repo, "-o", again] + keyArgs).status, 0)
        XCTAssertEqual(try String(contentsOfFile: again, encoding: .utf8), text)
    }

    func testRescanningTheSameContentFindsNothingNew() throws {
        let git = try run(["scan", "git", repo, "--baseline", gitBaseline, "--no-store"] + keyArgs)
        XCTAssertEqual(git.status, 0, git.stdout + git.stderr)
        XCTAssertTrue(git.stdout.contains("0 new, 0 in new locations, 4 known (4 not shown"), git.stdout)
        XCTAssertFalse(git.stdout.contains("[high]"), "known findings are not listed: \(git.stdout)")
        let files = try judge(["scan", "path", repo], baseline: filesBaseline)
        XCTAssertEqual(files.status, 0)
        XCTAssertEqual(files.states, ["gitlab.personal_access_token": "known", "stripe.secret_key": "known"])
    }

    /// Moving a line, renaming or moving a file, and reformatting add nothing new, in the files and
    /// in the commits that made the change.
    func testMovedRenamedAndReformattedSecretsStayKnown() throws {
        for scenario in ["moved-line", "renamed", "moved", "reformatted"] {
            try use(scenario)
            let files = try judge(["scan", "path", repo], baseline: filesBaseline)
            XCTAssertEqual(files.status, 0, scenario)
            XCTAssertEqual(files.states, ["gitlab.personal_access_token": "known", "stripe.secret_key": "known"], scenario)
            let range = try judge(["scan", "git", repo, "--range", "main..scenario/" + scenario], baseline: gitBaseline)
            XCTAssertEqual(range.status, 0, scenario)
            XCTAssertFalse(range.states.values.contains { $0 != "known" }, "\(scenario): \(range.states)")
            // The whole history, with the scenario branch in it.
            let history = try judge(["scan", "git", repo], baseline: gitBaseline)
            XCTAssertEqual(history.status, 0, "\(scenario): \(history.states)")
            XCTAssertEqual(history.counts["new"], 0, scenario)
            XCTAssertEqual(history.counts["new_location"], 0, scenario)
            try GitFixture.git(["checkout", "-q", "-f", "main"], in: repo)
            try GitFixture.git(["update-ref", "-d", "refs/heads/scenario/" + scenario], in: repo)
        }
        // Reformatting did rescan both files (they changed): the secrets were found, and known.
        try use("reformatted")
        let range = try judge(["scan", "git", repo, "--range", "main..scenario/reformatted"], baseline: gitBaseline)
        XCTAssertEqual(range.states, ["gitlab.personal_access_token": "known", "stripe.secret_key": "known"])
    }

    func testARebasedHistoryAddsNothingNew() throws {
        let rebased = try XCTUnwrap(scenarios["rebased"])
        // `git rebase main feature`: the branch now points at a new commit with the same change.
        try GitFixture.git(["update-ref", "refs/heads/feature", rebased], in: repo)
        XCTAssertEqual(try GitFixture.git(["rev-parse", "feature~1"], in: repo), try GitFixture.git(["rev-parse", "main"], in: repo))
        let history = try judge(["scan", "git", repo], baseline: gitBaseline)
        XCTAssertEqual(history.status, 0)
        XCTAssertEqual(history.states["aws.access_key_id"], "known")
        XCTAssertEqual(history.states["aws.secret_access_key"], "known")
        XCTAssertEqual(history.counts["new"], 0)
        let range = try judge(["scan", "git", repo, "--range", "main..feature"], baseline: gitBaseline)
        XCTAssertEqual(range.states, ["aws.access_key_id": "known", "aws.secret_access_key": "known"])
    }

    func testAReplacedSecretIsNewAndFailsTheScan() throws {
        try use("replaced")
        let files = try judge(["scan", "path", repo], baseline: filesBaseline)
        XCTAssertEqual(files.status, 1)
        XCTAssertEqual(files.states, ["gitlab.personal_access_token": "new", "stripe.secret_key": "known"])
        let range = try judge(["scan", "git", repo, "--range", "main..scenario/replaced"], baseline: gitBaseline)
        XCTAssertEqual(range.status, 1)
        XCTAssertEqual(range.states, ["gitlab.personal_access_token": "new"])
        // Without --show-known the text report lists only the new one.
        let text = try run(["scan", "path", repo, "--baseline", filesBaseline, "--no-store"] + keyArgs)
        XCTAssertEqual(text.status, 1)
        XCTAssertTrue(text.stdout.contains("gitlab.personal_access_token"), text.stdout)
        XCTAssertTrue(text.stdout.contains("[baseline: new]"), text.stdout)
        XCTAssertFalse(text.stdout.contains("stripe.secret_key"), text.stdout)
        XCTAssertTrue(text.stdout.contains("1 new, 0 in new locations, 1 known (1 not shown"), text.stdout)
    }

    func testACopiedSecretIsANewLocationAndFailOnDecidesTheExitCode() throws {
        try use("copied")
        let files = try judge(["scan", "path", repo], baseline: filesBaseline)
        XCTAssertEqual(files.status, 1)
        XCTAssertEqual(files.states, ["gitlab.personal_access_token": "known", "stripe.secret_key": "new_location"])
        let range = try judge(["scan", "git", repo, "--range", "main..scenario/copied"], baseline: gitBaseline)
        XCTAssertEqual(range.status, 1)
        XCTAssertEqual(range.states, ["stripe.secret_key": "new_location"])
        let history = try judge(["scan", "git", repo], baseline: gitBaseline)
        XCTAssertEqual(history.states["stripe.secret_key"], "new_location")
        XCTAssertEqual(history.counts["new_location"], 1)
        XCTAssertEqual(try judge(["scan", "path", repo], baseline: filesBaseline, extra: ["--fail-on", "new"]).status, 0)
        XCTAssertEqual(try judge(["scan", "path", repo], baseline: filesBaseline, extra: ["--fail-on", "new_location"]).status, 1)
        // `any`: even the unchanged main fails, because it holds known findings.
        try GitFixture.git(["checkout", "-q", "-f", "main"], in: repo)
        XCTAssertEqual(try judge(["scan", "path", repo], baseline: filesBaseline, extra: ["--fail-on", "any"]).status, 1)
        XCTAssertEqual(try judge(["scan", "path", repo], baseline: filesBaseline).status, 0)
    }

    func testPathsAreRelativeToTheWorkTreeWhereverTheScanStarts() throws {
        let fromInside = try run(
            ["scan", "path", ".", "--baseline", filesBaseline, "--no-store", "--format", "json"] + keyArgs,
            directory: URL(fileURLWithPath: repo))
        XCTAssertEqual(fromInside.status, 0, fromInside.stdout)
        let sub = try run(
            ["scan", "path", "config", "--baseline", filesBaseline, "--no-store"] + keyArgs, directory: URL(fileURLWithPath: repo))
        XCTAssertEqual(sub.status, 0, sub.stdout)
        XCTAssertTrue(sub.stdout.contains("0 new, 0 in new locations, 1 known"), sub.stdout)
    }

    func testBadBaselinesAreRefusedWithTheirReason() throws {
        func refused(_ file: String, _ expected: String, key: [String]? = nil, target: String? = nil) throws {
            let r = try run(["scan", "path", target ?? repo, "--baseline", file, "--no-store"] + (key ?? keyArgs))
            XCTAssertEqual(r.status, 2, "\(expected): \(r.stdout)")
            XCTAssertTrue(r.stderr.contains(file + ": "), r.stderr)
            XCTAssertTrue(r.stderr.contains(expected), r.stderr)
            XCTAssertEqual(r.stdout, "", "nothing is reported as a pass")
        }
        let original = try String(contentsOfFile: filesBaseline, encoding: .utf8)
        let bad = work.appendingPathComponent("bad.json").path
        try refused(work.appendingPathComponent("missing.json").path, "no such baseline file")
        try String(original.prefix(original.count / 2)).write(toFile: bad, atomically: true, encoding: .utf8)
        try refused(bad, "the file ends early (truncated?)")
        try "".write(toFile: bad, atomically: true, encoding: .utf8)
        try refused(bad, "the file is empty")
        try original.replacingOccurrences(of: "\"status\":\"new\"", with: "\"status\":\"false_positive\"")
            .write(toFile: bad, atomically: true, encoding: .utf8)
        try refused(bad, "does not match its seal (edited by hand?)")
        try original.replacingOccurrences(of: "\"status\":\"new\"", with: "\"status\":\"fixed\"").write(
            toFile: bad, atomically: true, encoding: .utf8)
        try refused(bad, "findings[0].status (line 7)")
        try original.replacingOccurrences(of: "\"secretradar_baseline\": 1", with: "\"secretradar_baseline\": 7").write(
            toFile: bad, atomically: true, encoding: .utf8)
        try refused(bad, "baseline format version 7 is not one this secretradar reads")
        try "{\"findings\": []}\n".write(toFile: bad, atomically: true, encoding: .utf8)
        try refused(bad, "not a secretradar baseline")
        // Another key: every id would differ, so it is refused rather than reporting all as new.
        let otherKey = work.appendingPathComponent("other.key").path
        try (String(repeating: "a7", count: 32) + "\n").write(toFile: otherKey, atomically: true, encoding: .utf8)
        try refused(filesBaseline, "made with another finding key", key: ["--hash-key-file", otherKey])
        // Another repository (and a directory outside any repository).
        let other = try GitFixture(scenario: "rename", in: work).path
        try refused(filesBaseline, "belongs to another repository", target: other)
        let plain = work.appendingPathComponent("plain")
        try FileManager.default.createDirectory(at: plain, withIntermediateDirectories: true)
        try refused(filesBaseline, "is not in a git repository", target: plain.path)
        let gitRun = try run(["scan", "git", other, "--baseline", gitBaseline, "--no-store"] + keyArgs)
        XCTAssertEqual(gitRun.status, 2)
        XCTAssertTrue(gitRun.stderr.contains("none of its root commits is in"), gitRun.stderr)
    }

    func testAShallowCloneIsRecognisedByItsOrigin() throws {
        // A clone of the same project keeps its root commits; without them (shallow), origin decides.
        try GitFixture.git(["remote", "add", "origin", "https://gitlab.example.com/shop/app.git"], in: repo)
        let withRemote = work.appendingPathComponent("with-remote.json").path
        XCTAssertEqual(try run(["baseline", "create", repo, "-o", withRemote] + keyArgs).status, 0)
        XCTAssertTrue(try String(contentsOfFile: withRemote, encoding: .utf8).contains("\"remote\":\"gitlab.example.com/shop/app\""))
        let shallow = work.appendingPathComponent("shallow").path
        try GitFixture.git(["clone", "-q", "--depth", "1", "file://" + repo, shallow], in: work.path)
        try GitFixture.git(["remote", "set-url", "origin", "git@gitlab.example.com:shop/app.git"], in: shallow)
        let r = try run(["scan", "path", shallow, "--baseline", withRemote, "--no-store"] + keyArgs)
        XCTAssertEqual(r.status, 0, r.stderr)
        try GitFixture.git(["remote", "set-url", "origin", "git@gitlab.example.com:shop/other.git"], in: shallow)
        let wrong = try run(["scan", "path", shallow, "--baseline", withRemote, "--no-store"] + keyArgs)
        XCTAssertEqual(wrong.status, 2)
        XCTAssertTrue(wrong.stderr.contains("whose origin is gitlab.example.com/shop/other"), wrong.stderr)
    }

    func testUpdateAcceptsWhatIsNewAndKeepsStatusesAndPruneDropsWhatIsGone() throws {
        // Statuses come from the store when it knows the finding.
        let store = work.appendingPathComponent("radar.db").path
        XCTAssertEqual(try run(["scan", "path", repo, "--store", store] + keyArgs).status, 1)
        let listed = try json(try run(["findings", "list", "--store", store, "--rule", "stripe.secret_key", "--format", "json"]).stdout)
        let stripeID = try XCTUnwrap((listed["findings"] as? [[String: Any]])?.first?["id"] as? String)
        XCTAssertEqual(try run(["findings", "triage", stripeID, "--status", "secret_stored", "--store", store]).status, 0)
        let baseline = work.appendingPathComponent("statuses.json").path
        XCTAssertEqual(try run(["baseline", "create", repo, "-o", baseline, "--store", store] + keyArgs).status, 0)
        XCTAssertTrue(
            try String(contentsOfFile: baseline, encoding: .utf8).contains("\"rule\":\"stripe.secret_key\",\"status\":\"secret_stored\""))

        try use("copied")
        XCTAssertEqual(try judge(["scan", "path", repo], baseline: baseline).status, 1)
        let update = try run(["baseline", "update", baseline, repo, "--store", store] + keyArgs)
        XCTAssertEqual(update.status, 0, update.stderr)
        XCTAssertTrue(update.stderr.contains("0 findings added, 2 in the baseline"), update.stderr)
        let updated = try String(contentsOfFile: baseline, encoding: .utf8)
        XCTAssertTrue(updated.contains("\"paths\":[\"deploy/settings.py\",\"scripts/charge.py\"]"), updated)
        XCTAssertTrue(updated.contains("\"status\":\"secret_stored\""), "the status is kept: \(updated)")
        XCTAssertEqual(try judge(["scan", "path", repo], baseline: baseline).status, 0)

        try use("replaced")
        XCTAssertEqual(try run(["baseline", "update", baseline, repo, "--store", store] + keyArgs).status, 0)
        XCTAssertEqual(try judge(["scan", "path", repo], baseline: baseline).status, 0)
        let prune = try run(["baseline", "prune", baseline, repo, "--store", store] + keyArgs)
        XCTAssertEqual(prune.status, 0, prune.stderr)
        XCTAssertTrue(prune.stderr.contains("1 finding dropped, 2 in the baseline"), prune.stderr)
        // Written by rename: no temporary file is left next to it.
        let siblings = try FileManager.default.contentsOfDirectory(atPath: work.path).filter {
            $0.hasPrefix(".statuses") || $0.contains("statuses.json.")
        }
        XCTAssertEqual(siblings, [])
        // Neither touches a bad baseline.
        try "{\"secretradar_baseline\": 1,".write(toFile: baseline, atomically: true, encoding: .utf8)
        XCTAssertEqual(try run(["baseline", "update", baseline, repo] + keyArgs).status, 2)
        XCTAssertEqual(try String(contentsOfFile: baseline, encoding: .utf8), "{\"secretradar_baseline\": 1,")
    }

    func testABaselineFromTheStoreHasTheSameIdsAsOneFromAScan() throws {
        let store = work.appendingPathComponent("radar.db").path
        XCTAssertEqual(try run(["scan", "git", repo, "--store", store] + keyArgs).status, 1)
        let fromStore = work.appendingPathComponent("from-store.json").path
        let sources = try run(["sources", "list", "--store", store, "--format", "json"])
        let list = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(sources.stdout.utf8)) as? [[String: Any]])
        let locator = try XCTUnwrap(list.first?["locator"] as? String)
        let r = try run(["baseline", "create", "--from-store", "--source", locator, "--store", store, "-o", fromStore] + keyArgs)
        XCTAssertEqual(r.status, 0, r.stderr)
        func ids(_ path: String) throws -> [String] {
            try String(contentsOfFile: path, encoding: .utf8).matches(of: /"id":"([0-9a-f]{64})"/).map { String($0.output.1) }
        }
        XCTAssertEqual(try ids(fromStore), try ids(gitBaseline))
        XCTAssertEqual(try run(["scan", "git", repo, "--baseline", fromStore, "--no-store"] + keyArgs).status, 0)
    }

    func testThePreCommitHookBlocksOnlyWhatIsNew() throws {
        let hook = """
            #!/bin/sh
            export XDG_CONFIG_HOME='\(work.appendingPathComponent("config").path)'
            export SECRETRADAR_CACHE_DIR='\(work.appendingPathComponent("cache").path)'
            export XDG_DATA_HOME='\(work.appendingPathComponent("data").path)'
            exec '\(Self.binary.path)' hook pre-commit --baseline '\(filesBaseline)' --hash-key-file '\(work.appendingPathComponent("test.key").path)'

            """
        try hook.write(toFile: repo + "/.git/hooks/pre-commit", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: repo + "/.git/hooks/pre-commit")
        // Moving the token line within its file: known, the commit goes through.
        let env = try String(contentsOfFile: repo + "/config/app.env", encoding: .utf8)
        let token = try XCTUnwrap(env.firstMatch(of: /glpat-[A-Za-z0-9]{20}/)).output
        try "GITLAB_TOKEN=\(token)\n# deployment settings\nREGION=eu-west-1\n".write(
            toFile: repo + "/config/app.env", atomically: true, encoding: .utf8)
        try GitFixture.git(["add", "config/app.env"], in: repo)
        XCTAssertNoThrow(try GitFixture.git(["commit", "-q", "-m", "reorder"], in: repo))
        // Copying it to another file while it stays: a new location, blocked.
        try "TOKEN=\(token)\n".write(toFile: repo + "/ci.env", atomically: true, encoding: .utf8)
        try GitFixture.git(["add", "ci.env"], in: repo)
        XCTAssertThrowsError(try GitFixture.git(["commit", "-q", "-m", "copy"], in: repo)) { error in
            XCTAssertTrue(
                "\(error)".contains(Self.knownNewPlace), "\(error)")
            XCTAssertFalse("\(error)".contains(String(token)), "redacted")
        }
        // Moving it there instead (deleted from its baseline path in the same commit): known.
        try GitFixture.git(["rm", "-q", "config/app.env"], in: repo)
        XCTAssertNoThrow(try GitFixture.git(["commit", "-q", "-m", "move"], in: repo))
    }

    func testThePreReceiveHookRejectsOnlyWhatIsNew() throws {
        let server = work.appendingPathComponent("server.git").path
        try GitFixture.git(["clone", "-q", "--bare", repo, server], in: work.path)
        let hookPath = server + "/hooks/pre-receive"
        try """
        #!/bin/sh
        export XDG_CONFIG_HOME='\(work.appendingPathComponent("config").path)'
        export SECRETRADAR_CACHE_DIR='\(work.appendingPathComponent("cache").path)'
        export XDG_DATA_HOME='\(work.appendingPathComponent("data").path)'
        exec '\(Self.binary.path)' hook pre-receive --baseline '\(gitBaseline)' --hash-key-file '\(work.appendingPathComponent("test.key").path)'

        """.write(toFile: hookPath, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hookPath)
        for scenario in ["moved", "reformatted", "rebased"] {
            try use(scenario)
            let pushed = try GitFixture.run(["push", server, "scenario/\(scenario)"], in: repo)
            XCTAssertEqual(pushed.status, 0, "\(scenario): \(pushed.stderr)")
        }
        try use("replaced")
        let replaced = try GitFixture.run(["push", server, "scenario/replaced"], in: repo)
        XCTAssertNotEqual(replaced.status, 0)
        XCTAssertTrue(replaced.stderr.contains("push rejected: 1 hardcoded secret"), replaced.stderr)
        try use("copied")
        let copied = try GitFixture.run(["push", server, "scenario/copied"], in: repo)
        XCTAssertNotEqual(copied.status, 0)
        XCTAssertTrue(
            copied.stderr.contains(
                /scripts\/charge\.py:3  stripe\.secret_key  sk_l…\(32\)  id [0-9a-f]{12}  \[known secret, new location\]/),
            copied.stderr)
        // A baseline of another repository rejects every push (exit 2), never lets it through unchecked.
        let foreign = try GitFixture(scenario: "rename", in: work).path
        let foreignBaseline = work.appendingPathComponent("foreign.json").path
        XCTAssertEqual(try run(["baseline", "create", "--git", foreign, "-o", foreignBaseline] + keyArgs).status, 0)
        let text = try String(contentsOfFile: hookPath, encoding: .utf8).replacingOccurrences(of: gitBaseline, with: foreignBaseline)
        try text.write(toFile: hookPath, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hookPath)
        try use("moved-line")
        let refused = try GitFixture.run(["push", server, "scenario/moved-line"], in: repo)
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("belongs to another repository"), refused.stderr)
    }

    // MARK: - Integration files, run the way their hosts run them

    /// The environment a hook or CI job sees: the built binary on PATH and the team's key in
    /// $SECRETRADAR_HASH_KEY (no --hash-key-file anywhere).
    func hostEnvironment(_ extra: [String: String] = [:]) -> [String: String] {
        var env = extra
        env["PATH"] = Self.binary.deletingLastPathComponent().path + ":/usr/local/bin:/usr/bin:/bin"
        env["SECRETRADAR_HASH_KEY"] = env["SECRETRADAR_HASH_KEY"] ?? Self.keyHex
        env["XDG_CONFIG_HOME"] = work.appendingPathComponent("config").path
        env["XDG_DATA_HOME"] = work.appendingPathComponent("host-data").path
        env["XDG_CACHE_HOME"] = work.appendingPathComponent("xdg-cache").path
        env["SECRETRADAR_CACHE_DIR"] = work.appendingPathComponent("cache").path
        return env
    }

    func shell(_ script: String, in directory: String, environment: [String: String]) throws -> CLITestCase.Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLITestCase.Run(
            status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// `.pre-commit-hooks.yaml`: each hook's entry run as pre-commit runs a `language: system` hook
    /// with `pass_filenames: true` (the entry and the staged files' names, in the repository's root).
    func testThePreCommitFrameworkHooksBlockWhatTheyShould() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        let hooks = try XCTUnwrap(try Yams.load(yaml: text) as? [[String: Any]])
        var entries: [String: String] = [:]
        for hook in hooks {
            let id = try XCTUnwrap(hook["id"] as? String)
            XCTAssertEqual(hook["language"] as? String, "system", id)
            XCTAssertEqual(hook["pass_filenames"] as? Bool, true, id)
            XCTAssertNotNil(hook["name"] as? String, id)
            entries[id] = try XCTUnwrap(hook["entry"] as? String)
        }
        XCTAssertEqual(Set(entries.keys), ["secretradar", "secretradar-baseline"])
        try FileManager.default.copyItem(atPath: filesBaseline, toPath: repo + "/.secretradar-baseline.json")
        let env = hostEnvironment()
        func hook(_ id: String) throws -> CLITestCase.Run {
            let staged = try GitFixture.git(["diff", "--cached", "--name-only", "--diff-filter=ACMRTUXB"], in: repo)
                .split(separator: "\n").map { "'\($0)'" }.joined(separator: " ")
            return try shell(entries[id]! + " " + staged, in: repo, environment: env)
        }

        // A known secret moved within its file: the baseline hook passes; the plain hook blocks any secret.
        let appEnv = try String(contentsOfFile: repo + "/config/app.env", encoding: .utf8)
        let token = try XCTUnwrap(appEnv.firstMatch(of: /glpat-[A-Za-z0-9]{20}/)).output
        try "GITLAB_TOKEN=\(token)\nREGION=eu-west-1\n".write(toFile: repo + "/config/app.env", atomically: true, encoding: .utf8)
        try GitFixture.git(["add", "config/app.env"], in: repo)
        XCTAssertEqual(try hook("secretradar-baseline").status, 0)
        XCTAssertEqual(try hook("secretradar").status, 1)
        // Copied to another file: both block, the baseline hook says it is a known secret's new place.
        try "TOKEN=\(token)\n".write(toFile: repo + "/ci.env", atomically: true, encoding: .utf8)
        try GitFixture.git(["add", "ci.env"], in: repo)
        let copied = try hook("secretradar-baseline")
        XCTAssertEqual(copied.status, 1)
        XCTAssertTrue(
            copied.stderr.contains(Self.knownNewPlace), copied.stderr)
        // Without the team's key the baseline cannot be used: blocked with the reason (exit 2).
        let noKey = try shell(
            entries["secretradar-baseline"]! + " ci.env", in: repo,
            environment: hostEnvironment(["SECRETRADAR_HASH_KEY": "ab" + String(repeating: "cd", count: 31)]))
        XCTAssertEqual(noKey.status, 2)
        XCTAssertTrue(noKey.stderr.contains("made with another finding key"), noKey.stderr)
    }

    /// `templates/secretradar.gitlab-ci.yml`: the job's script run with the variables GitLab sets,
    /// in a full clone checked out at the pipeline's commit, the baseline committed in it.
    func testTheGitLabCITemplateFailsTheJobOnlyOnNewSecrets() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("templates/secretradar.gitlab-ci.yml"), encoding: .utf8)
        let document = try XCTUnwrap(try Yams.load(yaml: text) as? [String: Any])
        let job = try XCTUnwrap(document["secretradar"] as? [String: Any])
        let script = try XCTUnwrap(job["script"] as? [String]).joined(separator: "\n")
        var variables = (document["variables"] as? [String: String]) ?? [:]
        for (k, v) in (job["variables"] as? [String: String]) ?? [:] { variables[k] = v }
        XCTAssertEqual(variables["GIT_DEPTH"], "0", "the range needs history")
        let artifacts = try XCTUnwrap(job["artifacts"] as? [String: Any])
        XCTAssertEqual(artifacts["when"] as? String, "always")
        let report = try XCTUnwrap((artifacts["reports"] as? [String: String])?["secret_detection"])
        XCTAssertEqual((artifacts["paths"] as? [String])?.first, report)

        let main = try GitFixture.git(["rev-parse", "main"], in: repo).trimmingCharacters(in: .whitespacesAndNewlines)
        func pipeline(before: String, sha: String, key: String? = nil) throws -> (CLITestCase.Run, String) {
            let clone = work.appendingPathComponent("ci-\(UUID().uuidString.prefix(8))").path
            try GitFixture.git(["clone", "-q", "--no-checkout", repo, clone], in: work.path)
            try GitFixture.git(["checkout", "-q", "--detach", sha], in: clone)
            try FileManager.default.copyItem(atPath: gitBaseline, toPath: clone + "/" + variables["SECRETRADAR_BASELINE"]!)
            var env = hostEnvironment(variables)
            env["CI_COMMIT_BEFORE_SHA"] = before
            env["CI_COMMIT_SHA"] = sha
            if let key { env["SECRETRADAR_HASH_KEY"] = key }
            let r = try shell(script, in: clone, environment: env)
            return (r, (try? String(contentsOfFile: clone + "/" + report, encoding: .utf8)) ?? "")
        }
        let zero = String(repeating: "0", count: 40)
        func files(_ report: String) throws -> [String] {
            let list = try XCTUnwrap(try json(report)["vulnerabilities"] as? [[String: Any]], report)
            return list.compactMap { ($0["location"] as? [String: Any])?["file"] as? String }
        }
        // The first pipeline scans the whole history: all known, the job passes. Its report holds
        // every secret in the commit's files, known or not (GitLab's vulnerability report tracks
        // them), and nothing that only the history or another branch holds.
        let (first, firstReport) = try pipeline(before: zero, sha: main)
        XCTAssertEqual(first.status, 0, first.stdout + first.stderr)
        XCTAssertTrue(first.stdout.contains("scanning the whole history"), first.stdout)
        XCTAssertEqual((try json(firstReport)["scan"] as? [String: Any])?["type"] as? String, "secret_detection")
        let atMain = try files(firstReport)
        XCTAssertEqual(Set(atMain), ["config/app.env", "deploy/settings.py"], firstReport)
        XCTAssertFalse(firstReport.contains("src/feature.py"), "the feature branch's secret is not in main's files")
        // A push that moves a secret: nothing new, and the report still has every secret: the
        // next pipeline must not mark the earlier ones "no longer detected".
        let moved = try use("moved")
        let (movedRun, movedReport) = try pipeline(before: main, sha: moved)
        XCTAssertEqual(movedRun.status, 0)
        XCTAssertEqual(try files(movedReport).count, atMain.count, movedReport)
        // A push that copies one: the job fails, and its log names the place (redacted); the report
        // has the copy and the secrets that were there before.
        let copied = try use("copied")
        let (fails, failsReport) = try pipeline(before: main, sha: copied)
        XCTAssertEqual(fails.status, 1, fails.stderr)
        XCTAssertTrue((fails.stdout + fails.stderr).contains("scripts/charge.py:3:"), fails.stdout + fails.stderr)
        XCTAssertTrue((fails.stdout + fails.stderr).contains("[baseline: new location]"), fails.stdout + fails.stderr)
        let afterCopy = try files(failsReport)
        XCTAssertTrue(afterCopy.contains("scripts/charge.py"), failsReport)
        XCTAssertEqual(afterCopy.count, atMain.count + 1, failsReport)
        // A push that takes a secret's file away: the report no longer has it (GitLab then says
        // "no longer detected", which is now true).
        let renamed = try use("renamed")
        let (renamedRun, renamedReport) = try pipeline(before: main, sha: renamed)
        XCTAssertEqual(renamedRun.status, 0, renamedRun.stdout + renamedRun.stderr)
        XCTAssertFalse(try files(renamedReport).contains("config/app.env"), renamedReport)
        XCTAssertTrue(try files(renamedReport).contains("config/production.env"), renamedReport)
        // A force push (the before-commit is gone): the whole history, which still has the copy.
        let (forced, _) = try pipeline(before: String(repeating: "1", count: 40), sha: copied)
        XCTAssertEqual(forced.status, 1)
        XCTAssertTrue(forced.stdout.contains("scanning the whole history"), forced.stdout)
        // Without the team's key the job fails (exit 2) instead of passing unchecked.
        let (noKey, _) = try pipeline(before: main, sha: moved, key: "ab" + String(repeating: "cd", count: 31))
        XCTAssertEqual(noKey.status, 2, noKey.stderr)
    }
}
