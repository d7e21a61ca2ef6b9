import Foundation
import RadarMatch
import RadarModel
import RadarRules
import XCTest

final class MatcherTests: XCTestCase {
    static let token = "glpat-bBRsk29cztUX1kmObfEj"

    func rule(
        _ id: String, _ pattern: String, entropy: Double? = nil, confidence: Confidence = .high, categories: [String] = ["test"],
        prefilter: String? = nil
    ) -> Rule {
        Rule(id: id, name: id, pattern: pattern, prefilter: prefilter, minEntropy: entropy, confidence: confidence, categories: categories)
    }

    func scan(_ text: String, _ rules: [Rule], options: MatcherOptions = MatcherOptions()) throws -> [Match] {
        let matcher = try Matcher(rules: rules, options: options)
        return matcher.scan(Array(text.utf8), scratch: try matcher.makeScratch())
    }

    let glpat = Rule(
        id: "t.glpat", name: "t", pattern: #"(?x) \b (?<secret> glpat-[0-9A-Za-z_-]{20} ) (?:[^0-9A-Za-z_-]|$)"#, confidence: .high)

    func testReportsRuleSpanLineColumnAndEntropy() throws {
        let text = "first line\n  token: \(Self.token)\n"
        let matches = try scan(text, [glpat])
        XCTAssertEqual(matches.count, 1)
        let m = try XCTUnwrap(matches.first)
        XCTAssertEqual(m.ruleID, "t.glpat")
        XCTAssertEqual(String(decoding: m.secret, as: UTF8.self), Self.token)
        XCTAssertEqual(m.line, 2)
        XCTAssertEqual(m.column, 10)
        XCTAssertEqual(m.secretSpan, 20..<46)
        XCTAssertEqual(m.entropy, Entropy.shannon(Array(Self.token.utf8)), accuracy: 1e-9)
        XCTAssertEqual(m.confidence, .high)
    }

    func testFindsEveryOccurrenceNotOnlyTheFirst() throws {
        let other = "glpat-Zq81mKd02LxPw7RtYv3N"
        let matches = try scan("a=\(Self.token)\nb=\(other)\nc=\(Self.token)", [glpat])
        XCTAssertEqual(matches.map(\.line), [1, 2, 3])
    }

    func testSecretGroupFallsBackToGroupOneThenWholeMatch() throws {
        let byGroup = try scan("key=k3f9q2m7x8z1p4w6", [rule("t.one", #"key=([0-9a-z]{16})"#)])
        XCTAssertEqual(byGroup.map { String(decoding: $0.secret, as: UTF8.self) }, ["k3f9q2m7x8z1p4w6"])
        let whole = try scan("XQ7-Z81K-PLM4", [rule("t.whole", #"XQ7-[0-9A-Z]{4}-[0-9A-Z]{4}"#)])
        XCTAssertEqual(whole.map { String(decoding: $0.secret, as: UTF8.self) }, ["XQ7-Z81K-PLM4"])
    }

    func testEntropyGateDropsLowEntropySecrets() throws {
        let r = rule("t.pw", #"password=(\S{8,})"#, entropy: 3.0)
        XCTAssertEqual(try scan("password=aabbaabbaabb", [r]).count, 0)
        XCTAssertEqual(try scan("password=Kq8#vR2!mZ7$", [r]).count, 1)
    }

    func testPlaceholderFilterDropsObviousNonSecrets() throws {
        let r = rule("t.any", #"value=(\S+)"#)
        for placeholder in [
            "${TOKEN}", "$TOKEN", "<token>", "changeme", "your_api_key_here", "xxxxxxxxxxxx", "AKIAIOSFODNN7EXAMPLE", "abcdefghijkl",
            "1234567890", "password",
        ] {
            XCTAssertEqual(try scan("value=\(placeholder)", [r]).count, 0, placeholder)
        }
        XCTAssertEqual(try scan("value=Kq8vR2mZ7tLw", [r]).count, 1)
    }

    func testInlineIgnoreCommentSuppressesOnlyItsLine() throws {
        let text = "a=\(Self.token) # secretradar:ignore\nb=\(Self.token)\n"
        let matches = try scan(text, [glpat])
        XCTAssertEqual(matches.map(\.line), [2])
        let off = try scan(text, [glpat], options: MatcherOptions(honourIgnoreComments: false))
        XCTAssertEqual(off.map(\.line), [1, 2])
    }

    func testIgnoreMarkerIsLookedForWithinAWindowOfTheMatch() throws {
        let near = "a=\(Self.token) " + String(repeating: "x", count: 900) + " secretradar:ignore"
        XCTAssertEqual(try scan(near, [glpat]).count, 0)
        let far = "a=\(Self.token) " + String(repeating: "x", count: 5000) + " secretradar:ignore"
        XCTAssertEqual(try scan(far, [glpat]).count, 1, "a marker kilobytes away on a huge line does not count")
    }

    func testGenericRulesYieldToSpecificOnes() throws {
        let generic = rule("t.generic", #"(?i)token\s*=\s*(\S{16,})"#, confidence: .medium, categories: ["generic"])
        let matches = try scan("GITLAB_TOKEN = \(Self.token)", [generic, glpat])
        XCTAssertEqual(matches.map(\.ruleID), ["t.glpat"])
        let alone = try scan("GITLAB_TOKEN = Kq8vR2mZ7tLwPq9Xr", [generic, glpat])
        XCTAssertEqual(alone.map(\.ruleID), ["t.generic"])
    }

    func testRulesLimitedToFileNamesRunOnlyOnThoseFiles() throws {
        var weak = rule("t.netrc_weak", #"password\s+(\S+)"#, confidence: .medium)
        weak.weakValues = .report
        weak.filenames = [".netrc", "*.netrc"]
        let generic = rule("t.generic", #"password\s+(\S{4,})"#, confidence: .low, categories: ["generic"])
        let matcher = try Matcher(rules: [generic, weak, glpat])
        let scratch = try matcher.makeScratch()
        let text = Array("machine h login u password hunter2 token \(Self.token)".utf8)
        // Anywhere else, the limited rule is not even compiled into the databases that run everywhere.
        XCTAssertEqual(matcher.scan(text, scratch: scratch).map(\.ruleID), ["t.generic", "t.glpat"])
        XCTAssertEqual(matcher.scan(text, scratch: scratch, path: "docs/netrc.md").map(\.ruleID), ["t.generic", "t.glpat"])
        // In a file so named it runs, and the generic match of the same secret yields to it.
        for path in ["/home/u/.netrc", ".netrc", "backup/old.netrc"] {
            XCTAssertEqual(matcher.scan(text, scratch: scratch, path: path).map(\.ruleID), ["t.netrc_weak", "t.glpat"], path)
        }
        XCTAssertEqual(matcher.fileRuleIDs(forPath: "a/b/.netrc"), ["t.netrc_weak"])
        XCTAssertEqual(matcher.fileRuleIDs(forPath: "a/.netrc/b"), [])
        XCTAssertEqual(matcher.prefilterDescription(ruleIndex: 1), "exact", "how its own matcher takes it")
        // Cloned scratches (one per worker) carry the limited rules' scratch too.
        let clone = try matcher.makeScratches(2)[1]
        XCTAssertEqual(matcher.scan(text, scratch: clone, path: ".netrc").map(\.ruleID), ["t.netrc_weak", "t.glpat"])
    }

    func testSameSecretSpanKeepsTheMostConfidentRule() throws {
        let low = rule("t.low", #"_authToken=(\S+)"#, confidence: .medium)
        let matches = try scan("_authToken=\(Self.token)", [low, glpat])
        XCTAssertEqual(matches.map(\.ruleID), ["t.glpat"])
    }

    func testPrefilterAndPCRE2AloneAgreeOnTheCorpus() throws {
        let rules = try RuleLoader.load(path: RulePackTests.patterns)
        let fast = try Matcher(rules: rules)
        let slow = try Matcher(rules: rules, options: MatcherOptions(usePrefilter: false))
        let fastScratch = try fast.makeScratch()
        let slowScratch = try slow.makeScratch()
        // corpus/files, and the recall corpus: over a thousand secrets of every rule's shape at every
        // offset of realistic files, where a vectorscan miss (docs/matching.md) or a widened
        // repeat that changed what matches would show as a difference.
        var total = 0
        var recall = 0
        for directory in ["corpus/files", "corpus/recall/files"] {
            let root = RulePackTests.root.appendingPathComponent(directory)
            for file in try FileManager.default.subpathsOfDirectory(atPath: root.path).sorted() {
                guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(file).path) else { continue }
                let bytes = [UInt8](data)
                let a = fast.scan(bytes, scratch: fastScratch)
                let b = slow.scan(bytes, scratch: slowScratch)
                XCTAssertEqual(a, b, "\(directory)/\(file)")
                total += a.count
                if directory.hasSuffix("recall/files") { recall += a.count }
            }
        }
        XCTAssertGreaterThan(total, 15)
        XCTAssertGreaterThan(recall, 1000)
    }

    /// Patterns are JIT-compiled on first use; workers that meet a rule at the same moment must
    /// all wait for one compilation and find what a single thread finds.
    func testFirstUseFromManyThreadsAtOnceMatchesLikeOneThread() throws {
        let rules = try RuleLoader.load(path: RulePackTests.patterns)
        let files = try FileManager.default.subpathsOfDirectory(atPath: RulePackTests.root.appendingPathComponent("corpus/files").path)
        let corpus = files.sorted().compactMap { file in
            FileManager.default.contents(atPath: RulePackTests.root.appendingPathComponent("corpus/files/\(file)").path).map { [UInt8]($0) }
        }
        let reference = try Matcher(rules: rules)
        let referenceScratch = try reference.makeScratch()
        let expected = corpus.map { reference.scan($0, scratch: referenceScratch) }
        for _ in 0..<3 {
            let fresh = try Matcher(rules: rules)
            let results = Results(count: 8)
            DispatchQueue.concurrentPerform(iterations: 8) { worker in
                guard let scratch = try? fresh.makeScratch() else { return }
                results.set(worker, corpus.map { fresh.scan($0, scratch: scratch) })
            }
            for worker in 0..<8 { XCTAssertEqual(results.get(worker), expected, "worker \(worker)") }
        }
        XCTAssertGreaterThan(expected.joined().count, 15)
    }

    /// `makeScratches` allocates one scratch and clones the rest (vectorscan's `hs_clone_scratch`);
    /// every clone, used on its own thread, matches like the first, with one database or the two
    /// of incremental matching.
    func testClonedScratchesMatchLikeTheFirstOnEveryThread() throws {
        let rules = try RuleLoader.load(path: RulePackTests.patterns)
        let files = try FileManager.default.subpathsOfDirectory(atPath: RulePackTests.root.appendingPathComponent("corpus/files").path)
        let corpus = files.sorted().compactMap { file in
            FileManager.default.contents(atPath: RulePackTests.root.appendingPathComponent("corpus/files/\(file)").path).map { [UInt8]($0) }
        }
        for incremental in [false, true] {
            let matcher = try Matcher(rules: rules, options: MatcherOptions(incremental: incremental))
            XCTAssertEqual(try matcher.makeScratches(0).count, 0)
            let scratches = try matcher.makeScratches(6)
            XCTAssertEqual(scratches.count, 6)
            XCTAssertEqual(Set(scratches.map { ObjectIdentifier($0) }).count, 6, "six distinct scratches")
            let expected = corpus.map { matcher.scan($0, scratch: scratches[0]) }
            let results = Results(count: 6)
            let perThread = Scratches(scratches)
            DispatchQueue.concurrentPerform(iterations: 6) { worker in
                results.set(worker, corpus.map { matcher.scan($0, scratch: perThread.all[worker]) })
            }
            for worker in 0..<6 { XCTAssertEqual(results.get(worker), expected, "worker \(worker), incremental \(incremental)") }
            XCTAssertGreaterThan(expected.joined().count, 15)
        }
    }

    /// Scratches handed to threads, one each (a scratch is never shared).
    final class Scratches: @unchecked Sendable {
        let all: [MatcherScratch]
        init(_ all: [MatcherScratch]) { self.all = all }
    }

    final class Results: @unchecked Sendable {
        private var values: [[[Match]]]
        private let lock = NSLock()
        init(count: Int) { values = Array(repeating: [], count: count) }
        func set(_ i: Int, _ v: [[Match]]) { lock.withLock { values[i] = v } }
        func get(_ i: Int) -> [[Match]] { lock.withLock { values[i] } }
    }

    func testPrefilterPatternNarrowsWhereHeavyPatternsRun() throws {
        let heavy = rule("t.block", #"(?s)BEGIN KEY\n(?<secret>[A-Za-z0-9+/=\n]{16,65000}?)\nEND KEY"#, prefilter: "BEGIN KEY")
        var options = MatcherOptions()
        options.useAnchors = false
        let matcher = try Matcher(rules: [heavy], options: options)
        XCTAssertEqual(matcher.prefilterDescription(ruleIndex: 0), "prefilter pattern")
        let text = "noise\nBEGIN KEY\nQm9ndXNLZXlNYXRlcmlhbDEyMzQ1Ng==\nEND KEY\n"
        let matches = matcher.scan(Array(text.utf8), scratch: try matcher.makeScratch())
        XCTAssertEqual(matches.map { String(decoding: $0.secret, as: UTF8.self) }, ["Qm9ndXNLZXlNYXRlcmlhbDEyMzQ1Ng=="])
        // With anchors (the default) the same rule is found by its literal, with the same result.
        let anchored = try Matcher(rules: [heavy])
        XCTAssertEqual(anchored.prefilterDescription(ruleIndex: 0), "anchor")
        XCTAssertEqual(anchored.anchorDescription(ruleIndex: 0), #"BEGIN KEY\x0a within 10"#)
        XCTAssertEqual(anchored.scan(Array(text.utf8), scratch: try anchored.makeScratch()), matches)
    }

    /// An anchor occurrence that is not part of a match, matches that hold an anchor far from their
    /// start, and several matches after one another: the anchored path finds what PCRE2 alone finds.
    func testAnchoredConfirmationFindsWhatPCRE2AloneFinds() throws {
        let context = rule(
            "t.ctx", #"(?x) (?i: acme ) [\w.-]{0,24} (?i: key ) ["']? [\x20\t]{0,8} = [\x20\t]{0,4} (?<secret> [0-9a-f]{32} )"#)
        let anchored = try Matcher(rules: [context])
        XCTAssertEqual(anchored.prefilterDescription(ruleIndex: 0), "anchor")
        let slow = try Matcher(rules: [context], options: MatcherOptions(usePrefilter: false))
        // PCRE2 alone means no anchor either: otherwise every comparison with it compares anchors with anchors.
        XCTAssertTrue(slow.prefilterDescription(ruleIndex: 0).hasPrefix("pcre2-only"))
        let hex = "7c1e9a04b3f25d68e0a91c4b7f3d2e56"
        let text = """
            acme acme acme
            ACME_SERVICE_API_KEY = 9f2c4e1a7b3d5f6081a2c3e4f5a6b7c8
            x = acme; acmeKey=\(hex) ACMEKEY = 5f2c4e1a7b3d5f6081a2c3e4f5a6b7c9
            acme_key = short
            """
        let a = anchored.scan(Array(text.utf8), scratch: try anchored.makeScratch())
        let b = slow.scan(Array(text.utf8), scratch: try slow.makeScratch())
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.count, 3)
    }

    func testInvalidPatternNamesTheRule() {
        XCTAssertThrowsError(try Matcher(rules: [rule("t.bad", "(unclosed")])) { error in
            XCTAssertTrue(
                String(describing: error).hasPrefix("rule t.bad: pattern does not compile at offset 9"), String(describing: error))
        }
    }

    func testBytesThatAreNotUTF8AreMatched() throws {
        var bytes: [UInt8] = [0xff, 0xfe, 0x80, 0x20]
        bytes += Array(Self.token.utf8)
        bytes += [0x20, 0xc3]
        let matcher = try Matcher(rules: [glpat])
        XCTAssertEqual(matcher.scan(bytes, scratch: try matcher.makeScratch()).count, 1)
    }

    func testHostileInputFinishes() throws {
        // A long run that keeps a backtracking-prone generic rule busy must end (match limit), not hang.
        let r = rule(
            "t.hostile", #"(?i)(?:password|secret)[\w.-]{0,30}["']?\s*[:=]\s*["']?((?:[A-Za-z0-9+/=]+)+)["']"#, confidence: .medium)
        let text = "password=" + String(repeating: "a", count: 200_000)
        let matcher = try Matcher(rules: [r])
        _ = matcher.scan(Array(text.utf8), scratch: try matcher.makeScratch())
    }

    func testARuleStoppedByThePCRE2LimitIsReportedNotDropped() throws {
        // Catastrophic backtracking on a near miss; PCRE2 runs it directly (no prefilter), gives
        // up at the match limit, and the scratch names the rule instead of pretending "no match".
        let redos = rule("t.redos", #"^(a+)+$"#)
        let matcher = try Matcher(rules: [redos, glpat], options: MatcherOptions(usePrefilter: false))
        let scratch = try matcher.makeScratch()
        let hostile = String(repeating: "a", count: 40) + "b t=\(Self.token)"
        let matches = matcher.scan(Array(hostile.utf8), scratch: scratch)
        XCTAssertEqual(scratch.incompleteRules, ["t.redos"])
        XCTAssertEqual(matches.map(\.ruleID), ["t.glpat"], "other rules still run")
        _ = matcher.scan(Array("plain text".utf8), scratch: scratch)
        XCTAssertEqual(scratch.incompleteRules, [], "reset for each buffer")
    }

    func testHostileInputsThroughTheWholePackFinish() throws {
        // Shapes that once made a rule quadratic: unterminated key blocks (each BEGIN searched to
        // the end), a huge single line, and a flood of token-shaped strings. Time is not asserted
        // (benchmarks/README.md has the numbers); this keeps the shapes exercised and quiet.
        let matcher = try Matcher(rules: try RuleLoader.load(path: RulePackTests.patterns))
        let scratch = try matcher.makeScratch()
        let header = "-----BEGIN RSA PRIVATE KEY-----\n" + String(repeating: "QUFB", count: 16) + "\n"
        XCTAssertEqual(matcher.scan(Array(String(repeating: header, count: 20_000).utf8), scratch: scratch).count, 0)
        XCTAssertEqual(matcher.scan(Array(String(repeating: "x", count: 4_000_000).utf8), scratch: scratch).count, 0)
        let flood = String(repeating: "token = 'a1a1a1a1a1a1a1a1a1a1a1a1' ", count: 50_000)
        XCTAssertEqual(matcher.scan(Array(flood.utf8), scratch: scratch).count, 0)
    }

    func testEntropyValues() {
        XCTAssertEqual(Entropy.shannon([UInt8]()), 0)
        XCTAssertEqual(Entropy.shannon(Array("aaaa".utf8)), 0)
        XCTAssertEqual(Entropy.shannon(Array("abcd".utf8)), 2, accuracy: 1e-12)
        XCTAssertEqual(Entropy.shannon(Array(0...255).map(UInt8.init)), 8, accuracy: 1e-12)
    }

    func testPlaceholderFilterKeepsRandomLongValues() {
        XCTAssertFalse(PlaceholderFilter.isPlaceholder(Array("Qm9ndXNLZXlNYXRlcmlh".utf8)))
        XCTAssertTrue(PlaceholderFilter.isPlaceholder(Array("zyxwvutsrq".utf8)))
        XCTAssertTrue(PlaceholderFilter.isPlaceholder(Array("{{ vault_token }}".utf8)))
    }
}
