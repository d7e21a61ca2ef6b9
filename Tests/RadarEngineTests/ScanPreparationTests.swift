import Foundation
import RadarEngine
import RadarMatch
import RadarModel
import RadarStore
import RadarTestSupport
import XCTest

/// Rules compiled on one thread while the key and store open on another (`ScanPreparation`).
final class ScanPreparationTests: XCTestCase {
    var dir: URL!
    var rules: String { GitFixture.root.appendingPathComponent("patterns").path }

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("prepare-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func testTheMatcherTheKeyAndTheStoreComeBackTogether() throws {
        let storePath = dir.appendingPathComponent("radar.db").path
        let ready = try ScanPreparation.prepare(rulesPath: rules, cacheDirectory: nil, matcherOptions: MatcherOptions()) {
            try KeyChoice.choose(keyFile: nil, environmentHex: nil, storePath: storePath, record: true) { path throws(StoreError) in
                try Store(path: path)
            }
        }
        XCTAssertGreaterThan(ready.rules.count, 400)
        XCTAssertEqual(ready.matcher.rules.count, ready.rules.count)
        XCTAssertNotNil(ready.store)
        XCTAssertEqual(try ready.store?.hashKey(), try Store(path: storePath).hashKey())
        let found = ready.matcher.scan(Array("GITLAB_TOKEN=glpat-bBRsk29cztUX1kmObfEj".utf8), scratch: try ready.matcher.makeScratch())
        XCTAssertEqual(found.map(\.ruleID), ["gitlab.personal_access_token"])
    }

    func testEitherSideFailingIsReportedWithItsOwnMessage() throws {
        let key = FindingKey.random()
        XCTAssertThrowsError(
            try ScanPreparation.prepare(
                rulesPath: dir.appendingPathComponent("none").path, cacheDirectory: nil, matcherOptions: MatcherOptions()
            ) { (key, nil) }
        ) { error in
            guard case .rules = error as? ScanPreparation.Failure else { return XCTFail("\(error)") }
            XCTAssertTrue(String(describing: error).contains("none"), "\(error)")
        }
        struct Refused: Error, CustomStringConvertible { var description: String { "radar.db: not a secretradar store" } }
        XCTAssertThrowsError(
            try ScanPreparation.prepare(rulesPath: rules, cacheDirectory: nil, matcherOptions: MatcherOptions()) { throw Refused() }
        ) { error in
            XCTAssertEqual(String(describing: error), "radar.db: not a secretradar store")
        }
    }
}
