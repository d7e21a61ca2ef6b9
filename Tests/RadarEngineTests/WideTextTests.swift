import Foundation
import RadarModel
import RadarTestSupport
import XCTest

@testable import RadarEngine

/// UTF-16 and UTF-32 text is matched, not skipped as binary (issue 16 item 9).
final class WideTextTests: XCTestCase {
    var dir: URL!
    let token = "glpat-bBRsk29cztUX1kmObfEj"
    let key = FindingKey(bytes: Array(repeating: 4, count: 32))

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("wide-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func utf16(_ text: String, bigEndian: Bool = false, bom: Bool = true) -> [UInt8] {
        let units = (bom ? [UInt16(0xFEFF)] : []) + Array(text.utf16)
        return units.flatMap { bigEndian ? [UInt8($0 >> 8), UInt8($0 & 0xFF)] : [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    func utf32LE(_ text: String) -> [UInt8] {
        text.unicodeScalars.flatMap { s in (0..<4).map { UInt8((s.value >> (8 * UInt32($0))) & 0xFF) } }
    }

    func testWideEncodingsAreRecognisedAndBinaryIsNot() {
        let text = "[Settings]\r\nPassword=hunter2\r\nUser=admin\r\n"
        XCTAssertEqual(WideText.encoding(of: utf16(text)), .utf16LE)
        XCTAssertEqual(WideText.encoding(of: utf16(text, bigEndian: true)), .utf16BE)
        XCTAssertEqual(WideText.encoding(of: utf16(text, bom: false)), .utf16LE, "no BOM: the NUL pattern")
        XCTAssertEqual(WideText.encoding(of: utf16(text, bigEndian: true, bom: false)), .utf16BE)
        XCTAssertEqual(WideText.encoding(of: utf32LE(text)), .utf32LE)
        var binary: [UInt8] = []
        var state: UInt32 = 7
        for _ in 0..<4096 {
            state = state &* 1_103_515_245 &+ 12345
            binary.append(UInt8(truncatingIfNeeded: state >> 16))
        }
        binary[100] = 0
        XCTAssertNil(WideText.encoding(of: binary), "random bytes with a NUL")
        XCTAssertNil(WideText.encoding(of: [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3E, 0]), "an ELF header")
    }

    func testTranscodingAndColumnsInTheOriginalBytes() {
        let text = "é=1\nTOKEN=\(token) 😀\n"
        for bigEndian in [false, true] {
            let (utf8, bom) = WideText.utf8(utf16(text, bigEndian: bigEndian), from: bigEndian ? .utf16BE : .utf16LE)
            XCTAssertEqual(String(decoding: utf8, as: UTF8.self), text)
            XCTAssertEqual(bom, 2)
            let at = Array(utf8).firstIndex(of: UInt8(ascii: "g"))!
            // Line 2, after "TOKEN=": 6 UTF-16 units, so byte 13.
            XCTAssertEqual(WideText.originalColumn(of: at, in: utf8, encoding: .utf16LE, bom: bom), 13)
            // Line 1 counts the BOM: "é" is at bytes 3-4 of the file.
            XCTAssertEqual(WideText.originalColumn(of: 0, in: utf8, encoding: .utf16LE, bom: bom), 3)
        }
        XCTAssertEqual(String(decoding: WideText.utf8(utf32LE(text), from: .utf32LE).text, as: UTF8.self), text)
        XCTAssertEqual(WideText.utf8([0x00, 0xD8, 0x41, 0x00], from: .utf16LE).text, Array("\u{FFFD}A".utf8), "a lone surrogate")
    }

    func testFilesAndBlobsInUTF16AreScanned() throws {
        let file = dir.appendingPathComponent("settings.ini")
        try Data(utf16("[app]\r\nGITLAB_TOKEN=\(token)\r\n")).write(to: file)
        let result = try PathScanner(matcher: PackMatchers.whole, key: key, options: ScanOptions(workers: 1)).scan(paths: [file.path])
        XCTAssertEqual(result.summary.skippedBinary, 0)
        XCTAssertEqual(result.findings.map(\.rule), ["gitlab.personal_access_token"])
        XCTAssertEqual(result.findings.first.map { [$0.locations[0].line, $0.locations[0].column] }, [2, 27], "byte 27 of line 2")
        // The same file committed: the history scan reads it too.
        let repo = dir.appendingPathComponent("repo").path
        try GitFixture.git(["init", "-q", "-b", "main", repo], in: dir.path)
        try FileManager.default.copyItem(atPath: file.path, toPath: repo + "/settings.ini")
        try GitFixture.git(["add", "settings.ini"], in: repo)
        try GitFixture.git(["commit", "-q", "-m", "settings"], in: repo)
        let history = try GitScanner(matcher: PackMatchers.incremental, key: key, options: GitScanOptions(common: ScanOptions(workers: 2)))
            .scan(repositories: [repo])
        XCTAssertEqual(history.findings.map(\.rule), ["gitlab.personal_access_token"])
        XCTAssertEqual(history.findings.first?.locations.first?.column, 27)
        XCTAssertEqual(history.summary.skippedBinary, 0)
    }

    func testWideTextLargerThanItsLimitIsSkippedAndNamedNotReadWhole() throws {
        let file = dir.appendingPathComponent("huge-utf16.txt")
        try Data(utf16("GITLAB_TOKEN=\(token)\r\n" + String(repeating: "padding line\r\n", count: 600))).write(to: file)
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: UInt64(WideText.maxBytes + 4096))  // sparse: the rest reads as NULs
        try handle.close()
        let result = try PathScanner(matcher: PackMatchers.whole, key: key, options: ScanOptions(maxFileSize: 1 << 30, workers: 1))
            .scan(paths: [file.path])
        XCTAssertEqual(result.summary.skippedLarge, 1)
        XCTAssertEqual(result.skipped.map(\.reason), [.tooLarge])
        XCTAssertEqual(result.findings.count, 0)
    }
}
