import Foundation
import RadarTestSupport
import XCTest

/// `.secretradar.toml`, `.secretradarignore` and `--exclude` (issue 20, docs/configuration.md), in
/// file scans, git scans and both hooks, run as a user runs them.
final class ConfigCLITests: CLITestCase {
    /// Four secrets in four places, each left out by a different setting; a fifth stays. (Two
    /// generic rules match the password: with one of them off, the other reports it.)
    let files: [String: String] = [
        "app.env": "GITLAB_TOKEN=glpat-bBRsk29cztUX1kmObfEj\n",
        "vendor/lib/config.py": "token = 'glpat-Vn4kT7pQ2sLx9mWc1RzA'\n",
        "test/fixtures/creds.env": "GITLAB_TOKEN=glpat-Hq8JtR3vNc5LpW2xZkYb\n",
        "docs/example.env": "GITLAB_TOKEN=glpat-Dk3mW8xQ7nB2vT5yLp4R\n",
        "deploy/settings.py": "DB_PASSWORD = \"Tr0ub4dor&3horse\"\n",
    ]

    func write(_ files: [String: String], in root: URL) throws {
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    /// A work tree with `paths` (from `files`) committed on main.
    func committedRepository(_ paths: [String]) throws -> String {
        let repo = work.appendingPathComponent("repo").path
        try GitFixture.git(["init", "-q", "-b", "main", repo], in: work.path)
        try write(Dictionary(uniqueKeysWithValues: paths.map { ($0, files[$0]!) }), in: URL(fileURLWithPath: repo))
        try GitFixture.git(["add", "."], in: repo)
        try GitFixture.git(["commit", "-q", "-m", "tokens"], in: repo)
        return repo
    }

    func findings(_ run: Run) throws -> [(rule: String, paths: [String], id: String)] {
        let report = try json(run.stdout)
        let list = try XCTUnwrap(report["findings"] as? [[String: Any]], run.stdout)
        return list.map { f in
            let paths = ((f["locations"] as? [[String: Any]]) ?? []).compactMap { $0["path"] as? String }
            return (f["rule"] as? String ?? "", paths, f["id"] as? String ?? "")
        }
    }

    func testSettingsFileAllowlistsExcludesAndDisablesInAFileScan() throws {
        let repo = work.appendingPathComponent("repo")
        try write(files, in: repo)
        let base = ["scan", "path", ".", "--no-store", "-f", "json"] + keyArgs
        let all = try findings(try run(base, directory: repo))
        XCTAssertEqual(Set(all.flatMap(\.paths)).count, 5, "every planted secret without settings: \(all)")
        let docsID = try XCTUnwrap(all.first { $0.paths.contains("./docs/example.env") }?.id)

        try """
        [scan]
        exclude = ["vendor/**"]

        [allowlist]
        paths = ["test/fixtures"]
        findings = ["\(docsID.prefix(12))"]

        [rules]
        disabled = ["generic.password_assignment", "generic.password_weak"]
        """.write(to: repo.appendingPathComponent(".secretradar.toml"), atomically: true, encoding: .utf8)
        let filtered = try run(base, directory: repo)
        XCTAssertEqual(filtered.status, 1, filtered.stderr)
        let left = try findings(filtered)
        XCTAssertEqual(left.flatMap(\.paths), ["./app.env"], "\(left)")
        XCTAssertTrue(filtered.stderr.contains("2 paths not scanned"), filtered.stderr)
        XCTAssertTrue(filtered.stderr.contains("1 finding ignored by id"), filtered.stderr)
        XCTAssertTrue(filtered.stderr.contains("ignored by id (\(repo.path)/.secretradar.toml)"), "names where: \(filtered.stderr)")

        // The same settings from elsewhere with --config; --exclude adds to them; --no-config reads none.
        let elsewhere = work.appendingPathComponent("elsewhere.toml")
        try FileManager.default.moveItem(at: repo.appendingPathComponent(".secretradar.toml"), to: elsewhere)
        let excluded = try run(base + ["--config", elsewhere.path, "--exclude", "app.env"], directory: repo)
        XCTAssertEqual(excluded.status, 0, excluded.stderr)
        XCTAssertTrue(excluded.stderr.contains("(--exclude, \(elsewhere.path))"), excluded.stderr)
        XCTAssertEqual(try findings(excluded).count, 0)
        XCTAssertEqual(
            try findings(try run(base + ["--no-config", "--exclude", "*.env"], directory: repo)).flatMap(\.paths),
            [
                "./deploy/settings.py", "./vendor/lib/config.py",
            ])
        // The root is the scanned directory, wherever the scan is started from.
        try FileManager.default.moveItem(at: elsewhere, to: repo.appendingPathComponent(".secretradar.toml"))
        let fromOutside = try run(["scan", "path", repo.path, "--no-store", "-f", "json"] + keyArgs, directory: work)
        XCTAssertEqual(try findings(fromOutside).flatMap(\.paths), [repo.appendingPathComponent("app.env").path])
    }

    func testRegexesRulesSeverityAndSizeFromTheSettings() throws {
        let repo = work.appendingPathComponent("repo")
        try write(files, in: repo)
        let settings = repo.appendingPathComponent(".secretradar.toml")
        let base = ["scan", "path", ".", "--no-store", "-f", "json"] + keyArgs
        try """
        [allowlist]
        regexes = ["Dk3mW8", "^glpat-Vn4k"]
        rules = ["generic.password_assignment", "generic.password_weak"]  # both would report it
        """.write(to: settings, atomically: true, encoding: .utf8)
        let left = try findings(try run(base, directory: repo))
        XCTAssertEqual(left.flatMap(\.paths).sorted(), ["./app.env", "./test/fixtures/creds.env"], "\(left)")

        // fail_severity decides the exit code; --fail-severity overrides it.
        try write(["deploy/settings.py": files["deploy/settings.py"]!], in: work.appendingPathComponent("weak"))
        let weak = work.appendingPathComponent("weak")
        XCTAssertEqual(try run(base, directory: weak).status, 1)
        try "[scan]\nfail_severity = \"critical\"\n".write(
            to: weak.appendingPathComponent(".secretradar.toml"), atomically: true, encoding: .utf8)
        let relaxed = try run(base, directory: weak)
        XCTAssertEqual(relaxed.status, 0, "a high finding under fail_severity critical: \(relaxed.stderr)")
        XCTAssertEqual(try findings(relaxed).count, 1, "still reported")
        XCTAssertEqual(try run(base + ["--fail-severity", "low"], directory: weak).status, 1)

        // max_file_size skips and counts, like --max-file-size, which wins over it.
        try "[scan]\nmax_file_size = 10\n".write(to: weak.appendingPathComponent(".secretradar.toml"), atomically: true, encoding: .utf8)
        let small = try run(base, directory: weak)
        XCTAssertEqual(small.status, 0, small.stderr)
        XCTAssertEqual(try json(small.stdout)["summary"].flatMap { ($0 as? [String: Any])?["skipped_large"] as? Int }, 2)
        XCTAssertEqual(try run(base + ["--max-file-size", "1M"], directory: weak).status, 1)
    }

    func testBadSettingsExitTwoWithFileAndLine() throws {
        let repo = work.appendingPathComponent("repo")
        try write(["app.env": files["app.env"]!], in: repo)
        let base = ["scan", "path", ".", "--no-store"] + keyArgs
        let cases: [(String, String, String)] = [
            (".secretradar.toml", "[allowlist]\npaths = [\"a\"]\nregexes = [\"(glpat-bBRsk29cztUX1kmObfEj\"]\n", ".secretradar.toml:3:"),
            (".secretradar.toml", "[scan]\nexclude = [\"a\"\nmax = glpat-bBRsk29cztUX1kmObfEj\n", ".secretradar.toml:3:"),
            (".secretradar.toml", "[rules]\n\ndisabled = [\"gitlab.personal_acess_token\"]\n", ".secretradar.toml:3:"),
            (".secretradarignore", "# ok\nglpat-bBRsk29cztUX1kmObfEj  not a secret\n", ".secretradarignore:2:"),
        ]
        for (name, text, prefix) in cases {
            try? FileManager.default.removeItem(at: repo.appendingPathComponent(".secretradar.toml"))
            try? FileManager.default.removeItem(at: repo.appendingPathComponent(".secretradarignore"))
            try text.write(to: repo.appendingPathComponent(name), atomically: true, encoding: .utf8)
            let bad = try run(base, directory: repo)
            XCTAssertEqual(bad.status, 2, bad.stderr)
            XCTAssertTrue(bad.stderr.contains(repo.appendingPathComponent(prefix).path), "\(prefix): \(bad.stderr)")
            XCTAssertFalse(bad.stderr.contains("bBRsk29cztUX1kmObfEj"), "no value is quoted: \(bad.stderr)")
            XCTAssertTrue(bad.stdout.isEmpty, "nothing scanned: \(bad.stdout)")
        }
        let missing = try run(base + ["--config", "nope.toml"], directory: repo)
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("nope.toml:1: no such file"), missing.stderr)
    }

