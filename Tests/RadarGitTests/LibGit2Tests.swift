import CGit2
import Foundation
import RadarTestSupport
import XCTest

@testable import RadarGit

/// The one return-code helper and the owning handle: a failure is never an answer, a handle is freed once.
final class LibGit2Tests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("libgit2-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func testReturnCodesAreFailuresAnswersOrTheEndOfAnIteration() throws {
        XCTAssertNoThrow(try LibGit2.check(0, "ok"))
        XCTAssertThrowsError(try LibGit2.check(GIT_ERROR.rawValue, "doing x")) { error in
            guard case .libgit2(let operation, _) = error as? GitError else { return XCTFail("\(error)") }
            XCTAssertEqual(operation, "doing x")
        }
        XCTAssertThrowsError(try LibGit2.check(GIT_ERROR.rawValue) { .badRevision("r", message: $0) }) { error in
            guard case .badRevision("r", _) = error as? GitError else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(try LibGit2.found(0, "x"), true)
        XCTAssertEqual(try LibGit2.found(GIT_ENOTFOUND.rawValue, "x"), false)
        XCTAssertThrowsError(try LibGit2.found(GIT_EAMBIGUOUS.rawValue, "x"), "only 'not found' is an answer")
        XCTAssertEqual(try LibGit2.advanced(0, "x"), true)
        XCTAssertEqual(try LibGit2.advanced(GIT_ITEROVER.rawValue, "x"), false)
        XCTAssertThrowsError(try LibGit2.advanced(GIT_ERROR.rawValue, "x"))
    }

    func testAHandleIsFreedOnceWhenItGoesAndNeverWhenCreationFailed() throws {
        final class Frees: @unchecked Sendable { var count = 0 }
        let frees = Frees()
        let fake = OpaquePointer(bitPattern: 0x1000)!
        do {
            let handle = try GitHandle.make("making", free: { _ in frees.count += 1 }) { out in
                out = fake
                return 0
            }
            XCTAssertEqual(handle.pointer, fake)
            XCTAssertEqual(frees.count, 0)
        }
        XCTAssertEqual(frees.count, 1)
        XCTAssertThrowsError(try GitHandle.make("making", free: { _ in frees.count += 1 }) { _ in GIT_ERROR.rawValue })
        XCTAssertThrowsError(try GitHandle.make("making", free: { _ in frees.count += 1 }) { _ in 0 }, "success with no object")
        XCTAssertEqual(frees.count, 1)
        XCTAssertNil(try GitHandle.lookup("finding", free: { _ in frees.count += 1 }) { _ in GIT_ENOTFOUND.rawValue })
        XCTAssertThrowsError(try GitHandle.lookup("finding", free: { _ in frees.count += 1 }) { _ in GIT_ERROR.rawValue })
        XCTAssertEqual(frees.count, 1)
    }

    func testRepositoryLookupsAnswerNoneOnlyWhenThereIsNone() throws {
        let repo = dir.appendingPathComponent("r").path
        try GitFixture.git(["init", "-q", "-b", "main", repo], in: dir.path)
        try "a\n".write(toFile: repo + "/a.txt", atomically: true, encoding: .utf8)
        try GitFixture.git(["add", "a.txt"], in: repo)
        let git = try GitRepository(path: repo)
        XCTAssertNil(try git.remoteURL(), "no origin")
        XCTAssertEqual(try git.stagedFiles().map(\.path), ["a.txt"], "unborn HEAD: every staged file")
        XCTAssertEqual(try git.stagedBlobs(at: ["a.txt", "none"]).keys.sorted(), ["a.txt"])
        try GitFixture.git(["commit", "-q", "-m", "one"], in: repo)
        try GitFixture.git(["remote", "add", "origin", "https://example.com/g/p.git"], in: repo)
        XCTAssertEqual(try git.remoteURL(), "https://example.com/g/p.git")
        let tip = try XCTUnwrap(git.defaultBranchTip())
        XCTAssertEqual(try git.blobs(at: ["a.txt", "missing"], inCommit: tip.commit).keys.sorted(), ["a.txt"])
        XCTAssertEqual(try GitRepository.containing(repo + "/a.txt")?.workTree, URL(fileURLWithPath: repo).resolvingSymlinksInPath().path)
        XCTAssertNil(try GitRepository.containing("/"), "no repository above /")
        XCTAssertThrowsError(try git.blobs(at: ["a.txt"], inCommit: ObjectID(hex: String(repeating: "1", count: 40))!)) { error in
            guard case .corruptObject = error as? GitError else { return XCTFail("a missing commit is an error, not 'no blob': \(error)") }
        }
        // A HEAD whose commit is gone: the staged-files diff cannot be made, and says so.
        let head = try GitFixture.git(["rev-parse", "HEAD"], in: repo).trimmingCharacters(in: .whitespacesAndNewlines)
        try FileManager.default.removeItem(atPath: repo + "/.git/objects/" + head.prefix(2) + "/" + head.dropFirst(2))
        XCTAssertThrowsError(try GitRepository(path: repo).stagedFiles())
    }
}
