import Foundation
import RadarModel
import RadarTestSupport
import XCTest

@testable import RadarGit

/// The tree-comparing provenance walk against the whole-tree one it replaced (issue "history at
/// pack speed": the same findings and locations as before), and the history index run twice and
/// with trees from the pack (the same blobs, first paths and commits every time), on the corpus
/// histories and on a generated 20,000-commit history full of the cases that make attribution hard.
final class HistoryWalkTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("provenance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    /// Runs `git fast-import` on `stream` in the repository at `path`. From a file, not a pipe: if
    /// fast-import stops early, a pipe would kill the test with SIGPIPE.
    func fastImport(_ stream: String, into path: String, name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let streamFile = dir.appendingPathComponent(name)
        try Data(stream.utf8).write(to: streamFile)
        let importer = Process()
        importer.executableURL = URL(fileURLWithPath: "/bin/sh")
        importer.arguments = ["-c", "exec git fast-import --quiet < \"$1\"", "sh", streamFile.path]
        importer.currentDirectoryURL = URL(fileURLWithPath: path)
        importer.environment = ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": dir.path, "GIT_CONFIG_NOSYSTEM": "1"]
        try importer.run()
        importer.waitUntilExit()
        XCTAssertEqual(importer.terminationStatus, 0, "git fast-import", file: file, line: line)
    }

    /// Both walks, with and without trees rebuilt from the pack; returns the answer.
    @discardableResult
    func assertWalksAgree(_ path: String, targets pick: (ObjectID) -> Bool, file: StaticString = #filePath, line: UInt = #line) throws
        -> [ObjectID: [BlobOccurrence]]
    {
        let t0 = Date()
        let repo = try GitRepository(path: path)
        let index = try repo.index(scope: .all)
        let store = TreeStore(repository: repo, workers: 2)
        for (name, other) in [
            ("another run", try GitRepository(path: path).index(scope: .all)),
            ("tree store", try GitRepository(path: path).index(scope: .all, trees: store)),
            // The walk in runs on three threads: runs of a tenth of the history, at least two commits.
            (
                "runs",
                try GitRepository(path: path).index(
                    scope: .all, trees: store, workers: 3, commitsPerRun: max(2, index.commits.count / 10))
            ),
        ] {
            // The same commits in the same order, whether libgit2 or the packs gave them.
            XCTAssertEqual(index.commits, other.commits, name, file: file, line: line)
            XCTAssertEqual(index.blobs, other.blobs, name, file: file, line: line)
            XCTAssertEqual(index.firstSeen.map(\.path), other.firstSeen.map(\.path), name, file: file, line: line)
            XCTAssertEqual(index.firstSeen.map(\.commit), other.firstSeen.map(\.commit), name, file: file, line: line)
            XCTAssertEqual(
                [index.trees, index.symlinks, index.submodules, index.problems.count],
                [other.trees, other.symlinks, other.submodules, other.problems.count], name, file: file, line: line)
        }
        let targets = Set(index.blobs.filter(pick))
        XCTAssertFalse(targets.isEmpty, "no target blob", file: file, line: line)
        let reference = repo.provenanceByWholeTrees(of: targets, in: index)
        XCTAssertEqual(repo.provenance(of: targets, in: index), reference, file: file, line: line)
        XCTAssertEqual(repo.provenance(of: targets, in: index, trees: store), reference, file: file, line: line)
        // In runs on three threads (histories of 6,000 commits or more; smaller ones take one run).
        XCTAssertEqual(repo.provenance(of: targets, in: index, trees: store, workers: 3), reference, "runs", file: file, line: line)
        XCTAssertEqual(Set(reference.keys), targets, "every target blob of the history has a place", file: file, line: line)
        // A range (a push): commits whose parents lie outside it, and merges of a side branch
        // already in the repository (the range excludes the other branches' tips), whose second
        // parent is outside the range.
        if index.commits.count > 4, let tip = repo.defaultBranchTip()?.commit {
            let others = index.references.filter { $0.targetKind == .commit && $0.target != tip }.map(\.target)
            let exclude = others.isEmpty ? [index.commits[index.commits.count / 2].id] : others
            let range = try repo.index(scope: .range(include: [tip], exclude: exclude))
            let all = Set(index.blobs.filter(pick))
            XCTAssertEqual(
                repo.provenance(of: all, in: range, trees: store), repo.provenanceByWholeTrees(of: all, in: range), "range", file: file,
                line: line)
        }
        return reference
    }

    /// A tree every commit holds is missing: one walk reports it once (from the first commit that
    /// met it); so does the walk in runs, though each of its runs meets it.
    func testAMissingTreeIsReportedOnceByTheWalkInRuns() throws {
        let path = dir.appendingPathComponent("missing-tree").path
        try GitFixture.git(["init", "-q", path], in: dir.path)
        try FileManager.default.createDirectory(atPath: path + "/shared", withIntermediateDirectories: true)
        try "kept\n".write(toFile: path + "/shared/a.txt", atomically: true, encoding: .utf8)
        for n in 0..<12 {
            try "version \(n)\n".write(toFile: path + "/top.txt", atomically: true, encoding: .utf8)
            try GitFixture.git(["add", "-A"], in: path)
            try GitFixture.git(["commit", "-q", "-m", "c\(n)"], in: path)
        }
        let shared = try GitFixture.git(["rev-parse", "HEAD:shared"], in: path).trimmingCharacters(in: .whitespacesAndNewlines)
        try FileManager.default.removeItem(atPath: path + "/.git/objects/" + shared.prefix(2) + "/" + shared.dropFirst(2))
        let repo = try GitRepository(path: path)
        let one = try repo.index(scope: .all)
        let runs = try GitRepository(path: path).index(
            scope: .all, trees: TreeStore(repository: repo, workers: 2), workers: 3, commitsPerRun: 2)
        XCTAssertEqual(one.problems.count, 1, "\(one.problems)")
        XCTAssertEqual(runs.problems, one.problems)
        XCTAssertTrue(one.problems.first?.description.contains(shared) ?? false, "\(one.problems)")
        XCTAssertEqual(runs.blobs, one.blobs)
        XCTAssertEqual(runs.firstSeen.map(\.path), one.firstSeen.map(\.path))
        XCTAssertEqual(runs.firstSeen.map(\.commit), one.firstSeen.map(\.commit))
    }

    /// The commit order read from the packs (CommitGraph.swift) is libgit2's topological walk,
    /// reversed, with the same commits parsed the same way, on a history made to tell orders apart:
    /// equal and decreasing committer dates, merges of up to four parents, 300 refs at random
    /// commits, authors in several time zones and scripts, commits whose signatures libgit2 trims
    /// (read from libgit2 instead), and commits left loose after the pack.
    func testTheOrderFromThePacksIsLibgit2s() throws {
        let path = dir.appendingPathComponent("order").path
        try GitFixture.git(["init", "-q", "-b", "main", path], in: dir.path)
        var rng = SplitMix(seed: 1_515)
        let authors = [
            "Ada Lovelace <ada@example.com>", "Zoë Ångström <zoe@example.org>", "李雷 <li@example.cn>", "x <x@example.net>",
        ]
        let zones = ["+0000", "-0800", "+0530", "+1400", "-1200", "+0100"]
        var stream = ""
        var time = 1_600_000_000
        let count = 3_000
        for n in 1...count {
            // Dates: mostly rising, often equal, sometimes going back.
            switch rng.next(6) {
            case 0: break
            case 1: time -= rng.next(5_000)
            default: time += rng.next(300)
            }
            let zone = zones[rng.next(zones.count)]
            stream += "commit refs/heads/\(n == 1 || rng.next(4) == 0 ? "main" : "b\(rng.next(40))")\nmark :\(n)\n"
            stream += "author \(authors[rng.next(authors.count)]) \(time + rng.next(100)) \(zone)\n"
            stream += "committer \(authors[rng.next(authors.count)]) \(time) \(zones[rng.next(zones.count)])\n"
            stream += "data 6\nc\(String(format: "%05d", n))\n"
            if n > 1 {
                // A parent near the end most of the time (long lines of history), anywhere sometimes.
                let near = max(1, n - 1 - rng.next(min(n - 1, 8)))
                stream += "from :\(rng.next(5) == 0 ? 1 + rng.next(n - 1) : near)\n"
                for _ in 0..<(rng.next(8) == 0 ? 1 + rng.next(3) : 0) { stream += "merge :\(1 + rng.next(n - 1))\n" }
            }
            let body = "\(n % 997)\n"
            stream += "M 100644 inline f\(n % 50).txt\ndata \(body.utf8.count)\n\(body)\n"
        }
        for r in 0..<300 { stream += "reset refs/tags/t\(r)\nfrom :\(1 + rng.next(count))\n\n" }
        try fastImport(stream, into: path, name: "order.fi")
        // Signatures libgit2 trims or repairs, written as raw commits on top of main: our parser
        // leaves them to libgit2.
        var parent = try GitFixture.git(["rev-parse", "main"], in: path).trimmingCharacters(in: .whitespacesAndNewlines)
        let tree = try GitFixture.git(["rev-parse", "main^{tree}"], in: path).trimmingCharacters(in: .whitespacesAndNewlines)
        var raws: [(id: ObjectID, text: String)] = []
        for (k, signature) in [
            "Spaced Name   <spaced@example.com> 1600000001 +0000", "Inner <  padded@example.com  > 1600000002 -0100",
            "Far Zone <far@example.com> 1600000003 +1800", "Ada Lovelace <ada@example.com> 1600000004 +0200",
        ].enumerated() {
            let raw = "tree \(tree)\nparent \(parent)\nauthor \(signature)\ncommitter \(signature)\n\nraw \(k)\n"
            let file = dir.appendingPathComponent("raw\(k)")
            try raw.write(to: file, atomically: true, encoding: .utf8)
            parent = try GitFixture.git(["hash-object", "-t", "commit", "-w", "--literally", file.path], in: path)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            raws.append((try XCTUnwrap(ObjectID(hex: parent)), raw))
        }
        try GitFixture.git(["update-ref", "refs/heads/main", parent], in: path)
        let libgit2Reader = try GitRepository(path: path)
        for (k, raw) in raws.enumerated() {
            let parsed = Array(raw.text.utf8).withUnsafeBytes { CommitText.parse(raw.id, $0) }
            if k < 3 {
                XCTAssertNil(parsed, "signature \(k) is left to libgit2")
            } else {
                XCTAssertEqual(parsed, try libgit2Reader.commit(raw.id))
            }
        }
        try GitFixture.repack(path)
        // And two commits left loose, on a branch of their own.
        try GitFixture.git(["checkout", "-q", "-b", "loose", "main"], in: path)
        for k in 0..<2 {
            try "loose \(k)\n".write(toFile: path + "/loose.txt", atomically: true, encoding: .utf8)
            try GitFixture.git(["add", "loose.txt"], in: path)
            try GitFixture.git(["commit", "-q", "-m", "loose \(k)"], in: path)
        }

        let repo = try GitRepository(path: path)
        let store = TreeStore(repository: repo, workers: 2)
        // git stores some of these small commits as deltas: those come from libgit2.
        XCTAssertGreaterThan(store.packedCommits.ids.count, count / 4, "the commits of the pack")
        let (refs, _) = try repo.references()
        var tips = refs.filter { $0.targetKind == .commit }.map(\.target)
        if let head = repo.defaultBranchTip() { tips.append(head.commit) }
        tips = Array(Set(tips)).sorted()
        XCTAssertGreaterThan(tips.count, 300)
        let libgit2 = try repo.libgit2Commits(reachableFrom: tips, notFrom: [])
        let ours = try XCTUnwrap(repo.orderedCommits(tips: tips, packed: store.packedCommits, workers: 2))
        XCTAssertEqual(ours.map(\.id), libgit2, "libgit2's order")
        XCTAssertEqual(ours, try libgit2.map { id throws(GitError) in try repo.commit(id) }, "each commit as libgit2 parses it")
        // Each whole commit of the pack parsed on two threads, but those with the three signatures above.
        let parsed = GitRepository.parseAll(store.packedCommits, workers: 2)
        let weird = Set(raws.prefix(3).map(\.id))
        XCTAssertEqual(
            zip(store.packedCommits.ids, parsed).filter { $0.1 == nil }.map(\.0).sorted(),
            store.packedCommits.ids.filter { weird.contains($0) }.sorted())
        // Through the index: the same commits as libgit2's walk gives it.
        XCTAssertEqual(try repo.index(scope: .all, trees: store).commits, try repo.index(scope: .all).commits)
    }

    func testTheCorpusHistoriesGetTheSamePlaces() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: GitFixture.root.appendingPathComponent("corpus/repos").path)
            .filter { $0.hasSuffix(".fi") }.map { String($0.dropLast(3)) }.sorted()
        XCTAssertGreaterThan(names.count, 8)
        for name in names {
            let fixture = try GitFixture(scenario: name, in: dir)
            let repo = try GitRepository(path: fixture.path)
            guard let all = try? repo.index(scope: .all), !all.blobs.isEmpty else { continue }
            try assertWalksAgree(fixture.path) { _ in true }
        }
    }

    /// 20,000 commits: edits in nested directories, renames and copies of files and whole
    /// directories, deletions and re-additions of old contents, a file replaced by a directory of
    /// the same name and back, executable-bit changes, symbolic links holding a blob's bytes, and a
    /// side branch merged every 40 commits, some merges taking the side's version of a file.
    func testAGenerated20kCommitHistoryGetsTheSamePlaces() throws {
        let path = dir.appendingPathComponent("generated").path
        try GitFixture.git(["init", "-q", "-b", "main", path], in: dir.path)
        var rng = SplitMix(seed: 20_000)
        // The work tree: contents by path, and the paths in a fixed order to pick from (a
        // dictionary's order changes from run to run).
        var files: [String: String] = [:]
        var order: [String] = []
        func set(_ path: String, _ body: String?) {
            if let body {
                if files.updateValue(body, forKey: path) == nil { order.append(path) }
            } else if files.removeValue(forKey: path) != nil, let i = order.firstIndex(of: path) {
                order.swapAt(i, order.count - 1)
                order.removeLast()
            }
        }
        let dirs = ["src", "src/net", "src/net/tls", "lib/util", "docs", "tests/data", "tests/data/deep/er"]
        for i in 0..<120 { set("\(dirs[i % dirs.count])/f\(i).txt", "file \(i)\n") }
        var stream = ""
        var time = 1_700_000_000
        var mark = 0
        func commit(_ ref: String, _ changes: [String], from: String? = nil, merge: String? = nil) {
            time += 60
            mark += 1
            stream += "commit \(ref)\nmark :\(mark)\ncommitter T <t@example.com> \(time) +0000\ndata 1\nc\n"
            if let from { stream += "from \(from)\n" }
            if let merge { stream += "merge \(merge)\n" }
            for c in changes { stream += c }
            stream += "\n"
        }
        func put(_ path: String, _ body: String, mode: String = "100644") -> String {
            "M \(mode) inline \(path)\ndata \(body.utf8.count)\n\(body)\n"
        }
        commit("refs/heads/main", order.map { put($0, files[$0]!) })
        var sideMark = 0
        var sideTaken: (path: String, body: String)?
        var converts: [(path: String, body: String, at: Int)] = []
        for n in 1..<20_000 {
            if n % 40 == 17 {
                // A side branch: one commit changing a file, merged below.
                sideMark = mark + 1
                let p = order[rng.next(order.count)]
                let body = (files[p] ?? "") + "side \(n)\n"
                commit("refs/heads/side", [put(p, body)], from: ":\(mark)")
                if rng.next(2) == 0 { sideTaken = (p, body) }  // the merge will take the side's version
                continue
            }
            var changes: [String] = []
            for c in converts where c.at <= n {
                changes.append(put(c.path, c.body))
                set(c.path, c.body)
            }
            converts.removeAll { $0.at <= n }
            for _ in 0..<(1 + rng.next(3)) {
                let p = order[rng.next(order.count)]
                switch rng.next(40) {
                case 0:  // rename
                    let to = dirs[rng.next(dirs.count)] + "/r\(n).txt"
                    changes.append("R \(p) \(to)\n")
                    set(to, files[p])
                    set(p, nil)
                case 1:  // copy
                    let to = dirs[rng.next(dirs.count)] + "/c\(n).txt"
                    changes.append("C \(p) \(to)\n")
                    set(to, files[p])
                case 2 where files.count > 60:  // delete
                    changes.append("D \(p)\n")
                    set(p, nil)
                case 3:  // an old content comes back (a revert)
                    let body = "file \(rng.next(120))\n"
                    set(p, body)
                    changes.append(put(p, body))
                case 4:  // the executable bit
                    changes.append(put(p, files[p]!, mode: "100755"))
                case 5:  // a symbolic link whose target text is some file's content
                    changes.append(put("links/l\(n % 7)", files[p]!, mode: "120000"))
                case 6:  // a new path that is a symbolic link first and a file with the same bytes later
                    let body = files[p]! + "linked \(n)\n"  // bytes no file had before
                    converts.append((path: "links/s\(n)", body: body, at: n + 2))
                    changes.append(put("links/s\(n)", body, mode: "120000"))
                default:
                    let body = files[p]! + "line \(n)\n"
                    set(p, body)
                    changes.append(put(p, body))
                }
            }
            if n % 997 == 0 {
                // A directory copied whole, then a file replaced by a directory of its name.
                changes.append("C tests/data tests/copy\(n)\n")
                for p in order where p.hasPrefix("tests/data/") { set("tests/copy\(n)/" + p.dropFirst(11), files[p]) }
            }
            if n % 1_499 == 0, let p = order.first(where: { $0.hasPrefix("src/f") }) {
                let body = files[p]!
                set(p, nil)
                changes.append("D \(p)\n")
                changes.append(put(p + "/inner.txt", body))
                set(p + "/inner.txt", body)
            }
            if n % 40 == 19, sideMark > 0 {
                // The merge's tree: main's, with this commit's changes and, half the time, the side's file.
                var taken: [String] = []
                if let (p, body) = sideTaken, files[p] != nil {
                    set(p, body)
                    taken.append(put(p, body))
                }
                sideTaken = nil
                commit("refs/heads/main", changes + taken, merge: ":\(sideMark)")
                continue
            }
            commit("refs/heads/main", changes)
            if n % 2_500 == 0 { stream += "reset refs/tags/t\(n)\nfrom :\(mark)\n\n" }
        }
        try fastImport(stream, into: path, name: "stream.fi")
        try GitFixture.repack(path)
        let places = try assertWalksAgree(path) { id in id.hex.hasPrefix("0") || id.hex.hasPrefix("a") }
        XCTAssertGreaterThan(places.count, 500)
        XCTAssertGreaterThan(places.values.filter { $0.count > 1 }.count, 20, "blobs at several places (copies, reverts)")
    }
}

/// A small deterministic generator (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
