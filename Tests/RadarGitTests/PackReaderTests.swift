import Foundation
import RadarModel
import RadarTestSupport
import XCTest

@testable import RadarGit

final class PackReaderTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("radargit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func testObjectIDRoundTripsHexAndRejectsJunk() {
        let hex = "0123456789abcdef0123456789abcdef01234567"
        XCTAssertEqual(ObjectID(hex: hex)?.hex, hex)
        XCTAssertEqual(ObjectID(hex: hex.uppercased())?.hex, hex)
        XCTAssertNil(ObjectID(hex: String(hex.dropLast())))
        XCTAssertNil(ObjectID(hex: "g" + hex.dropFirst()))
        XCTAssertTrue(ObjectID(hex: String(repeating: "0", count: 40))!.isZero)
        XCTAssertLessThan(ObjectID(hex: "00" + hex.dropFirst(2))!, ObjectID(hex: "ff" + hex.dropFirst(2))!)
    }

    func testDeltaApplicationCopiesInsertsAndRejectsMalformedDeltas() {
        let base = Array("hello, world".utf8)
        // source size 12, target size 11: copy 7 bytes from 0 ("hello, "), insert "git!"
        let delta: [UInt8] = [12, 11, 0x80 | 0x10, 7, 4] + Array("git!".utf8)
        var copies: [CopySegment] = []
        XCTAssertEqual(applyDelta(delta, to: base, copies: &copies).map { String(decoding: $0, as: UTF8.self) }, "hello, git!")
        XCTAssertEqual(copies, [CopySegment(target: 0, source: 0, length: 7)])
        XCTAssertNil(applyDelta([13, 11, 0x90, 7, 4] + Array("git!".utf8), to: base), "wrong source size")
        XCTAssertNil(applyDelta([12, 11, 0x91, 10, 7] + Array("git!".utf8), to: base), "copy past the end of the base")
        XCTAssertNil(applyDelta([12, 11, 0x90, 7, 9] + Array("git!".utf8), to: base), "insert longer than the delta")
        XCTAssertNil(applyDelta([12, 11, 0x90, 7, 0] + Array("git!".utf8), to: base), "reserved opcode 0")
        XCTAssertNil(applyDelta([12, 12, 0x90, 7, 4] + Array("git!".utf8), to: base), "result shorter than declared")
        XCTAssertNil(applyDelta([0x80], to: base), "truncated size")
    }

    /// A repository whose pack has long delta chains of blob versions.
    func history(commits: Int = 40) throws -> String {
        let path = dir.appendingPathComponent("repo").path
        try GitFixture.git(["init", "-q", "-b", "main", path], in: dir.path)
        var lines = (0..<400).map { "let value\($0) = compute(\($0))" }
        var stream = ""
        for c in 0..<commits {
            lines[(c * 37) % lines.count] = "changed in commit \(c)"
            let body = lines.joined(separator: "\n") + "\n"
            stream += "commit refs/heads/main\ncommitter T <t@example.com> \(1_700_000_000 + c) +0000\ndata 2\nc\n"
            stream += "M 100644 inline file.txt\ndata \(body.utf8.count)\n\(body)\n\n"
        }
        try GitFixture.git(["fast-import", "--quiet"], in: path, input: Data(stream.utf8))
        try GitFixture.repack(path)
        return path
    }

    final class Collected: @unchecked Sendable {
        let lock = NSLock()
        var blobs: [Int: [UInt8]] = [:]
        var failures: [Int: GitError] = [:]
        var derived = 0
        func take(_ blob: RebuiltBlob) {
            lock.lock()
            defer { lock.unlock() }
            if blob.copies != nil { derived += 1 }
            guard let p = blob.position else { return }
            switch blob.content {
            case .bytes(let b): blobs[p] = [UInt8](b)
            case .failed(let e): failures[p] = e
            case .tooLarge: break
            }
        }
    }

    func read(_ path: String, packReader: Bool) throws -> (wanted: [ObjectID], collected: Collected) {
        let repo = try GitRepository(path: path)
        let index = try repo.index(scope: .all)
        let collected = Collected()
        try BlobReader(repository: repo, options: BlobReadOptions(maxSize: 1 << 20, workers: 2, usePackReader: packReader))
            .read(index.blobs) { _, blob in
                collected.take(blob)
                return nil
            }
        return (index.blobs, collected)
    }

    func testPackReaderRebuildsEveryBlobExactlyAsLibgit2ReadsIt() throws {
        let path = try history()
        let (wanted, packed) = try read(path, packReader: true)
        let (_, viaLibgit2) = try read(path, packReader: false)
        XCTAssertEqual(wanted.count, 40)
        XCTAssertEqual(packed.blobs.count, 40)
        XCTAssertEqual(packed.blobs, viaLibgit2.blobs)
        XCTAssertGreaterThan(packed.derived, 30, "most versions come out of deltas, with their copy lists")
        XCTAssertEqual(viaLibgit2.derived, 0)
    }

    /// Resident kilobytes of this process's maps of `path` (/proc/self/smaps).
    func residentKB(of path: String) throws -> Int {
        var total = 0
        var inside = false
        // /proc files report no size: read to the end rather than by size.
        let handle = try XCTUnwrap(FileHandle(forReadingAtPath: "/proc/self/smaps"))
        defer { try? handle.close() }
        let text = String(decoding: try handle.readToEnd() ?? Data(), as: UTF8.self)
        XCTAssertTrue(text.contains("Rss:"), "smaps is readable")
        for line in text.split(separator: "\n") {
            if let first = line.split(separator: " ").first, first.contains("-"), first.allSatisfy({ $0.isHexDigit || $0 == "-" }) {
                inside = line.hasSuffix(path)
            } else if inside, line.hasPrefix("Rss:") {
                total += Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) ?? 0
            }
        }
        return total
    }

    /// One map per pack for all its readers, and pages given back once a pass is done with them:
    /// on the git/git-sized history the pack's pages, mapped twice and never given back, were
    /// 460 MB of a 1 GB peak (docs/git-reading.md, "Memory").
    func testPackPagesAreMappedOnceAndGivenBack() throws {
        // A pack of some pages: twenty files of random (incompressible) text.
        let path = dir.appendingPathComponent("pages").path
        try GitFixture.git(["init", "-q", "-b", "main", path], in: dir.path)
        var generator = SystemRandomNumberGenerator()
        var stream = "commit refs/heads/main\ncommitter T <t@example.com> 1700000000 +0000\ndata 2\nc\n"
        for f in 0..<20 {
            let body = (0..<1_000).map { _ in String(generator.next(), radix: 16) }.joined(separator: "\n") + "\n"
            stream += "M 100644 inline f\(f).txt\ndata \(body.utf8.count)\n\(body)\n"
        }
        try GitFixture.git(["fast-import", "--quiet"], in: path, input: Data((stream + "\n").utf8))
        try GitFixture.repack(path)
        let packs = try FileManager.default.contentsOfDirectory(atPath: path + "/.git/objects/pack").filter { $0.hasSuffix(".pack") }
        let base = path + "/.git/objects/pack/" + String(try XCTUnwrap(packs.first).dropLast(5))
        let a = try PackFile(basePath: base)
        let b = try PackFile(basePath: base)
        XCTAssertTrue(a.pack === b.pack && a.index === b.index, "one map of the pack for both readers")
        XCTAssertTrue(try PackFile.shared(basePath: base) === PackFile.shared(basePath: base), "and one table of its objects")
        XCTAssertEqual(try residentKB(of: base + ".idx"), 0, "the index is given back once read")
        var sum = 0
        for i in stride(from: 0, to: a.pack.bytes.count, by: 512) { sum &+= Int(a.pack.bytes[i]) }
        XCTAssertNotEqual(sum, -1)
        let touched = try residentKB(of: base + ".pack")
        XCTAssertGreaterThan(touched, 64)
        // A pass gives a page back once every entry it holds has been read.
        let plan = PackPlan(pack: a, rootKind: 3) { e, kind in kind == 3 ? e : nil }
        XCTAssertEqual(plan.roots.count, 20)
        let pages = PackPages(plan: plan)
        for e in plan.roots.prefix(10) { pages.consumed(e) }
        let half = try residentKB(of: base + ".pack")
        XCTAssertLessThan(half, touched, "the pages of the entries read are given back")
        XCTAssertGreaterThan(half, 0, "the pages of the entries not read yet are not")
        for e in plan.roots.dropFirst(10) { pages.consumed(e) }
        XCTAssertLessThan(try residentKB(of: base + ".pack"), half)
        XCTAssertLessThanOrEqual(try residentKB(of: base + ".pack"), 8, "at most the pages with the commit and the tree")
        a.pack.releaseAll()
        XCTAssertEqual(try residentKB(of: base + ".pack"), 0)
        // Given back is not lost: the bytes read again are the same.
        var again = 0
        for i in stride(from: 0, to: a.pack.bytes.count, by: 512) { again &+= Int(a.pack.bytes[i]) }
        XCTAssertEqual(again, sum)
    }

    func testACorruptPackEntryIsReportedByIdAndTheOthersAreStillRead() throws {
        let path = try history()
        let packDir = path + "/.git/objects/pack"
        let name = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: packDir).first { $0.hasSuffix(".pack") })
        let pack = try PackFile(basePath: packDir + "/" + String(name.dropLast(5)))
        // Damage the zlib data of the first blob version that is stored whole (a delta-tree root).
        let repo = try GitRepository(path: path)
        let firstBlob = try repo.index(scope: .all).blobs.first!
        let position = try XCTUnwrap(pack.ids.firstIndex(of: firstBlob))
        let header = try XCTUnwrap(pack.header(at: pack.offsets[position]))
        var bytes = try Data(contentsOf: URL(fileURLWithPath: packDir + "/" + name))
        for i in header.dataStart + 2..<header.dataStart + 40 { bytes[i] ^= 0x5a }
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: packDir + "/" + name)
        try bytes.write(to: URL(fileURLWithPath: packDir + "/" + name))
        let (wanted, collected) = try read(path, packReader: true)
        XCTAssertFalse(collected.failures.isEmpty, "the damaged blob is reported")
        for (p, error) in collected.failures {
            guard case .corruptObject(let id, _, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(id, wanted[p].hex)
        }
        XCTAssertEqual(collected.blobs.count + collected.failures.count, wanted.count, "nothing is silently dropped")
    }

    func testTreeStoreHoldsEveryTreeOfThePack() throws {
        let path = try history(commits: 10)
        let repo = try GitRepository(path: path)
        let store = TreeStore(repository: repo, workers: 2)
        let trees = try GitFixture.git(["rev-list", "--all", "--format=%T", "--no-commit-header"], in: path)
            .split(separator: "\n").compactMap { ObjectID(hex: $0) }
        XCTAssertEqual(Set(trees).count, 10)
        for t in trees { XCTAssertEqual(store.tree(t), try repo.read(t).bytes) }
        XCTAssertNil(TreeStore(repository: repo, workers: 1, budget: 0).tree(trees[0]), "a zero budget holds nothing")
    }

    /// Trees are rebuilt on demand along their delta chains; a cache far smaller than the trees
    /// still gives every tree exactly, rebuilding chains again, and holds no more than its budget
    /// and one tree more in each of its two generations.
    func testTreeLocationsFindEveryIdOnceAndTheFirstPacksPlace() {
        func id(_ hex: String) -> ObjectID { ObjectID(hex: hex + String(repeating: "0", count: 40 - hex.count))! }
        // Ids that share their first two bytes, one at each end of the range, and one in two packs.
        let found: [(id: ObjectID, pack: Int32, entry: Int32)] = [
            (id("abcd01"), 1, 7), (id("abcd00ff"), 0, 3), (id("0000"), 0, 1), (id("ffff99"), 0, 2), (id("abcd01"), 0, 9),
            (id("abce"), 1, 4),
        ]
        let locations = TreeLocations(found)
        XCTAssertTrue(locations.place(of: id("abcd01"))! == (0, 9), "an id in two packs is taken from the first")
        XCTAssertTrue(locations.place(of: id("abcd00ff"))! == (0, 3))
        XCTAssertTrue(locations.place(of: id("0000"))! == (0, 1))
        XCTAssertTrue(locations.place(of: id("ffff99"))! == (0, 2))
        XCTAssertTrue(locations.place(of: id("abce"))! == (1, 4))
        for missing in ["abcd02", "abcd", "ffff98", "ffffff", "0001", "12"] { XCTAssertNil(locations.place(of: id(missing)), missing) }
        XCTAssertNil(TreeLocations().place(of: id("abcd01")))
    }

    func testTreeStoreRebuildsChainsWithinItsBudget() throws {
        // 60 commits, each changing one of 40 files: 60 root trees of ~1.3 KB, stored as deltas.
        let path = dir.appendingPathComponent("trees").path
        try GitFixture.git(["init", "-q", "-b", "main", path], in: dir.path)
        var stream = ""
        for c in 0..<60 {
            stream += "commit refs/heads/main\ncommitter T <t@example.com> \(1_700_000_000 + c) +0000\ndata 2\nc\n"
            for f in (c == 0 ? Array(0..<40) : [c % 40]) {
                let body = "file \(f) version \(c)\n"
                stream += "M 100644 inline dir/file-\(f).txt\ndata \(body.utf8.count)\n\(body)\n"
            }
            stream += "\n"
        }
        try GitFixture.git(["fast-import", "--quiet"], in: path, input: Data(stream.utf8))
        try GitFixture.repack(path)
        let repo = try GitRepository(path: path)
        let trees = try GitFixture.git(["rev-list", "--all", "--format=%T", "--no-commit-header"], in: path)
            .split(separator: "\n").compactMap { ObjectID(hex: $0) }
        let subtrees = try trees.map { root in
            try XCTUnwrap(ObjectID(hex: String(try GitFixture.git(["rev-parse", "\(root.hex):dir"], in: path).prefix(40))))
        }
        let all = trees + subtrees
        let largest = try all.map { try repo.read($0).bytes.count }.max() ?? 0
        let budget = 4 * largest
        let small = TreeStore(repository: repo, workers: 1, budget: budget)
        for t in all.reversed() + all { XCTAssertEqual(small.tree(t), try repo.read(t).bytes) }
        XCTAssertLessThanOrEqual(small.byteCount, budget + 2 * largest, "each generation overflows by one tree at most")
        let roomy = TreeStore(repository: repo, workers: 1)
        for t in all.reversed() + all { XCTAssertEqual(roomy.tree(t), try repo.read(t).bytes) }
        XCTAssertLessThanOrEqual(roomy.rebuilt, Set(all).count, "a cache that holds them all rebuilds each tree once")
        XCTAssertGreaterThan(small.rebuilt, roomy.rebuilt, "a cache this small rebuilds chains again")
    }
}

