import Foundation
import RadarEngine
import RadarMatch
import RadarModel
import RadarTestSupport
import XCTest

/// Git history scans of the corpus/repos scenarios, asserting exact findings with provenance.
final class GitScannerTests: XCTestCase {
    var dir: URL!
    let key = FindingKey(bytes: Array(repeating: 9, count: 32))

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("gitscan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func scan(_ path: String?, _ options: GitScanOptions = GitScanOptions(common: ScanOptions(workers: 2))) throws -> ScanResult {
        try GitScanner(matcher: PackMatchers.incremental, key: key, options: options).scan(repositories: [path])
    }

    /// `rule path:line:column commit latest|history` for every location, sorted.
    func places(_ result: ScanResult) -> [String] {
        result.findings.flatMap { f in
            f.locations.map { l in
                "\(f.rule) \(l.path):\(l.line):\(l.column) \(l.commit ?? "-") \(l.inLatest.map { $0 ? "latest" : "history" } ?? "-")"
            }
        }.sorted()
    }

    func testSecretAddedThenDeletedIsFoundInHistoryWithItsCommit() throws {
        let repo = try GitFixture(scenario: "added-then-deleted", in: dir)
        let result = try scan(repo.path)
        XCTAssertEqual(
            places(result), ["gitlab.personal_access_token config/app.env:3:14 \(try repo.commit("add deploy settings")) history"])
        let location = try XCTUnwrap(result.findings.first?.locations.first)
        XCTAssertEqual(location.author, "Ann Example")
        XCTAssertEqual(location.email, "ann@example.com")
        XCTAssertEqual(location.date, "2023-11-15T01:13:20+01:00")
        XCTAssertEqual(result.summary.git?.commits, 3)
        XCTAssertTrue(result.errors.isEmpty)
    }

    func testRulesLimitedToFileNamesRunOnBlobsFirstSeenUnderThatName() throws {
        let path = dir.appendingPathComponent("named").path
        try FileManager.default.createDirectory(atPath: path + "/docs", withIntermediateDirectories: true)
        _ = try GitFixture.git(["init", "-q", "-b", "main"], in: path)
        // The same weak .pgpass line: a credential in .pgpass, an example in the documentation.
        let line = "db.internal:5432:app:app:postgres\n"
        try line.write(toFile: path + "/.pgpass", atomically: true, encoding: .utf8)
        try ("Format:\n\n" + line).write(toFile: path + "/docs/pgpass.md", atomically: true, encoding: .utf8)
        _ = try GitFixture.git(["add", "-A"], in: path)
        _ = try GitFixture.git(["commit", "-q", "-m", "add files"], in: path)
        let commit = try GitFixture.git(["rev-parse", "HEAD"], in: path).trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(places(try scan(path)), ["pgpass.weak_password .pgpass:1:26 \(commit) latest"])
        // Staged files are matched under their staged names too.
        try "machine ftp.example.org login anonymous password secret\n".write(
            toFile: path + "/.netrc", atomically: true, encoding: .utf8)
        try "machine ftp.example.org login anonymous password secret\n".write(
            toFile: path + "/docs/netrc.md", atomically: true, encoding: .utf8)
        _ = try GitFixture.git(["add", "-A"], in: path)
        let staged = try GitScanner(matcher: PackMatchers.incremental, key: key, options: GitScanOptions(common: ScanOptions(workers: 2)))
            .scanStaged(repository: path)
        XCTAssertEqual(places(staged), ["netrc.weak_password .netrc:1:50 - -"])
    }

    func testSecretOnlyOnASideBranch() throws {
        let repo = try GitFixture(scenario: "side-branch", in: dir)
        XCTAssertEqual(
            places(try scan(repo.path)), ["aws.access_key_id scripts/upload.sh:2:26 \(try repo.commit("upload script")) history"])
    }

    func testSecretOnlyReachableFromATagInABareRepository() throws {
        let repo = try GitFixture(scenario: "tag-only", in: dir, bare: true)
        let result = try scan(repo.path)
        XCTAssertEqual(
            places(result), ["hashicorp.vault_service_token ops/vault.hcl:2:10 \(try repo.commit("hotfix with a hardcoded token")) history"]
        )
        XCTAssertEqual(result.summary.git?.refs, 3)
    }

