import Foundation
import RadarEngine
import RadarMatch
import RadarModel
import XCTest

final class EngineTests: XCTestCase {
    var dir: URL!
    let token = "glpat-bBRsk29cztUX1kmObfEj"
    let glpat = Rule(id: "t.glpat", name: "GitLab", pattern: #"\b(glpat-[0-9A-Za-z_-]{20})(?:[^0-9A-Za-z_-]|$)"#, confidence: .high)

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("engine-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func write(_ relative: String, _ text: String) throws {
        let url = dir.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func scanner(_ options: ScanOptions = ScanOptions()) throws -> PathScanner {
        PathScanner(matcher: try Matcher(rules: [glpat]), key: FindingKey(bytes: Array(repeating: 7, count: 32)), options: options)
    }

    func testFindingIDIsHMACOfRuleNulSecret() {
        // Reference value: python3 -c "import hmac,hashlib;print(hmac.new(b'\x07'*32, b't.glpat\x00glpat-bBRsk29cztUX1kmObfEj', hashlib.sha256).hexdigest())"
        let key = FindingKey(bytes: Array(repeating: 7, count: 32))
        XCTAssertEqual(
            key.findingID(ruleID: "t.glpat", secret: Array(token.utf8)), "072c81e7634f80e16d2712059e0796c1940725c8fd4bf9a6cc22914218ef3659")
        XCTAssertNotEqual(
            key.findingID(ruleID: "t.other", secret: Array(token.utf8)), key.findingID(ruleID: "t.glpat", secret: Array(token.utf8)))
    }

    func testKeyFileIsCreatedPrivateAndReused() throws {
        let path = dir.appendingPathComponent("cfg/secretradar/hash.key").path
        let first = try FindingKey.loadOrCreate(at: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        let second = try FindingKey.loadOrCreate(at: path)
        XCTAssertEqual(first.findingID(ruleID: "a.b", secret: [1, 2]), second.findingID(ruleID: "a.b", secret: [1, 2]))
        XCTAssertEqual(FindingKey.defaultPath(environment: ["XDG_CONFIG_HOME": "/x"]), "/x/secretradar/hash.key")
        XCTAssertEqual(FindingKey.defaultPath(environment: ["HOME": "/home/u"]), "/home/u/.config/secretradar/hash.key")
    }

    func testCorruptKeyFileIsAnError() throws {
        try write("bad.key", "not hex")
        XCTAssertThrowsError(try FindingKey.loadOrCreate(at: dir.appendingPathComponent("bad.key").path))
    }

    func testSameSecretInTwoFilesIsOneFindingWithTwoLocations() throws {
        try write("a/.env", "TOKEN=\(token)\n")
        try write("b/config.yml", "x: 1\ntoken: \(token)\n")
        let result = try scanner().scan(paths: [dir.path])
        XCTAssertEqual(result.findings.count, 1)
        XCTAssertEqual(
            result.findings[0].locations.map { "\($0.path.replacingOccurrences(of: dir.path + "/", with: "")):\($0.line):\($0.column)" },
            ["a/.env:1:7", "b/config.yml:2:8"])
        XCTAssertEqual(result.findings[0].secretRedacted, "glpa…(26)")
        XCTAssertNil(result.findings[0].secret)
        XCTAssertEqual(result.summary.files, 2)
        XCTAssertEqual(result.summary.findings, 1)
    }

    func testAFileWhereARuleStoppedEarlyIsCountedAndNamed() throws {
        try write("hostile.txt", String(repeating: "a", count: 40) + "b")
        try write("fine.txt", "t=\(token)\n")
        let redos = Rule(id: "t.redos", name: "redos", pattern: #"^(a+)+$"#, confidence: .low)
        let matcher = try Matcher(rules: [redos, glpat], options: MatcherOptions(usePrefilter: false))
        let result = try PathScanner(matcher: matcher, key: FindingKey(bytes: [1, 2, 3])).scan(paths: [dir.path])
        XCTAssertEqual(result.summary.incomplete, 1)
        XCTAssertEqual(result.findings.count, 1)
        XCTAssertEqual(
            result.errors.map(\.description),
            [
                "\(dir.path)/hostile.txt: matching stopped early (PCRE2 limit) for t.redos; findings of those rules in this file may be missing"
            ])
    }

    func testShowSecretsCarriesThePlaintext() throws {
        try write("a.txt", token)
        let result = try scanner(ScanOptions(showSecrets: true)).scan(paths: [dir.path])
        XCTAssertEqual(result.findings.first?.secret, PlaintextSecret(token))
    }

    func testBinaryLargeAndGitFilesAreSkippedAndCounted() throws {
        try write("bin.dat", "\u{0}\u{1}" + token)
        try write("big.txt", String(repeating: "x", count: 2000) + token)
        try write(".git/config", "url = https://x:\(token)@h/")
        try write("ok.txt", token)
        let result = try scanner(ScanOptions(maxFileSize: 1000)).scan(paths: [dir.path])
        XCTAssertEqual(result.summary.skippedBinary, 1)
        XCTAssertEqual(result.summary.skippedLarge, 1)
        XCTAssertEqual(result.summary.files, 1)
        XCTAssertEqual(result.findings.flatMap(\.locations).map { URL(fileURLWithPath: $0.path).lastPathComponent }, ["ok.txt"])
    }

    func testOverlappingArgumentsScanEachFileOnce() throws {
        try write("sub/a.env", "TOKEN=\(token)\n")
        let result = try scanner().scan(paths: [dir.path, dir.path + "/sub", dir.path + "/sub/a.env"])
        XCTAssertEqual(result.summary.files, 1)
        XCTAssertEqual(result.findings.flatMap(\.locations).count, 1)
    }

    func testOnlyTheSniffWindowDecidesBinary() throws {
        try write("late-nul.txt", "t=\(token)\n" + String(repeating: "a", count: 9000) + "\u{0}tail")
        try write("early-nul.txt", String(repeating: "b", count: 5000) + "\u{0}" + "t=\(token)\n")
        let result = try scanner().scan(paths: [dir.path])
        XCTAssertEqual(result.summary.skippedBinary, 1)
        XCTAssertEqual(result.summary.files, 1)
        XCTAssertEqual(result.findings.flatMap(\.locations).map { URL(fileURLWithPath: $0.path).lastPathComponent }, ["late-nul.txt"])
    }

    func testSymlinksInsideTheTreeAreNotFollowed() throws {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        try Data(token.utf8).write(to: outside.appendingPathComponent("secret.txt"))
        try FileManager.default.createSymbolicLink(at: dir.appendingPathComponent("link-dir"), withDestinationURL: outside)
        try FileManager.default.createSymbolicLink(
            at: dir.appendingPathComponent("link-file"), withDestinationURL: outside.appendingPathComponent("secret.txt"))
        let result = try scanner().scan(paths: [dir.path])
        XCTAssertEqual(result.findings.count, 0)
        XCTAssertEqual(result.summary.files, 0)
    }

    func testMissingAndUnreadablePathsAreReportedAndTheScanGoesOn() throws {
        try write("ok.txt", token)
        // /proc/self/mem opens as a regular file but every read at offset 0 fails (EIO).
        let result = try scanner().scan(paths: [dir.path + "/missing", "/proc/self/mem", dir.path])
        XCTAssertEqual(result.findings.count, 1)
        XCTAssertEqual(result.summary.unreadable, 1)
        let messages = result.errors.map(\.description)
        XCTAssertTrue(messages.contains("\(dir.path)/missing: no such file or directory"), "\(messages)")
        XCTAssertTrue(messages.contains { $0.hasPrefix("/proc/self/mem: ") }, "\(messages)")
    }

    /// A random-looking glpat- token from a seed (a small LCG), so placeholder filters keep it.
    func fakeToken(_ seed: Int) -> String {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        var state = UInt64(seed) &* 6364136223846793005 &+ 1442695040888963407
        var out = "glpat-"
        for _ in 0..<20 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            out.append(alphabet[Int((state >> 33) % 62)])
        }
        return out
    }

    func testParallelScanMatchesSerialScan() throws {
        for i in 0..<200 {
            try write("f\(i % 7)/file\(i).txt", i % 3 == 0 ? "t=\(fakeToken(i % 17))\n" : "nothing here \(i)\n")
        }
        let parallel = try scanner(ScanOptions(workers: 4)).scan(paths: [dir.path])
        let serial = try scanner(ScanOptions(workers: 1)).scan(paths: [dir.path])
        XCTAssertEqual(parallel.findings, serial.findings)
        XCTAssertEqual(parallel.summary, serial.summary)
        XCTAssertEqual(parallel.summary.files, 200)
        XCTAssertEqual(parallel.findings.count, 17)
        XCTAssertEqual(parallel.findings.map(\.locations.count).reduce(0, +), 67)
    }
}
