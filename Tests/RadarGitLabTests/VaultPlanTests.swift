import Foundation
import RadarModel
import XCTest

@testable import RadarGitLab

final class VaultPlanTests: XCTestCase {
    /// The corpus export, classified (value hashes are lengths: enough for the planner).
    func corpusAssessments() throws -> [VariableAssessment] {
        let classifier = VariableClassifier(matcher: VariableTests.matcher) { bytes in String(bytes.count) }
        return try classifier.classify(
            try VariableExport.load(file: VariableTests.root.appendingPathComponent("corpus/gitlab/project-variables.json").path))
    }

    func plan(edition: String) throws -> [String: String] {
        let jobs = try CIAnalyzer(matcher: VariableTests.matcher).jobUses(
            file: VariableTests.root.appendingPathComponent("corpus/gitlab/plan/.gitlab-ci.yml").path)
        return VaultPlanner.plan(
            assessments: try corpusAssessments(), jobs: jobs,
            options: PlanOptions(
                projectPath: "group/shop", gitlabURL: "https://gitlab.example.com", vaultURL: "https://vault.example.com", edition: edition)
        )
    }

    /// Golden directories, re-recorded with SECRETRADAR_RECORD=1 swift test --filter VaultPlanTests.
    func testPlansMatchTheGoldenDirectories() throws {
        for edition in ["premium", "ce"] {
            let files = try plan(edition: edition)
            let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/plan-\(edition)")
            if ProcessInfo.processInfo.environment["SECRETRADAR_RECORD"] != nil {
                try? FileManager.default.removeItem(at: dir)
                for (path, content) in files {
                    let url = dir.appendingPathComponent(path)
                    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try content.write(to: url, atomically: true, encoding: .utf8)
                }
            }
            let recorded =
                FileManager.default.enumerator(atPath: dir.path)?.compactMap { $0 as? String }.filter {
                    !$0.hasSuffix("/")
                        && (try? dir.appendingPathComponent($0).resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
                } ?? []
            XCTAssertEqual(Set(recorded), Set(files.keys), edition)
            for (path, content) in files {
                XCTAssertEqual(content, try String(contentsOf: dir.appendingPathComponent(path), encoding: .utf8), "\(edition)/\(path)")
            }
        }
    }

    func testThePlanLintsCleanAndHoldsNoSecretValue() throws {
        let variables = try VariableExport.load(
            file: VariableTests.root.appendingPathComponent("corpus/gitlab/project-variables.json").path)
        let values = variables.compactMap(\.value).filter { $0.count >= 8 }
        for edition in ["premium", "ce"] {
            let files = try plan(edition: edition)
            XCTAssertEqual(files.keys.filter { $0.hasPrefix("vault/roles/") }.count, 2)
            for (path, content) in files {
                if path.hasPrefix("vault/roles/") { XCTAssertEqual(try VaultLint.lintRole(content, file: path), [], path) }
                if path.hasSuffix(".hcl") { XCTAssertEqual(try VaultLint.lintPolicy(content, file: path, kvMounts: ["secret"]), [], path) }
                for value in values { XCTAssertFalse(content.contains(value), "\(path) holds a value") }
            }
            let production = try XCTUnwrap(files["vault/policies/group-shop-production.hcl"])
            XCTAssertTrue(production.contains("secret/data/ci/group/shop/production/database_password"))
            XCTAssertFalse(production.contains("ci/staging/"), "production reads nothing of staging")
            let patch = try XCTUnwrap(files["gitlab-ci.patch.md"])
            XCTAssertTrue(patch.contains("## deploy-production"))
            XCTAssertFalse(patch.contains("## test "), "a job that uses no secret needs no change")
        }
    }

    func testEveryRoleBindsARefAndEnvironmentsCanDiffer() throws {
        let files = VaultPlanner.plan(
            assessments: try corpusAssessments(), jobs: [],
            options: PlanOptions(
                projectPath: "group/shop", gitlabURL: "https://g", vaultURL: "https://v", productionRef: "release",
                refs: ["staging": "develop"]))
        XCTAssertTrue(try XCTUnwrap(files["vault/roles/group-shop-staging.json"]).contains(#""ref": "develop""#))
        let production = try XCTUnwrap(files["vault/roles/group-shop-production.json"])
        XCTAssertTrue(production.contains(#""ref": "release""#))
        XCTAssertTrue(production.contains(#""ref_protected": "true""#))
        XCTAssertFalse(try XCTUnwrap(files["vault/roles/group-shop-staging.json"]).contains("ref_protected"))
    }

    func testEveryRoleThePatchNamesExistsAndCELoginsStopOnFailure() throws {
        let jobs = [
            CIAnalyzer.JobUse(name: "deploy", environment: "production", variables: ["DATABASE_PASSWORD"], file: "ci.yml", line: 3),
            CIAnalyzer.JobUse(name: "release-notes", environment: nil, variables: ["GITLAB_API_TOKEN"], file: "ci.yml", line: 9),
        ]
        for edition in ["premium", "ce"] {
            let files = VaultPlanner.plan(
                assessments: try corpusAssessments(), jobs: jobs,
                options: PlanOptions(projectPath: "group/shop", gitlabURL: "https://g", vaultURL: "https://v", edition: edition))
            let patch = try XCTUnwrap(files["gitlab-ci.patch.md"])
            for role in ["group-shop-production", "group-shop-default"] {
                XCTAssertTrue(patch.contains(role), "\(edition): the patch uses \(role)")
                XCTAssertNotNil(files["vault/roles/\(role).json"], "\(edition): \(role) is created")
            }
            let defaultPolicy = try XCTUnwrap(files["vault/policies/group-shop-default.hcl"])
            XCTAssertTrue(defaultPolicy.contains("ci/group/shop/shared/gitlab_api_token"))
            XCTAssertFalse(defaultPolicy.contains("/production/"), "a job without environment reads only shared secrets")
            if edition == "ce" {
                XCTAssertFalse(patch.contains("export VAULT_TOKEN=\"$("), "an export hides a failed login")
                XCTAssertTrue(patch.contains("    - VAULT_TOKEN=\"$(vault write -field=token auth/jwt/login role=group-shop-production"))
                XCTAssertTrue(patch.contains("    - DATABASE_PASSWORD=\"$(vault kv get"))
            }
        }
    }

    func testAnEnvironmentsOwnScopeWinsOverTheSharedOne() throws {
        func assessment(_ key: String, _ scope: String) -> VariableAssessment {
            VariableAssessment(
                owner: "project:group/shop", key: key, environmentScope: scope, variableType: "env_var", kind: .secret, reason: "r",
                flags: [],
                valueRedacted: nil, valueHash: nil, file: "v.json", line: 1)
        }
        let files = VaultPlanner.plan(
            assessments: [assessment("DB_PASSWORD", "*"), assessment("DB_PASSWORD", "production"), assessment("OTHER", "staging")],
            jobs: [CIAnalyzer.JobUse(name: "deploy", environment: "production", variables: ["DB_PASSWORD"], file: "ci.yml", line: 1)],
            options: PlanOptions(projectPath: "group/shop", gitlabURL: "https://g", vaultURL: "https://v"))
        let production = try XCTUnwrap(files["vault/policies/group-shop-production.hcl"])
        XCTAssertTrue(production.contains("ci/group/shop/production/db_password"))
        XCTAssertFalse(production.contains("ci/group/shop/shared/db_password"), "production has its own DB_PASSWORD")
        XCTAssertTrue(try XCTUnwrap(files["vault/policies/group-shop-staging.hcl"]).contains("ci/group/shop/shared/db_password"))
        let patch = try XCTUnwrap(files["gitlab-ci.patch.md"])
        XCTAssertEqual(patch.components(separatedBy: "    DB_PASSWORD:").count, 2, "one secret entry, not two")
    }

    func testPathsTheCIFileAlreadyReadsStayGranted() throws {
        let ci = FileManager.default.temporaryDirectory.appendingPathComponent("kept-\(UUID().uuidString).yml")
        defer { try? FileManager.default.removeItem(at: ci) }
        try """
        deploy:
          environment: production
          id_tokens:
            VAULT_ID_TOKEN:
              aud: https://v
          secrets:
            API_KEY:
              vault: production/api/key@ops
              token: $VAULT_ID_TOKEN
            OLD:
              vault:
                engine: {name: kv-v2, path: legacy}
                path: app/db
                field: password
              token: $VAULT_ID_TOKEN
            WIDE:
              vault: prod/*/x@ops
          script:
            - ./deploy --db "$DATABASE_PASSWORD"
        """.write(to: ci, atomically: true, encoding: .utf8)
        let jobs = try CIAnalyzer(matcher: VariableTests.matcher).jobUses(file: ci.path)
        XCTAssertEqual(jobs.first?.vaultReads, ["ops/data/production/api", "legacy/data/app/db"], "a glob is never granted")
        let files = VaultPlanner.plan(
            assessments: try corpusAssessments(), jobs: jobs,
            options: PlanOptions(projectPath: "group/shop", gitlabURL: "https://g", vaultURL: "https://v"))
        let production = try XCTUnwrap(files["vault/policies/group-shop-production.hcl"])
        XCTAssertTrue(production.contains(#"path "ops/data/production/api""#), production)
        XCTAssertTrue(production.contains(#"path "legacy/data/app/db""#), production)
        XCTAssertFalse(production.contains("prod/*"), production)
        XCTAssertFalse(try XCTUnwrap(files["vault/policies/group-shop-staging.hcl"]).contains("ops/data"), "only the job's environment")
    }

    func testRolesAcceptThePipelinesTheirJobsRunIn() throws {
        let ci = FileManager.default.temporaryDirectory.appendingPathComponent("triggers-\(UUID().uuidString).yml")
        defer { try? FileManager.default.removeItem(at: ci) }
        try """
        deploy:
          environment: production
          rules:
            - if: '$CI_COMMIT_TAG =~ /^v\\d+/'
            - if: '$CI_PIPELINE_SOURCE == "schedule"'
          script:
            - ./deploy --db "$DATABASE_PASSWORD"
        stage-deploy:
          environment: staging
          only: [develop, web]
          script:
            - ./deploy --db "$DATABASE_PASSWORD"
        """.write(to: ci, atomically: true, encoding: .utf8)
        let jobs = try CIAnalyzer(matcher: VariableTests.matcher).jobUses(file: ci.path)
        let deploy = try XCTUnwrap(jobs.first { $0.name == "deploy" }?.triggers)
        XCTAssertEqual([deploy.tags], [true])
        XCTAssertEqual(deploy.tagGlobs, ["v*"])
        XCTAssertEqual(deploy.sources, ["schedule"])
        let files = VaultPlanner.plan(
            assessments: try corpusAssessments(), jobs: jobs,
            options: PlanOptions(projectPath: "group/shop", gitlabURL: "https://g", vaultURL: "https://v"))
        let production = try XCTUnwrap(files["vault/roles/group-shop-production.json"])
        XCTAssertTrue(production.contains(#""bound_claims_type": "glob""#), production)
        XCTAssertTrue(production.contains(#""ref": ["main", "v*"]"#), production)
        XCTAssertTrue(production.contains(#""ref_type": ["branch", "tag"]"#), production)
        XCTAssertTrue(production.contains(#""pipeline_source": ["push", "schedule"]"#), production)
        XCTAssertTrue(production.contains(#""ref_protected": "true""#), production)
        let staging = try XCTUnwrap(files["vault/roles/group-shop-staging.json"])
        XCTAssertTrue(staging.contains(#""ref": "develop""#) && staging.contains(#""bound_claims_type": "string""#), staging)
        // The roles still lint clean: no glob on the project, strings throughout.
        for name in ["production", "staging"] {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("role-\(UUID().uuidString).json").path
            try XCTUnwrap(files["vault/roles/group-shop-\(name).json"]).write(toFile: path, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: path) }
            XCTAssertEqual(try VaultLint.lint(file: path, kvMounts: ["secret"]).map(\.code), [], name)
        }
    }

    func testRolesAcceptTheAudienceTheJobsIDTokensAlreadyUse() throws {
        let ci = FileManager.default.temporaryDirectory.appendingPathComponent("aud-\(UUID().uuidString).yml")
        defer { try? FileManager.default.removeItem(at: ci) }
        try """
        deploy:
          environment: production
          id_tokens:
            OLD_TOKEN:
              aud: https://vault.internal
          script:
            - ./deploy --db "$DATABASE_PASSWORD"
        """.write(to: ci, atomically: true, encoding: .utf8)
        let jobs = try CIAnalyzer(matcher: VariableTests.matcher).jobUses(file: ci.path)
        XCTAssertEqual(jobs.first?.audiences, ["https://vault.internal"])
        let files = VaultPlanner.plan(
            assessments: try corpusAssessments(), jobs: jobs,
            options: PlanOptions(projectPath: "group/shop", gitlabURL: "https://g", vaultURL: "https://v"))
        XCTAssertTrue(
            try XCTUnwrap(files["vault/roles/group-shop-production.json"]).contains(
                #""bound_audiences": ["https://v", "https://vault.internal"]"#))
        XCTAssertTrue(
            try XCTUnwrap(files["terraform/vault.tf"]).contains(#"bound_audiences        = ["https://v", "https://vault.internal"]"#))
        XCTAssertTrue(
            try XCTUnwrap(files["gitlab-ci.patch.md"]).contains("aud: https://v"), "the patch's token uses the URL the role accepts")
    }

    func testGroupAndInstanceVariablesLiveAtTheirOwnersPath() throws {
        func assessment(_ key: String, _ owner: String) -> VariableAssessment {
            VariableAssessment(
                owner: owner, key: key, environmentScope: "production", variableType: "env_var", kind: .secret, reason: "r", flags: [],
                valueRedacted: nil, valueHash: nil, file: "v.json", line: 1)
        }
        let files = VaultPlanner.plan(
            assessments: [
                assessment("DB_PASSWORD", "project:group/shop"), assessment("REGISTRY_TOKEN", "group:group"),
                assessment("SMTP_PASSWORD", "instance"),
            ],
            jobs: [], options: PlanOptions(projectPath: "group/shop", gitlabURL: "https://g", vaultURL: "https://v"))
        let policy = try XCTUnwrap(files["vault/policies/group-shop-production.hcl"])
        XCTAssertTrue(policy.contains("secret/data/ci/group/shop/production/db_password"))
        XCTAssertTrue(policy.contains("secret/data/ci/group/-group/production/registry_token"), "the group's path, shared by its projects")
        XCTAssertTrue(policy.contains("secret/data/ci/-instance/production/smtp_password"))
    }
}
