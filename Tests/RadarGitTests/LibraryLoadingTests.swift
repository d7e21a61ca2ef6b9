import CGit2
import Foundation
import XCTest

@testable import RadarGit

/// libgit2 is opened with dlopen when first needed (docs/git-loading.md), not linked.
final class LibraryLoadingTests: XCTestCase {
    func load(_ name: String) -> (Int32, String) {
        var reason = [CChar](repeating: 0, count: 512)
        let rc = secretradar_git_load_library(name, &reason, reason.count)
        return (rc, String(decoding: reason.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    func testAMissingOrForeignLibraryIsRefusedWithItsName() throws {
        let (missing, why) = load("libgit2-not-installed.so.0")
        XCTAssertEqual(missing, -1)
        XCTAssertTrue(why.contains("cannot load libgit2-not-installed.so.0"), why)
        // A real library without libgit2's functions: refused, and the table is left alone.
        let (foreign, reason) = load("libz.so.1")
        XCTAssertEqual(foreign, -1)
        XCTAssertTrue(reason.contains("libz.so.1 is not a usable libgit2"), reason)
    }

    func testTheLoadedLibraryOpensRepositoriesAfterFailedAttempts() throws {
        _ = load("libgit2-not-installed.so.0")
        _ = load("libz.so.1")
        XCTAssertNil(GitRepository.loadFailure)
        let (rc, _) = load("libgit2.so.\(LIBGIT2_SOVERSION)")
        XCTAssertEqual(rc, 0, "loading again keeps the first table")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("load-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        git.arguments = ["init", "-q", dir.path]
        try git.run()
        git.waitUntilExit()
        let repo = try GitRepository(path: dir.path)
        XCTAssertFalse(repo.isBare)
        XCTAssertTrue(repo.gitDirectory.hasSuffix(".git/"), repo.gitDirectory)
    }
}