    /// The committed ignore file in a git scan of a work tree, in the pre-commit hook, and in a
    /// bare server's pre-receive hook, which reads it from the default branch: a push cannot
    /// ignore its own secret.
    func testIgnoreFileInGitScansAndBothHooks() throws {
        let repo = try committedRepository(["app.env", "docs/example.env"])
        let scan = ["scan", "git", repo, "--no-store", "-f", "json"] + keyArgs
        let all = try findings(try run(scan))
        XCTAssertEqual(all.count, 2, "\(all)")
        let docsID = try XCTUnwrap(all.first { $0.paths == ["docs/example.env"] }?.id)
        try "\(docsID.prefix(12))  an example in the docs, revoked\n".write(
            toFile: repo + "/.secretradarignore", atomically: true, encoding: .utf8)
        let ignored = try run(scan)
        XCTAssertEqual(try findings(ignored).map(\.paths), [["app.env"]], ignored.stdout)
        XCTAssertTrue(ignored.stderr.contains("1 finding ignored by id"), ignored.stderr)

        // pre-commit: the staged copy of a third file, and the ignored one staged again.
        try "GITLAB_TOKEN=glpat-Dk3mW8xQ7nB2vT5yLp4R\n".write(toFile: repo + "/docs/copy.env", atomically: true, encoding: .utf8)
        try GitFixture.git(["add", "docs/copy.env"], in: repo)
        let hook = try run(["hook", "pre-commit"] + keyArgs, directory: URL(fileURLWithPath: repo))
        XCTAssertEqual(hook.status, 0, "the ignored secret does not block: \(hook.stderr)")
        try "GITLAB_TOKEN=glpat-Hq8JtR3vNc5LpW2xZkYb\n".write(toFile: repo + "/new.env", atomically: true, encoding: .utf8)
        try GitFixture.git(["add", "new.env"], in: repo)
        let blocked = try run(["hook", "pre-commit"] + keyArgs, directory: URL(fileURLWithPath: repo))
        XCTAssertEqual(blocked.status, 1, blocked.stderr)
        XCTAssertTrue(blocked.stderr.contains(".secretradarignore"), "says how to mark a false positive: \(blocked.stderr)")
        let newID = try XCTUnwrap(
            blocked.stderr.split(separator: "\n").first { $0.contains("new.env:1:") }?.components(separatedBy: "id ").last?.prefix(12))
        try GitFixture.git(["reset", "-q"], in: repo)

        // pre-receive on a bare server: the settings of its default branch only.
        let (server, client) = try server(hookArguments: "--key-file '\(work.appendingPathComponent("test.key").path)'")
        try GitFixture.git(["symbolic-ref", "HEAD", "refs/heads/main"], in: server)
        XCTAssertTrue(try push(client, server).ok)
        try "\(newID)  trying to ignore my own secret\n".write(toFile: client + "/.secretradarignore", atomically: true, encoding: .utf8)
        try "GITLAB_TOKEN=glpat-Hq8JtR3vNc5LpW2xZkYb\n".write(toFile: client + "/new.env", atomically: true, encoding: .utf8)
        try GitFixture.git(["add", "."], in: client)
        try GitFixture.git(["commit", "-q", "-m", "secret and its own ignore entry"], in: client)
        let selfIgnored = try push(client, server)
        XCTAssertFalse(selfIgnored.ok, "a push cannot ignore its own secret: \(selfIgnored.output)")
        // Once the ignore file is on the default branch (here: pushed alone first), it counts.
        try GitFixture.git(["reset", "-q", "--soft", "HEAD~1"], in: client)
        try GitFixture.git(["reset", "-q", "new.env"], in: client)
        try GitFixture.git(["commit", "-q", "-m", "reviewed: ignore entry"], in: client)
        XCTAssertTrue(try push(client, server).ok)
        try GitFixture.git(["add", "new.env"], in: client)
        try GitFixture.git(["commit", "-q", "-m", "the reviewed value"], in: client)
        let accepted = try push(client, server)
        XCTAssertTrue(accepted.ok, accepted.output)
    }

