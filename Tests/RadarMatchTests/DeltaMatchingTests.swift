import CVectorscan
import Foundation
import RadarModel
import RadarRules
import RadarSupport
import RadarTestSupport
import XCTest

@testable import RadarMatch

/// Incremental matching of delta-derived buffers must give exactly what a whole scan gives
/// (docs/delta-matching.md). Derived buffers are built the way a git delta builds them: copies of
/// base ranges, in any order and repeated, with inserted bytes between.
final class DeltaMatchingTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let matcher: Matcher = {
        let rules = try! RuleLoader.load(path: root.appendingPathComponent("patterns").path)
        return try! Matcher(rules: rules, options: MatcherOptions(incremental: true))
    }()

    /// Text with secrets of many rules: the demo corpus's text files, concatenated.
    static let corpus: [UInt8] = {
        var out: [UInt8] = []
        let dir = root.appendingPathComponent("corpus/files")
        let files = FileManager.default.enumerator(atPath: dir.path)!.compactMap { $0 as? String }.sorted()
        for f in files where !f.hasSuffix(".bin") {
            if let d = FileManager.default.contents(atPath: dir.appendingPathComponent(f).path) { out += d }
        }
        return out
    }()

    /// A piece of a derived buffer: a copy of a base range, or inserted bytes.
    enum Piece {
        case copy(Range<Int>)
        case insert([UInt8])
    }

    static func build(_ pieces: [Piece], base: [UInt8]) -> (bytes: [UInt8], copies: [CopySegment]) {
        var out: [UInt8] = []
        var copies: [CopySegment] = []
        for p in pieces {
            switch p {
            case .copy(let r):
                copies.append(CopySegment(target: out.count, source: r.lowerBound, length: r.count))
                out += base[r]
            case .insert(let b):
                out += b
            }
        }
        return (out, copies)
    }

    /// The pack's rules wider than the narrow tier (command lines, connection strings, long
    /// tokens) without the short `prefilter` heads that keep them narrow: they fall into the medium
    /// tier, which a rule pack of someone else's may well use.
    static let wideRules: [Rule] = {
        var modes = ModeCache(directory: nil)
        return try! RuleLoader.load(path: root.appendingPathComponent("patterns").path).filter { rule in
            guard rule.prefilter != nil, rule.filenames.isEmpty, case .exact(let w?) = modes.mode(for: rule.pattern) else { return false }
            return w > LocalRules.maxWidth && w <= LocalRules.maxMediumWidth
        }
    }()
    static let mediumMatcher = try! Matcher(
        rules: wideRules.map {
            var r = $0
            r.prefilter = nil
            return r
        }, options: MatcherOptions(incremental: true))

    func full(_ bytes: [UInt8], _ matcher: Matcher = DeltaMatchingTests.matcher) -> (matches: [Match], memory: MatchMemory?) {
        let scratch = try! matcher.makeScratch()
        return bytes.withUnsafeBufferPointer { matcher.scan($0, scratch: scratch, remember: true) }
    }

    func derived(
        _ bytes: [UInt8], from memory: MatchMemory, copies: [CopySegment], _ matcher: Matcher = DeltaMatchingTests.matcher
    ) -> (matches: [Match], memory: MatchMemory?) {
        let scratch = try! matcher.makeScratch()
        return bytes.withUnsafeBufferPointer { matcher.scan($0, scratch: scratch, derivedFrom: memory, copies: copies) }
    }

    func assertSame(
        _ pieces: [Piece], base: [UInt8], memory: MatchMemory, _ matcher: Matcher = DeltaMatchingTests.matcher,
        file: StaticString = #filePath, line: UInt = #line
    ) -> ([UInt8], MatchMemory?) {
        let (bytes, copies) = Self.build(pieces, base: base)
        let expected = full(bytes, matcher)
        let got = derived(bytes, from: memory, copies: copies, matcher)
        XCTAssertEqual(got.matches, expected.matches, "matches differ", file: file, line: line)
        if let e = expected.memory, let g = got.memory {
            XCTAssertEqual(g.endsBySlot, e.endsBySlot, "carried vectorscan ends differ", file: file, line: line)
            XCTAssertEqual(g.overflowedSlots, e.overflowedSlots, file: file, line: line)
        }
        return (bytes, got.memory)
    }

    func testCorpusHasFindingsToCarry() {
        XCTAssertGreaterThan(full(Self.corpus).matches.count, 20)
    }

    func testSmallEditsAroundSecretsGiveTheWholeScanResult() throws {
        let base = Self.corpus
        let memory = try XCTUnwrap(full(base).memory)
        let secrets = full(base).matches.map(\.secretSpan)
        for (i, s) in secrets.enumerated() {
            // Insert inside the secret, right before it, right after it, and replace its first byte.
            let cases: [[Piece]] = [
                [.copy(0..<s.lowerBound + 3), .insert(Array("X".utf8)), .copy(s.lowerBound + 3..<base.count)],
                [.copy(0..<s.lowerBound), .insert(Array("\n".utf8)), .copy(s.lowerBound..<base.count)],
                [.copy(0..<s.upperBound), .insert(Array("Z9".utf8)), .copy(s.upperBound..<base.count)],
                [.copy(0..<s.lowerBound), .insert(Array("q".utf8)), .copy(s.lowerBound + 1..<base.count)],
            ]
            for (k, pieces) in cases.enumerated() {
                _ = assertSame(pieces, base: base, memory: memory)
                if testRun?.failureCount ?? 0 > 0 { return XCTFail("secret \(i), case \(k)") }
            }
        }
    }

    /// Rules of the medium tier (command lines, connection strings: wider than the narrow windows)
    /// are matched in windows of their own radius; their ends must be carried and re-found exactly.
    /// The pack keeps its wide rules narrow with `prefilter` heads, so the test takes them without.
    func testMediumTierRulesGiveTheWholeScanResult() throws {
        let m = Self.mediumMatcher
        let medium = m.local.rules.indices.filter { m.local.medium[$0] }.map { m.rules[m.local.rules[$0]] }
        XCTAssertGreaterThan(medium.count, 5, "the pack has rules wider than the narrow tier")
        XCTAssertGreaterThan(m.local.mediumRadius, Self.matcher.local.radius)
        let packMedium = Self.matcher.local.rules.indices.filter { Self.matcher.local.medium[$0] }
        XCTAssertEqual(packMedium.count, 0, "the pack's own rules all fit the narrow tier (their prefilters)")
        let filler = Array(String(repeating: "    let value = compute(index, limit) // ordinary code\n", count: 60).utf8)
        var base: [UInt8] = []
        var examples: [Range<Int>] = []
        for rule in medium {
            guard let example = rule.examples.first else { continue }
            base += filler
            examples.append(base.count..<(base.count + example.text.utf8.count))
            base += Array(example.text.utf8) + [0x0a]
        }
        base += filler
        let whole = full(base, m)
        let memory = try XCTUnwrap(whole.memory)
        XCTAssertGreaterThan(
            Set(whole.matches.map(\.ruleID)).intersection(medium.map(\.id)).count, medium.count / 2, "the examples are found")
        // The same rules with their prefilter heads (narrow) find exactly the same.
        let heads = try Matcher(rules: Self.wideRules, options: MatcherOptions(incremental: true))
        XCTAssertTrue(heads.local.medium.allSatisfy { !$0 })
        XCTAssertEqual(full(base, heads).matches, whole.matches)
        for r in examples {
            let middle = (r.lowerBound + r.upperBound) / 2
            // An edit inside each example, one just before it, and one a window's width away.
            _ = assertSame([.copy(0..<middle), .insert(Array("7".utf8)), .copy(middle..<base.count)], base: base, memory: memory, m)
            _ = assertSame(
                [.copy(0..<r.lowerBound), .insert(Array("x ".utf8)), .copy(r.lowerBound..<base.count)], base: base, memory: memory, m)
            let far = max(0, r.lowerBound - m.local.radius - 40)
            _ = assertSame([.copy(0..<far), .insert(Array("\n".utf8)), .copy(far..<base.count)], base: base, memory: memory, m)
        }
    }

    /// The narrow windows are as wide as the pack's widest narrow rule: one rule of 460 bytes made
    /// git history matching ~12% slower on the benchmark history (docs/delta-matching.md). A rule
    /// that wide needs a `prefilter` head.
    func testThePacksNarrowWindowsStaySmall() {
        let m = Self.matcher
        let widest = m.local.rules.indices.filter { !m.local.medium[$0] }.max { m.local.widths[$0] < m.local.widths[$1] }
        let name = widest.map { m.rules[m.local.rules[$0]].id } ?? "none"
        XCTAssertLessThanOrEqual(m.local.radius, 220, "widest narrow rule: \(name); give it a prefilter head")
    }

    /// The line tier's windows stop at the line breaks around a change, and its ends are carried
    /// when a line break bounds their zone (docs/delta-matching.md). Edits that split or join the
    /// lines of a secret, or touch the lines next to it, must give the whole scan's result: for
    /// every rule of the spanning tier (matches over several lines: nested keys, concatenations)
    /// and for line-tier rules, between lines short and long.
    func testEditsAtLineBreaksGiveTheWholeScanResult() throws {
        let m = Self.matcher
        let spanning = m.local.rules.indices.filter { m.local.tier[$0] == .spanning }.map { m.rules[m.local.rules[$0]] }
        let line = ["generic.password_assignment", "gitlab.personal_access_token", "aws.access_key_id", "generic.token_assignment"]
            .compactMap { id in m.rules.first { $0.id == id } }
        XCTAssertEqual(line.count, 4)
        var base: [UInt8] = []
        var examples: [Range<Int>] = []
        var rng = SplitMix(state: 20_261_206)
        for rule in spanning + line {
            for example in rule.examples {
                for _ in 0..<Int.random(in: 1...3, using: &rng) {
                    base += Array(String(repeating: "x", count: Int.random(in: 0...90, using: &rng)).utf8) + [0x0a]
                }
                examples.append(base.count..<(base.count + example.text.utf8.count))
                base += Array(example.text.utf8) + [0x0a]
            }
        }
        let whole = full(base)
        let memory = try XCTUnwrap(whole.memory)
        XCTAssertGreaterThan(
            Set(whole.matches.map(\.ruleID)).intersection(spanning.map(\.id)).count, spanning.count / 2, "the examples are found")
        let n = base.count
        for (i, r) in examples.enumerated() {
            let before = base[..<r.lowerBound].dropLast().lastIndex(of: 0x0a).map { $0 + 1 } ?? 0  // start of the line before
            let lineBreaks = base[r].indices.filter { base[$0] == 0x0a }
            var cases: [[Piece]] = [
                // A line break inserted just before and after the example, and in its middle.
                [.copy(0..<r.lowerBound), .insert([0x0a]), .copy(r.lowerBound..<n)],
                [.copy(0..<r.upperBound), .insert([0x0a]), .copy(r.upperBound..<n)],
                [.copy(0..<(r.lowerBound + r.count / 2)), .insert([0x0a]), .copy((r.lowerBound + r.count / 2)..<n)],
                // The line break before it removed: joined with the line before.
                [.copy(0..<(r.lowerBound - 1)), .copy(r.lowerBound..<n)],
                // The line before changed, lengthened and removed; the line after changed.
                [.copy(0..<before), .insert(Array("y = 1".utf8)), .copy(before..<n)],
                [.copy(0..<(r.lowerBound - 1)), .insert(Array(String(repeating: "z", count: 150).utf8)), .copy((r.lowerBound - 1)..<n)],
                [.copy(0..<before), .copy(r.lowerBound..<n)],
                [.copy(0..<min(n, r.upperBound + 2)), .insert(Array("q".utf8)), .copy(min(n, r.upperBound + 2)..<n)],
            ]
            // Each line break inside a multi-line example removed, and doubled.
            for b in lineBreaks {
                cases.append([.copy(0..<b), .copy((b + 1)..<n)])
                cases.append([.copy(0..<b), .insert([0x0a]), .copy(b..<n)])
            }
            for (k, pieces) in cases.enumerated() {
                _ = assertSame(pieces, base: base, memory: memory)
                if testRun?.failureCount ?? 0 > 0 { return XCTFail("example \(i), case \(k)") }
            }
        }
    }

    /// Most rules are of the line tier; one that may match across lines widens the git windows of
    /// the spanning tier's rules and costs a second vectorscan pass: give it a line-local
    /// `prefilter` head where one is as selective (docs/delta-matching.md).
    func testThePacksRulesAreMostlyOfTheLineTier() {
        let m = Self.matcher
        let tier = Dictionary(uniqueKeysWithValues: m.local.rules.indices.map { (m.rules[m.local.rules[$0]].id, m.local.tier[$0]) })
        XCTAssertEqual(tier["decode.concat"], .spanning, "a concatenation over lines")
        XCTAssertEqual(tier["akamai.edgegrid_client_secret"], .spanning, "an .edgerc section over lines")
        XCTAssertEqual(tier["facebook.app_secret"], .line, "its head stops before a nested key's line break")
        XCTAssertEqual(tier["aws.secret_access_key"], .line, "its head stops at the first line break")
        XCTAssertEqual(tier["generic.xml_element"], .line, "its head stops before attributes that may span lines")
        XCTAssertEqual(tier["azure.devops_legacy_personal_access_token"], .line, "a line break only at the match's start")
        XCTAssertEqual(tier["generic.secret_assignment"], .line)
        XCTAssertLessThanOrEqual(tier.values.filter { $0 == .spanning }.count, 8)
        XCTAssertNotNil(m.spanningDatabase)
    }

    func testBufferEdgesSeamsAndFinalNewline() throws {
        let base = Array("password = \"N8*Ar2#2iqfmSadn\"\ntoken: glpat-bBRsk29cztUX1kmObfEj".utf8)
        let memory = try XCTUnwrap(full(base).memory)
        let n = base.count
        let cases: [[Piece]] = [
            [.copy(0..<n), .insert(Array("\n".utf8))],  // a final newline after a token at the end
            [.copy(1..<n)],  // the start dropped: the first byte's left context changes
            [.copy(30..<n), .copy(0..<30)],  // halves swapped: a seam in the middle, copies out of order
            [.copy(30..<n), .copy(30..<n)],  // a range copied twice
            [.copy(0..<45), .copy(50..<n)],  // a token split by a deletion
            [.insert(Array("glpat-".utf8)), .copy(49..<n)],  // a token assembled from an insert and a copy
            [],
        ]
        for pieces in cases { _ = assertSame(pieces, base: base, memory: memory) }
    }

    func testRandomEditChainsGiveTheWholeScanResult() throws {
        var rng = SplitMix(state: 20_261_129)
        let fragments = [
            "glpat-", "AKIA", "ghp_", "hvs.", "xoxb-", "-----BEGIN RSA PRIVATE KEY-----\n", "-----END RSA PRIVATE KEY-----\n",
            "password = \"", "token: ", "secret_key=", "postgres://app:", "@db:5432/x\n", "\n", " ", "\"", "=",
            "N8*Ar2#2iqfmSadn", "bBRsk29cztUX1kmObfEj", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.",
        ]
        for round in 0..<12 {
            var base = Array(Self.corpus[(round * 997 % 4000)...].prefix(6000 + round * 500))
            var memory = try XCTUnwrap(full(base).memory)
            for _ in 0..<5 {
                var pieces: [Piece] = []
                var cursor = 0
                while cursor < base.count {
                    let len = Int.random(in: 1...min(2000, base.count - cursor), using: &rng)
                    switch Int.random(in: 0..<10, using: &rng) {
                    case 0: cursor += len  // delete
                    case 1:
                        var bytes: [UInt8] = []
                        for _ in 0..<Int.random(in: 1...4, using: &rng) { bytes += Array(fragments.randomElement(using: &rng)!.utf8) }
                        pieces.append(.insert(bytes))
                    case 2:
                        let start = Int.random(in: 0..<base.count, using: &rng)  // copy from elsewhere
                        pieces.append(.copy(start..<min(base.count, start + len)))
                    default:
                        pieces.append(.copy(cursor..<cursor + len))
                        cursor += len
                    }
                }
                let (next, nextMemory) = assertSame(pieces, base: base, memory: memory)
                if testRun?.failureCount ?? 0 > 0 { return XCTFail("round \(round)") }
                guard let nextMemory else { break }
                (base, memory) = (next, nextMemory)
            }
        }
    }
}

