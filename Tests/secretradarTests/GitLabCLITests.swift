import Foundation
import XCTest

/// End-to-end: `gitlab variables` exit codes, formats and errors.
final class GitLabCLITests: CLITestCase {
    func testVariablesExitOneOnSecretsZeroWhenCleanTwoOnBadInput() throws {
        let r = try run(["gitlab", "variables", "corpus/gitlab/variables-export.json", "-f", "json"] + keyArgs)
        XCTAssertEqual(r.status, 1, r.stderr)
        let summary = try json(r.stdout)["summary"] as? [String: Int]
        XCTAssertEqual(summary?["secrets"], 5)
        XCTAssertFalse(r.stdout.contains("glpat-bBRsk29cztUX1kmObfEj"))

        let clean = work.appendingPathComponent("clean.json")
        try Data(#"[{"key": "LOG_LEVEL", "value": "debug", "environment_scope": "*"}]"#.utf8).write(to: clean)
        let ok = try run(["gitlab", "variables", clean.path] + keyArgs)
        XCTAssertEqual(ok.status, 0, ok.stdout)
        XCTAssertTrue(ok.stdout.contains("1 variables: 0 secrets"), ok.stdout)

        let bad = work.appendingPathComponent("bad.json")
        try Data("[\n  {\"key\": \"A\",\n   \"value\": \"x\" \"y\"}\n]\n".utf8).write(to: bad)
        let broken = try run(["gitlab", "variables", bad.path] + keyArgs)
        XCTAssertEqual(broken.status, 2)
        XCTAssertTrue(broken.stderr.contains("\(bad.path):3: not valid JSON"), broken.stderr)
    }

    func testCSVOutputGoesToAFile() throws {
        let out = work.appendingPathComponent("vars.csv")
        let r = try run(["gitlab", "variables", "corpus/gitlab/project-variables.json", "-f", "csv", "-o", out.path] + keyArgs)
        XCTAssertEqual(r.status, 1)
        let csv = try String(contentsOf: out, encoding: .utf8)
        XCTAssertTrue(csv.hasPrefix("owner,key,environment_scope,"))
        XCTAssertTrue(csv.contains("VAULT_TOKEN,*,env_var,cannot_scan,hidden: GitLab does not return its value"))
    }

    func testCIExitCodesAndJSON() throws {
        let r = try run(["gitlab", "ci", "corpus/gitlab/premium/.gitlab-ci.yml", "corpus/gitlab/ce/.gitlab-ci.yml", "-f", "json"])
        XCTAssertEqual(r.status, 1, r.stderr)
        let findings = try json(r.stdout)["findings"] as? [[String: Any]] ?? []
        XCTAssertEqual(findings.count, 13)
        XCTAssertEqual(Set(findings.compactMap { $0["kind"] as? String }).count, 7, "every kind of finding appears")
        let clean = work.appendingPathComponent(".gitlab-ci.yml")
        try Data("test:\n  script:\n    - make test\n".utf8).write(to: clean)
        let ok = try run(["gitlab", "ci", clean.path])
        XCTAssertEqual(ok.status, 0, ok.stdout)
        XCTAssertTrue(ok.stdout.contains("0 problems"))
        let missing = try run(["gitlab", "ci", work.appendingPathComponent("none.yml").path])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("none.yml: no such file"), missing.stderr)
    }

    func testVaultLintExitCodes() throws {
        let clean = try run(["vault", "lint", "corpus/gitlab/vault/shop-production.json", "corpus/gitlab/vault/shop-production.hcl"])
        XCTAssertEqual(clean.status, 0, clean.stdout)
        let legacy = try run(["vault", "lint", "corpus/gitlab/vault/legacy-role.json", "corpus/gitlab/vault/legacy.hcl", "-f", "json"])
        XCTAssertEqual(legacy.status, 1)
        XCTAssertEqual((try json(legacy.stdout)["problems"] as? [Any])?.count, 11)
        let bad = work.appendingPathComponent("bad.hcl")
        try Data("path \"a\" {\n  capabilities = \"read\"\n}\n".utf8).write(to: bad)
        let broken = try run(["vault", "lint", bad.path])
        XCTAssertEqual(broken.status, 2)
        XCTAssertTrue(broken.stderr.contains("bad.hcl:2: expected ["), broken.stderr)
    }

