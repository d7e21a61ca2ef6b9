import Foundation
import RadarTestSupport
import XCTest

@testable import RadarGit

/// `serve`'s mirrors, fetched with the git command: cloned, fetched again, HEAD on the remote's
/// default branch, the token kept out of the mirror, and a server that never answers stopped.
final class GitMirrorTests: XCTestCase {
    var work: URL!

    override func setUpWithError() throws {
        work = FileManager.default.temporaryDirectory.appendingPathComponent("mirror-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: work) }

    func testMirrorsClonesFetchesAndFollowsTheDefaultBranch() throws {
        let origin = work.appendingPathComponent("origin").path
        try GitFixture.git(["init", "-q", "-b", "trunk", origin], in: work.path)
        try "a\n".write(toFile: origin + "/a.txt", atomically: true, encoding: .utf8)
        try GitFixture.git(["add", "."], in: origin)
        try GitFixture.git(["commit", "-qm", "a"], in: origin)
        let cache = work.appendingPathComponent("cache").path
        let mirror = try GitMirror.mirror(url: origin, cache: cache, token: "glpat-never-written-anywhere", timeout: 60)
        XCTAssertEqual(
            try GitFixture.git(["symbolic-ref", "HEAD"], in: mirror).trimmingCharacters(in: .whitespacesAndNewlines), "refs/heads/trunk")
        try "b\n".write(toFile: origin + "/b.txt", atomically: true, encoding: .utf8)
        try GitFixture.git(["add", "."], in: origin)
        try GitFixture.git(["commit", "-qm", "b"], in: origin)
        try GitFixture.git(["branch", "side"], in: origin)
        XCTAssertEqual(try GitMirror.mirror(url: origin, cache: cache, token: nil, timeout: 60), mirror, "the same mirror, fetched")
        let tip = try GitFixture.git(["rev-parse", "trunk"], in: origin)
        XCTAssertEqual(try GitFixture.git(["rev-parse", "trunk"], in: mirror), tip)
        XCTAssertTrue(try GitFixture.git(["show-ref"], in: mirror).contains("refs/heads/side"), "every ref")
        let files = try FileManager.default.subpathsOfDirectory(atPath: mirror).filter { !$0.contains("objects/") }
        for file in files {
            let text = (try? String(contentsOfFile: mirror + "/" + file, encoding: .utf8)) ?? ""
            XCTAssertFalse(text.contains("glpat-never-written-anywhere"), file)
        }
    }

    func testAServerThatNeverAnswersIsStoppedAtTheDeadline() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        XCTAssertTrue(bound && listen(fd, 8) == 0)
        let port = Int(UInt16(bigEndian: addr.sin_port))
        let started = Date()
        XCTAssertThrowsError(
            try GitMirror.mirror(url: "http://127.0.0.1:\(port)/g/app.git", cache: work.path, token: "t0ken-value", timeout: 2)
        ) { error in
            XCTAssertTrue("\(error)".contains("no answer within 2 s"), "\(error)")
            XCTAssertFalse("\(error)".contains("t0ken-value"))
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 30, "stopped, not left hanging")
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: work.path).filter { $0.hasSuffix(".partial") }, [], "no half clone left")
    }
}