final class ModeCacheTests: XCTestCase {
    func testCachedModesEqualComputedModes() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("modecache-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let rules = try RuleLoader.load(path: DeltaMatchingTests.root.appendingPathComponent("patterns").path)
        let plain = try Matcher(rules: rules)
        let first = try Matcher(rules: rules, options: MatcherOptions(databaseCache: dir))
        let second = try Matcher(rules: rules, options: MatcherOptions(databaseCache: dir))
        XCTAssertTrue(try FileManager.default.contentsOfDirectory(atPath: dir).contains { $0.hasPrefix("modes-") })
        for i in rules.indices {
            XCTAssertEqual(first.prefilterDescription(ruleIndex: i), plain.prefilterDescription(ruleIndex: i))
            XCTAssertEqual(second.prefilterDescription(ruleIndex: i), plain.prefilterDescription(ruleIndex: i))
        }
        XCTAssertEqual(second.local.widths, plain.local.widths)
        XCTAssertEqual(ModeCache.decode(ModeCache.encode(.exact(maxWidth: nil))), .exact(maxWidth: nil))
        XCTAssertEqual(ModeCache.decode(ModeCache.encode(.unsupported(reason: "back-references"))), .unsupported(reason: "back-references"))
        XCTAssertNil(ModeCache.decode("e:twelve"))
    }

