import Foundation
import GRDB
import XCTest

@testable import RadarStore

/// Connection settings that docs/store.md promises.
final class StoreSettingsTests: XCTestCase {
    func testEveryConnectionIsWALWithSynchronousNormal() throws {
        let path = NSTemporaryDirectory() + "settings-\(UUID().uuidString).db"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try Store(path: path)
        try store.pool.read { db in
            XCTAssertEqual(try String.fetchOne(db, sql: "PRAGMA journal_mode"), "wal")
            XCTAssertEqual(try Int.fetchOne(db, sql: "PRAGMA synchronous"), 1, "NORMAL")
        }
        try store.pool.write { db in XCTAssertEqual(try Int.fetchOne(db, sql: "PRAGMA synchronous"), 1, "NORMAL") }
    }
}
