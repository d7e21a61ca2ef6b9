import CGit2
import Foundation
import RadarTestSupport
import XCTest

/// End-to-end: `scan git`, `--clone`, and both hooks run by real `git push` and `git commit`.
final class GitCLITests: CLITestCase {
    func testScanGitReportsProvenanceInJSONAndText() throws {
        let repo = try GitFixture(scenario: "rename", in: work)
        let json = try run(["scan", "git", repo.path, "-f", "json"] + keyArgs)
        XCTAssertEqual(json.status, 1, json.stderr)
        let doc = try self.json(json.stdout)
        let finding = try XCTUnwrap((doc["findings"] as? [[String: Any]])?.first)
        XCTAssertEqual(finding["rule"] as? String, "stripe.secret_key")
        XCTAssertNil(finding["secret"], "no plaintext without --show-secrets")
        let locations = try XCTUnwrap(finding["locations"] as? [[String: Any]])
        XCTAssertEqual(locations.map { $0["path"] as? String }, ["src/config/settings.py", "src/settings.py"])
        XCTAssertEqual(
            locations.map { $0["commit"] as? String }, [try repo.commit("move settings into a package"), try repo.commit("settings")])
        XCTAssertEqual(locations.map { $0["in_latest"] as? Bool }, [true, false])
        XCTAssertEqual(locations[0]["repository"] as? String, repo.path)
        XCTAssertEqual(locations[0]["author"] as? String, "Ann Example")
        XCTAssertEqual(locations[0]["email"] as? String, "ann@example.com")
        XCTAssertEqual(locations[0]["date"] as? String, "2023-11-15T02:13:20+01:00")
        let git = try XCTUnwrap((doc["summary"] as? [String: Any])?["git"] as? [String: Any])
        XCTAssertEqual(git["commits"] as? Int, 3)

        let text = try run(["scan", "git", repo.path, "--no-store"] + keyArgs)
        XCTAssertEqual(text.status, 1)
        XCTAssertTrue(
            text.stdout.contains(
                "src/settings.py:5:19  \(try repo.commit("settings").prefix(12)) 2023-11-15 Ann Example <ann@example.com>  history"),
            text.stdout)
        XCTAssertTrue(text.stdout.contains("1 repository, 3 commits, 1 refs; 2 blobs"), text.stdout)
        XCTAssertFalse(text.stdout.contains("sk_live_"), "redacted by default")
    }

    /// `SECRETRADAR_TRACE` times each phase on stderr and changes nothing else; without it, no trace.
    func testTraceTimesThePhasesOnStderrOnly() throws {
        let repo = try GitFixture(scenario: "rename", in: work)
        let plain = try run(["scan", "git", repo.path, "-f", "json"] + keyArgs)
        let traced = try run(["scan", "git", repo.path, "-f", "json"] + keyArgs, environment: ["SECRETRADAR_TRACE": "1"])
        XCTAssertEqual(traced.status, plain.status)
        XCTAssertEqual(try json(traced.stdout)["findings"] as? NSArray, try json(plain.stdout)["findings"] as? NSArray)
        let lines = traced.stderr.split(separator: "\n").filter { $0.hasPrefix("trace ") }
        let labels = lines.compactMap { line -> String? in
            let parts = line.split(separator: " ", maxSplits: 3)
            guard parts.count == 4, Double(parts[1]) != nil, parts[2] == "ms" else { return nil }
            // Each mark ends with the process's memory and CPU time: `  [rss 40 MB, peak 44 MB, cpu 0.12 s]`.
            guard let memory = parts[3].range(of: "  [rss "), parts[3].hasSuffix(" s]"), parts[3].contains(" MB, peak "),
                parts[3].contains(" MB, cpu ")
            else {
                return nil
            }
            return String(parts[3][..<memory.lowerBound])
        }
        XCTAssertEqual(labels.count, lines.count, traced.stderr)
        for phase in ["parsed", "rules loaded", "compiled", "store opened", "repo opened", "matched", "stored report", "rendered"] {
            XCTAssertTrue(labels.contains(phase), "\(phase) in \(labels)")
        }
        XCTAssertFalse(plain.stderr.contains("trace "), plain.stderr)
    }