    /// The modes file round-trips any pattern text, and a damaged file reads as no cache.
    func testModesFileRoundTripsAndRejectsDamage() throws {
        let known = ["(?x) a # comment\n b": "e:12", "": "p", "ünïcödé\u{0}": "u:back-references", "x{1,3}": "e:-"]
        let bytes = ModeCache.encodeFile(known)
        XCTAssertEqual(ModeCache.decodeFile(bytes), known)
        XCTAssertNil(ModeCache.decodeFile(Array(bytes.dropLast())), "truncated")
        XCTAssertNil(ModeCache.decodeFile(Array(bytes.dropFirst())), "no header")
        XCTAssertEqual(ModeCache.decodeFile(ModeCache.header), [:])
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("modefile-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var cache = ModeCache(directory: dir)
        _ = cache.mode(for: "abc[0-9]{4}")
        cache.save()
        XCTAssertEqual(ModeCache(directory: dir).known, cache.known, "a second run reads what the first saved")
    }

    /// A cached vectorscan database is used only when its key matches byte for byte and the file is whole.
    func testDatabaseCacheRejectsAnotherKeyAndDamage() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dbcache-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try VectorscanDatabase(patterns: ["abc[0-9]{4}"], flags: [0], ids: [0], ruleIDs: ["t"], cacheDirectory: dir)
        let cache = DatabaseCache(directory: dir, patterns: ["abc[0-9]{4}"], flags: [0], ids: [0])
        let loaded = try XCTUnwrap(cache.load().flatMap(VectorscanDatabase.deserialize))
        hs_free_database(loaded)
        XCTAssertNil(DatabaseCache(directory: dir, patterns: ["abc[0-9]{5}"], flags: [0], ids: [0]).load(), "another key")
        var bytes = try XCTUnwrap(FileBytes.read(cache.path))
        bytes[12] ^= 0xff
        try Data(bytes).write(to: URL(fileURLWithPath: cache.path))
        XCTAssertNil(cache.load(), "a changed key byte")
        bytes[12] ^= 0xff
        try Data(bytes.prefix(cache.key.count + 20)).write(to: URL(fileURLWithPath: cache.path))
        XCTAssertNil(cache.load().flatMap(VectorscanDatabase.deserialize), "truncated: vectorscan refuses the bytes")
    }
}
