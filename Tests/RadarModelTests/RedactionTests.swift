import RadarModel
import XCTest

final class RedactionTests: XCTestCase {
    func testShowsFourCharactersAndLengthForLongSecrets() {
        XCTAssertEqual(Redaction.redact(Array("glpat-bBRsk29cztUX1kmObfEj".utf8)), "glpa…(26)")
    }

    func testShortSecretsRevealAtMostAQuarter() {
        XCTAssertEqual(Redaction.redact(Array("hunter22".utf8)), "hu…(8)")
        XCTAssertEqual(Redaction.redact(Array("abc".utf8)), "…(3)")
    }

    func testNonPrintableBytesAreMasked() {
        XCTAssertEqual(Redaction.redact([0x00, 0x41, 0xff, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), "?A?B…(16)")
    }

    func finding(_ confidence: Confidence, _ locations: [Location], status: TriageStatus? = nil) -> Finding {
        Finding(
            id: "f", rule: "r", ruleName: "R", confidence: confidence, secretRedacted: "x", entropy: 4, locations: locations,
            status: status)
    }

    func testSeverityFollowsConfidenceAndWhetherTheSecretIsInTheLatestVersion() {
        let latest = Location(path: "src/app.py", line: 1, column: 1, inLatest: true)
        let history = Location(path: "src/app.py", line: 1, column: 1, commit: "c", inLatest: false)
        let file = Location(path: "src/app.py", line: 1, column: 1)
        XCTAssertEqual(finding(.high, [latest]).severity, .critical)
        XCTAssertEqual(finding(.high, [file]).severity, .critical, "a file scan reads the latest version")
        XCTAssertEqual(finding(.high, [history]).severity, .high)
        XCTAssertEqual(finding(.high, [history]).tags, ["historic"])
        XCTAssertEqual(finding(.medium, [latest]).severity, .high)
        XCTAssertEqual(finding(.medium, [history]).severity, .medium)
        XCTAssertEqual(finding(.low, [latest]).severity, .medium)
        XCTAssertEqual(finding(.high, [history, latest]).severity, .critical)
        XCTAssertLessThan(Severity.low, Severity.critical)
        XCTAssertLessThan(Confidence.medium, Confidence.high)
    }

    func testTestAndExamplePathsAreLowAndTaggedAndIgnoredIsInfo() {
        let test = Location(path: "tests/fixtures/creds.json", line: 1, column: 1, inLatest: true)
        XCTAssertEqual(finding(.high, [test]).severity, .low)
        XCTAssertEqual(finding(.high, [test]).tags, ["fixture", "test"])
        // A live place outside tests decides: the copy in tests does not lower it.
        let live = Location(path: "deploy/app.env", line: 1, column: 1, inLatest: true)
        XCTAssertEqual(finding(.high, [test, live]).severity, .critical)
        XCTAssertEqual(finding(.high, [live], status: .falsePositive).severity, .info)
        XCTAssertEqual(finding(.high, [live], status: .ignored).tags, ["ignored"])
        XCTAssertEqual(finding(.high, [live], status: .secretStored).severity, .critical, "stored in Vault but still hardcoded")
        var commented = live
        commented.ignored = true
        XCTAssertEqual(finding(.high, [commented]).severity, .info)
        XCTAssertEqual(finding(.high, [commented, live]).severity, .critical)
        let cases: [(String, Set<String>)] = [
            ("pkg/auth_test.go", ["test"]), ("tests/test_auth.py", ["test"]), ("web/login.spec.ts", ["test"]),
            ("src/login.test.js", ["test"]), ("Tests/AuthTests.swift", ["test"]), ("src/AuthTest.java", ["test"]),
            (".env.example", ["example"]), ("config/settings-sample.yml", ["example"]), ("docs/examples/setup.sh", ["example"]),
            ("__mocks__/aws.js", ["mock"]), ("internal/mock_client.go", ["mock"]), ("spec/fixtures/key.pem", ["test", "fixture"]),
            ("src/contest.py", []), ("src/main/java/com/example/Db.java", []), ("src/latest.go", []), ("src/testimony/app.py", []),
            ("examplecorp/app.py", []), ("app.env", []),
        ]
        for (path, tags) in cases { XCTAssertEqual(SeverityModel.pathTags(path), tags, path) }
    }

    func testLocationsSortByPathThenLineThenColumn() {
        let sorted = [
            Location(path: "b", line: 1, column: 1), Location(path: "a", line: 2, column: 1), Location(path: "a", line: 1, column: 9),
        ].sorted()
        XCTAssertEqual(sorted.map { "\($0.path):\($0.line):\($0.column)" }, ["a:1:9", "a:2:1", "b:1:1"])
    }
}