    func testMergeKeepsTheTopicCommitAndOwnsWhatOnlyItsResolutionAdded() throws {
        let repo = try GitFixture(scenario: "merge", in: dir)
        XCTAssertEqual(
            places(try scan(repo.path)),
            [
                "github.personal_access_token ci/helper.py:3:17 \(try repo.commit("ci helper")) latest",
                "slack.bot_token ci/notify.py:1:20 \(try repo.commit("Merge branch 'topic'")) latest",
            ])
    }

    func testRenamedFileGivesBothPathsTheirOwnCommits() throws {
        let repo = try GitFixture(scenario: "rename", in: dir)
        let result = try scan(repo.path)
        XCTAssertEqual(result.findings.count, 1)
        XCTAssertEqual(
            places(result),
            [
                "stripe.secret_key src/config/settings.py:5:19 \(try repo.commit("move settings into a package")) latest",
                "stripe.secret_key src/settings.py:5:19 \(try repo.commit("settings")) history",
            ])
        XCTAssertEqual(result.summary.files, 2, "the renamed blob is the same blob: read once")
    }

    func testSameSecretInThreeFilesIsOneFinding() throws {
        let repo = try GitFixture(scenario: "two-files", in: dir)
        let result = try scan(repo.path)
        XCTAssertEqual(result.findings.count, 1)
        let settings = try repo.commit("database settings")
        XCTAssertEqual(
            places(result),
            [
                "database.postgres_url deploy/production.env:1:29 \(settings) latest",
                "database.postgres_url deploy/staging.env:1:29 \(settings) latest",
                "database.postgres_url docker-compose.yml:4:36 \(try repo.commit("compose file")) latest",
            ])
    }

    func testBinaryLargeSymlinkSubmoduleAndLFSEntriesAreSkippedAndCounted() throws {
        let repo = try GitFixture(scenario: "skipped-entries", in: dir)
        let result = try scan(repo.path, GitScanOptions(common: ScanOptions(maxFileSize: 2048, workers: 2)))
        XCTAssertEqual(places(result), ["npm.access_token .npmrc:1:34 \(try repo.commit("assets")) latest"])
        XCTAssertEqual(result.summary.skippedBinary, 1)
        XCTAssertEqual(result.summary.skippedLarge, 1)
        XCTAssertEqual(result.summary.git?.skippedSymlinks, 1)
        XCTAssertEqual(result.summary.git?.skippedSubmodules, 1)
        XCTAssertEqual(result.summary.git?.skippedLFS, 1)
        XCTAssertEqual(result.summary.files, 1)
    }

    func testPushRangeScansOnlyWhatTheRangeIntroduces() throws {
        let repo = try GitFixture(scenario: "push-range", in: dir)
        let first = try repo.commit("first token")
        let second = try repo.commit("second token")
        let ranged = try scan(repo.path, GitScanOptions(scope: .range(old: first, new: "main"), common: ScanOptions(workers: 2)))
        XCTAssertEqual(places(ranged), ["github.personal_access_token b.env:1:14 \(second) latest"])
        XCTAssertEqual(ranged.summary.git?.commits, 2)
        // A new branch (all-zero old): only what no other ref reaches.
        let zero = String(repeating: "0", count: 40)
        let branch = try scan(repo.path, GitScanOptions(scope: .range(old: zero, new: "feature"), common: ScanOptions(workers: 2)))
        XCTAssertEqual(places(branch), ["aws.access_key_id c.env:1:19 \(try repo.commit("feature token")) history"])
        let since = try scan(repo.path, GitScanOptions(scope: .since(first), common: ScanOptions(workers: 2)))
        XCTAssertEqual(since.findings.map(\.rule).sorted(), ["aws.access_key_id", "github.personal_access_token"])
    }