    func testPlanWritesTheDirectoryAndItsOwnOutputLintsClean() throws {
        let out = work.appendingPathComponent("plan")
        let r = try run(
            [
                "gitlab", "plan", "--variables", "corpus/gitlab/project-variables.json", "--ci", "corpus/gitlab/plan/.gitlab-ci.yml",
                "--project-path", "group/shop", "--vault-url", "https://vault.example.com", "--output", out.path, "--ref",
                "staging=develop",
            ] + keyArgs)
        XCTAssertEqual(r.status, 0, r.stderr)
        // --ref reaches the staging role's bound claims (it was once validated and then dropped).
        let staging = try String(contentsOf: out.appendingPathComponent("vault/roles/group-shop-staging.json"), encoding: .utf8)
        XCTAssertTrue(staging.contains("\"develop\""), staging)
        let production = try String(contentsOf: out.appendingPathComponent("vault/roles/group-shop-production.json"), encoding: .utf8)
        XCTAssertFalse(production.contains("develop"), production)
        let setup = out.appendingPathComponent("vault/setup.sh").path
        XCTAssertEqual((try FileManager.default.attributesOfItem(atPath: setup)[.posixPermissions] as? NSNumber)?.intValue, 0o755)
        let lint = try run([
            "vault", "lint", out.appendingPathComponent("vault/roles/group-shop-production.json").path,
            out.appendingPathComponent("vault/policies/group-shop-production.hcl").path,
        ])
        XCTAssertEqual(lint.status, 0, lint.stdout)
        let bad = try run(["gitlab", "plan", "--variables", "x.json", "--project-path", "shop", "--vault-url", "v", "--output", out.path])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("--project-path: group/project"), bad.stderr)
    }

    func testPlanMergesSeveralExports() throws {
        let group = work.appendingPathComponent("group.json").path
        try
            #"{"groups": {"group": [{"variable_type": "env_var", "key": "REGISTRY_PASSWORD", "value": "Wq7zN3kR9pL2xT5v", "protected": true, "masked": true, "hidden": false, "raw": false, "environment_scope": "*"}]}}"#
            .write(toFile: group, atomically: true, encoding: .utf8)
        let out = work.appendingPathComponent("merged-plan")
        let r = try run(
            [
                "gitlab", "plan", "--variables", "corpus/gitlab/project-variables.json", "--variables", group, "--project-path",
                "group/shop",
                "--vault-url", "https://vault.example.com", "--output", out.path,
            ] + keyArgs)
        XCTAssertEqual(r.status, 0, r.stderr)
        let plan = try String(contentsOf: out.appendingPathComponent("PLAN.md"), encoding: .utf8)
        XCTAssertTrue(plan.contains("`REGISTRY_PASSWORD`") && plan.contains("`DATABASE_PASSWORD`"), "both exports are in the plan")
    }

    func testScanPathChecksEveryGitLabCIFileItMeets() throws {
        let r = try run(["scan", "path", "corpus/gitlab/ce", "-f", "json", "--no-store"] + keyArgs)
        XCTAssertEqual(r.status, 1, "CI problems alone make the exit code 1: \(r.stderr)")
        let ci = try json(r.stdout)["gitlab_ci"] as? [[String: Any]] ?? []
        XCTAssertEqual(ci.count, 4)
        XCTAssertEqual(ci.first?["file"] as? String, "corpus/gitlab/ce/.gitlab-ci.yml")
        XCTAssertEqual(ci.first?["kind"] as? String, "log_exposure")
        let text = try run(["scan", "path", "corpus/gitlab/ce", "--no-store"] + keyArgs)
        XCTAssertTrue(text.stdout.contains("corpus/gitlab/ce/.gitlab-ci.yml:12  log_exposure  [deploy] set -x"), text.stdout)
    }
}
