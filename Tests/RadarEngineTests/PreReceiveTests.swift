import Foundation
import RadarEngine
import RadarModel
import RadarTestSupport
import XCTest

/// The pre-receive hook's logic without spawning the binary: input lines, the scan of what each
/// pushed ref introduces, the time limit and the rejection message.
final class PreReceiveTests: XCTestCase {
    var dir: URL!
    let key = FindingKey(bytes: Array(repeating: 9, count: 32))
    let zero = String(repeating: "0", count: 40)

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("prereceive-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func testInputLinesAreParsedAndABadLineIsNamedWithoutMore() throws {
        let a = String(repeating: "a", count: 40)
        let updates = try PreReceive.parse("\(zero) \(a) refs/heads/main\n\n\(a) \(zero) refs/tags/v1\n")
        XCTAssertEqual(
            updates,
            [
                PreReceive.Update(old: zero, new: a, ref: "refs/heads/main"),
                PreReceive.Update(old: a, new: zero, ref: "refs/tags/v1"),
            ])
        XCTAssertThrowsError(try PreReceive.parse("\(a) \(a) refs/heads/x\nnot an update line\n")) { error in
            XCTAssertEqual(
                (error as? PreReceive.InputError)?.description,
                "standard input line 2: expected '<old-sha> <new-sha> <ref>', got 'not an update line'")
        }
        let long = String(repeating: "x", count: 500)
        XCTAssertThrowsError(try PreReceive.parse(long)) { error in
            XCTAssertEqual((error as? PreReceive.InputError)?.text.count, 120, "at most 120 bytes of the line are quoted")
        }
    }

    func testEachPushedRefIsScannedForWhatItIntroducesAndDeletionsAreNot() throws {
        let repo = try GitFixture(scenario: "push-range", in: dir)
        let first = try repo.commit("first token")
        let second = try repo.commit("second token")
        let feature = try repo.commit("feature token")
        let updates = [
            PreReceive.Update(old: first, new: second, ref: "refs/heads/main"),
            PreReceive.Update(old: zero, new: feature, ref: "refs/heads/feature"),
            PreReceive.Update(old: second, new: zero, ref: "refs/heads/gone"),
        ]
        let outcome = PreReceive.scan(
            updates, repository: repo.path, matcher: PackMatchers.incremental, key: key, options: ScanOptions(workers: 2), timeout: 120)
        guard case .finished(let results) = outcome else { return XCTFail("the scan did not finish") }
        XCTAssertEqual(results.map(\.ref), ["refs/heads/main", "refs/heads/feature"], "the deleted ref is not scanned")
        XCTAssertEqual(results[0].result.findings.map(\.rule), ["github.personal_access_token"])
        XCTAssertEqual(results[1].result.findings.map(\.rule), ["aws.access_key_id"])
        let message = PreReceive.rejection(results)
        XCTAssertTrue(message.hasPrefix("secretradar: push rejected: 2 hardcoded secrets in the pushed commits\n"), message)
        XCTAssertTrue(message.contains("  refs/heads/main  \(second.prefix(12))  b.env:1  github.personal_access_token  ghp_"), message)
        for f in results.flatMap(\.result.findings) {
            XCTAssertTrue(message.contains(f.secretRedacted))
        }
    }

