import RadarModel
import XCTest

@testable import RadarRules

final class RuleLoaderTests: XCTestCase {
    let good = """
        rules:
          - id: demo.token
            name: Demo token
            confidence: high
            min_entropy: 3.5
            categories: [api-token]
            description: A demo token.
            references: [https://example.com/tokens]
            pattern: |
              (?x) \\b (?<secret> demo_[0-9a-z]{16} ) \\b
            examples:
              - 'key = demo_a8f3k2m9q7x1z5c4'
              - text: 'demo_b7d2f9k4m1q8x3z6'
                secret: 'demo_b7d2f9k4m1q8x3z6'
            negative_examples:
              - demo_short
        """

    func testParsesEveryField() throws {
        let rules = try RuleLoader.parse(yaml: good, file: "demo.yml")
        XCTAssertEqual(rules.count, 1)
        let rule = rules[0]
        XCTAssertEqual(rule.id, "demo.token")
        XCTAssertEqual(rule.confidence, .high)
        XCTAssertEqual(rule.minEntropy, 3.5)
        XCTAssertEqual(rule.categories, ["api-token"])
        XCTAssertEqual(rule.references, ["https://example.com/tokens"])
        XCTAssertEqual(rule.examples.count, 2)
        XCTAssertNil(rule.examples[0].secret)
        XCTAssertEqual(rule.examples[1].secret, "demo_b7d2f9k4m1q8x3z6")
        XCTAssertEqual(rule.examples[1].origin?.line, 13)
        XCTAssertEqual(rule.negativeExamples, ["demo_short"])
        XCTAssertEqual(rule.origin, SourcePosition(file: "demo.yml", line: 2))
        XCTAssertTrue(rule.pattern.hasPrefix("(?x)"))
    }

    func testInvalidYAMLNamesFileAndLine() {
        let broken = "rules:\n  - id: a.b\n    name: [unclosed\n"
        XCTAssertThrowsError(try RuleLoader.parse(yaml: broken, file: "broken.yml")) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.hasPrefix("broken.yml:"), text)
            XCTAssertTrue(text.contains("4:") || text.contains("3:"), text)
        }
    }

    func testMissingFieldNamesTheRuleAndItsLine() {
        let yaml = good.replacingOccurrences(of: "    confidence: high\n", with: "")
        XCTAssertThrowsError(try RuleLoader.parse(yaml: yaml, file: "demo.yml")) { error in
            XCTAssertEqual(String(describing: error), "demo.yml:2: rule demo.token: missing required key `confidence`")
        }
    }

    func testUnknownKeyIsRejectedAtItsLine() {
        let yaml = good.replacingOccurrences(of: "    min_entropy: 3.5\n", with: "    min_entropie: 3.5\n")
        XCTAssertThrowsError(try RuleLoader.parse(yaml: yaml, file: "demo.yml")) { error in
            XCTAssertEqual(String(describing: error), "demo.yml:5: rule demo.token: unknown key `min_entropie`")
        }
    }

    func testBadConfidenceAndEntropyAreRejected() {
        let badConfidence = good.replacingOccurrences(of: "confidence: high", with: "confidence: certain")
        XCTAssertThrowsError(try RuleLoader.parse(yaml: badConfidence, file: "d.yml")) { error in
            XCTAssertTrue(String(describing: error).contains("`confidence` must be low, medium or high"))
        }
        let badEntropy = good.replacingOccurrences(of: "min_entropy: 3.5", with: "min_entropy: 9")
        XCTAssertThrowsError(try RuleLoader.parse(yaml: badEntropy, file: "d.yml")) { error in
            XCTAssertTrue(String(describing: error).contains("d.yml:5:"), String(describing: error))
        }
    }

    func testValueFiltersAreParsedAndUnknownNamesRejected() throws {
        let with = good.replacingOccurrences(
            of: "    min_entropy: 3.5\n", with: "    min_entropy: 3.5\n    value_filters: [identifier, uuid]\n")
        XCTAssertEqual(try RuleLoader.parse(yaml: with, file: "d.yml")[0].valueFilters, [.identifier, .uuid])
        let bad = good.replacingOccurrences(of: "    min_entropy: 3.5\n", with: "    min_entropy: 3.5\n    value_filters: [hexadecimal]\n")
        XCTAssertThrowsError(try RuleLoader.parse(yaml: bad, file: "d.yml")) { error in
            XCTAssertTrue(
                String(describing: error).hasPrefix("d.yml:6: rule demo.token: unknown value filter `hexadecimal`"),
                String(describing: error))
        }
    }

    func testWeakValuesAreParsedAndBadValuesRejected() throws {
        XCTAssertEqual(try RuleLoader.parse(yaml: good, file: "d.yml")[0].weakValues, .drop)
        let with = good.replacingOccurrences(of: "    min_entropy: 3.5\n", with: "    weak_values: report\n")
        XCTAssertEqual(try RuleLoader.parse(yaml: with, file: "d.yml")[0].weakValues, .report)
        let bad = good.replacingOccurrences(of: "    min_entropy: 3.5\n", with: "    weak_values: keep\n")
        XCTAssertThrowsError(try RuleLoader.parse(yaml: bad, file: "d.yml")) { error in
            XCTAssertTrue(
                String(describing: error).hasPrefix("d.yml:5: rule demo.token: `weak_values` must be drop or report"),
                String(describing: error))
        }
    }

    func testFileNamesAreParsedAndPathsRejected() throws {
        XCTAssertEqual(try RuleLoader.parse(yaml: good, file: "d.yml")[0].filenames, [])
        let with = good.replacingOccurrences(of: "    min_entropy: 3.5\n", with: "    filenames: ['.pgpass', '*.conf']\n")
        XCTAssertEqual(try RuleLoader.parse(yaml: with, file: "d.yml")[0].filenames, [".pgpass", "*.conf"])
        let bad = good.replacingOccurrences(of: "    min_entropy: 3.5\n", with: "    filenames: ['etc/.pgpass']\n")
        XCTAssertThrowsError(try RuleLoader.parse(yaml: bad, file: "d.yml")) { error in
            XCTAssertTrue(String(describing: error).contains("`filenames` are globs on a file's name"), String(describing: error))
        }
    }

    func testDuplicateIDsAcrossFilesAreRejected() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try good.write(to: dir.appendingPathComponent("a.yml"), atomically: true, encoding: .utf8)
        try good.write(to: dir.appendingPathComponent("b.yml"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try RuleLoader.load(path: dir.path)) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.contains("b.yml:2: rule demo.token: duplicate id (first defined at"), text)
            XCTAssertTrue(text.contains("a.yml:2"), text)
        }
    }

    func testMissingDirectoryIsAClearError() {
        XCTAssertThrowsError(try RuleLoader.load(path: "/nonexistent/rules")) { error in
            XCTAssertEqual(String(describing: error), "/nonexistent/rules: cannot read rules: no such file or directory")
        }
    }

    func testIDFormat() {
        XCTAssertTrue(RuleSetValidator.isValidID("gitlab.personal_access_token"))
        XCTAssertTrue(RuleSetValidator.isValidID("a.b.c2"))
        XCTAssertFalse(RuleSetValidator.isValidID("gitlab"))
        XCTAssertFalse(RuleSetValidator.isValidID("GitLab.pat"))
        XCTAssertFalse(RuleSetValidator.isValidID("gitlab..pat"))
        XCTAssertFalse(RuleSetValidator.isValidID("gitlab.pat-token"))
    }

    func testValidatorCountsExamples() throws {
        var rule = try RuleLoader.parse(yaml: good, file: "demo.yml")[0]
        XCTAssertEqual(RuleSetValidator.problems(in: [rule]), [])
        rule.examples.removeLast()
        rule.negativeExamples = []
        let messages = RuleSetValidator.problems(in: [rule]).map(\.message)
        XCTAssertEqual(messages, ["needs at least 2 examples, has 1", "needs at least 1 negative example, has 0"])
    }
}

