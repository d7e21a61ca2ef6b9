import Foundation
import RadarEngine
import RadarModel
import RadarStore
import XCTest

/// Which key a command uses and whether it records (`KeyChoice`), without the binary.
final class KeyChoiceTests: XCTestCase {
    var dir: URL!
    var storePath: String { dir.appendingPathComponent("radar.db").path }
    let hex = String(repeating: "7a", count: 32)

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("keychoice-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func choose(keyFile: String? = nil, hex: String? = nil, record: Bool) throws -> (FindingKey, Store?) {
        try KeyChoice.choose(keyFile: keyFile, environmentHex: hex, storePath: storePath, record: record) { path throws(StoreError) in
            try Store(path: path)
        }
    }

    func id(_ key: FindingKey) -> String { key.findingID(ruleID: "r", secret: Array("s".utf8)) }

    func testWithoutAStoreOrAKeyARunThatDoesNotRecordGetsAKeyOfItsOwnAndCreatesNothing() throws {
        let (a, store) = try choose(record: false)
        XCTAssertNil(store)
        XCTAssertFalse(FileManager.default.fileExists(atPath: storePath), "no store is created by a run that does not record")
        let (b, _) = try choose(record: false)
        XCTAssertNotEqual(id(a), id(b), "a key for this run only")
    }

    func testARecordingRunCreatesTheStoreAndItsKeyWhichLaterRunsUse() throws {
        let (recorded, store) = try choose(record: true)
        XCTAssertNotNil(store)
        let (again, none) = try choose(record: false)
        XCTAssertNil(none, "not recording: no store handed back")
        XCTAssertEqual(id(again), id(recorded), "the store's key once it exists")
    }

    func testAGivenKeyIsUsedAndBecomesTheStoresKeyWhenRecording() throws {
        let (fromHex, _) = try choose(hex: hex, record: true)
        XCTAssertEqual(id(fromHex), id(try FindingKey(hex: hex, origin: "test")))
        XCTAssertEqual(try Store(path: storePath).hashKey(), Array(repeating: 0x7a, count: 32))
        let keyFile = dir.appendingPathComponent("team.key").path
        let (fromFile, _) = try choose(keyFile: keyFile, hex: hex, record: false)
        XCTAssertNotEqual(id(fromFile), id(fromHex), "a key file wins over the environment")
        XCTAssertEqual(try Store(path: storePath).hashKey(), Array(repeating: 0x7a, count: 32), "not recording: the store keeps its key")
    }

    func testABadKeyIsNamedAndAConflictingKeyIsRefused() throws {
        XCTAssertThrowsError(try choose(hex: "not hex", record: false)) { error in
            XCTAssertTrue(String(describing: error).contains("$SECRETRADAR_HASH_KEY"), "\(error)")
            XCTAssertFalse(String(describing: error).contains("not hex"), "the value itself is never echoed")
        }
        // A store holding findings under one key refuses another.
        let store = try Store(path: storePath)
        try store.setHashKey(Array(repeating: 1, count: 32))
        let source = try store.source(kind: "path", locator: "/x")
        let scan = try store.beginScan(sourceID: source, rulesDigest: "d")
        let finding = Finding(
            id: "aaaaaa01", rule: "r", ruleName: "r", confidence: .high, secretRedacted: "x…(1)", entropy: 1,
            locations: [Location(path: "a", line: 1, column: 1)])
        try store.finishScan(id: scan, sourceID: source, outcome: ScanOutcome(findings: [finding]))
        XCTAssertThrowsError(try choose(hex: hex, record: true)) { error in
            guard case .store(.keyConflict) = error as? KeyChoice.Failure else { return XCTFail("\(error)") }
        }
    }
}
