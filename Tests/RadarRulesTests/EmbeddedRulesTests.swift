import Foundation
import XCTest

@testable import RadarRules

/// The pack built into the binary is exactly `patterns/` (issue 20): the build plugin embeds
/// every rule file and the README, byte for byte.
final class EmbeddedRulesTests: XCTestCase {
    static let patterns = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("patterns")

    func testTheEmbeddedPackEqualsPatterns() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.patterns.path)
            .filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") || $0 == "README.md" }.sorted()
        XCTAssertEqual(EmbeddedRules.files.map(\.name), names)
        for (name, bytes) in EmbeddedRules.files {
            XCTAssertEqual(Data(bytes), try Data(contentsOf: Self.patterns.appendingPathComponent(name)), name)
        }
        XCTAssertGreaterThan(EmbeddedRules.files.count, 200)
    }

    func testExtractionIsOnceAndLoadsTheSameRules() throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("embedded-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        let first = try EmbeddedRules.extract(into: cache.path)
        XCTAssertEqual(try EmbeddedRules.extract(into: cache.path), first, "the same directory, not written again")
        XCTAssertTrue(first.hasSuffix("patterns-" + EmbeddedRules.digest))
        XCTAssertEqual(try RuleLoader.load(path: first).map(\.id), try RuleLoader.load(path: Self.patterns.path).map(\.id))
        let exported = cache.appendingPathComponent("export").path
        XCTAssertEqual(try EmbeddedRules.export(to: exported), EmbeddedRules.files.count)
        XCTAssertThrowsError(try EmbeddedRules.export(to: exported), "no file is overwritten")
    }
}