final class GitCloneTests: XCTestCase {
    func testPasswordsInURLsAreMovedOutOfWhatIsStoredOrShown() {
        let url = "https://ci-bot:glpat-bBRsk29cztUX1kmObfEj@gitlab.example.com/group/app.git"
        let (stored, password) = GitClone.splitPassword(url)
        XCTAssertEqual(stored, "https://ci-bot@gitlab.example.com/group/app.git")
        XCTAssertEqual(password, "glpat-bBRsk29cztUX1kmObfEj")
        XCTAssertEqual(GitClone.splitPassword("https://u:p%40ss@host/x").1, "p@ss")
        XCTAssertEqual(GitClone.splitPassword("file:///srv/repo.git").1, nil)
        XCTAssertEqual(GitClone.redactedURL(url), "https://gitlab.example.com/group/app.git")
        XCTAssertFalse(GitClone.directoryName(for: url).contains("glpat"))
        XCTAssertEqual(GitClone.directoryName(for: url), GitClone.directoryName(for: "https://gitlab.example.com/group/app.git"))
        XCTAssertEqual(
            GitClone.redact("auth failed for glpat-bBRsk29cztUX1kmObfEj", token: "glpat-bBRsk29cztUX1kmObfEj"), "auth failed for glpa…(26)")
    }
}

/// Remote URLs that name the same project compare equal, whatever the transport or credentials.
final class RemoteURLTests: XCTestCase {
    func testTransportsCredentialsPortsAndSuffixesAreDropped() {
        let same = [
            "https://gitlab.example.com/shop/app.git",
            "https://gitlab-ci-token:glcbt-xyz@GitLab.example.com/shop/app.git",
            "git@gitlab.example.com:shop/app.git",
            "ssh://git@gitlab.example.com:2222/shop/app",
            "https://gitlab.example.com/shop/app/",
        ]
        for url in same { XCTAssertEqual(RemoteURL.normalized(url), "gitlab.example.com/shop/app", url) }
        XCTAssertEqual(RemoteURL.normalized("/srv/git/app.git"), "/srv/git/app")
        XCTAssertNotEqual(RemoteURL.normalized("git@gitlab.example.com:shop/other.git"), "gitlab.example.com/shop/app")
    }
}