    func testScanGitWithNoRepositoryScansTheDemoHistories() throws {
        let r = try run(["scan", "git", "-f", "json"] + keyArgs)
        XCTAssertEqual(r.status, 1, r.stderr)
        let doc = try json(r.stdout)
        let git = try XCTUnwrap((doc["summary"] as? [String: Any])?["git"] as? [String: Any])
        let streams = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("corpus/repos").path)
        XCTAssertEqual(git["repositories"] as? Int, streams.filter { $0.hasSuffix(".fi") }.count)
        let repositories = Set(
            (doc["findings"] as? [[String: Any]] ?? []).flatMap {
                ($0["locations"] as? [[String: Any]] ?? []).compactMap { $0["repository"] as? String }
            })
        XCTAssertTrue(repositories.contains("demo/rename"), "\(repositories)")
        XCTAssertTrue(
            FileManager.default.fileExists(atPath: work.appendingPathComponent("xdg-cache/secretradar/demo-repos/rename.git/HEAD").path))
    }

    func testScanGitOnANonRepositoryExitsTwoWithTheReason() throws {
        let r = try run(["scan", "git", work.path] + keyArgs)
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("\(work.path): not a git repository"), r.stderr)
        let usage = try run(["scan", "git", "--range", "main", work.path])
        XCTAssertEqual(usage.status, 2)
        XCTAssertTrue(usage.stderr.contains("--range: expected OLD..NEW"), usage.stderr)
    }

    func testCloneMirrorsEveryRefIntoTheCacheAndFetchesAgain() throws {
        let repo = try GitFixture(scenario: "side-branch", in: work, bare: true)
        let cache = work.appendingPathComponent("clones").path
        let url = "file://" + repo.path
        let first = try run(["scan", "git", "--clone", url, "--cache-dir", cache, "-f", "json"] + keyArgs)
        XCTAssertEqual(first.status, 1, first.stderr)
        XCTAssertTrue(first.stdout.contains("scripts/upload.sh"), "the side branch came along: \(first.stdout)")
        let clones = try FileManager.default.contentsOfDirectory(atPath: cache)
        XCTAssertEqual(clones.count, 1)
        // The mirror's HEAD is the remote's default branch (main), not libgit2's `master`: "in
        // the latest version" is judged at HEAD (ServeTests checks a finding in the tip).
        let head = try String(contentsOfFile: "\(cache)/\(clones[0])/HEAD", encoding: .utf8)
        XCTAssertEqual(head.trimmingCharacters(in: .whitespacesAndNewlines), "ref: refs/heads/main")

        let second = try run(["scan", "git", "--clone", url, "--cache-dir", cache, "-f", "json"] + keyArgs)
        XCTAssertEqual(second.status, 1, second.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: cache), clones)
        let missing = try run(
            ["scan", "git", "--clone", "file://" + work.appendingPathComponent("nope").path, "--cache-dir", cache] + keyArgs)
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("cloning file://"), missing.stderr)
    }

    func testPreReceiveRejectsAPushThatAddsASecretAndAcceptsAClean() throws {
        let (server, client) = try server()
        XCTAssertTrue(try push(client, server).ok, "a clean first push (a new branch) is accepted")
        try "GITLAB_TOKEN=glpat-bBRsk29cztUX1kmObfEj\n".write(toFile: client + "/app.env", atomically: true, encoding: .utf8)
        try GitFixture.git(["add", "app.env"], in: client)
        try GitFixture.git(["commit", "-q", "-m", "add token"], in: client)
        let commit = try GitFixture.git(["rev-parse", "HEAD"], in: client).prefix(12)
        let rejected = try push(client, server)
        XCTAssertFalse(rejected.ok)
        XCTAssertTrue(rejected.output.contains("push rejected: 1 hardcoded secret"), rejected.output)
        XCTAssertTrue(
            rejected.output.contains("refs/heads/main  \(commit)  app.env:1  gitlab.personal_access_token  glpa…(26)"), rejected.output)
        XCTAssertNotNil(
            rejected.output.firstMatch(of: /app\.env:1  gitlab\.personal_access_token  glpa…\(26\)  id [0-9a-f]{12}/),
            "the id to ignore it by")
        XCTAssertTrue(rejected.output.contains(".secretradarignore on the default branch"), rejected.output)
        XCTAssertFalse(rejected.output.contains("bBRsk29cztUX1kmObfEj"), "the secret is redacted")
        XCTAssertEqual(
            try GitFixture.git(["rev-list", "--count", "main"], in: server).trimmingCharacters(in: .whitespacesAndNewlines), "1")
        // The same secret on a brand-new branch is caught too.
        XCTAssertFalse(try push(client, server, "main:refs/heads/other").ok)
        // Rewritten without the secret, the push goes through.
        try GitFixture.git(["reset", "-q", "--hard", "HEAD~1"], in: client)
        try "GITLAB_TOKEN=${GITLAB_TOKEN}\n".write(toFile: client + "/app.env", atomically: true, encoding: .utf8)
        try GitFixture.git(["add", "app.env"], in: client)
        try GitFixture.git(["commit", "-q", "-m", "token from CI variables"], in: client)
        XCTAssertTrue(try push(client, server).ok)
    }

    func testPreReceiveLetsThePushThroughWithAWarningAfterTheTimeout() throws {
        let (server, client) = try server(hookArguments: "--timeout 0.000001")
        XCTAssertTrue(try push(client, server).ok)
        try "GITLAB_TOKEN=glpat-bBRsk29cztUX1kmObfEj\n".write(toFile: client + "/app.env", atomically: true, encoding: .utf8)
        try GitFixture.git(["add", "app.env"], in: client)
        try GitFixture.git(["commit", "-q", "-m", "add token"], in: client)
        let pushed = try GitFixture.run(["push", server, "main"], in: client)
        let output = pushed.stderr
        XCTAssertEqual(pushed.status, 0, output)
        XCTAssertTrue(output.contains("did not finish within"), output)
    }

    func testPreReceiveCanRejectWhatItCouldNotCheckInTime() throws {
        let (server, client) = try server(hookArguments: "--timeout 0.000001 --on-timeout reject")
        try "GITLAB_TOKEN=glpat-bBRsk29cztUX1kmObfEj\n".write(toFile: client + "/app.env", atomically: true, encoding: .utf8)
        try GitFixture.git(["add", "app.env"], in: client)
        try GitFixture.git(["commit", "-q", "-m", "add token"], in: client)
        let pushed = try GitFixture.run(["push", server, "main"], in: client)
        XCTAssertNotEqual(pushed.status, 0, pushed.stderr)
        XCTAssertTrue(pushed.stderr.contains("blobs checked)") || pushed.stderr.contains("blob checked)"), pushed.stderr)
        XCTAssertTrue(pushed.stderr.contains("push rejected: not checked in time"), pushed.stderr)
    }

    func testTheSkipPushOptionWorksOnlyWhereTheServerAllowsItAndIsLogged() throws {
        let log = work.appendingPathComponent("skips.log").path
        let (allowing, client) = try server(hookArguments: "--allow-skip --skip-log '\(log)'")
        try GitFixture.git(["config", "receive.advertisePushOptions", "true"], in: allowing)
        try "GITLAB_TOKEN=glpat-bBRsk29cztUX1kmObfEj\n".write(toFile: client + "/app.env", atomically: true, encoding: .utf8)
        try GitFixture.git(["add", "."], in: client)
        try GitFixture.git(["commit", "-q", "-m", "add token"], in: client)
        XCTAssertFalse(try push(client, allowing).ok, "without the option the secret rejects the push")
        let skipped = try GitFixture.run(["push", "-o", "secretradar.skip", allowing, "main"], in: client)
        XCTAssertEqual(skipped.status, 0, skipped.stderr)
        XCTAssertTrue(skipped.stderr.contains("secret scan skipped by push option secretradar.skip"), skipped.stderr)
        let logged = try String(contentsOfFile: log, encoding: .utf8)
        XCTAssertTrue(logged.contains("secret scan skipped") && logged.contains("refs/heads/main"), logged)
        // A server that does not allow it scans anyway.
        try FileManager.default.removeItem(atPath: work.appendingPathComponent("server.git").path)
        try FileManager.default.removeItem(atPath: client)
        let (strict, strictClient) = try server()
        try GitFixture.git(["config", "receive.advertisePushOptions", "true"], in: strict)
        try "GITLAB_TOKEN=glpat-bBRsk29cztUX1kmObfEj\n".write(toFile: strictClient + "/app.env", atomically: true, encoding: .utf8)
        try GitFixture.git(["add", "."], in: strictClient)
        try GitFixture.git(["commit", "-q", "-m", "add token"], in: strictClient)
        let refused = try GitFixture.run(["push", "-o", "secretradar.skip", strict, "main"], in: strictClient)
        XCTAssertNotEqual(refused.status, 0, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("push option secretradar.skip ignored"), refused.stderr)
    }

    func testPreReceiveRejectsMalformedInput() throws {
        let r = try run(["hook", "pre-receive"], stdin: "not a ref update\n")
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("standard input line 1: expected '<old-sha> <new-sha> <ref>'"), r.stderr)
    }

    func testPreCommitBlocksAStagedSecretAndLetsACleanCommitThrough() throws {
        let repo = work.appendingPathComponent("repo").path
        try GitFixture.git(["init", "-q", "-b", "main", repo], in: work.path)
        let hook = """
            #!/bin/sh
            export XDG_CONFIG_HOME='\(work.appendingPathComponent("config").path)'
            export SECRETRADAR_CACHE_DIR='\(work.appendingPathComponent("cache").path)'
            export XDG_DATA_HOME='\(work.appendingPathComponent("data").path)'
            exec '\(Self.binary.path)' hook pre-commit

            """
        try hook.write(toFile: repo + "/.git/hooks/pre-commit", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: repo + "/.git/hooks/pre-commit")
        try "aws_access_key_id = AKIAQYLPMN5HHHFPZAM2\n".write(toFile: repo + "/creds.ini", atomically: true, encoding: .utf8)
        try GitFixture.git(["add", "creds.ini"], in: repo)
        XCTAssertThrowsError(try GitFixture.git(["commit", "-q", "-m", "creds"], in: repo)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("commit blocked: 1 hardcoded secret in staged files"), text)
            XCTAssertTrue(text.contains("creds.ini:1:21  aws.access_key_id  AKIA…(20)"), text)
        }
        XCTAssertThrowsError(try GitFixture.git(["rev-parse", "HEAD"], in: repo), "no commit was made")
        // The work tree may hold the secret; only what is staged counts.
        try "aws_access_key_id = ${AWS_ACCESS_KEY_ID}\n".write(toFile: repo + "/creds.ini", atomically: true, encoding: .utf8)
        try GitFixture.git(["add", "creds.ini"], in: repo)
        try "aws_access_key_id = AKIAQYLPMN5HHHFPZAM2\n".write(toFile: repo + "/creds.ini", atomically: true, encoding: .utf8)
        XCTAssertNoThrow(try GitFixture.git(["commit", "-q", "-m", "creds from the environment"], in: repo))
        // Given file names (the pre-commit framework's --all-files), the files themselves are scanned.
        try "aws_access_key_id = ${AWS_ACCESS_KEY_ID}\n".write(toFile: repo + "/creds.ini", atomically: true, encoding: .utf8)
        try "TOKEN=glpat-bBRsk29cztUX1kmObfEj\n".write(toFile: repo + "/app.env", atomically: true, encoding: .utf8)
        let named = try run(["hook", "pre-commit", "app.env", "creds.ini"] + keyArgs, directory: URL(fileURLWithPath: repo))
        XCTAssertEqual(named.status, 1, named.stderr)
        XCTAssertTrue(named.stderr.contains("app.env:1:7  gitlab.personal_access_token"), named.stderr)
        XCTAssertTrue(named.stderr.contains("secretradar baseline update"), "how to accept a false positive: \(named.stderr)")
        XCTAssertEqual(try run(["hook", "pre-commit", "creds.ini"] + keyArgs, directory: URL(fileURLWithPath: repo)).status, 0)
    }
}