    func testAScanPastTheTimeLimitSaysHowFarItGot() throws {
        // A scan that cannot finish until the test lets it: the outcome depends on no timing.
        let release = DispatchSemaphore(value: 0)
        let reported = DispatchSemaphore(value: 0)
        let a = String(repeating: "a", count: 40)
        let outcome = PreReceive.scan([PreReceive.Update(old: zero, new: a, ref: "refs/heads/x")], timeout: 0.5) { _, progress in
            progress(ScanProgress(filesDone: 3, filesTotal: 10, bytes: 100, matches: 0))
            reported.signal()
            release.wait()
            return []
        }
        reported.wait()
        release.signal()
        guard case .timedOut(let checked, let total) = outcome else { return XCTFail("the scan was still running at the time limit") }
        XCTAssertEqual([checked, total], [3, 10])
        // And one that finishes in time is waited for; a deleted ref is never handed to the scan.
        let scanned = PreReceive.scan(
            [PreReceive.Update(old: zero, new: a, ref: "refs/heads/x"), PreReceive.Update(old: a, new: zero, ref: "refs/heads/gone")],
            timeout: 60
        ) { pushed, _ in
            XCTAssertEqual(pushed.map(\.ref), ["refs/heads/x"])
            return pushed.map { ($0.ref, ScanResult(findings: [], summary: ScanSummary(), errors: [])) }
        }
        guard case .finished(let results) = scanned else { return XCTFail("a quick scan timed out") }
        XCTAssertEqual(results.map(\.ref), ["refs/heads/x"])
    }

    /// A push whose scan fails is reported with the error for each ref (the hook then rejects the
    /// push as not checked), never left out as if it were clean.
    func testARefThatCannotBeScannedIsAnErrorNotClean() throws {
        struct Broken: Error, CustomStringConvertible { var description: String { "scratch allocation failed" } }
        let a = String(repeating: "a", count: 40)
        let outcome = PreReceive.scan([PreReceive.Update(old: zero, new: a, ref: "refs/heads/x")], timeout: 60) { _, _ in throw Broken() }
        guard case .finished(let results) = outcome else { return XCTFail("timed out") }
        XCTAssertEqual(results.map(\.ref), ["refs/heads/x"])
        XCTAssertEqual(results[0].result.errors.map(\.description), ["refs/heads/x: could not be scanned: scratch allocation failed"])
    }

    func testManyRefsAreScannedInOnePassEachBlobOnce() throws {
        let repo = try GitFixture(scenario: "push-range", in: dir)
        let first = try repo.commit("first token")
        let second = try repo.commit("second token")
        // Fifty new tags at the same commit: the blobs they introduce are read once, not fifty times.
        let updates =
            [PreReceive.Update(old: first, new: second, ref: "refs/heads/main")]
            + (0..<50).map { PreReceive.Update(old: zero, new: second, ref: "refs/tags/v\($0)") }
        let outcome = PreReceive.scan(
            updates, repository: repo.path, matcher: PackMatchers.incremental, key: key, options: ScanOptions(workers: 2), timeout: 120)
        guard case .finished(let results) = outcome else { return XCTFail("the scan did not finish") }
        XCTAssertEqual(results.count, 51)
        XCTAssertEqual(results[0].result.summary.files, 2, "the two blobs of first..second, read once")
        XCTAssertTrue(results.allSatisfy { $0.result.findings.map(\.rule) == ["github.personal_access_token"] })
        XCTAssertEqual(results.dropFirst().map(\.result.summary.files), Array(repeating: 0, count: 50), "counted once")
    }

    func testTheSkipPushOptionIsRecognisedAndRecorded() {
        XCTAssertFalse(PreReceive.skipRequested(environment: [:]))
        XCTAssertFalse(PreReceive.skipRequested(environment: ["GIT_PUSH_OPTION_COUNT": "1", "GIT_PUSH_OPTION_0": "ci.skip"]))
        XCTAssertTrue(
            PreReceive.skipRequested(environment: [
                "GIT_PUSH_OPTION_COUNT": "2", "GIT_PUSH_OPTION_0": "ci.skip", "GIT_PUSH_OPTION_1": "secretradar.skip",
            ]))
        let record = PreReceive.skipRecord(
            [PreReceive.Update(old: zero, new: String(repeating: "b", count: 40), ref: "refs/heads/x")],
            environment: ["GL_USERNAME": "ann"],
            at: Date(timeIntervalSince1970: 0))
        XCTAssertEqual(
            record,
            "1970-01-01T00:00:00Z secret scan skipped by push option secretradar.skip: user ann; refs/heads/x 000000000000..bbbbbbbbbbbb")
    }
}
