import Foundation
import XCTest

/// End-to-end: the built `secretradar` binary on `corpus/files`, asserting output and exit codes.
final class CLITests: CLITestCase {
    // MARK: corpus

    /// The harness itself: a child that writes more to stderr than a pipe holds, reads a large
    /// stdin and writes stdout must finish (reading one pipe at a time deadlocked).
    func testHarnessReadsBothPipesAndWritesStdinAtOnce() throws {
        let script = "head -c 200000 /dev/zero | tr '\\0' e >&2; wc -c; echo done"
        let r = try run(["-c", script], stdin: String(repeating: "i", count: 300_000), executable: URL(fileURLWithPath: "/bin/sh"))
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(r.stderr.count, 200_000)
        XCTAssertEqual(r.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }, ["300000", "done"])
    }

    func testCorpusScanMatchesTheGoldenFile() throws {
        let result = try run(["scan", "path", "corpus/files", "--format", "json"] + keyArgs)
        XCTAssertEqual(result.status, 1, result.stderr)
        let golden = Self.root.appendingPathComponent("Tests/secretradarTests/Golden/corpus-files.json")
        if ProcessInfo.processInfo.environment["SECRETRADAR_RECORD"] != nil {
            try result.stdout.write(to: golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        XCTAssertEqual(result.stdout, expected, "re-record with SECRETRADAR_RECORD=1 swift test --filter CLITests")
    }

    func testCorpusFindingsByRuleAndLocation() throws {
        let object = try json(try run(["scan", "path", "corpus/files", "--format", "json"] + keyArgs).stdout)
        let findings = try XCTUnwrap(object["findings"] as? [[String: Any]])
        var seen: [String] = []
        for f in findings {
            for l in f["locations"] as? [[String: Any]] ?? [] {
                seen.append("\(f["rule"]!) \(l["path"]!):\(l["line"]!)")
            }
        }
        for expected in [
            "gitlab.personal_access_token corpus/files/.env:3",
            "gitlab.personal_access_token corpus/files/docs/onboarding.md:6",
            "database.postgres_url corpus/files/.env:5",
            "aws.access_key_id corpus/files/config/settings.yaml:5",
            "aws.secret_access_key corpus/files/config/settings.yaml:6",
            "hashicorp.vault_service_token corpus/files/scripts/deploy.sh:4",
            "gitlab.pipeline_trigger_token corpus/files/scripts/deploy.sh:6",
            "npm.access_token corpus/files/.npmrc:2",
            "docker.config_auth corpus/files/.docker/config.json:4",
            "keys.pem_private_key corpus/files/keys/deploy_rsa.pem:2",
            "gcp.service_account_key corpus/files/gcp/service-account.json:4",
            "github.personal_access_token corpus/files/src/app.py:5",
            "hashicorp.terraform_api_token corpus/files/infra/main.tf:14",
        ] {
            XCTAssertTrue(seen.contains(expected), "missing \(expected)")
        }
        // Placeholders, variable references, the ignore comment and the binary file stay quiet.
        XCTAssertFalse(seen.contains { $0.contains("onboarding.md:3") || $0.contains("onboarding.md:4") || $0.contains("onboarding.md:5") })
        XCTAssertFalse(seen.contains { $0.contains(".env:6") || $0.contains(".env:8") || $0.contains("settings.yaml:10") })
        XCTAssertFalse(seen.contains { $0.contains(".npmrc:4") || $0.contains("logo.bin") })
        let findingsByRule = Dictionary(grouping: findings, by: { $0["rule"] as! String })
        XCTAssertEqual(
            (findingsByRule["gitlab.personal_access_token"]?.first?["locations"] as? [Any])?.count, 2, "one finding, two locations")
        XCTAssertNil(findingsByRule["npm.npmrc_auth"], "the same token is reported once, under the specific rule")
        let summary = try XCTUnwrap(object["summary"] as? [String: Int])
        XCTAssertEqual(summary["skipped_binary"], 1)
        XCTAssertEqual(summary["files"], 13)
    }

    func testSecretsAreRedactedUnlessAskedFor() throws {
        let shown = try json(try run(["scan", "path", "corpus/files", "--format", "json", "--show-secrets"] + keyArgs).stdout)
        let secrets = (shown["findings"] as? [[String: Any]] ?? []).compactMap { $0["secret"] as? String }
        XCTAssertGreaterThan(secrets.count, 15)
        for format in ["text", "json", "jsonl"] {
            let result = try run(["scan", "path", "corpus/files", "--format", format] + keyArgs)
            for secret in secrets {
                XCTAssertFalse(result.stdout.contains(secret), "\(format) output leaks \(secret.prefix(4))…")
                XCTAssertFalse(result.stderr.contains(secret))
            }
        }
        let text = try run(["scan", "path", "corpus/files", "--show-secrets"] + keyArgs).stdout
        XCTAssertTrue(secrets.allSatisfy { text.contains($0) || $0.contains("\n") })
    }

    func testFindingIDsComeFromTheStoresKeyAndAreStable() throws {
        let scan = ["scan", "path", "corpus/files/.env", "--format", "jsonl"]
        let a = try run(scan).stdout
        XCTAssertEqual(a, try run(scan).stdout, "same store, same key, same ids")
        let store = work.appendingPathComponent("data/secretradar/radar.db").path
        let mode = try FileManager.default.attributesOfItem(atPath: store)[.posixPermissions] as? NSNumber
        XCTAssertEqual(mode?.intValue, 0o600, "the store holds the key: private")
        XCTAssertNotEqual(
            a, try run(scan + ["--store", work.appendingPathComponent("other.db").path]).stdout, "another store, another key")
        // A key shared through export-key gives another store the same ids.
        let shared = work.appendingPathComponent("team.key").path
        XCTAssertEqual(try run(["store", "export-key", "-o", shared]).status, 0)
        let keyMode = try FileManager.default.attributesOfItem(atPath: shared)[.posixPermissions] as? NSNumber
        XCTAssertEqual(keyMode?.intValue, 0o600)
        let teammate = work.appendingPathComponent("teammate.db").path
        XCTAssertEqual(a, try run(scan + ["--store", teammate, "--hash-key-file", shared]).stdout)
        // That store now holds findings under the shared key: another key is refused, not mixed in.
        let conflict = try run(scan + ["--store", teammate] + keyArgs)
        XCTAssertEqual(conflict.status, 2)
        XCTAssertTrue(conflict.stderr.contains("already holds findings under another hash key"), conflict.stderr)
    }

    // MARK: exit codes and inputs

    func testCleanInputExitsZero() throws {
        let result = try run(["scan", "path", "corpus/files/docs/onboarding.md", "--rules", "patterns/aws.yml"] + keyArgs)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("0 findings"))
    }

    func testStdinIsScannedAsDash() throws {
        let token = "ghp_" + "Kp3mX9qL2vR8tW5yZ1nB7cD4fG6hJ0sA" + "0" + "2mWxQZ"
        _ = token
        let result = try run(
            ["scan", "path", "-", "--format", "json"] + keyArgs,
            stdin: "export VAULT_TOKEN=hvs.CAESIJ9xq2mVw7Lk4RtPz8NbYc3FhGd6SeUa1Ko5Xj0TiWl\n")
        XCTAssertEqual(result.status, 1, result.stderr)
        let object = try json(result.stdout)
        let locations = (object["findings"] as? [[String: Any]])?.first?["locations"] as? [[String: Any]]
        XCTAssertEqual(locations?.first?["path"] as? String, "-")
        XCTAssertEqual(locations?.first?["line"] as? Int, 1)
    }

    func testStdinPastTheSizeLimitIsSkippedAndCounted() throws {
        let big = String(repeating: "GITLAB_TOKEN=glpat-bBRsk29cztUX1kmObfEj\n", count: 3000)  // ~120 KB
        let result = try run(["scan", "path", "-", "--max-file-size", "64K", "--format", "json"] + keyArgs, stdin: big)
        XCTAssertEqual(result.status, 0, result.stderr)
        let summary = try json(result.stdout)["summary"] as? [String: Int]
        XCTAssertEqual(summary?["skipped_large"], 1)
        XCTAssertEqual(summary?["files"], 0)
        let within = try run(["scan", "path", "-", "--max-file-size", "1M", "--format", "json"] + keyArgs, stdin: big)
        XCTAssertEqual(within.status, 1)
        let locations = (try json(within.stdout)["findings"] as? [[String: Any]])?.first?["locations"] as? [Any]
        XCTAssertEqual(locations?.count, 3000, "every line of a stream read in several chunks is scanned")
    }

    func testSizeLimitSpellings() throws {
        let big = String(repeating: "GITLAB_TOKEN=glpat-bBRsk29cztUX1kmObfEj\n", count: 3000)  // ~120 KB
        for limit in ["64k", " 64KiB\t", "65536", "65536b", "100000B"] {
            let result = try run(["scan", "path", "-", "--max-file-size", limit, "--format", "json"] + keyArgs, stdin: big)
            XCTAssertEqual(result.status, 0, "\(limit): \(result.stderr)")
            XCTAssertEqual((try json(result.stdout)["summary"] as? [String: Int])?["skipped_large"], 1, limit)
        }
        for limit in ["1m", "1MiB", "1g", "200K"] {
            XCTAssertEqual(try run(["scan", "path", "-", "--max-file-size", limit] + keyArgs, stdin: big).status, 1, limit)
        }
        // Not sizes: fractions, negatives, other units, and one too large for a 64-bit count.
        for limit in ["0.5M", "-1", "1T", "M", "", "9999999999999G"] {
            // (No input: the command stops before reading it, and writing to its closed pipe would kill the test.)
            let result = try run(["scan", "path", "-", "--max-file-size", limit] + keyArgs)
            XCTAssertEqual(result.status, 2, "\(limit): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("--max-file-size"), result.stderr)
        }
    }

    func testMissingPathIsAnInputErrorNamingThePath() throws {
        let result = try run(["scan", "path", "no/such/dir"] + keyArgs)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("no/such/dir: no such file or directory"), result.stderr)
    }

    func testMissingPathNextToFindingsStillReportsThem() throws {
        let result = try run(["scan", "path", "no/such/file", "corpus/files/.env"] + keyArgs)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("no/such/file: no such file or directory"))
        XCTAssertTrue(result.stdout.contains("gitlab.personal_access_token"))
    }

    func testUsageErrorsExitTwo() throws {
        XCTAssertEqual(try run(["scan", "path", "--format", "xml"]).status, 2)
        XCTAssertEqual(try run(["scan", "path", "--max-file-size", "lots"]).status, 2)
        XCTAssertEqual(try run(["frobnicate"]).status, 2)
        XCTAssertEqual(try run(["--help"]).status, 0)
    }

    func testInvalidRuleYAMLNamesFileAndLine() throws {
        let rules = work.appendingPathComponent("rules")
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        try "rules:\n  - id: a.b\n    name: [oops\n".write(to: rules.appendingPathComponent("bad.yml"), atomically: true, encoding: .utf8)
        let result = try run(["scan", "path", "corpus/files/.env", "--rules", rules.path] + keyArgs)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains(rules.appendingPathComponent("bad.yml").path + ":"), result.stderr)
    }

    /// `--exit-code N` (issue 20): the status when findings fail the scan; 0 reports without failing,
    /// but an input that could not be read still fails the scan, and 2 is no one's to take.
    func testExitCodeSetsTheStatusOfFailingFindingsOnly() throws {
        let file = work.appendingPathComponent("ci.env")
        try "GITLAB_TOKEN=glpat-bBRsk29cztUX1kmObfEj\n".write(to: file, atomically: true, encoding: .utf8)
        let base = ["scan", "path", file.path, "--no-store"] + keyArgs
        XCTAssertEqual(try run(base).status, 1)
        let reportOnly = try run(base + ["--exit-code", "0"])
        XCTAssertEqual(reportOnly.status, 0, reportOnly.stderr)
        XCTAssertTrue(reportOnly.stdout.contains("ci.env:1:"), "still reported: \(reportOnly.stdout)")
        XCTAssertEqual(try run(base + ["--exit-code", "7"]).status, 7)
        let missing = try run(base + ["--exit-code", "0", work.appendingPathComponent("no-such-file").path])
        XCTAssertEqual(missing.status, 2, "an input that could not be read is never clean: \(missing.stderr)")
        let clean = work.appendingPathComponent("clean.txt")
        try "nothing here\n".write(to: clean, atomically: true, encoding: .utf8)
        XCTAssertEqual(try run(["scan", "path", clean.path, "--no-store", "--exit-code", "7"] + keyArgs).status, 0)
        // The hooks do not take it: a gate that never closes is no gate.
        for hook in ["pre-commit", "pre-receive"] {
            XCTAssertFalse(try run(["hook", hook, "--help"]).stdout.contains("--exit-code"), hook)
        }
        for bad in ["2", "126", "-1"] {
            let refused = try run(base + ["--exit-code=\(bad)"])
            XCTAssertEqual(refused.status, 2, bad)
            XCTAssertTrue(refused.stderr.contains("--exit-code must be 0, 1 or 3 to 125"), refused.stderr)
        }
    }

    func testPermissionDeniedIsReportedAndTheScanGoesOn() throws {
        // Root reads anything, so as root the binary runs as `nobody` (setpriv). Everything it
        // needs is copied under the world-readable temporary directory first.
        let dir = work.appendingPathComponent("perm")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let open = "GITLAB_TOKEN=glpat-bBRsk29cztUX1kmObfEj\n"
        try open.write(to: dir.appendingPathComponent("open.env"), atomically: true, encoding: .utf8)
        try open.write(to: dir.appendingPathComponent("locked.env"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: dir.appendingPathComponent("locked.env").path)
        let binary = work.appendingPathComponent("secretradar")
        try FileManager.default.copyItem(at: Self.binary, to: binary)
        try FileManager.default.copyItem(
            at: Self.root.appendingPathComponent("patterns/gitlab.yml"), to: work.appendingPathComponent("gitlab.yml"))
        for path in [work.path, dir.path] { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path) }
        for path in ["test.key", "gitlab.yml"] {
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: work.appendingPathComponent(path).path)
        }
        let args =
            ["scan", "path", dir.path, "--rules", work.appendingPathComponent("gitlab.yml").path, "--format", "json", "--no-store"]
            + keyArgs
        let result: Run
        if getuid() == 0 {
            result = try run(
                ["--reuid=65534", "--regid=65534", "--clear-groups", binary.path] + args,
                executable: URL(fileURLWithPath: "/usr/bin/setpriv"))
        } else {
            result = try run(args, executable: binary)
        }
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("locked.env: Permission denied"), result.stderr)
        let summary = try json(result.stdout)["summary"] as? [String: Int]
        XCTAssertEqual(summary?["unreadable"], 1)
        XCTAssertEqual(summary?["files"], 1)
        XCTAssertEqual(summary?["findings"], 1)
    }

    func testUnreadableKeyFileIsAnInputErrorAndIsNotReplaced() throws {
        // As root the key sits in a 0700 directory and the scan runs as nobody; otherwise the key
        // file itself is mode 000. Either way the key exists but cannot be read.
        let keyDir = work.appendingPathComponent("private")
        try FileManager.default.createDirectory(at: keyDir, withIntermediateDirectories: true)
        let key = keyDir.appendingPathComponent("hash.key")
        try (String(repeating: "ab", count: 32) + "\n").write(to: key, atomically: true, encoding: .utf8)
        let binary = work.appendingPathComponent("secretradar-key")
        try FileManager.default.copyItem(at: Self.binary, to: binary)
        try FileManager.default.copyItem(
            at: Self.root.appendingPathComponent("patterns/gitlab.yml"), to: work.appendingPathComponent("k.yml"))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: work.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: work.appendingPathComponent("k.yml").path)
        let args = [
            "scan", "path", work.appendingPathComponent("k.yml").path, "--rules", work.appendingPathComponent("k.yml").path, "--key-file",
            key.path,
        ]
        let result: Run
        if getuid() == 0 {
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: keyDir.path)
            result = try run(
                ["--reuid=65534", "--regid=65534", "--clear-groups", binary.path] + args,
                executable: URL(fileURLWithPath: "/usr/bin/setpriv"))
        } else {
            try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: key.path)
            result = try run(args, executable: binary)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key.path)
        }
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("\(key.path): finding key: permission denied"), result.stderr)
        XCTAssertEqual(try String(contentsOf: key, encoding: .utf8), String(repeating: "ab", count: 32) + "\n", "the key was not replaced")
    }

    func testPatternThatDoesNotCompileNamesTheRule() throws {
        let file = work.appendingPathComponent("bad-pattern.yml")
        try """
        rules:
          - id: demo.broken
            name: Broken
            confidence: high
            pattern: 'demo_([a-z'
        """.write(to: file, atomically: true, encoding: .utf8)
        let scan = try run(["scan", "path", "corpus/files/.env", "--rules", file.path] + keyArgs)
        XCTAssertEqual(scan.status, 2)
        XCTAssertTrue(scan.stderr.contains("rule demo.broken: pattern does not compile"), scan.stderr)
        let check = try run(["rules", "check", "--rules", file.path])
        XCTAssertEqual(check.status, 1)
        XCTAssertTrue(
            check.stderr.contains("rule demo.broken: rule demo.broken: pattern does not compile")
                || check.stderr.contains("rule demo.broken: pattern does not compile"), check.stderr)
    }

    func testMaxFileSizeSkipsAndCounts() throws {
        let result = try run(["scan", "path", "corpus/files/keys", "--max-file-size", "100", "--format", "json"] + keyArgs)
        XCTAssertEqual(result.status, 0)
        let summary = try json(result.stdout)["summary"] as? [String: Int]
        XCTAssertEqual(summary?["skipped_large"], 1)
        XCTAssertEqual(summary?["files"], 0)
    }

    func testOutputFileReceivesTheReport() throws {
        let out = work.appendingPathComponent("report.json")
        let result = try run(["scan", "path", "corpus/files/.env", "--format", "json", "--output", out.path] + keyArgs)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stdout, "")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [String: Any]
        XCTAssertEqual((object?["findings"] as? [Any])?.count, 3)
    }

    func testNoPathScansTheDemoCorpus() throws {
        let result = try run(["scan", "path"] + keyArgs)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stdout.contains("gitlab.personal_access_token"))
        XCTAssertTrue(result.stdout.contains("\n    corpus/files/.env:3:14\n"), "demo paths are relative to the working directory")
        XCTAssertFalse(result.stdout.contains("corpus/repos/"), "the demo histories are scan git's")
    }

    // MARK: rules

    func testRulesCheckPassesOnTheShippedPack() throws {
        let result = try run(["rules", "check"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("ok: "), result.stdout)
    }

    func testRulesListShowsEveryRule() throws {
        let result = try run(["rules", "list", "--format", "json"])
        XCTAssertEqual(result.status, 0)
        let list = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        XCTAssertGreaterThanOrEqual(list.count, 60)
        XCTAssertTrue(list.contains { $0["id"] as? String == "gitlab.feature_flag_client_token" })
        let text = try run(["rules", "list"]).stdout
        XCTAssertTrue(text.contains("keys.pem_private_key"))
        XCTAssertTrue(text.contains("\(list.count) rules"))
        // A rule limited to file names says so, in both forms.
        let netrc = try XCTUnwrap(list.first { $0["id"] as? String == "netrc.weak_password" })
        XCTAssertEqual(netrc["filenames"] as? [String], [".netrc", "_netrc", "*.netrc"])
        let line = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("netrc.weak_password ") })
        XCTAssertTrue(line.hasSuffix("[only in files named: .netrc, _netrc, *.netrc]"), String(line))
    }

    /// An installed binary uses the pack beside it (`PREFIX/share/secretradar/patterns`) from any
    /// working directory, and the pack built into it when there is none.
    func testInstalledBinaryFindsItsRulePack() throws {
        let fm = FileManager.default
        let prefix = work.appendingPathComponent("prefix")
        try fm.createDirectory(at: prefix.appendingPathComponent("bin"), withIntermediateDirectories: true)
        try fm.createDirectory(at: prefix.appendingPathComponent("share/secretradar/patterns"), withIntermediateDirectories: true)
        let installed = prefix.appendingPathComponent("bin/secretradar")
        // A hard link: /proc/self/exe names the link's own path, and nothing is copied.
        if link(Self.binary.path, installed.path) != 0 { try fm.copyItem(at: Self.binary, to: installed) }
        let elsewhere = work.appendingPathComponent("elsewhere")
        try fm.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let environment = ["SECRETRADAR_RULES": "", "XDG_CACHE_HOME": work.appendingPathComponent("cache").path]
        // Nothing beside it: the built-in pack, whole.
        let builtIn = try run(["rules", "list"], environment: environment, executable: installed, directory: elsewhere)
        XCTAssertEqual(builtIn.status, 0, builtIn.stderr)
        XCTAssertTrue(builtIn.stdout.contains("keys.pem_private_key"), builtIn.stdout)
        // A pack installed beside it comes first (here only GitLab's rules).
        for name in ["README.md", "gitlab.yml"] {
            try fm.copyItem(
                at: Self.root.appendingPathComponent("patterns/" + name),
                to: prefix.appendingPathComponent("share/secretradar/patterns/" + name))
        }
        let beside = try run(["rules", "list"], environment: environment, executable: installed, directory: elsewhere)
        XCTAssertEqual(beside.status, 0, beside.stderr)
        XCTAssertTrue(beside.stdout.contains("gitlab.personal_access_token"), beside.stdout)
        XCTAssertFalse(beside.stdout.contains("keys.pem_private_key"), "the installed pack, not the built-in one")
    }
}
