import RadarModel
import XCTest

@testable import RadarEngine

/// `.secretradar.toml`, `.secretradarignore` and path patterns (docs/configuration.md).
final class RepositoryConfigTests: XCTestCase {
    func testAFullFileIsRead() throws {
        let text = """
            # settings for this repository
            [scan]
            max_file_size = "5M"
            fail_severity = "high"
            exclude = ["vendor/**", "*.min.js"]

            [rules]
            disabled = ["generic.password_assignment"]
            extra = ["security/rules"]

            [allowlist]
            paths = ["test/fixtures/**"]
            rules = ["entropy.hex_secret"]
            regexes = ["^EXAMPLE", "x{3}"]
            findings = ["839AEDD16264"]
            """
        let config = try RepositoryConfig.parse(text, file: "repo/.secretradar.toml", base: "/repo")
        XCTAssertEqual(config.maxFileSize, 5 << 20)
        XCTAssertEqual(config.failSeverity, .high)
        XCTAssertEqual(config.exclude.map(\.description), ["vendor/**", "*.min.js"])
        XCTAssertEqual(config.disabledRules.map(\.id), ["generic.password_assignment"])
        XCTAssertEqual(config.disabledRules.map(\.line), [8])
        XCTAssertEqual(config.extraRules, ["/repo/security/rules"])
        XCTAssertEqual(config.allowPaths.map(\.description), ["test/fixtures/**"])
        XCTAssertEqual(config.allowRules.map(\.line), [13])
        XCTAssertEqual(config.allowFindings.map(\.id), ["839aedd16264"], "ids are compared in lower case")

        let filter = try config.filter(extraExclude: [PathGlob("build")!])
        XCTAssertTrue(filter.dropsPlace("vendor/lib/a.py"))
        XCTAssertTrue(filter.dropsPlace("web/app.min.js"))
        XCTAssertTrue(filter.dropsPlace("build/out.txt"), "--exclude adds to the file's patterns")
        XCTAssertTrue(filter.dropsPlace("test/fixtures/keys/id_rsa"))
        XCTAssertFalse(filter.dropsPlace("src/app.py"))
        XCTAssertFalse(filter.excludes(path: "test/fixtures/a"), "allowlisted, not excluded")
        XCTAssertTrue(filter.dropsMatch(rule: "entropy.hex_secret", secret: Array("abc".utf8)))
        XCTAssertTrue(filter.dropsMatch(rule: "aws.access_key", secret: Array("EXAMPLEKEY".utf8)))
        XCTAssertTrue(filter.dropsMatch(rule: "aws.access_key", secret: Array("aaxxxbb".utf8)))
        XCTAssertFalse(
            filter.dropsMatch(rule: "aws.access_key", secret: Array("AKIAEXAMPLE".utf8)), "regexes are not anchored unless written so")
        XCTAssertTrue(filter.dropsFinding(id: "839aedd162644cb086fbaa6ab5559109b618b307d246eb6ae6137b40977a2e73"))
        XCTAssertFalse(filter.dropsFinding(id: "939aedd162644cb086fbaa6ab5559109b618b307d246eb6ae6137b40977a2e73"))
        XCTAssertNotEqual(filter.digest, try RepositoryConfig().filter().digest, "a filter changes what the store's matching means")
    }

    /// Bad settings name the file and the line, and quote nothing the file holds but key names.
    func testMistakesNameFileAndLineAndQuoteNoValue() throws {
        func error(_ text: String) -> ConfigError? {
            do {
                _ = try RepositoryConfig.parse(text, file: ".secretradar.toml", base: ".")
                return nil
            } catch { return error }
        }
        let secret = "hunter2-Qx9vLm3"
        let broken = try XCTUnwrap(error("[scan]\nexclude = [\"a\"]\npassword = '\(secret)\n"))
        XCTAssertEqual(broken.line, 3, broken.description)
        XCTAssertTrue(broken.description.hasPrefix(".secretradar.toml:3:"), broken.description)
        XCTAssertFalse(broken.description.contains("hunter2"), broken.description)

        let unknownTable = try XCTUnwrap(error("[scan]\nexclude = []\n\n[alowlist]\npaths = []\n"))
        XCTAssertEqual(unknownTable.line, 4, unknownTable.description)
        XCTAssertTrue(unknownTable.message.contains("unknown key 'alowlist'"), unknownTable.message)

        let unknownKey = try XCTUnwrap(error("[allowlist]\npaths = []\nregex = [\"x\"]\n"))
        XCTAssertEqual(unknownKey.line, 3, unknownKey.description)

        let dotted = try XCTUnwrap(error("scan.exclude = \"vendor\"\n"))
        XCTAssertEqual(dotted.line, 1)
        XCTAssertTrue(dotted.message.contains("must be an array of strings"), dotted.message)

        let severity = try XCTUnwrap(error("[scan]\n\nfail_severity = \"severe\"\n"))
        XCTAssertEqual(severity.line, 3, severity.description)
        XCTAssertFalse(severity.description.contains("severe\""), severity.description)

        let size = try XCTUnwrap(error("[scan]\nmax_file_size = \"lots\"\n"))
        XCTAssertEqual(size.line, 2)

        let regex = try XCTUnwrap(error("[allowlist]\nrules = []\nregexes = [\"ok\", \"(unclosed\"]\n"))
        XCTAssertEqual(regex.line, 3, regex.description)
        XCTAssertFalse(regex.description.contains("unclosed"), regex.description)

        let id = try XCTUnwrap(error("[allowlist]\nfindings = [\n  \"839aedd16264\",\n  \"short\",\n]\n"))
        XCTAssertEqual(id.line, 4, "the element's own line: \(id.description)")
    }