    /// A recorded history scan stores nothing the settings leave out, and a narrower setting
    /// brings it back: the settings are part of what the store's matching of a blob is valid for.
    func testStoredGitScansFollowTheSettings() throws {
        let repo = try committedRepository(["app.env", "vendor/lib/config.py"])
        let scan = ["scan", "git", repo, "-f", "json"] + keyArgs
        try "[scan]\nexclude = [\"vendor\"]\n".write(toFile: repo + "/.secretradar.toml", atomically: true, encoding: .utf8)
        XCTAssertEqual(try findings(try run(scan)).map(\.paths), [["app.env"]])
        XCTAssertEqual(try findings(try run(scan)).map(\.paths), [["app.env"]], "a rescan from the store")
        try FileManager.default.removeItem(atPath: repo + "/.secretradar.toml")
        XCTAssertEqual(
            try findings(try run(scan)).map(\.paths).sorted { $0[0] < $1[0] }, [["app.env"], ["vendor/lib/config.py"]],
            "without the exclusion the history is matched again")
        try "[scan]\nexclude = [\"vendor\"]\n".write(toFile: repo + "/.secretradar.toml", atomically: true, encoding: .utf8)
        XCTAssertEqual(try findings(try run(scan)).map(\.paths), [["app.env"]], "the stored finding is filtered out of the report")
    }

