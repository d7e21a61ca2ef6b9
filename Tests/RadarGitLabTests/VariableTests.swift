import Foundation
import RadarMatch
import RadarModel
import RadarReport
import RadarRules
import XCTest

@testable import RadarGitLab

final class VariableTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let matcher: Matcher = try! Matcher(rules: try! RuleLoader.load(path: root.appendingPathComponent("patterns").path))
    let classifier = VariableClassifier(matcher: VariableTests.matcher) { bytes in
        // A stand-in keyed hash: distinct values give distinct strings, and no plaintext.
        String(bytes.reduce(UInt64(1469598103934665603)) { ($0 ^ UInt64($1)) &* 1099511628211 }, radix: 16)
    }

    func fixture(_ name: String) -> String { Self.root.appendingPathComponent("corpus/gitlab/\(name)").path }

    func testAllThreeExportShapesAreRead() throws {
        let array = try VariableExport.load(file: fixture("project-variables.json"))
        XCTAssertEqual(array.count, 8)
        XCTAssertEqual(Set(array.map(\.owner)), ["project-variables.json"])
        XCTAssertEqual(array[0].line, 2, "line of the variable's object")
        XCTAssertEqual(array[1].line, 13)
        XCTAssertNil(array.first { $0.key == "VAULT_TOKEN" }?.value)
        XCTAssertEqual(array.first { $0.key == "DEPLOY_SSH_KEY" }?.variableType, "file")
        let export = try VariableExport.load(file: fixture("variables-export.json"))
        XCTAssertEqual(Set(export.map(\.owner)), ["project:group/app", "project:group/worker", "group:group", "instance"])
        XCTAssertEqual(export.first { $0.owner == "instance" }?.environmentScope, "*", "instance variables have no scope")
        let wrapped = try VariableExport.parse(#"{"project": "g/p", "variables": [{"key": "A", "value": "b"}]}"#, file: "w.json")
        XCTAssertEqual(wrapped.map(\.owner), ["project:g/p"])
    }

    func testMalformedExportsNameFileAndLine() {
        XCTAssertThrowsError(try VariableExport.parse("[\n  {\"key\": \"A\",\n  \"value\": \"x\" \"y\"}\n]", file: "bad.json")) { error in
            guard case .malformed(let file, let line, _) = error as? GitLabError else { return XCTFail("\(error)") }
            XCTAssertEqual(file, "bad.json")
            XCTAssertEqual(line, 3)
        }
        XCTAssertThrowsError(try VariableExport.parse("[\n {\"value\": \"x\"}\n]", file: "nokey.json")) { error in
            XCTAssertEqual(error as? GitLabError, .malformed(file: "nokey.json", line: 2, message: "a variable without \"key\""))
        }
        XCTAssertThrowsError(try VariableExport.parse(#"{"something": 1}"#, file: "odd.json"))
        XCTAssertThrowsError(try VariableExport.load(file: "/nonexistent/x.json")) { error in
            XCTAssertEqual(error as? GitLabError, .unreadable(file: "/nonexistent/x.json", reason: "no such file"))
        }
    }

    func testClassificationAndFlags() throws {
        let result = try classifier.classify(try VariableExport.load(file: fixture("project-variables.json")))
        func one(_ key: String, _ scope: String = "*") throws -> VariableAssessment {
            try XCTUnwrap(result.first { $0.key == key && $0.environmentScope == scope })
        }
        let prod = try one("DATABASE_PASSWORD", "production")
        XCTAssertEqual(prod.kind, .secret)
        XCTAssertTrue(prod.flags.contains("not protected: every branch's pipelines can read it"))
        XCTAssertTrue(prod.flags.contains { $0.hasPrefix("same value as project-variables.json DATABASE_PASSWORD (staging)") })
        let token = try one("GITLAB_API_TOKEN")
        XCTAssertEqual(token.reason, "gitlab.personal_access_token")
        XCTAssertTrue(token.flags.contains("not masked: it prints in job logs"))
        XCTAssertTrue(token.flags.contains("scope * although project-variables.json uses environments (production, staging)"))
        XCTAssertTrue(try one("DEPLOY_SSH_KEY", "production").flags.contains("file variable holding private key material"))
        let hidden = try one("VAULT_TOKEN")
        XCTAssertEqual(hidden.kind, .cannotScan)
        XCTAssertNil(hidden.valueHash)
        XCTAssertEqual(try one("DB_URL").kind, .notSecret)
        XCTAssertEqual(try one("DB_URL").reason, "reference to another variable")
        XCTAssertEqual(try one("LOG_LEVEL").kind, .notSecret)
        XCTAssertEqual(try one("API_TOKEN_PLACEHOLDER").kind, .placeholder, "a placeholder is neither moved nor called safe")
        XCTAssertTrue(try one("DATABASE_PASSWORD", "staging").flags.allSatisfy { !$0.hasPrefix("not protected") })
    }

    func testReuseIsFoundAcrossProjectsAndNoOutputCarriesAValue() throws {
        let variables = try VariableExport.load(file: fixture("variables-export.json"))
        let result = try classifier.classify(variables)
        let worker = try XCTUnwrap(result.first { $0.owner == "project:group/worker" })
        XCTAssertTrue(worker.flags.contains("same value as project:group/app GITLAB_API_TOKEN (*)"), "\(worker.flags)")
        let values = variables.compactMap(\.value).filter { $0.count >= 8 }
        for format in VariableReportFormat.allCases {
            let text = String(decoding: VariableReportRenderer.render(result, format: format), as: UTF8.self)
            for value in values { XCTAssertFalse(text.contains(value), "\(format) shows a value: \(value.prefix(4))…") }
        }
    }

    func testCSVIsRFC4180() throws {
        let result = try classifier.classify(try VariableExport.load(file: fixture("project-variables.json")))
        let csv = String(decoding: VariableReportRenderer.render(result, format: .csv), as: UTF8.self)
        let lines = csv.components(separatedBy: "\r\n")
        XCTAssertEqual(
            lines.first, "owner,key,environment_scope,variable_type,classification,reason,flags,value_redacted,value_hash,file,line")
        XCTAssertEqual(lines.count, result.count + 2, "header, one row per variable, final CRLF")
        XCTAssertTrue(
            csv.contains(
                #""not masked: it prints in job logs; scope * although project-variables.json uses environments (production, staging)""#))
    }

    func testPlaceholdersPublicValuesAndSettingsAreNotCalledSecrets() throws {
        func v(_ key: String, _ value: String) -> CIVariable {
            CIVariable(
                owner: "project:g/app", key: key, value: value, variableType: "env_var", protected: true, masked: true, hidden: false,
                environmentScope: "*", file: "v.json", line: 1)
        }
        let certificate =
            "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ2VydGlmaWNhdGVCb2R5MAoGCCqGSM49BAMCMBIxEDAO\n-----END CERTIFICATE-----\n"
        let config = Data("log_level: debug\nregion: eu-west-1\nreplicas: 3\n".utf8).base64EncodedString()
        let token = Data("GITLAB_TOKEN=glpat-bBRsk29cztUX1kmObfEj\n".utf8).base64EncodedString()
        let cases: [(CIVariable, VariableAssessment.Kind)] = [
            (v("DB_PASSWORD", "changeme"), .placeholder),
            (v("API_TOKEN", "<set-me>"), .placeholder),
            (v("DEPLOY_KEY", "xxxxxxxxxxxxxxxx"), .placeholder),
            (v("SMTP_PASSWORD", "REPLACE_ME"), .placeholder),
            (v("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"), .placeholder),
            (v("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), .placeholder),
            (v("TLS_CERT", certificate), .notSecret),
            (v("DEPLOY_PUBLIC_KEY", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHk3Qm9yZXRlc3RrZXlib2R5Zm9ydGVzdHM deploy@ci"), .notSecret),
            (v("STRIPE_PUBLISHABLE_KEY", "pk_live_51HqX2kLmNpQrStUvWxYz"), .notSecret),
            (v("VAULT_AUTH_ROLE", "shop-production"), .notSecret),
            (v("VAULT_AUTH_PATH", "jwt"), .notSecret),
            (v("APP_CONFIG", config), .notSecret),
            (v("ENV_FILE_B64", token), .secret),
            (v("DB_PASSWORD", "Zq8mW3xR7tLp2vKd"), .secret),
            (v("RELEASE_TOKEN_PATTERN", #"^v[0-9]+\.[0-9]+\.[0-9]+$"#), .notSecret),
            (v("TOKEN_REGEX", "[A-Za-z0-9_]{20,40}"), .notSecret),
            (v("SECRET_DETECTION_EXCLUDED_PATHS", "spec/fixtures/**/*.pem,test/**"), .notSecret),
            (v("HTTPS_PROXY", "http://proxy.internal.example.com:3128"), .notSecret),
            (v("DATABASE_URL", "postgres://shop:$DB_PASSWORD@db.internal:5432/shop"), .notSecret),
            (v("DATABASE_URL", "postgres://shop:Zq8mW3xR7tLp2vKdQ4@db.internal:5432/shop"), .secret),
            (v("OAUTH_CLIENT_ID", "301847562913-k2j4h5g6f7d8s9a0q1w2e3r4t5y6u7i8.apps.googleusercontent.com"), .notSecret),
            (v("KNOWN_HOSTS", "git.example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHk3Qm9yZXRlc3RrZXlib2R5Zm9ydGVzdHM"), .notSecret),
            (v("RECAPTCHA_SITE_KEY", "6LcQ2xW9pL4vT8nZ3sYRk7mQ2xW9pL4vT8nZ3sY_"), .notSecret),
            (v("MYSQL_ROOT_PASSWORD", "rootroot9"), .secret),
            (v("NO_PROXY", "localhost,127.0.0.1,.acme.internal,.svc.cluster.local,169.254.169.254"), .notSecret),
            (v("DEPLOY_ROLE_ARN", "arn:aws:iam::428905274756:role/backoffice-ci"), .notSecret),
            (v("WORKLOAD_POOL", "projects/100690976705/locations/global/workloadIdentityPools/gitlab/providers/gitlab-io"), .notSecret),
            (v("NEW_RELIC_LICENSE_KEY", "TODO"), .placeholder),
            (v("SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/XXXXXXXXX/XXXXXXXXXXX/XXXXXXXXXXXXXXXXXXXXXXXX"), .placeholder),
            (v("ARTIFACTORY_TOKEN", Data("reftkn:01:1798761600:L2ug3oIaCfCh95aMwBwJ5ZbDov1w034".utf8).base64EncodedString()), .secret),
            (v("DOCKER_AUTH_CONFIG", #"{"auths": {"registry.example.com": {"auth": "ZGVwbG95ZXI6UnE3dk4ycVh3OUxtVDRrUDJ6"}}}"#), .secret),
            (
                v(
                    "KUBECONFIG",
                    "apiVersion: v1\nusers:\n- name: ci\n  user:\n    client-key-data: LS0tLS1CRUdJTiBFQyBQUklWQVRFIEtFWS0tLS0tCmJ2WFJ6OHpCdmZHVDRWT0NFMGhyVGZjWSs3ZzJIdzdEMUpOaGJ5bFREQkFDWnpBVTZ5Mk9Od2x5YkIrYllTTEYKZk4ybFJ1T3JIb0NHQlVuUjJwdExpS0t2U1VWTTN1WWxGaGpodjdzSlNjR2F5dm5oeEZVUHV6S3dVRUIycHNpOApEL055c0tCVU9CVmZOSDJ5OGdUNmx3VmxkbVRuWEJEc1VVUE1TVnBhRmVFeG1VTFlEMXdQMXhmK0Noc2k5cDdvCi0tLS0tRU5EIEVDIFBSSVZBVEUgS0VZLS0tLS0K\n"
                ), .secret
            ),
        ]
        let assessed = try VariableClassifier(matcher: Self.matcher) { bytes in String(bytes.count) }.classify(cases.map(\.0))
        for (a, expected) in zip(assessed, cases.map(\.1)) { XCTAssertEqual(a.kind, expected, "\(a.key): \(a.reason)") }
    }
}