    func testDisabledAndAllowlistedRulesMustExist() throws {
        let config = try RepositoryConfig.parse(
            "[rules]\ndisabled = [\"a.one\"]\n[allowlist]\nrules = [\n  \"a.two\",\n  \"a.thre\",\n]\n", file: "s.toml", base: ".")
        let rules = ["a.one", "a.two", "a.three"].map { Rule(id: $0, name: $0, pattern: "x", confidence: .high) }
        XCTAssertThrowsError(try config.applyDisabled(to: rules)) { error in
            let e = error as? ConfigError
            XCTAssertEqual(e?.line, 6, "\(error)")
            XCTAssertTrue(e?.message.contains("'a.thre'") ?? false, "\(error)")
        }
        let fixed = try RepositoryConfig.parse(
            "[rules]\ndisabled = [\"a.one\"]\n[allowlist]\nrules = [\"a.two\"]\n", file: "s.toml", base: ".")
        XCTAssertEqual(try fixed.applyDisabled(to: rules).map(\.id), ["a.two", "a.three"])
    }

    func testExtraRulesNeedAWorkTree() {
        XCTAssertThrowsError(try RepositoryConfig.parse("[rules]\nextra = [\"r\"]\n", file: "main:.secretradar.toml", base: nil)) {
            XCTAssertEqual(($0 as? ConfigError)?.line, 2)
        }
    }

    func testIgnoreFileTakesIdsWithReasons() throws {
        var config = RepositoryConfig()
        try config.addIgnoreFile(
            "# reviewed 2026-12\n\n839aedd16264  test fixture, not a key\r\nFF662E385EFD18B2\tthe docs' example password\n",
            file: ".secretradarignore")
        XCTAssertEqual(config.allowFindings.map(\.id), ["839aedd16264", "ff662e385efd18b2"])
        XCTAssertEqual(config.allowFindings.map(\.reason), ["test fixture, not a key", "the docs' example password"])
        for (text, line) in [("839aedd16264\n", 1), ("# x\n839aedd1626 too short\n", 2), ("\nnot-an-id reason\n", 2)] {
            var c = RepositoryConfig()
            XCTAssertThrowsError(try c.addIgnoreFile(text, file: ".secretradarignore"), text) {
                XCTAssertEqual(($0 as? ConfigError)?.line, line, "\($0)")
            }
        }
    }

    func testPathPatterns() {
        let cases: [(String, String, Bool)] = [
            ("vendor/**", "vendor/a/b.go", true), ("vendor/**", "src/vendor/a.go", false), ("vendor/**", "vendor", false),
            ("vendor", "vendor/a.go", true), ("vendor", "src/vendor/a.go", true), ("vendor", "vendors/a.go", false),
            ("*.min.js", "web/app.min.js", true), ("*.min.js", "app.min.js", true), ("*.min.js", "app.js", false),
            ("test/fixtures", "test/fixtures/keys/a.pem", true), ("test/fixtures", "src/test/fixtures/a", false),
            ("/docs/*.md", "docs/a.md", true), ("/docs/*.md", "docs/x/a.md", false), ("./docs/", "docs/a.md", true),
            ("**/testdata/**", "a/b/testdata/c", true), ("**/testdata/**", "testdata/c", true),
            ("src/**/secret?.txt", "src/secret1.txt", true), ("src/**/secret?.txt", "src/a/b/secret2.txt", true),
            ("src/**/secret?.txt", "src/a/secret10.txt", false), ("config/[ab].yml", "config/a.yml", true),
            ("config/[ab].yml", "config/c.yml", false), ("*.env", "./deploy/.env", true), (".env", "./deploy/.env", true),
        ]
        for (pattern, path, expected) in cases {
            XCTAssertEqual(PathGlob(pattern)?.matches(path), expected, "\(pattern) against \(path)")
        }
        XCTAssertNil(PathGlob(""))
        XCTAssertNil(PathGlob("./"))
    }
}