    /// A range counts what its commits introduce over the commits they were built on: a file moved
    /// within the parent's tree is not new, a copy of a sibling branch's file is (the other tips of
    /// the excluded side are not walked).
    func testRangeCountsWhatItsCommitsIntroduceOverTheirParents() throws {
        let repo = try GitFixture(scenario: "push-range", in: dir)
        let index = ["GIT_INDEX_FILE": dir.appendingPathComponent("copier.index").path]
        func git(_ arguments: [String]) throws -> String {
            try GitFixture.git(arguments, in: repo.path, environment: index).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let awsBlob = try git(["rev-parse", "feature:c.env"])
        let gitlabBlob = try git(["rev-parse", "main~1:a.env"])
        _ = try git(["read-tree", "main~1"])
        _ = try git(["update-index", "--force-remove", "a.env"])
        _ = try git(["update-index", "--add", "--cacheinfo", "100644,\(gitlabBlob),moved/a.env"])
        _ = try git(["update-index", "--add", "--cacheinfo", "100644,\(awsBlob),d.env"])
        let tree = try git(["write-tree"])
        let copier = try git(["commit-tree", tree, "-p", "main~1", "-m", "copier"])
        _ = try git(["update-ref", "refs/heads/copier", copier])
        let zero = String(repeating: "0", count: 40)
        let ranged = try scan(repo.path, GitScanOptions(scope: .range(old: zero, new: "copier"), common: ScanOptions(workers: 2)))
        XCTAssertEqual(places(ranged), ["aws.access_key_id d.env:1:19 \(copier) history"])
        XCTAssertEqual(ranged.summary.git?.commits, 1)
    }

    func testBadRevisionEmptyRepositoryAndNonRepositoryAreClearErrors() throws {
        let repo = try GitFixture(scenario: "push-range", in: dir)
        let bad = try scan(repo.path, GitScanOptions(scope: .range(old: "nope", new: "main")))
        XCTAssertEqual(bad.errors.map(\.description), ["\(repo.path): nope: not a commit in this repository (revspec 'nope' not found)"])
        let empty = dir.appendingPathComponent("empty").path
        try GitFixture.git(["init", "-q", empty], in: dir.path)
        XCTAssertEqual(
            try scan(empty).errors.map(\.description), ["\(empty): the repository is empty (no commits, no refs): nothing to scan"])
        let plain = dir.appendingPathComponent("plain")
        try FileManager.default.createDirectory(at: plain, withIntermediateDirectories: true)
        let notRepo = try scan(plain.path).errors.map(\.description)
        XCTAssertEqual(notRepo.count, 1)
        XCTAssertTrue(notRepo[0].hasPrefix("\(plain.path): not a git repository"), notRepo[0])
        XCTAssertTrue(try scan(dir.appendingPathComponent("missing").path).errors[0].description.contains("no such file or directory"))
    }

    func testUnbornHeadWithOtherRefsIsScannedWithANotice() throws {
        let repo = try GitFixture(scenario: "side-branch", in: dir, bare: true)
        try GitFixture.git(["symbolic-ref", "HEAD", "refs/heads/trunk"], in: repo.path)
        let result = try scan(repo.path)
        XCTAssertEqual(places(result), ["aws.access_key_id scripts/upload.sh:2:26 \(try repo.commit("upload script")) history"])
        XCTAssertEqual(
            result.notices,
            ["\(repo.path): HEAD (refs/heads/trunk) has no commit, so no location is in the latest version (in_latest is false)"])
        XCTAssertTrue(result.errors.isEmpty)
        XCTAssertTrue(try scan(GitFixture(scenario: "rename", in: dir).path).notices.isEmpty)
    }

    func testUnreachableBlobIsFoundOnlyWithAllObjects() throws {
        let repo = try GitFixture(scenario: "added-then-deleted", in: dir)
        let file = dir.appendingPathComponent("dangling.txt")
        try Data("SENDGRID_API_KEY=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\n".utf8).write(to: file)
        let id = try GitFixture.git(["hash-object", "-w", file.path], in: repo.path).trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(try scan(repo.path).findings.count, 1)
        let all = try scan(repo.path, GitScanOptions(allObjects: true, common: ScanOptions(workers: 2)))
        XCTAssertEqual(all.findings.count, 2)
        let dangling = try XCTUnwrap(all.findings.first { $0.rule == "sendgrid.api_key" }?.locations.first)
        XCTAssertEqual(dangling.blob, id)
        XCTAssertNil(dangling.commit)
        XCTAssertEqual(dangling.path, "(unreachable blob \(id))")
    }

    func testCorruptBlobIsReportedWithItsCommitAndTheScanGoesOn() throws {
        let repo = try GitFixture(scenario: "two-files", in: dir)
        // Unpack to loose objects, then damage the blob of the compose file.
        try GitFixture.repack(repo.path)
        let blob = try GitFixture.git(["rev-parse", "main:docker-compose.yml"], in: repo.path).trimmingCharacters(
            in: .whitespacesAndNewlines)
        let packs = try FileManager.default.contentsOfDirectory(atPath: repo.path + "/.git/objects/pack").filter { $0.hasSuffix(".pack") }
        let pack = repo.path + "/.git/objects/pack/" + packs[0]
        try FileManager.default.moveItem(atPath: pack, toPath: dir.appendingPathComponent("saved.pack").path)
        try FileManager.default.removeItem(atPath: pack.replacingOccurrences(of: ".pack", with: ".idx"))
        try GitFixture.git(["unpack-objects", "-q"], in: repo.path, input: try Data(contentsOf: dir.appendingPathComponent("saved.pack")))
        let loose = repo.path + "/.git/objects/\(blob.prefix(2))/\(blob.dropFirst(2))"
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: loose)
        try Data("not zlib at all".utf8).write(to: URL(fileURLWithPath: loose))
        let result = try scan(repo.path)
        XCTAssertEqual(result.findings.count, 1, "the other files are still scanned")
        XCTAssertEqual(result.summary.git?.missingObjects, 1)
        let message = try XCTUnwrap(result.errors.first?.description)
        XCTAssertTrue(
            message.contains("blob \(blob) at 'docker-compose.yml' in commit \(try repo.commit("compose file").prefix(12))"), message)
    }

