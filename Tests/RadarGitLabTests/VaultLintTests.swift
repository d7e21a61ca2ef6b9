import Foundation
import XCTest

@testable import RadarGitLab

final class VaultLintTests: XCTestCase {
    func fixture(_ name: String) -> String { VariableTests.root.appendingPathComponent("corpus/gitlab/vault/\(name)").path }

    func codes(_ problems: [LintProblem]) -> [String] { problems.map { "\($0.line) \($0.code)" } }

    func testALeastPrivilegeRoleAndPolicyLintClean() throws {
        XCTAssertEqual(try VaultLint.lint(file: fixture("shop-production.json")), [])
        XCTAssertEqual(try VaultLint.lint(file: fixture("shop-production.hcl")), [])
    }

    func testLegacyRoleProblems() throws {
        XCTAssertEqual(
            codes(try VaultLint.lint(file: fixture("legacy-role.json"))),
            ["4 role_type_not_jwt", "1 no_bound_audiences", "8 glob_on_project", "9 claim_not_string", "12 long_ttl", "1 no_max_ttl"])
        let unbound = try VaultLint.lintRole(
            #"{"role_type": "jwt", "user_claim": "sub", "bound_audiences": ["a"], "bound_claims": {"ref": "main"}, "token_explicit_max_ttl": "10m"}"#,
            file: "r.json")
        XCTAssertEqual(codes(unbound), ["1 no_project_binding"])
        let open = try VaultLint.lintRole(
            #"{"role_type": "jwt", "user_claim": "sub", "bound_audiences": ["a"], "token_max_ttl": 600}"#, file: "o.json")
        XCTAssertEqual(codes(open), ["1 no_bound_claims"])
    }

    func testLegacyPolicyProblems() throws {
        XCTAssertEqual(
            codes(try VaultLint.lint(file: fixture("legacy.hcl"))),
            ["1 broad_path", "5 unknown_capability", "5 sudo", "5 kv2_without_data", "9 invalid_glob"])
        let other = try VaultLint.lintPolicy(#"path "kvstore/app" { capabilities = ["read"] }"#, file: "p.hcl", kvMounts: ["kvstore"])
        XCTAssertEqual(codes(other), ["1 kv2_without_data"])
        let nested = try VaultLint.lintPolicy(
            "path \"secret/data/x\" {\n  capabilities = [\"read\"]\n  allowed_parameters = { \"a\" = [] }\n  min_wrapping_ttl = \"1s\"\n}\n",
            file: "n.hcl",
            kvMounts: ["secret"])
        XCTAssertEqual(nested, [])
    }

    func testMalformedInputNamesTheLine() {
        XCTAssertThrowsError(try VaultLint.lintPolicy("path \"a\" {\n  capabilities = [\"read\"\n}\n", file: "bad.hcl", kvMounts: [])) {
            error in
            guard case .malformed(let file, let line, _) = error as? GitLabError else { return XCTFail("\(error)") }
            XCTAssertEqual(file, "bad.hcl")
            XCTAssertEqual(line, 3)
        }
        XCTAssertThrowsError(try VaultLint.lintPolicy("path \"a {\n", file: "q.hcl", kvMounts: [])) { error in
            XCTAssertEqual(error as? GitLabError, .malformed(file: "q.hcl", line: 1, message: "unterminated string"))
        }
        XCTAssertThrowsError(try VaultLint.lintRole("[1, 2]", file: "r.json")) { error in
            XCTAssertEqual(error as? GitLabError, .malformed(file: "r.json", line: 1, message: "expected a role object"))
        }
    }
}
