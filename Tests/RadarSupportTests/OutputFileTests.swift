import Foundation
import XCTest

@testable import RadarSupport

final class OutputFileTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func kind(_ path: String) -> mode_t {
        var info = stat()
        XCTAssertEqual(lstat(path, &info), 0, path)
        return info.st_mode & S_IFMT
    }

    func testRegularFilesAreReplacedAndNewOnesCreated() throws {
        let path = dir.appendingPathComponent("report.json").path
        try OutputFile.write(Data("first".utf8), to: path)
        try OutputFile.write(Data("second".utf8), to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "second")
        XCTAssertEqual(kind(path), S_IFREG)
        // Nothing else was left in the directory (no temporary file).
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["report.json"])
    }

    /// A link stays a link; its target gets the content, also when it does not exist yet.
    func testSymbolicLinksAreFollowedNotReplaced() throws {
        let target = dir.appendingPathComponent("target.json").path
        let link = dir.appendingPathComponent("link.json").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        try OutputFile.write(Data("new".utf8), to: link)
        XCTAssertEqual(kind(link), S_IFLNK)
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), "new")
        let dangling = dir.appendingPathComponent("dangling.json").path
        let missing = dir.appendingPathComponent("missing.json").path
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: missing)
        try OutputFile.write(Data("created".utf8), to: dangling)
        XCTAssertEqual(kind(dangling), S_IFLNK)
        XCTAssertEqual(try String(contentsOfFile: missing, encoding: .utf8), "created")
    }

    /// What is not a regular file is written in place, never renamed over: a FIFO stands here for
    /// /dev/null (which a rename, run as root, replaced with a regular file).
    func testSpecialFilesAreWrittenInPlace() throws {
        let fifo = dir.appendingPathComponent("pipe").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let received = expectation(description: "reader")
        nonisolated(unsafe) var got = Data()
        Thread.detachNewThread {
            got = (try? FileHandle(forReadingFrom: URL(fileURLWithPath: fifo)).readToEnd()) ?? Data()
            received.fulfill()
        }
        let payload = Data(repeating: 0x61, count: 200_000)
        try OutputFile.write(payload, to: fifo)
        wait(for: [received], timeout: 10)
        XCTAssertEqual(got, payload)
        XCTAssertEqual(kind(fifo), S_IFIFO)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["pipe"])
    }

    func testAnUnwritablePlaceNamesThePath() {
        let path = dir.appendingPathComponent("no/such/dir/report.json").path
        XCTAssertThrowsError(try OutputFile.write(Data("x".utf8), to: path))
        XCTAssertThrowsError(try OutputFile.write(Data("x".utf8), to: dir.path)) { error in
            XCTAssertTrue(error.localizedDescription.contains(self.dir.path), error.localizedDescription)
        }
    }
}
