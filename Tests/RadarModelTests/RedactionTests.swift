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

    func testSeverityFollowsConfidenceUntilTheSeverityModelLands() {
        XCTAssertEqual(Severity(confidence: .high), .high)
        XCTAssertEqual(Severity(confidence: .medium), .medium)
        XCTAssertEqual(Severity(confidence: .low), .low)
        XCTAssertLessThan(Severity.low, Severity.critical)
        XCTAssertLessThan(Confidence.medium, Confidence.high)
    }

    func testLocationsSortByPathThenLineThenColumn() {
        let sorted = [
            Location(path: "b", line: 1, column: 1), Location(path: "a", line: 2, column: 1), Location(path: "a", line: 1, column: 9),
        ].sorted()
        XCTAssertEqual(sorted.map { "\($0.path):\($0.line):\($0.column)" }, ["a:1:9", "a:2:1", "b:1:1"])
    }
}
