import Foundation
import RadarEngine
import RadarModel
import RadarTestSupport
import XCTest

/// Repositories that are not whole: a shallow clone (CI's default `git clone --depth 20`) is scanned as
/// far as it reaches and says so; a damaged pack is named, never taken for an empty repository.
final class DamagedRepositoryTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("shallow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func scan(_ repo: String, scope: GitScanScope = .all) throws -> ScanResult {
        let scanner = GitScanner(
            matcher: PackMatchers.incremental, key: FindingKey(bytes: Array(repeating: 1, count: 32)),
            options: GitScanOptions(scope: scope, common: ScanOptions(workers: 2)))
        return try scanner.scan(targets: [RepositoryTarget(path: repo, label: "clone")], recorder: nil)
    }

    /// A repository of `commits` commits, commit i adding `f<i>.env` with a fake GitLab token.
    func repositoryWithTokens(named name: String, commits: Int) throws -> String {
        let repo = dir.appendingPathComponent(name).path
        try GitFixture.git(["init", "-q", "-b", "main", repo], in: dir.path)
        for i in 1...commits {
            try "GITLAB_TOKEN=glpat-bBRsk29cztUX1kmObf\(i)j\n".write(toFile: repo + "/f\(i).env", atomically: true, encoding: .utf8)
            try GitFixture.git(["add", "f\(i).env"], in: repo)
            try GitFixture.git(["commit", "-q", "-m", "c\(i)"], in: repo)
        }
        return repo
    }

    func testAShallowCloneIsScannedAsFarAsItReaches() throws {
        let source = try repositoryWithTokens(named: "source", commits: 4)
        let clone = dir.appendingPathComponent("clone").path
        try GitFixture.git(["clone", "-q", "--depth", "2", "file://" + source, clone], in: dir.path)
        let full = try scan(clone)
        XCTAssertEqual(full.errors.map(\.description), [])
        XCTAssertEqual(full.summary.git?.commits, 2, "the two commits the clone holds")
        XCTAssertEqual(full.findings.count, 4, "every file of the tip is in the commits held")
        XCTAssertTrue(full.notices.contains { $0.contains("shallow clone") && $0.contains("git fetch --unshallow") }, "\(full.notices)")
        let range = try scan(clone, scope: .range(old: "HEAD~1", new: "HEAD"))
        XCTAssertEqual(range.errors.map(\.description), [])
        XCTAssertEqual(range.findings.map { $0.locations[0].path }, ["f4.env"])
    }

    func testADamagedPackIsNamedNotTakenForAnEmptyRepository() throws {
        let repo = dir.appendingPathComponent("damaged").path
        try GitFixture.git(["init", "-q", "-b", "main", repo], in: dir.path)
        try "GITLAB_TOKEN=glpat-bBRsk29cztUX1kmObf1j\n".write(toFile: repo + "/a.env", atomically: true, encoding: .utf8)
        try GitFixture.git(["add", "a.env"], in: repo)
        try GitFixture.git(["commit", "-q", "-m", "one"], in: repo)
        try GitFixture.repack(repo)
        let packDir = repo + "/.git/objects/pack"
        let idx = try XCTUnwrap(FileManager.default.contentsOfDirectory(atPath: packDir).first { $0.hasSuffix(".idx") })
        let handle = try XCTUnwrap(FileHandle(forUpdatingAtPath: packDir + "/" + idx))
        try handle.truncate(atOffset: 50)
        try handle.close()
        let result = try scan(repo)
        XCTAssertEqual(result.errors.count, 1)
        let message = result.errors.first?.description ?? ""
        XCTAssertTrue(message.contains(idx) && message.contains("refs/heads/main"), message)
        XCTAssertFalse(message.contains("empty"), message)
    }

    func testACorruptCommitIsNamedWithItsFile() throws {
        let repo = dir.appendingPathComponent("corrupt").path
        try GitFixture.git(["init", "-q", "-b", "main", repo], in: dir.path)
        for i in 1...3 {
            try "v\(i)\n".write(toFile: repo + "/f.txt", atomically: true, encoding: .utf8)
            try GitFixture.git(["add", "f.txt"], in: repo)
            try GitFixture.git(["commit", "-q", "-m", "c\(i)"], in: repo)
        }
        let id = try GitFixture.git(["rev-parse", "HEAD~1"], in: repo).trimmingCharacters(in: .whitespacesAndNewlines)
        let file = repo + "/.git/objects/" + id.prefix(2) + "/" + id.dropFirst(2)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: file))
        let message = try scan(repo).errors.map(\.description).joined(separator: "\n")
        XCTAssertTrue(message.contains(id) && message.contains(".git/objects/" + id.prefix(2)), message)
    }

    /// A whole history's commits are read from the pack (CommitGraph.swift): a commit whose data
    /// there does not inflate is still named in the scan's errors, as libgit2's walk names it
    /// (skipping the commit and walking on fails this).
    func testACorruptCommitInThePackIsNamed() throws {
        let repo = try repositoryWithTokens(named: "packed", commits: 3)
        try GitFixture.repack(repo)
        let id = try GitFixture.git(["rev-parse", "HEAD~1"], in: repo).trimmingCharacters(in: .whitespacesAndNewlines)
        let packDir = repo + "/.git/objects/pack/"
        let idx = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: packDir).first { $0.hasSuffix(".idx") })
        // `verify-pack -v`: id, type, size, size in the pack, offset.
        let line = try XCTUnwrap(
            try GitFixture.git(["verify-pack", "-v", packDir + idx], in: repo).split(separator: "\n").first { $0.hasPrefix(id) })
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        XCTAssertEqual(fields[1], "commit")
        XCTAssertEqual(fields.count, 5, "a whole commit, not a delta")
        let offset = try XCTUnwrap(UInt64(fields[4]))
        let pack = packDir + idx.dropLast(4) + ".pack"
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: pack)
        let handle = try XCTUnwrap(FileHandle(forUpdatingAtPath: pack))
        // Past the entry's one-byte header and the zlib header: the deflated commit itself.
        try handle.seek(toOffset: offset + 4)
        let bytes = try XCTUnwrap(try handle.read(upToCount: 8))
        try handle.seek(toOffset: offset + 4)
        try handle.write(contentsOf: Data(bytes.map { $0 ^ 0x55 }))
        try handle.close()
        let result = try scan(repo)
        let message = result.errors.map(\.description).joined(separator: "\n")
        XCTAssertTrue(message.contains(id), message)
    }
}