final class RuleCacheTests: XCTestCase {
    func testCachedRulesEqualParsedRulesAndFollowEveryChange() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rulecache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let rules = dir.appendingPathComponent("rules")
        let cache = dir.appendingPathComponent("cache").path
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        func write(_ name: String) throws {
            let yaml = """
                rules:
                  - id: t.\(name)
                    name: Test
                    confidence: high
                    pattern: 'tok_[a-z]{8}'
                    examples: ['tok_abcdefgh']
                    negative_examples: ['tok_short']
                """
            try yaml.write(to: rules.appendingPathComponent("t.yml"), atomically: true, encoding: .utf8)
        }
        try write("first")
        let parsed = try RuleLoader.load(path: rules.path)
        XCTAssertEqual(try RuleLoader.load(path: rules.path, cacheDirectory: cache), parsed)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0.hasPrefix("rules-") }.count, 1)
        XCTAssertEqual(try RuleLoader.load(path: rules.path, cacheDirectory: cache), parsed, "from the cache")
        try write("second")
        XCTAssertEqual(
            try RuleLoader.load(path: rules.path, cacheDirectory: cache).map(\.id), ["t.second"], "a changed file is parsed again")
        for name in try FileManager.default.contentsOfDirectory(atPath: cache) {
            try Data("garbage".utf8).write(to: URL(fileURLWithPath: cache + "/" + name))
        }
        XCTAssertEqual(try RuleLoader.load(path: rules.path, cacheDirectory: cache).map(\.id), ["t.second"], "a damaged cache is ignored")
    }

    /// The cache's binary form gives back exactly the shipped pack (every field, examples and
    /// origins included), and anything cut short or altered is refused rather than half-read.
    func testTheCacheCodecRoundTripsTheShippedPackAndRefusesDamage() throws {
        let pack = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("patterns").path
        let rules = try RuleLoader.load(path: pack)
        XCTAssertGreaterThan(rules.count, 50)
        XCTAssertTrue(rules.contains { $0.minEntropy != nil && $0.prefilter != nil || $0.minEntropy != nil })
        XCTAssertTrue(rules.contains { $0.weakValues == .report }, "a rule that reports weak values, so the field is round-tripped")
        let encoded = RuleCacheCodec.encode(rules)
        XCTAssertEqual(RuleCacheCodec.decode(encoded), rules)
        for cut in [0, 5, encoded.count / 3, encoded.count - 1] {
            XCTAssertNil(RuleCacheCodec.decode(encoded.prefix(cut)), "cut at \(cut)")
        }
        XCTAssertNil(RuleCacheCodec.decode(encoded + Data([0])), "trailing bytes")
        var bad = encoded
        bad[8] ^= 0xff
        XCTAssertNil(RuleCacheCodec.decode(bad), "an impossible count")
    }
}
