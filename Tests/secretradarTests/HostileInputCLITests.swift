import Foundation
import RadarTestSupport
import XCTest

/// Input an attacker controls (a pushed `.gitlab-ci.yml`, a committed baseline, an export handed
/// over) must not crash a scan, hang it, or put a secret into stderr (issue 16, docs/threat-model.md).
final class HostileInputCLITests: CLITestCase {
    /// A fake GitLab token planted in broken files: it must never appear in any error message.
    let planted = "glpat-Qz7PlantedLeak9Xw2Rt"

    func write(_ text: String, _ name: String) throws -> String {
        let url = work.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func assertNoLeak(_ r: Run, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(r.stderr.contains("Qz7PlantedLeak"), "\(what) quoted the secret on stderr:\n\(r.stderr)", file: file, line: line)
        XCTAssertFalse(r.stdout.contains("Qz7PlantedLeak"), "\(what) quoted the secret on stdout", file: file, line: line)
    }

    func testNoParserErrorQuotesTheInput() throws {
        // Duplicate keys: Yams's error once carried the whole document.
        let ci = try write("variables:\n  TOKEN: \(planted)\n  TOKEN: again\njob:\n  script: [echo]\n", "dup/.gitlab-ci.yml")
        let r1 = try run(["gitlab", "ci", ci])
        XCTAssertEqual(r1.status, 2, r1.stderr)
        XCTAssertTrue(r1.stderr.contains(".gitlab-ci.yml:"), r1.stderr)
        assertNoLeak(r1, "gitlab ci")
        let scan = try run(["scan", "path", work.appendingPathComponent("dup").path, "--no-store", "-f", "json"] + keyArgs)
        XCTAssertEqual(scan.status, 1, "the token is still found by the text rules: \(scan.stderr)")
        assertNoLeak(scan, "scan path")
        let export = try write("[{\"key\": \"A\", \"value\": \"\(planted)\", \"value\": \"x\"}]", "vars.json")
        let r2 = try run(["gitlab", "variables", export] + keyArgs)
        XCTAssertEqual(r2.status, 2, r2.stderr)
        assertNoLeak(r2, "gitlab variables")
        let r3 = try run(
            [
                "gitlab", "plan", "--variables", export, "--project-path", "g/p", "--vault-url", "https://v", "--output",
                work.appendingPathComponent("plan").path,
            ] + keyArgs)
        XCTAssertEqual(r3.status, 2, r3.stderr)
        assertNoLeak(r3, "gitlab plan")
        let role = try write("{\"role_type\": \"jwt\", \"bound_audiences\": \"\(planted)\", \"role_type\": \"x\"}", "role.json")
        let r4 = try run(["vault", "lint", role])
        XCTAssertEqual(r4.status, 2, r4.stderr)
        assertNoLeak(r4, "vault lint (JSON)")
        let policy = try write("path \"secret/data/x\" { capabilities = [\"read\"] }\n~\(planted)\n", "p.hcl")
        let r5 = try run(["vault", "lint", policy])
        XCTAssertEqual(r5.status, 2, r5.stderr)
        XCTAssertTrue(r5.stderr.contains("p.hcl:2"), r5.stderr)
        assertNoLeak(r5, "vault lint (HCL)")
        // A committed baseline with a secret where a status should be.
        let made = work.appendingPathComponent("base.json").path
        let target = try write("x = 1\n", "clean/a.txt")
        XCTAssertEqual(try run(["baseline", "create", (target as NSString).deletingLastPathComponent, "-o", made] + keyArgs).status, 0)
        var text = try String(contentsOfFile: made, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"findings\": [", with: "\"findings\": [{\"id\": \"a\", \"status\": \"\(planted)\"}")
        try text.write(toFile: made, atomically: true, encoding: .utf8)
        let r6 = try run(["scan", "path", (target as NSString).deletingLastPathComponent, "--no-store", "--baseline", made] + keyArgs)
        XCTAssertEqual(r6.status, 2, r6.stderr)
        XCTAssertTrue(r6.stderr.contains("base.json"), r6.stderr)
        assertNoLeak(r6, "scan --baseline")
    }

    func testAnAliasBombIsRefusedAndTheRestOfTheScanGoesOn() throws {
        // 551 bytes that stand for 9^9 strings once the aliases are expanded.
        var bomb = ".l0: &l0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        for level in 1...8 {
            bomb += ".l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ", ") + "]\n"
        }
        bomb += "job:\n  script: [echo]\n  variables: {X: *l8}\n"
        let dir = work.appendingPathComponent("bomb")
        _ = try write(bomb, "bomb/.gitlab-ci.yml")
        _ = try write("GITLAB_TOKEN=glpat-bBRsk29cztUX1kmObfEj\n", "bomb/app.env")
        let ci = try run(["gitlab", "ci", dir.appendingPathComponent(".gitlab-ci.yml").path])
        XCTAssertEqual(ci.status, 2, ci.stderr)
        XCTAssertTrue(ci.stderr.contains("aliases are expanded"), ci.stderr)
        let scan = try run(["scan", "path", dir.path, "--no-store", "-f", "json"] + keyArgs)
        XCTAssertEqual(scan.status, 1, "the token in app.env is still reported: \(scan.stderr)")
        XCTAssertTrue(scan.stderr.contains(".gitlab-ci.yml"), "the bomb is named: \(scan.stderr)")
        let findings = try json(scan.stdout)["findings"] as? [[String: Any]] ?? []
        XCTAssertEqual(findings.map { $0["rule"] as? String }, ["gitlab.personal_access_token"])
    }

    func testControlCharactersInNamesReachNoTerminal() throws {
        // A name that clears the line and writes a fake "clean" result over the finding.
        let name = "x\u{1B}[2K\rok: no secrets\n.env"
        let dir = work.appendingPathComponent("names")
        _ = try write("GITLAB_TOKEN=glpat-bBRsk29cztUX1kmObfEj\n", "names/" + name)
        let r = try run(["scan", "path", dir.path, "--no-store"] + keyArgs)
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertFalse(r.stdout.contains("\u{1B}") || r.stdout.contains("\r"), r.stdout)
        XCTAssertTrue(r.stdout.contains("x\\x1b[2K\\x0dok: no secrets\\x0a.env:1:14"), r.stdout)
        // A file that cannot be read is named in a warning, escaped as well.
        let unreadable = dir.appendingPathComponent("dir\u{1B}]0;title\u{07}")
        try FileManager.default.createDirectory(at: unreadable, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: unreadable.path + "/loop", withDestinationPath: unreadable.path + "/loop")
        let w = try run(["scan", "path", unreadable.path + "/loop", "--no-store"] + keyArgs)
        XCTAssertFalse(w.stderr.contains("\u{1B}") || w.stderr.contains("\u{07}"), w.stderr)
        XCTAssertTrue(w.stderr.contains("dir\\x1b]0;title\\x07"), w.stderr)
        XCTAssertTrue(w.stdout.contains("1 unreadable"), "named and counted: \(w.stdout)")
        XCTAssertEqual(w.status, 2)
    }

    func testEveryFileNotScannedIsNamed() throws {
        let dir = work.appendingPathComponent("skips")
        _ = try write(String(repeating: "x", count: 4000) + "\n", "skips/big.txt")
        try Data([0x7F, 0x45, 0x4C, 0x46, 0, 0, 1, 2]).write(to: dir.appendingPathComponent("tool.bin"))
        _ = try write("fine\n", "skips/ok.txt")
        let r = try run(["scan", "path", dir.path, "--no-store", "--max-file-size", "1K", "-f", "json"] + keyArgs)
        XCTAssertEqual(r.status, 0, r.stderr)
        let skipped = try json(r.stdout)["skipped"] as? [[String: Any]] ?? []
        XCTAssertEqual(skipped.map { $0["reason"] as? String }, ["too_large", "binary"])
        XCTAssertEqual(skipped.first?["size"] as? Int, 4001)
        XCTAssertTrue(r.stderr.contains("not scanned: ") && r.stderr.contains("big.txt (3.9 KiB, over the size limit)"), r.stderr)
        XCTAssertFalse(r.stderr.contains("tool.bin"), "binary files are counted and listed in JSON, not on stderr")
    }

    func testAPreCommitHookNamesWhatItCouldNotScanAndCanRejectIt() throws {
        let repo = work.appendingPathComponent("hooked").path
        try GitFixture.git(["init", "-q", "-b", "main", repo], in: work.path)
        try String(repeating: "y", count: 4000).write(toFile: repo + "/dump.sql", atomically: true, encoding: .utf8)
        try GitFixture.git(["add", "dump.sql"], in: repo)
        let lenient = try run(["hook", "pre-commit", "--max-file-size", "1K"] + keyArgs, directory: URL(fileURLWithPath: repo))
        XCTAssertEqual(lenient.status, 0, lenient.stderr)
        XCTAssertTrue(lenient.stderr.contains("not scanned: dump.sql"), lenient.stderr)
        let strict = try run(
            ["hook", "pre-commit", "--max-file-size", "1K", "--fail-on-skipped"] + keyArgs, directory: URL(fileURLWithPath: repo))
        XCTAssertEqual(strict.status, 2, strict.stderr)
        XCTAssertTrue(strict.stderr.contains("commit blocked: files that could not be scanned"), strict.stderr)
    }

    /// The largest resident size of the binary run with `arguments`, in MiB (Python's
    /// `RUSAGE_CHILDREN`: the child's own peak, whatever ran before in this test process).
    func peakMiB(_ arguments: [String]) throws -> (mib: Int, status: Int32) {
        let probe = """
            import resource, subprocess, sys
            r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
            """
        let r = try run(["-c", probe, Self.binary.path] + arguments, executable: URL(fileURLWithPath: "/usr/bin/python3"))
        let parts = r.stdout.split(separator: " ").map { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1 }
        return (parts.last ?? -1, Int32(parts.first ?? -1))
    }

    func testALargeCommittedBaselineTakesMemoryInProportion() throws {
        // 80,000 entries, 20 MB: the baseline check fails (not sealed), after the whole file is decoded.
        var text =
            "{\n  \"secretradar_baseline\": 1,\n  \"key_fingerprint\": \"hmac-sha256:00\",\n  \"kind\": \"files\",\n  \"findings\": [\n"
        for i in 0..<80_000 {
            let id = String(repeating: String(format: "%08x", i), count: 8)
            text +=
                "    {\"id\": \"\(id)\", \"rule\": \"gitlab.personal_access_token\", \"status\": \"new\", \"paths\": [\"src/m\(i % 100)/c\(i).env\"], \"first\": {\"path\": \"src/m\(i % 100)/c\(i).env\", \"line\": 3}}\(i < 79_999 ? "," : "")\n"
        }
        text += "  ],\n  \"seal\": \"hmac-sha256:00\"\n}\n"
        let baseline = try write(text, "big-baseline.json")
        let size = text.utf8.count >> 20
        let target = try write("x = 1\n", "small/a.txt")
        let (peak, status) = try peakMiB(["scan", "path", target, "--no-store", "--baseline", baseline] + keyArgs)
        XCTAssertEqual(status, 2, "refused: another key")
        // Decoded once: ~6x the file. The validating parse it replaced took ~27x.
        XCTAssertLessThan(peak, 12 * max(size, 1) + 40, "peak \(peak) MiB for a \(size) MiB baseline")
    }

    func testAFileLargerThanAChunkIsMatchedInBoundedMemory() throws {
        let line = Array("int main(void) { return compute(value, other_value, 42); } /* padding for size */\n".utf8)
        var chunk: [UInt8] = []
        while chunk.count < 1 << 20 { chunk += line }
        let url = work.appendingPathComponent("huge.c")
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        for i in 0..<72 {
            try handle.write(contentsOf: Data(chunk))
            if i == 60 { try handle.write(contentsOf: Data("GITLAB_TOKEN=glpat-bBRsk29cztUX1kmObfEj\n".utf8)) }
        }
        try handle.close()
        let (peak, status) = try peakMiB(["scan", "path", url.path, "--no-store"] + keyArgs)
        XCTAssertEqual(status, 1, "the token past 60 MiB is found")
        // Against the same scan of a 1 MiB file (the process's own size, which grows with the
        // binary): read whole, the 72 MiB file alone would add 72 MiB; in 16 MiB chunks, ~20-30.
        let small = work.appendingPathComponent("small.c")
        try Data(chunk).write(to: small)
        let (base, _) = try peakMiB(["scan", "path", small.path, "--no-store"] + keyArgs)
        XCTAssertLessThan(peak - base, 50, "peak \(peak) MiB for a 72 MiB file, \(base) MiB for 1 MiB")
    }
}
