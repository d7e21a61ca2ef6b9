import Foundation
import RadarEngine
import RadarTestSupport
import XCTest

/// The demo histories are imported once, reused, and imported again when a stream changes.
final class DemoRepositoriesTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func testStreamsBecomeBareRepositoriesOnceAndAgainWhenAStreamChanges() throws {
        let streams = dir.appendingPathComponent("streams")
        try FileManager.default.createDirectory(at: streams, withIntermediateDirectories: true)
        for name in ["rename.fi", "two-files.fi"] {
            try FileManager.default.copyItem(
                at: GitFixture.root.appendingPathComponent("corpus/repos/\(name)"), to: streams.appendingPathComponent(name))
        }
        try "not a stream".write(to: streams.appendingPathComponent("README"), atomically: true, encoding: .utf8)
        let cache = dir.appendingPathComponent("cache").path
        let targets = try DemoRepositories.build(streams: streams.path, cache: cache)
        XCTAssertEqual(targets.map(\.label), ["demo/rename", "demo/two-files"])
        let head = cache + "/rename.git/HEAD"
        XCTAssertEqual(try String(contentsOfFile: head, encoding: .utf8), "ref: refs/heads/main\n")
        XCTAssertFalse(try GitFixture.git(["--git-dir", cache + "/rename.git", "log", "--oneline"], in: dir.path).isEmpty)
        // Built again only when its stream is newer than the repository.
        let before = try FileManager.default.attributesOfItem(atPath: head)[.modificationDate] as? Date
        _ = try DemoRepositories.build(streams: streams.path, cache: cache)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: head)[.modificationDate] as? Date, before, "reused")
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: streams.appendingPathComponent("rename.fi").path)
        _ = try DemoRepositories.build(streams: streams.path, cache: cache)
        XCTAssertNotEqual(try FileManager.default.attributesOfItem(atPath: head)[.modificationDate] as? Date, before, "rebuilt")
    }

    func testABrokenStreamNamesItsRepositoryAndGitsReason() throws {
        let streams = dir.appendingPathComponent("streams")
        try FileManager.default.createDirectory(at: streams, withIntermediateDirectories: true)
        try "commit refs/heads/main\nthis is not fast-import\n".write(
            to: streams.appendingPathComponent("broken.fi"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try DemoRepositories.build(streams: streams.path, cache: dir.appendingPathComponent("c").path)) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.contains("broken.git") && text.contains("git --git-dir"), text)
        }
        XCTAssertThrowsError(try DemoRepositories.build(streams: dir.appendingPathComponent("none").path, cache: dir.path))
    }
}
