import Foundation
import RadarTestSupport
import XCTest

/// End-to-end: the store through the binary — triage, listings, bad store files, SIGKILL, readers.
final class StoreCLITests: CLITestCase {
    var storePath: String { work.appendingPathComponent("data/secretradar/radar.db").path }

    func testTriageHidesFalsePositivesFromLaterScansAndKeepsTheHistory() throws {
        let repo = try GitFixture(scenario: "two-files", in: work)
        XCTAssertEqual(try run(["scan", "git", repo.path]).status, 1)
        let listed = try json(try run(["findings", "list", "-f", "json"]).stdout)
        let id = try XCTUnwrap((listed["findings"] as? [[String: Any]])?.first?["id"] as? String)
        let triage = try run(["findings", "triage", String(id.prefix(10)), "--status", "false_positive", "--comment", "test data"])
        XCTAssertEqual(triage.status, 0, triage.stderr)
        let again = try run(["scan", "git", repo.path])
        XCTAssertEqual(again.status, 0, "nothing left to report: \(again.stdout)")
        XCTAssertTrue(again.stdout.contains("0 findings"), again.stdout)
        // Shown again on request, at severity info, which does not fail a scan unless asked.
        let included = try run(["scan", "git", repo.path, "--include-triaged"])
        XCTAssertEqual(included.status, 0)
        XCTAssertTrue(included.stdout.contains("[info] "), included.stdout)
        XCTAssertTrue(included.stdout.contains("[false_positive]"), included.stdout)
        XCTAssertEqual(try run(["scan", "git", repo.path, "--include-triaged", "--fail-severity", "info"]).status, 1)
        let show = try run(["findings", "show", String(id.prefix(8))])
        XCTAssertEqual(show.status, 0, show.stderr)
        XCTAssertTrue(show.stdout.contains("status    false_positive"), show.stdout)
        XCTAssertTrue(show.stdout.contains("false_positive  "), show.stdout)
        XCTAssertTrue(show.stdout.contains("test data"), show.stdout)
        XCTAssertEqual(try run(["findings", "list", "--status", "false_positive", "-f", "jsonl"]).stdout.split(separator: "\n").count, 1)
        XCTAssertEqual(try run(["findings", "list", "--status", "new", "-f", "jsonl"]).stdout, "")
        let scans = try run(["scans", "list"])
        XCTAssertEqual(scans.stdout.split(separator: "\n").count, 5, scans.stdout)
        XCTAssertTrue(try run(["sources", "list"]).stdout.contains(repo.path))
        let unknown = try run(["findings", "show", "ffffffffff"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("no finding with id ffffffffff"), unknown.stderr)
    }

    func testPathScansAreRecordedOneSourcePerPathGiven() throws {
        let r = try run(["scan", "path", "corpus/files/config", "corpus/files/.env", "-f", "json"])
        XCTAssertEqual(r.status, 1, r.stderr)
        let sources =
            try JSONSerialization.jsonObject(with: Data(try run(["sources", "list", "-f", "json"]).stdout.utf8)) as? [[String: Any]]
        let locators = Set((sources ?? []).compactMap { $0["locator"] as? String })
        XCTAssertEqual(
            locators,
            [Self.root.appendingPathComponent("corpus/files/config").path, Self.root.appendingPathComponent("corpus/files/.env").path])
        let env = try run(["findings", "list", "--source", Self.root.appendingPathComponent("corpus/files/.env").path, "-f", "jsonl"])
        let envFindings = env.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        XCTAssertFalse(envFindings.isEmpty)
        for f in envFindings {
            XCTAssertEqual(
                (f["locations"] as? [[String: Any]])?.compactMap { $0["path"] as? String }, [".env"], "stored relative to its source")
        }
        let high = try run(["findings", "list", "--severity", "high", "-f", "jsonl"]).stdout.split(separator: "\n")
        let all = try run(["findings", "list", "-f", "jsonl"]).stdout.split(separator: "\n")
        XCTAssertFalse(high.isEmpty)
        XCTAssertLessThan(high.count, all.count)
        XCTAssertTrue(high.allSatisfy { $0.contains("\"severity\":\"high\"") })
    }

    func testBadStoreFilesGiveClearErrors() throws {
        let notADatabase = work.appendingPathComponent("notes.txt")
        try Data("these are my notes, not a database; please do not touch\n".utf8).write(to: notADatabase)
        let r = try run(["scan", "path", "corpus/files/.env", "--store", notADatabase.path])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("\(notADatabase.path): not a secretradar store"), r.stderr)
        let missing = try run(["findings", "list", "--store", work.appendingPathComponent("none.db").path])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("no store here yet"), missing.stderr)
        let both = try run(["scan", "path", "--store", "x.db", "--no-store"])
        XCTAssertEqual(both.status, 2)
        // The store opens on one thread while the rules load on another: both failing at once
        // still ends in one clean exit 2 with one error.
        for _ in 0..<5 {
            let twice = try run(["scan", "path", "corpus/files/.env", "--store", notADatabase.path, "--rules", "no-such-rules"])
            XCTAssertEqual(twice.status, 2, twice.stderr)
            XCTAssertEqual(twice.stderr.components(separatedBy: "secretradar: error: ").count, 2, twice.stderr)
        }
    }

    /// A history big enough that a scan takes a while.
    func bigHistory() throws -> String {
        let path = work.appendingPathComponent("big").path
        try GitFixture.git(["init", "-q", "-b", "main", path], in: work.path)
        var files = (0..<6).map { i in (0..<600).map { "line \($0) of file \(i): let value\($0) = compute(\($0 * 7))" } }
        var stream = ""
        for c in 0..<150 {
            let f = c % 6
            files[f][(c * 31) % 600] = c % 10 == 0 ? "GITLAB_TOKEN=glpat-bBRsk29cztUX1kmO\(String(format: "%04d", c))" : "changed \(c)"
            let body = files[f].joined(separator: "\n") + "\n"
            stream += "commit refs/heads/main\ncommitter T <t@example.com> \(1_700_000_000 + c * 60) +0000\ndata 2\nc\n"
            stream += "M 100644 inline f\(f).txt\ndata \(body.utf8.count)\n\(body)\n\n"
        }
        try GitFixture.git(["fast-import", "--quiet"], in: path, input: Data(stream.utf8))
        return path
    }

    func testAScanKilledAtAnyMomentLeavesASoundStoreAndTheNextScanCompletesTheWork() throws {
        let repo = try bigHistory()
        let clean = work.appendingPathComponent("clean.db").path
        XCTAssertEqual(try run(["scan", "git", repo, "--store", clean, "--workers", "1"] + keyArgs).status, 1)
        let expected = try run(["findings", "list", "-f", "json", "--store", clean]).stdout
        XCTAssertTrue(expected.contains("gitlab.personal_access_token"), "the history has findings")

        // Each kill lands at a named point of the scan — inside the store's transactions too — where
        // the process stopped itself (`SECRETRADAR_STOP_AT`, RadarSupport.Trace): not after a sleep.
        for point in ["store opened", "scan row written", "matched", "findings written", "recorder finish"] {
            let process = Process()
            process.executableURL = Self.binary
            process.arguments = ["scan", "git", repo, "--workers", "1", "--no-progress", "-f", "json", "-o", "/dev/null"] + keyArgs
            var env = ProcessInfo.processInfo.environment
            env["XDG_DATA_HOME"] = work.appendingPathComponent("data").path
            env["XDG_CACHE_HOME"] = work.appendingPathComponent("xdg-cache").path
            env["SECRETRADAR_CACHE_DIR"] = work.appendingPathComponent("cache").path
            env["SECRETRADAR_STOP_AT"] = point
            process.environment = env
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            XCTAssertTrue(Self.waitUntilStopped(process.processIdentifier), "the scan never reached '\(point)'")
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationReason, .uncaughtSignal, "killed at '\(point)'")
            let check = try run(["store", "check"])
            XCTAssertEqual(check.stdout, "ok\n", "after a kill at '\(point)': \(check.stderr)")
        }
        let finished = try run(["scan", "git", repo] + keyArgs)
        XCTAssertEqual(finished.status, 1, finished.stderr)
        XCTAssertEqual(try run(["findings", "list", "-f", "json"]).stdout, expected.replacingOccurrences(of: "clean.db", with: "radar.db"))
        XCTAssertTrue(try run(["scans", "list"]).stdout.contains("completed"))
    }

    /// Whether process `pid` stopped itself (state `T` in /proc) within a minute; false when it
    /// exited or ran on instead.
    static func waitUntilStopped(_ pid: Int32) -> Bool {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return false }
            let state = stat[stat.index(close, offsetBy: 2)...].prefix(1)
            if state == "T" { return true }
            if state == "Z" { return false }
            Thread.sleep(forTimeInterval: 0.005)
        }
        return false
    }

    func testReadersWorkWhileAScanWrites() throws {
        let repo = try bigHistory()
        XCTAssertEqual(try run(["scan", "git", repo, "--workers", "1"] + keyArgs).status, 1)
        // Rescanning under other rules rewrites everything; list findings meanwhile.
        let process = Process()
        process.executableURL = Self.binary
        process.arguments =
            ["scan", "git", repo, "--workers", "1", "--rules", "patterns/gitlab.yml", "-f", "json", "-o", "/dev/null"] + keyArgs
        var env = ProcessInfo.processInfo.environment
        env["XDG_DATA_HOME"] = work.appendingPathComponent("data").path
        env["SECRETRADAR_CACHE_DIR"] = work.appendingPathComponent("cache").path
        process.environment = env
        process.currentDirectoryURL = Self.root
        process.standardError = FileHandle.nullDevice
        try process.run()
        var reads = 0
        while process.isRunning || reads < 3 {
            let listed = try run(["findings", "list", "-f", "jsonl"])
            XCTAssertEqual(listed.status, 0, listed.stderr)
            XCTAssertFalse(listed.stdout.isEmpty)
            reads += 1
        }
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 1)
    }
}
