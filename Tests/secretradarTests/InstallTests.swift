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

    /// `--extra-rules` adds a team's own rules to the pack; an id the pack has is refused, named.
    func testExtraRulesAddToThePack() throws {
        let rules = work.appendingPathComponent("acme.yml")
        func write(id: String) throws {
            try TeamRuleFixture.yaml(id: id).write(to: rules, atomically: true, encoding: .utf8)
        }
        try write(id: "acme.internal_token")
        let target = work.appendingPathComponent("app.env")
        try "TOKEN=glpat-bBRsk29cztUX1kmObfEj\nACME_TOKEN=acme_live_4f6c0b3e9d2a7c1b8e5f0a3d6c9b2e1f\n".write(
            to: target, atomically: true, encoding: .utf8)
        let scan = try run(["scan", "path", target.path, "--no-store", "--extra-rules", rules.path, "-f", "json"] + keyArgs)
        XCTAssertEqual(scan.status, 1, scan.stderr)
        let found = Set((try json(scan.stdout)["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String })
        XCTAssertEqual(found, ["gitlab.personal_access_token", "acme.internal_token"])
        let check = try run(["rules", "check", "--extra-rules", rules.path])
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        try write(id: "gitlab.personal_access_token")
        let clash = try run(["scan", "path", target.path, "--no-store", "--extra-rules", rules.path] + keyArgs)
        XCTAssertEqual(clash.status, 2)
        XCTAssertTrue(clash.stderr.contains("gitlab.personal_access_token") && clash.stderr.contains("acme.yml"), clash.stderr)
    }

    /// The container recipe cannot be built here (no Docker engine): its package lists are kept
    /// equal to the Makefile's, which `make deb` and CI use.
    func testTheContainerRecipeUsesTheMakefilesPackageLists() throws {
        let makefile = try String(contentsOf: Self.root.appendingPathComponent("Makefile"), encoding: .utf8)
        let dockerfile = try String(contentsOf: Self.root.appendingPathComponent("Dockerfile"), encoding: .utf8)
        func list(_ name: String) throws -> Set<String> {
            let line = try XCTUnwrap(makefile.split(separator: "\n").first { $0.hasPrefix(name + " := ") }, name)
            return Set(line.dropFirst(name.count + 4).split(separator: " ").map(String.init))
        }
        /// The packages of the `apt-get install` in the stage that starts `FROM prefix`.
        func installed(stage prefix: String) throws -> Set<String> {
            let stage = try XCTUnwrap(dockerfile.components(separatedBy: "\nFROM ").first { $0.hasPrefix(prefix) }, prefix)
            let install = try XCTUnwrap(stage.range(of: "apt-get install -y --no-install-recommends "), "apt-get install in \(prefix)")
            let words = stage[install.upperBound...].prefix { $0 != "\\" && $0 != "\n" }.split(separator: " ")
            return Set(words.map(String.init))
        }
        XCTAssertEqual(try installed(stage: "debian:bookworm-slim"), try list("RUNTIME_PACKAGES"), "runtime stage = the .deb's Depends")
        XCTAssertEqual(try installed(stage: "swift:"), try list("SYSTEM_PACKAGES"), "build stage = what make installs to build")
        let template = try String(contentsOf: Self.root.appendingPathComponent("templates/secretradar.gitlab-ci.yml"), encoding: .utf8)
        XCTAssertTrue(template.contains("SECRETRADAR_IMAGE: $CI_REGISTRY/security/secretradar:latest"), "the image a team builds")
        XCTAssertFalse(template.contains("registry.example.com"))
    }
}
