import Foundation
import RadarMatch
import RadarModel
import RadarReport
import XCTest
import Yams

@testable import RadarGitLab

final class CIAnalyzerTests: XCTestCase {
    let analyzer = CIAnalyzer(matcher: VariableTests.matcher)

    func fixture(_ path: String) -> String { VariableTests.root.appendingPathComponent("corpus/gitlab/\(path)").path }

    /// `kind line [job]` of each finding, file name only.
    func summary(_ findings: [CIFinding]) -> [String] {
        findings.map { "\(($0.file as NSString).lastPathComponent):\($0.line) \($0.kind.rawValue) \($0.job ?? "-")" }
    }

    func testPremiumPipelineWithIncludesExtendsAnchorsAndDefaults() throws {
        let findings = try analyzer.analyze(file: fixture("premium/.gitlab-ci.yml"))
        XCTAssertEqual(
            summary(findings),
            [
                ".gitlab-ci.yml:4 unfollowed_include -",
                ".gitlab-ci.yml:10 hardcoded_variable -",
                ".gitlab-ci.yml:24 inline_credential build",
                ".gitlab-ci.yml:25 inline_credential build",
                ".gitlab-ci.yml:26 removed_ci_job_jwt build",
                "deploy.yml:5 id_token_without_aud deploy-production",
                "deploy.yml:11 unresolvable_secret deploy-production",
                "deploy.yml:14 hardcoded_variable deploy-production",
                "deploy.yml:21 unresolvable_secret deploy-staging",
            ])
        XCTAssertEqual(findings[1].rule, "gitlab.personal_access_token")
        XCTAssertEqual(findings[2].secretRedacted, "Sup3…(19)")
        XCTAssertFalse(findings.contains { $0.job == "test" }, "the anchor gives test its id_tokens: its secret resolves")
    }

    func testCommunityEditionVaultCLIJobLogExposure() throws {
        let findings = try analyzer.analyze(file: fixture("ce/.gitlab-ci.yml"))
        XCTAssertEqual(
            summary(findings),
            [
                ".gitlab-ci.yml:12 log_exposure deploy", ".gitlab-ci.yml:15 log_exposure deploy", ".gitlab-ci.yml:16 log_exposure deploy",
                ".gitlab-ci.yml:17 log_exposure deploy",
            ])
        XCTAssertFalse(findings.contains { $0.kind == .hardcodedVariable }, "$CI_REGISTRY_PASSWORD is a reference, not a literal")
    }

