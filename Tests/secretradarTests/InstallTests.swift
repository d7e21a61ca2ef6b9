import Foundation
import XCTest

/// The binary carries its rules (issue 20 item 1): copied where no `patterns/` is, it scans with
/// the pack it was built with, and `rules export` writes that pack out.
final class InstallTests: CLITestCase {
    func testACopiedBinaryScansWithItsBuiltInPack() throws {
        let bin = work.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let copy = bin.appendingPathComponent("secretradar")
        try FileManager.default.copyItem(at: Self.binary, to: copy)
        // A scanned project whose own `patterns/` is nothing of ours must not be taken for the pack.
        let project = work.appendingPathComponent("project")
        try FileManager.default.createDirectory(at: project.appendingPathComponent("patterns"), withIntermediateDirectories: true)
        try "# our API patterns\n".write(to: project.appendingPathComponent("patterns/README.md"), atomically: true, encoding: .utf8)
        try "rules: [oops\n".write(to: project.appendingPathComponent("patterns/api.yml"), atomically: true, encoding: .utf8)
        try "TOKEN=glpat-bBRsk29cztUX1kmObfEj\n".write(to: project.appendingPathComponent("app.env"), atomically: true, encoding: .utf8)
        let environment = ["SECRETRADAR_RULES": "", "XDG_CACHE_HOME": work.appendingPathComponent("cache").path]
        let scan = try run(
            ["scan", "path", "app.env", "--no-store", "-f", "json"] + keyArgs, environment: environment, executable: copy,
            directory: project)
        XCTAssertEqual(scan.status, 1, scan.stderr)
        XCTAssertTrue(scan.stdout.contains("gitlab.personal_access_token"), scan.stdout)
        let extracted = try FileManager.default.contentsOfDirectory(atPath: work.appendingPathComponent("cache/secretradar").path)
        XCTAssertEqual(extracted.filter { $0.hasPrefix("patterns-") }.count, 1, "written once under the cache: \(extracted)")
        // `rules export` writes the pack; the shipped patterns/ and the export are the same files.
        let out = work.appendingPathComponent("exported")
        let export = try run(["rules", "export", out.path], environment: environment, executable: copy)
        XCTAssertEqual(export.status, 0, export.stderr)
        let shipped = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("patterns").path).sorted()
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted(), shipped)
        XCTAssertEqual(try run(["rules", "export", out.path], environment: environment, executable: copy).status, 2, "never overwrites")
        // --rules still replaces the pack.
        let check = try run(["rules", "check", "--rules", out.path], environment: environment, executable: copy)
        XCTAssertEqual(check.status, 0, check.stderr)
    }
}
