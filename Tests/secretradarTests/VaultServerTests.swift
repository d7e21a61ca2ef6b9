import Crypto
import Foundation
import XCTest

/// Plans applied as they are to a real OpenBao server (issue 17): two projects on one server, a
/// KV mount the plan must enable, a Vault token among the variables, an existing KV v1 mount.
final class VaultServerTests: CLITestCase {
    var server: OpenBaoServer!

    override func setUpWithError() throws {
        try super.setUpWithError()
        server = try OpenBaoServer(root: Self.root, work: work)
    }

    override func tearDownWithError() throws {
        server?.stop()
        try super.tearDownWithError()
    }

    /// A variables export of one project: `DB_PASSWORD` for production, and whatever `extra` adds.
    func export(_ name: String, password: String, extra: String = "") throws -> String {
        let path = work.appendingPathComponent("\(name).json").path
        try """
        [{"variable_type": "env_var", "key": "DB_PASSWORD", "value": "\(password)", "protected": true, "masked": true,
          "hidden": false, "raw": false, "environment_scope": "production"}\(extra)]
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func plan(_ project: String, variables: String, mount: String = "kv") throws -> URL {
        let out = work.appendingPathComponent("plan-" + project.replacingOccurrences(of: "/", with: "-"))
        let r = try run(
            [
                "gitlab", "plan", "--variables", variables, "--project-path", project, "--vault-url", server.address, "--kv-mount", mount,
                "--gitlab-url", "https://gitlab.example.com", "--output", out.path,
            ] + keyArgs)
        XCTAssertEqual(r.status, 0, r.stderr)
        return out
    }

    func apply(_ plan: URL, values: [String: String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try server.run([], extra: values, script: plan.appendingPathComponent("vault/setup.sh").path)
    }

    func testTwoProjectsPlansApplyToOneServerWithoutSharingAPath() throws {
        // The JWT mount is configured for GitLab's issuer beforehand (the sandbox cannot reach GitLab's
        // discovery URL); the plan keeps a configuration for the same issuer.
        XCTAssertEqual(try server.run(["auth", "enable", "jwt"]).status, 0)
        // A public key (of a throwaway pair) the server checks ID tokens against.
        let key =
            "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEFfag3g5p2l6luXyYTRj3r/Qdr8zB\nLn1+6aFEzHhPYov5re67v2Vdla9r3ElAQr3evRrJmTRPVJVQ5m+kb3/NTQ==\n-----END PUBLIC KEY-----"
        XCTAssertEqual(
            try server.run(["write", "auth/jwt/config", "jwt_validation_pubkeys=\(key)", "bound_issuer=https://gitlab.example.com"]).status,
            0)
        let shop = try plan(
            "group/shop",
            variables: try export(
                "shop", password: "shop-Zq8mW3xR7tLp2v",
                extra:
                    #", {"variable_type": "env_var", "key": "VAULT_TOKEN", "value": "s.Hk3qP9xLm2Vt7Wz4Rb8Nc5Yd", "protected": true, "masked": true, "hidden": false, "raw": false, "environment_scope": "*"}"#
            ))
        let blog = try plan("group/blog", variables: try export("blog", password: "blog-Kp4nR8sT2vW6xZ9q"))
        let shopApplied = try apply(shop, values: ["SECRETRADAR_VALUE_DB_PASSWORD__PRODUCTION": "shop-Zq8mW3xR7tLp2v"])
        XCTAssertEqual(shopApplied.status, 0, shopApplied.stderr)
        XCTAssertEqual(
            try apply(shop, values: ["SECRETRADAR_VALUE_DB_PASSWORD__PRODUCTION": "shop-Zq8mW3xR7tLp2v"]).status, 0, "runs twice")
        let blogApplied = try apply(blog, values: ["SECRETRADAR_VALUE_DB_PASSWORD__PRODUCTION": "blog-Kp4nR8sT2vW6xZ9q"])
        XCTAssertEqual(blogApplied.status, 0, blogApplied.stderr)
        // Each project's value at its own path: the second project did not overwrite the first.
        func value(_ path: String, token: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
            try server.run(["kv", "get", "-mount=kv", "-field=value", path], token: token)
        }
        XCTAssertEqual(try value("ci/group/shop/production/db_password").stdout, "shop-Zq8mW3xR7tLp2v")
        XCTAssertEqual(try value("ci/group/blog/production/db_password").stdout, "blog-Kp4nR8sT2vW6xZ9q")
        // The shop's production policy reads the shop's secret and not the blog's.
        let token = try server.run(["token", "create", "-policy=group-shop-production", "-field=token"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(try value("ci/group/shop/production/db_password", token: token).stdout, "shop-Zq8mW3xR7tLp2v")
        let denied = try value("ci/group/blog/production/db_password", token: token)
        XCTAssertNotEqual(denied.status, 0)
        XCTAssertTrue(denied.stderr.contains("permission denied"), denied.stderr)
        // The Vault token among the variables is retired, not stored where every role could read it.
        let listed = try server.run(["kv", "list", "-mount=kv", "ci/group/shop"]).stdout
        XCTAssertFalse(listed.contains("shared"), listed)
        let planText = try String(contentsOf: shop.appendingPathComponent("PLAN.md"), encoding: .utf8)
        XCTAssertTrue(planText.contains("## What is retired, not moved") && planText.contains("`VAULT_TOKEN`"), planText)
        // Roles issue 15-minute tokens without the 768h default fighting the maximum.
        let role = try server.run(["read", "-format=json", "auth/jwt/role/group-shop-production"]).stdout
        XCTAssertTrue(role.contains("\"token_ttl\": 900") && role.contains("\"token_max_ttl\": 900"), role)
        // The JWT configuration made beforehand for the same issuer was kept.
        XCTAssertTrue(try server.run(["read", "-field=jwt_validation_pubkeys", "auth/jwt/config"]).stdout.contains("Ffag3g5p2l6l"))
    }

    func testAMountOfTheWrongKindStopsSetupWithAClearMessage() throws {
        XCTAssertEqual(try server.run(["secrets", "enable", "-path=old", "-version=1", "kv"]).status, 0)
        let plan = try plan("group/shop", variables: try export("shop", password: "shop-Zq8mW3xR7tLp2v"), mount: "old")
        let applied = try apply(plan, values: ["SECRETRADAR_VALUE_DB_PASSWORD__PRODUCTION": "shop-Zq8mW3xR7tLp2v"])
        XCTAssertEqual(applied.status, 2, applied.stderr)
        XCTAssertTrue(applied.stderr.contains("old/ is KV version 1; the plan needs KV version 2"), applied.stderr)
    }

    /// A GitLab-shaped ID token (ES256) for `claims`, signed with `key`.
    func idToken(_ key: P256.Signing.PrivateKey, _ claims: [String: Any]) throws -> String {
        func b64(_ data: Data) -> String {
            data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
        let now = Int(Date().timeIntervalSince1970)
        var all: [String: Any] = [
            "iss": "https://gitlab.example.com", "aud": server.address, "sub": "project_path:group/shop:ref_type:branch:ref:main",
            "iat": now, "nbf": now - 5, "exp": now + 300, "user_email": "ann@example.com", "project_path": "group/shop",
            "namespace_path": "group", "ref": "main", "ref_type": "branch", "ref_protected": "true", "pipeline_source": "push",
            "environment": "production",
        ]
        for (k, v) in claims { all[k] = v }
        let header = b64(Data(#"{"alg":"ES256","typ":"JWT"}"#.utf8))
        let payload = b64(try JSONSerialization.data(withJSONObject: all, options: [.sortedKeys]))
        let signature = try key.signature(for: Data((header + "." + payload).utf8))
        return header + "." + payload + "." + b64(signature.rawRepresentation)
    }

    func testRealPipelinesLogInAndReadExactlyTheirEnvironmentsSecrets() throws {
        let key = P256.Signing.PrivateKey()
        XCTAssertEqual(try server.run(["auth", "enable", "jwt"]).status, 0)
        XCTAssertEqual(
            try server.run([
                "write", "auth/jwt/config", "jwt_validation_pubkeys=\(key.publicKey.pemRepresentation)",
                "bound_issuer=https://gitlab.example.com",
            ]).status, 0)
        let ci = work.appendingPathComponent(".gitlab-ci.yml").path
        try """
        deploy:
          environment: production
          rules:
            - if: '$CI_COMMIT_TAG =~ /^v\\d+/'
            - if: '$CI_PIPELINE_SOURCE == "schedule"'
            - if: '$CI_COMMIT_BRANCH == "main"'
          script:
            - ./deploy --db "$DB_PASSWORD"
        """.write(toFile: ci, atomically: true, encoding: .utf8)
        let variables = try export(
            "shop", password: "shop-Zq8mW3xR7tLp2v",
            extra:
                #", {"variable_type": "env_var", "key": "DB_PASSWORD", "value": "stage-Hn5wQ2rT8kLp3z", "protected": true, "masked": true, "hidden": false, "raw": false, "environment_scope": "staging"}"#
        )
        let out = work.appendingPathComponent("plan-ci")
        let made = try run(
            [
                "gitlab", "plan", "--variables", variables, "--ci", ci, "--project-path", "group/shop", "--vault-url", server.address,
                "--kv-mount", "kv", "--gitlab-url", "https://gitlab.example.com", "--output", out.path,
            ] + keyArgs)
        XCTAssertEqual(made.status, 0, made.stderr)
        let applied = try apply(
            out,
            values: [
                "SECRETRADAR_VALUE_DB_PASSWORD__PRODUCTION": "shop-Zq8mW3xR7tLp2v",
                "SECRETRADAR_VALUE_DB_PASSWORD__STAGING": "stage-Hn5wQ2rT8kLp3z",
            ])
        XCTAssertEqual(applied.status, 0, applied.stderr)
        func login(_ role: String, _ claims: [String: Any]) throws -> (status: Int32, token: String, stderr: String) {
            let r = try server.run(["write", "-field=token", "auth/jwt/login", "role=\(role)", "jwt=\(try idToken(key, claims))"])
            return (r.status, r.stdout.trimmingCharacters(in: .whitespacesAndNewlines), r.stderr)
        }
        // The pipelines the deploy job runs in: a push to main, a protected v* tag, a schedule.
        for claims: [String: Any] in [
            [:], ["ref": "v1.4.2", "ref_type": "tag", "sub": "project_path:group/shop:ref_type:tag:ref:v1.4.2"],
            ["pipeline_source": "schedule"],
        ] {
            let session = try login("group-shop-production", claims)
            XCTAssertEqual(session.status, 0, "\(claims): \(session.stderr)")
            XCTAssertFalse(session.stderr.contains("exceeded the effective max_ttl"), session.stderr)
            let read = try server.run(
                ["kv", "get", "-mount=kv", "-field=value", "ci/group/shop/production/db_password"], token: session.token)
            XCTAssertEqual(read.stdout, "shop-Zq8mW3xR7tLp2v", "\(claims)")
            let other = try server.run(
                ["kv", "get", "-mount=kv", "-field=value", "ci/group/shop/staging/db_password"], token: session.token)
            XCTAssertNotEqual(other.status, 0, "production cannot read staging")
        }
        // And not others: a feature branch, an unprotected ref, another project, another audience, a merge request.
        for claims: [String: Any] in [
            ["ref": "feature"], ["ref_protected": "false"], ["project_path": "group/other"], ["aud": "https://elsewhere"],
            ["pipeline_source": "merge_request_event"], ["ref": "release-1", "ref_type": "tag"],
        ] {
            XCTAssertNotEqual(try login("group-shop-production", claims).status, 0, "\(claims) must be refused")
        }
    }

    func testVerifyFindsTheMoveAsPlannedAndNamesWhatDiffers() throws {
        XCTAssertEqual(try server.run(["auth", "enable", "jwt"]).status, 0)
        XCTAssertEqual(
            try server.run([
                "write", "auth/jwt/config", "bound_issuer=https://gitlab.example.com",
                "jwt_validation_pubkeys=\(P256.Signing.PrivateKey().publicKey.pemRepresentation)",
            ]).status, 0)
        let variables = try export("shop", password: "shop-Zq8mW3xR7tLp2v")
        let shop = try plan("group/shop", variables: variables)
        XCTAssertEqual(try apply(shop, values: ["SECRETRADAR_VALUE_DB_PASSWORD__PRODUCTION": "shop-Zq8mW3xR7tLp2v"]).status, 0)
        func verify(_ extra: [String] = []) throws -> Run {
            try run(["vault", "verify", "--plan", shop.path] + extra + keyArgs, environment: server.environment())
        }
        let good = try verify(["--variables", variables])
        XCTAssertEqual(good.status, 0, good.stdout + good.stderr)
        XCTAssertTrue(good.stdout.contains("ok       secret kv/ci/group/shop/production/db_password"), good.stdout)
        XCTAssertTrue(good.stdout.contains("ok       role group-shop-production"), good.stdout)
        XCTAssertTrue(good.stdout.contains("in GitLab still: DB_PASSWORD (scope production"), good.stdout)
        XCTAssertFalse(good.stdout.contains("shop-Zq8mW3xR7tLp2v"), "no value is printed")
        // A value changed on the server, a policy deleted, a role loosened: each named.
        XCTAssertEqual(try server.run(["kv", "put", "-mount=kv", "ci/group/shop/production/db_password", "value=other"]).status, 0)
        XCTAssertEqual(try server.run(["policy", "delete", "group-shop-production"]).status, 0)
        let loosened = ["write", "auth/jwt/role/group-shop-production", "role_type=jwt", "bound_audiences=https://elsewhere"]
        XCTAssertEqual(try server.run(loosened).status, 0)
        let bad = try verify()
        XCTAssertEqual(bad.status, 1, bad.stdout + bad.stderr)
        XCTAssertTrue(
            bad.stdout.contains(
                "PROBLEM  secret kv/ci/group/shop/production/db_password (DB_PASSWORD, scope production): the value differs"), bad.stdout)
        XCTAssertTrue(bad.stdout.contains("PROBLEM  policy group-shop-production: missing"), bad.stdout)
        XCTAssertTrue(bad.stdout.contains("PROBLEM  role group-shop-production: bound_audiences differ"), bad.stdout)
        XCTAssertFalse(bad.stdout.contains("other"), bad.stdout)
        // An unreachable server is an error, not "as planned".
        var env = server.environment()
        env["VAULT_ADDR"] = "http://127.0.0.1:1"
        let down = try run(["vault", "verify", "--plan", shop.path] + keyArgs, environment: env)
        XCTAssertEqual(down.status, 2, down.stderr)
        XCTAssertTrue(down.stderr.contains("cannot reach Vault"), down.stderr)
    }

    func testIndexedVaultValuesMarkTheFindingsOfThoseSecrets() throws {
        let managed = "glpat-Rk7mQ2xW9pL4vT8nZ3sY"
        XCTAssertEqual(try server.run(["secrets", "enable", "-path=apps", "-version=2", "kv"]).status, 0)
        XCTAssertEqual(try server.run(["kv", "put", "-mount=apps", "shop/ci", "gitlab_token=\(managed)", "note=plain text"]).status, 0)
        XCTAssertEqual(try server.run(["kv", "put", "-mount=apps", "blog/deep/nested", "other=Zq8mW3xR7tLp2vKd"]).status, 0)
        let store = work.appendingPathComponent("radar.db").path
        var env = server.environment()
        env["SECRETRADAR_STORE"] = store
        let indexed = try run(["vault", "index"], environment: env)
        XCTAssertEqual(indexed.status, 0, indexed.stderr)
        XCTAssertTrue(indexed.stderr.contains("3 values of 2 secrets indexed"), indexed.stderr)
        XCTAssertNil(FileManager.default.contents(atPath: store)?.range(of: Data(managed.utf8)), "no value in the store")
        let code = work.appendingPathComponent("code")
        try FileManager.default.createDirectory(at: code, withIntermediateDirectories: true)
        try "TOKEN=\(managed)\nOTHER=glpat-bBRsk29cztUX1kmObfEj\n".write(
            to: code.appendingPathComponent("app.env"), atomically: true, encoding: .utf8)
        let scan = try run(["scan", "path", code.path, "-f", "json"], environment: ["SECRETRADAR_STORE": store])
        XCTAssertEqual(scan.status, 1, scan.stderr)
        let findings = try json(scan.stdout)["findings"] as? [[String: Any]] ?? []
        XCTAssertEqual(findings.compactMap { $0["vault_path"] as? String }, ["apps/shop/ci#gitlab_token"], "only the managed one")
        XCTAssertEqual(findings.count, 2)
    }

    func testIndexPagesThroughLargeFoldersAndSaysWhenItStopsAtItsLimit() throws {
        XCTAssertEqual(try server.run(["secrets", "enable", "-path=team/kv", "-version=2", "kv"]).status, 0)
        // Seven secrets in one folder, two with characters a URL must encode, and one nested folder.
        let names = ["a1", "a2", "a3", "a4", "with space", "hash#and?query", "z7", "sub/inner"]
        for (n, name) in names.enumerated() {
            XCTAssertEqual(try server.run(["kv", "put", "-mount=team/kv", "app/\(name)", "value=Vq\(n)mW3xR7tLp2vKd"]).status, 0, name)
        }
        let store = work.appendingPathComponent("radar.db").path
        var env = server.environment()
        env["SECRETRADAR_STORE"] = store
        let indexed = try run(["vault", "index", "--page-size", "3"], environment: env)
        XCTAssertEqual(indexed.status, 0, indexed.stderr)
        XCTAssertTrue(indexed.stderr.contains("8 values of 8 secrets indexed"), indexed.stderr)
        XCTAssertTrue(indexed.stderr.contains("team/kv"), indexed.stderr)
        let capped = try run(["vault", "index", "--page-size", "2", "--max-secrets", "5"], environment: env)
        XCTAssertEqual(capped.status, 1, capped.stderr)
        XCTAssertTrue(capped.stderr.contains("5 values of 5 secrets indexed"), capped.stderr)
        XCTAssertTrue(capped.stderr.contains("stopped at --max-secrets 5"), capped.stderr)
    }
}
