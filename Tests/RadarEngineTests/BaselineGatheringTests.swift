import Foundation
import RadarEngine
import RadarModel
import RadarTestSupport
import XCTest

/// The scan a baseline is made from: complete or nothing (`BaselineGathering`).
final class BaselineGatheringTests: XCTestCase {
    var dir: URL!
    let key = FindingKey(bytes: Array(repeating: 3, count: 32))
    let token = "glpat-bBRsk29cztUX1kmObfEj"

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("gather-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func gather(_ target: String, git: Bool = false) throws -> (findings: [Finding], paths: BaselinePaths, warnings: [EngineError]) {
        try BaselineGathering.scan(target, git: git, matcher: PackMatchers.whole, key: key, options: ScanOptions(workers: 2))
    }

    func testABrokenCIFileIsAWarningNotAnIncompleteScan() throws {
        // Its text is still matched; only its analysis as CI configuration failed.
        try "variables:\n  TOKEN: \(token)\n  TOKEN: twice\n".write(
            to: dir.appendingPathComponent(".gitlab-ci.yml"), atomically: true, encoding: .utf8)
        let gathered = try gather(dir.path)
        XCTAssertEqual(gathered.findings.map(\.rule), ["gitlab.personal_access_token"])
        XCTAssertEqual(gathered.warnings.count, 1)
        guard case .ciConfiguration(let path, _)? = gathered.warnings.first else { return XCTFail("\(gathered.warnings)") }
        XCTAssertTrue(path.hasSuffix(".gitlab-ci.yml"), path)
    }

    func testACompleteScanOfFilesOrAHistoryGivesItsFindings() throws {
        try "GITLAB_TOKEN=\(token)\n".write(to: dir.appendingPathComponent("app.env"), atomically: true, encoding: .utf8)
        let files = try gather(dir.path)
        XCTAssertEqual(files.findings.map(\.rule), ["gitlab.personal_access_token"])
        XCTAssertEqual(files.paths.path(files.findings[0].locations[0]), "app.env", "relative to the scanned directory")
        let repo = try GitFixture(scenario: "added-then-deleted", in: dir)
        let history = try gather(repo.path, git: true)
        XCTAssertEqual(history.findings.map(\.rule), ["gitlab.personal_access_token"])
    }

    func testWhatCouldNotBeReadMakesNoBaseline() throws {
        // A baseline from a scan that missed content would forget the secrets it did not see.
        XCTAssertThrowsError(try gather("/proc/self/mem")) { error in
            guard case .incomplete(let target, let errors) = error as? BaselineGathering.Failure else { return XCTFail("\(error)") }
            XCTAssertEqual(target, "/proc/self/mem")
            XCTAssertEqual(errors.count, 1)
            XCTAssertTrue(String(describing: error).hasSuffix("no baseline written"))
        }
        XCTAssertThrowsError(try gather(dir.appendingPathComponent("missing").path)) { error in
            guard case .noSuchPath = error as? BaselineGathering.Failure else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try gather(dir.path, git: true)) { error in
            guard case .repository = error as? BaselineGathering.Failure else { return XCTFail("\(error)") }
        }
    }
}