    func testNoOutputCarriesASecretAndBadYAMLNamesTheLine() throws {
        let findings = try analyzer.analyze(file: fixture("premium/.gitlab-ci.yml"))
        for format in ReportFormat.allCases {
            let text = String(decoding: CIReportRenderer.render(findings, format: format), as: UTF8.self)
            for secret in ["glpat-bBRsk29cztUX1kmObfEj", "Sup3rS3cretPassw0rd", "dckr_pat_IpeUxT0uRcm0EA6Gk8htj_wf0gZ", "q8Zt2vLm9XwP4rKd"]
            {
                XCTAssertFalse(text.contains(secret), "\(format) shows \(secret.prefix(4))…")
            }
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ci-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent(".gitlab-ci.yml")
        try Data("build:\n  script:\n    - make\n  variables: [unclosed\n".utf8).write(to: bad)
        XCTAssertThrowsError(try analyzer.analyze(file: bad.path)) { error in
            guard case .malformed(let file, let line, _) = error as? GitLabError else { return XCTFail("\(error)") }
            XCTAssertEqual(file, bad.path)
            XCTAssertGreaterThanOrEqual(line, 4)
        }
    }

    func testExtendsMergesDeeplyAndTheJobWins() {
        let template = Node.Mapping([
            (Node("id_tokens"), Node.mapping(Node.Mapping([(Node("A"), Node.mapping(Node.Mapping([(Node("aud"), Node("x"))])))]))),
            (Node("image"), Node("old")),
        ])
        let job = Node.Mapping([(Node("extends"), Node(".t")), (Node("image"), Node("new"))])
        let resolved = CIAnalyzer.resolveExtends(job, byName: [".t": template], depth: 0)
        XCTAssertEqual(resolved["image"]?.string, "new")
        XCTAssertEqual(resolved["id_tokens"]?.mapping?["A"]?.mapping?["aud"]?.string, "x")
    }

    func testHostileFilesAreRefusedQuickly() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ci-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let deep = dir.appendingPathComponent("deep.gitlab-ci.yml")
        try Data(("a: " + String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000) + "\n").utf8).write(to: deep)
        XCTAssertThrowsError(try analyzer.analyze(file: deep.path)) { error in
            XCTAssertTrue("\(error)".contains("nesting"), "\(error)")
        }
        let huge = dir.appendingPathComponent("huge.gitlab-ci.yml")
        try Data(repeating: 0x23, count: CIAnalyzer.maxFileSize + 1).write(to: huge)
        XCTAssertThrowsError(try analyzer.analyze(file: huge.path)) { error in
            XCTAssertTrue("\(error)".contains("larger than a CI configuration can be"), "\(error)")
        }
    }

    func testARemoteIncludesCredentialIsNotRepeated() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ci-remote-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent(".gitlab-ci.yml")
        try Data("include:\n  - remote: https://ci:glpat-bBRsk29cztUX1kmObfEj@gitlab.example.com/t.yml\ntest:\n  script: [make]\n".utf8)
            .write(to: file)
        let findings = try analyzer.analyze(file: file.path)
        let include = try XCTUnwrap(findings.first { $0.kind == .unfollowedInclude })
        XCTAssertEqual(include.message, "include not fetched: remote: https://gitlab.example.com/t.yml")
        for f in findings { XCTAssertFalse(f.message.contains("bBRsk29czt")) }
    }

    func testPasswordsGluedToMysqlPassedToTwineOrSetAsPGPASSWORDInAnAnchor() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ci-inline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent(".gitlab-ci.yml")
        try Data(
            """
            .db: &db
              - export PGPASSWORD=Tq9vL2mX7kR4pW8s
            backup:
              script:
                - mysqldump -u backup -pHn5wQ2rT8kLp3z app > dump.sql
                - mysql -u app -p app < schema.sql
            release:
              script:
                - twine upload -u __token__ -p Zr8vLq2pW5nTe9kXa dist/*
            migrate:
              before_script: *db
              script:
                - psql -h db -c 'select 1'

            """.utf8
        ).write(to: file)
        let findings = try analyzer.analyze(file: file.path).filter { $0.kind == .inlineCredential }
        // The rule pack finds each (no script pattern of its own needed): glued -p, twine -p, and a
        // PGPASSWORD in an anchor that a job's before_script merges in.
        let messages = findings.map { "\($0.job ?? "-"): \($0.rule ?? $0.message)" }.sorted()
        XCTAssertEqual(messages, ["backup: mysql.cli_password", "migrate: postgres.pgpassword_env", "release: twine.cli_password"])
        for f in findings { XCTAssertFalse(f.message.contains("Hn5wQ2") || (f.secretRedacted ?? "").contains("Hn5wQ2rT8")) }
    }

    func testPatternsInVariablesAreNotHardcodedSecrets() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ci-patterns-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent(".gitlab-ci.yml")
        try Data(
            #"""
            variables:
              RELEASE_TAG_PATTERN:
                value: '^v[0-9]+\.[0-9]+\.[0-9]+(-rc[0-9]+)?$'
                expand: false
              SECRET_DETECTION_EXCLUDED_PATHS:
                value: 'spec/fixtures/**/*.pem,test/**'
                expand: false
              TOKEN_REGEX:
                value: '[A-Za-z0-9_]{20,40}'
                expand: false
              DEPLOY_PASSWORD: 'Xk9pQ2mZ7rT4vW8n'
            build:
              script: [make]

            """#.utf8
        ).write(to: file)
        let flagged = try analyzer.analyze(file: file.path).filter { $0.kind == .hardcodedVariable }.map(\.message)
        XCTAssertEqual(flagged, ["DEPLOY_PASSWORD holds a generic.password_env credential"], "only the real password")
    }

    /// Lines inside block scalars, `inherit: default: false`, and variables merged from an anchor.
    func testBlockScalarsInheritAndMergedVariablesAreReportedAtTheirLines() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ci-blocks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent(".gitlab-ci.yml")
        try Data(
            """
            default:
              id_tokens:
                VAULT_ID_TOKEN:
                  aud: https://vault.example.com
            .creds: &creds
              DEPLOY_PASSWORD: "Xk9pQ2mZ7rT4vW8nL3"
            deploy:
              variables:
                <<: *creds
              script:
                - |
                  vault login -method=jwt role=deploy jwt=$VAULT_ID_TOKEN
                  set -x
                  ./deploy.sh
                - >
                  aws sts assume-role-with-web-identity
                  --web-identity-token "$CI_JOB_JWT_V2"
            release:
              inherit:
                default: false
              secrets:
                TOKEN:
                  vault: ci/release/token@kv

            """.utf8
        ).write(to: file)
        XCTAssertEqual(
            summary(try analyzer.analyze(file: file.path)),
            [
                ".gitlab-ci.yml:6 hardcoded_variable deploy", ".gitlab-ci.yml:13 log_exposure deploy",
                ".gitlab-ci.yml:17 removed_ci_job_jwt deploy", ".gitlab-ci.yml:22 unresolvable_secret release",
            ])
    }
}
