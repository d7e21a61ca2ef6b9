import Foundation
import RadarSupport
import XCTest

final class FileBytesTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("filebytes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func testReadsWholeFilesOfEverySize() throws {
        for size in [0, 1, 4095, 4096, 4097, 3 << 20] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
            let path = dir.appendingPathComponent("f\(size)").path
            XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
            XCTAssertEqual(FileBytes.read(path), bytes, "size \(size)")
        }
    }

    func testAFileLargerThanItsStatedSizeIsReadToItsEnd() throws {
        // /proc files state a size of 0 and hold more: the reader must not stop at the stated size.
        let status = try XCTUnwrap(FileBytes.read("/proc/self/status"))
        XCTAssertGreaterThan(status.count, 100)
        XCTAssertTrue(String(decoding: status, as: UTF8.self).hasPrefix("Name:"))
        XCTAssertEqual(status.last, UInt8(ascii: "\n"), "read to the end, not cut at a buffer boundary")
    }

    func testNonRegularAndMissingFilesReadAsNil() throws {
        XCTAssertNil(FileBytes.read(dir.path), "a directory")
        XCTAssertNil(FileBytes.read(dir.appendingPathComponent("missing").path))
        let fifo = dir.appendingPathComponent("fifo").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        XCTAssertNil(FileBytes.read(fifo), "a FIFO is refused, not waited on")
    }
}