    /// The pack reader with incremental matching, the pack reader matching whole blobs, and libgit2
    /// reads must agree on a history with long delta chains.
    func testPackReaderIncrementalAndLibgit2Agree() throws {
        let path = dir.appendingPathComponent("history").path
        try GitFixture.git(["init", "-q", "-b", "main", path], in: dir.path)
        var rng = SplitMix(state: 77)
        var files = (0..<4).map { i in (0..<300).map { "line \($0) of file \(i): let value\($0) = compute(\($0 * 7))" } }
        let secrets = [
            "GITLAB_TOKEN=glpat-bBRsk29cztUX1kmObfEj", "aws_access_key_id = AKIAQYLPMN5HHHFPZAM2",
            "password = \"N8*Ar2#2iqfmSadn\"", "url = postgres://app:REhbiGjlvhkTp3SKQOo6@db:5432/app",
        ]
        var stream = ""
        for c in 0..<60 {
            let f = Int(rng.next() % 4)
            for _ in 0..<3 {
                let at = Int(rng.next() % UInt64(files[f].count))
                if rng.next() % 5 == 0 {
                    files[f].insert(secrets[Int(rng.next() % 4)], at: at)
                } else if rng.next() % 3 == 0, files[f].count > 50 {
                    files[f].remove(at: at)
                } else {
                    files[f][at] = "changed \(c) \(rng.next() % 1000)"
                }
            }
            let body = files[f].joined(separator: "\n") + "\n"
            stream += "commit refs/heads/main\ncommitter T <t@example.com> \(1_700_000_000 + c * 60) +0000\ndata 2\nc\n"
            if c == 0 {
                for (i, lines) in files.enumerated() {
                    let all = lines.joined(separator: "\n") + "\n"
                    stream += "M 100644 inline f\(i).txt\ndata \(all.utf8.count)\n\(all)\n"
                }
            } else {
                stream += "M 100644 inline f\(f).txt\ndata \(body.utf8.count)\n\(body)\n"
            }
            stream += "\n"
        }
        try GitFixture.git(["fast-import", "--quiet"], in: path, input: Data(stream.utf8))
        try GitFixture.repack(path)
        let incremental = try scan(path)
        XCTAssertGreaterThan(incremental.findings.count, 2)
        let whole = try GitScanner(
            matcher: PackMatchers.whole, key: key, options: GitScanOptions(incremental: false, common: ScanOptions(workers: 2))
        ).scan(repositories: [path])
        let libgit2 = try scan(path, GitScanOptions(usePackReader: false, common: ScanOptions(workers: 1)))
        XCTAssertEqual(incremental.findings, whole.findings)
        XCTAssertEqual(incremental.findings, libgit2.findings)
        XCTAssertEqual(incremental.summary, libgit2.summary)
    }
}

extension GitScannerTests {
    func testTheTipsGitLabCIConfigurationIsCheckedWithItsLocalIncludes() throws {
        let repo = try GitFixture(scenario: "gitlab-ci", in: dir, bare: true)
        let result = try scan(repo.path)
        XCTAssertEqual(
            result.ci.map { "\($0.file):\($0.line) \($0.kind.rawValue) \($0.job ?? "-")" },
            ["\(repo.path): ci/deploy.yml:4 hardcoded_variable deploy", "\(repo.path): ci/deploy.yml:6 unresolvable_secret deploy"])
        XCTAssertEqual(result.findings.map(\.rule), ["gitlab.personal_access_token"], "the token is also an ordinary finding")
        XCTAssertTrue(try scan(GitFixture(scenario: "rename", in: dir).path).ci.isEmpty)
    }
}