    /// `[rules] extra` adds a team's rule file, relative to the settings file; in a bare
    /// repository (settings from the default branch, no files on disk) it is refused at its line.
    func testExtraRulesFromTheSettings() throws {
        let repo = work.appendingPathComponent("repo")
        try write(
            [
                "app.env": "ACME_TOKEN=acme_live_4f6c0b3e9d2a7c1b8e5f0a3d6c9b2e1f\n",
                "security/acme.yml": TeamRuleFixture.yaml(),
            ], in: repo)
        let base = ["scan", "path", ".", "--no-store", "-f", "json"] + keyArgs
        XCTAssertFalse(try findings(try run(base, directory: repo)).contains { $0.rule == "acme.internal_token" }, "not in the pack")
        try "[rules]\nextra = [\"security/acme.yml\"]\n".write(
            to: repo.appendingPathComponent(".secretradar.toml"), atomically: true, encoding: .utf8)
        let found = try run(base, directory: repo)
        XCTAssertEqual(found.status, 1, found.stderr)
        XCTAssertTrue(try findings(found).contains { $0.rule == "acme.internal_token" && $0.paths.contains("./app.env") }, found.stdout)

        try GitFixture.git(["init", "-q", "-b", "main"], in: repo.path)
        try GitFixture.git(["add", "."], in: repo.path)
        try GitFixture.git(["commit", "-q", "-m", "rules"], in: repo.path)
        let bare = work.appendingPathComponent("bare.git").path
        try GitFixture.git(["clone", "-q", "--bare", repo.path, bare], in: work.path)
        let refused = try run(["scan", "git", bare, "--no-store"] + keyArgs)
        XCTAssertEqual(refused.status, 2, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("refs/heads/main:.secretradar.toml:2: rules.extra"), refused.stderr)
    }
}
