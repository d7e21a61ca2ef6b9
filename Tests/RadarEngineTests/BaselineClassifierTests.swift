import Foundation
import RadarModel
import RadarStore
import XCTest

@testable import RadarEngine

/// A known secret at a new path is a copy (`new_location`) when its baseline path still holds it,
/// a move (`known`) when that path no longer does, and never "moved" because a path could not be read.
final class BaselineClassifierTests: XCTestCase {
    var dir: URL!
    let key = FindingKey(bytes: Array(repeating: 9, count: 32))
    let token = "glpat-bBRsk29cztUX1kmObfEj"

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("classify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func classify(maxFileSize: Int = 1 << 20) throws -> (BaselineState, ScanResult) {
        let id = key.findingID(ruleID: "gitlab.personal_access_token", secret: Array(token.utf8))
        let known = Finding(
            id: id, rule: "gitlab.personal_access_token", ruleName: "GitLab token", confidence: .high, secretRedacted: "glpa…(26)",
            entropy: 4, locations: [Location(path: "a.env", line: 1, column: 7)])
        let baseline = Baseline(
            keyFingerprint: key.fingerprint, kind: .files, source: nil, entries: Baseline.entries(from: [known]) { $0.path })
        var copy = known
        copy.locations = [Location(path: dir.path + "/b.env", line: 1, column: 7)]
        let classifier = BaselineClassifier(
            baseline: baseline, matcher: PackMatchers.whole, key: key, paths: BaselinePaths(root: dir.path), snapshot: .files,
            maxFileSize: maxFileSize)
        var result = ScanResult(findings: [copy], summary: ScanSummary(), errors: [])
        let all = classifier.apply(to: &result, showKnown: true)
        return (try XCTUnwrap(all.first?.baseline), result)
    }

    func testACopyIsANewLocationAndAMoveIsKnown() throws {
        try "TOKEN=\(token)\n".write(to: dir.appendingPathComponent("a.env"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try classify().0, .newLocation, "still at its baseline path: a copy")
        try FileManager.default.removeItem(at: dir.appendingPathComponent("a.env"))
        let (moved, result) = try classify()
        XCTAssertEqual(moved, .known, "gone from its baseline path: a move")
        XCTAssertEqual(result.notices, [])
    }

    func testABaselinePathThatCannotBeReadIsNotTakenForAMove() throws {
        // Over the size limit: not read, so not known to be without the secret.
        try ("TOKEN=\(token)\n" + String(repeating: "x", count: 4096)).write(
            to: dir.appendingPathComponent("a.env"), atomically: true, encoding: .utf8)
        let (state, result) = try classify(maxFileSize: 1024)
        XCTAssertEqual(state, .newLocation)
        XCTAssertEqual(result.notices.count, 1)
        XCTAssertTrue(result.notices[0].contains("a.env: larger than --max-file-size"), result.notices[0])
        // A directory where the file was: there is something there that cannot be read as a file.
        try FileManager.default.removeItem(at: dir.appendingPathComponent("a.env"))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("a.env"), withIntermediateDirectories: false)
        XCTAssertEqual(try classify().0, .newLocation)
    }
}
