import Foundation
import RadarModel
import XCTest

@testable import RadarEngine

/// Large files are matched in chunks with the same results as whole (issue 16 item 3).
final class ChunkedFileTests: XCTestCase {
    func testChunksFindWhatTheWholeFileHoldsAtTheSamePlaces() throws {
        // Tokens on short lines, inside a line longer than a chunk, and across every chunk boundary.
        var text = ""
        var n = 0
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")
        func token() -> String {
            n += 1
            var out = "glpat-"
            for _ in 0..<20 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                out.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            return out
        }
        for i in 0..<400 {
            text += "line \(i) GITLAB_TOKEN=\(token()) end\n"
            if i % 37 == 0 {
                text += String(repeating: "a", count: 5000) + " TOKEN=\(token()) " + String(repeating: "b", count: 3000) + "\n"
            }
            if i % 11 == 0 { text += String(repeating: "x = 1\n", count: 150) }
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chunked-\(UUID().uuidString).txt")
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let matcher = PackMatchers.whole
        let scratch = try matcher.makeScratch()
        let whole = matcher.scan(Array(text.utf8), scratch: scratch, path: url.path).map { [$0.ruleID, "\($0.line)", "\($0.column)"] }
        XCTAssertGreaterThan(whole.count, 400)
        for chunk in [4096, 6000, 10_007] {
            guard
                case .matched(let matches, let bytes, let incomplete) = ChunkedFile.scan(
                    path: url.path, display: url.path, matcher: matcher, scratch: scratch, sniff: 8192, chunk: chunk, overlap: 2048)
            else { return XCTFail("not matched") }
            XCTAssertEqual(bytes, text.utf8.count)
            XCTAssertEqual(incomplete, [])
            XCTAssertEqual(matches.map { [$0.ruleID, "\($0.line)", "\($0.column)"] }, whole, "chunk \(chunk)")
        }
        try Data([0x41, 0, 0x42]).write(to: url)
        guard case .binary = ChunkedFile.scan(path: url.path, display: "x", matcher: matcher, scratch: scratch, sniff: 8192) else {
            return XCTFail("a NUL in the first bytes is not text")
        }
    }
}
