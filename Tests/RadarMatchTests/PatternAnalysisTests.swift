import Foundation
import RadarRules
import Testing

@testable import RadarMatch

/// The two rewrites of patterns for the vectorscan stage: widened repeats and anchor literals.
@Suite("Pattern relaxation and anchors")
struct PatternAnalysisTests {
    @Test("only {m,n} quantifiers outside classes, escapes and comments are widened")
    func relaxation() {
        #expect(PatternRelaxation.relaxed(#"a{2,5}b{3}c{1,}"#) == #"a{2,}b{3}c{1,}"#)
        #expect(PatternRelaxation.relaxed(#"[{0,9}]x\{1,2\}"#) == #"[{0,9}]x\{1,2\}"#)
        #expect(PatternRelaxation.relaxed(#"[]{1,2}]a{1,2}"#) == #"[]{1,2}]a{1,}"#)
        #expect(PatternRelaxation.relaxed("(?x) a{1,2} # b{3,4}\n c{5,6}") == "(?x) a{1,} # b{3,4}\n c{5,}")
        #expect(PatternRelaxation.relaxed(#"a{1,3}+a"#) == #"a{1,3}+a"#, "a possessive repeat is left as it is")
    }

    @Test("anchors are literals every match holds, with how far from the start they end")
    func anchors() throws {
        let prefix = try #require(RequiredLiterals.anchor(of: #"(?x) \b (?<secret> ghp_ [0-9A-Za-z]{36} ) \b"#))
        #expect(prefix.literals.map { String(decoding: $0.bytes, as: UTF8.self) } == ["ghp_"])
        #expect(prefix.reach == 4)
        let context = try #require(
            RequiredLiterals.anchor(
                of: #"(?x) (?i: \b (?: transfer [_.-]? )? wise ) [\w.-]{0,24} (?i: key | token ) = (?<secret> [0-9a-f]{32} )"#))
        #expect(context.literals == [RequiredLiterals.Literal(bytes: Array("wise".utf8), caseless: true)])
        #expect(context.reach == 13, "transfer + one separator + wise")
        let optional = try #require(RequiredLiterals.anchor(of: #"(?x) (?i: event [_.-]? grid ) [\w.-]{0,8} key = (\w{8})"#))
        #expect(
            Set(optional.literals.map { String(decoding: $0.bytes, as: UTF8.self) }) == [
                "eventgrid", "event_grid", "event.grid", "event-grid",
            ],
            "an optional part keeps the strings exact, instead of leaving only the common word `event`")
        #expect(optional.reach == 10)
        let slack = try #require(RequiredLiterals.anchor(of: #"\b(?<secret>xox[pe]-[0-9]{10,13})"#))
        #expect(Set(slack.literals.map { String(decoding: $0.bytes, as: UTF8.self) }) == ["xoxp-", "xoxe-"])
    }

    @Test("no anchor from optional parts, lookarounds, common words, short literals or syntax not understood")
    func noAnchor() {
        #expect(RequiredLiterals.anchor(of: #"(?:ghp_)?[0-9a-f]{32}"#) == nil)
        #expect(RequiredLiterals.anchor(of: #"(?=mailchimp)[a-z]{9}"#) == nil)
        #expect(RequiredLiterals.anchor(of: #"(?i:token)\s*=\s*([0-9a-f]{32})"#) == nil)
        #expect(RequiredLiterals.anchor(of: #"ab[0-9]{8}"#) == nil)
        #expect(RequiredLiterals.anchor(of: #"(ghp_)\1[0-9]{36}"#) == nil)
        #expect(RequiredLiterals.anchor(of: #"(?>ghp_)[0-9]{36}"#) == nil)
    }

    @Test("line breaks a match may hold inside: none at a token's ends, some in classes that hold one, nothing known for lookarounds")
    func lineBreaks() {
        #expect(RequiredLiterals.lineBreaks(#"(?x) \b ghp_ [0-9A-Za-z]{36} \b"#) == 0)
        #expect(
            RequiredLiterals.lineBreaks(#"(?x) (?: ^ | [^0-9A-Za-z] ) AKIA [0-9A-Z]{16} (?: [^0-9A-Za-z] | $ )"#) == 0,
            "a class that may be a line break at either end of the match")
        #expect(
            RequiredLiterals.lineBreaks(#"(?x) (?: (?i: azure ) | (?: ^ | [^A-Za-z0-9] ) (?i: ado ) ) [\w.-]{0,8} = [^\s"']{8,64}"#) == 0,
            "at the start of one branch of the first part")
        #expect(RequiredLiterals.lineBreaks(#"key[^\n]{0,20}=[^\s]{8}"#) == 0)
        #expect(RequiredLiterals.lineBreaks(#"a[[:alpha:]]{3}b[^\s,]{1,9}"#) == 0)
        #expect(RequiredLiterals.lineBreaks(#"(?x) a [^0-9] b"#) == 1, "the same class in the middle")
        #expect(RequiredLiterals.lineBreaks(#"key\s{0,16}=x"#) == 16)
        #expect(RequiredLiterals.lineBreaks(#"(?x) < \w+ (?: \x20 [^<>]{0,80} )? > x"#) == 80)
        #expect(RequiredLiterals.lineBreaks(#"(?x) name : \r?\n [\x20\t]{1,16} key"#) == 1)
        #expect(RequiredLiterals.lineBreaks(#"a.b"#) == 1, "`(?s)` is not followed: `.` may be a line break")
        #expect(RequiredLiterals.lineBreaks(#"a[\x00-\x7f]b"#) == 1)
        #expect(RequiredLiterals.lineBreaks(#"a[[:space:]]b"#) == 1)
        #expect(RequiredLiterals.lineBreaks(#"a[^ab]b"#) == 1, "a negated class holds \\n unless it lists it")
        #expect(RequiredLiterals.lineBreaks(#"a[^\x0a]b[^\r\n]c"#) == 0)
        #expect(RequiredLiterals.lineBreaks(#"a\sb\Wc\Dd"#) == 3)
        #expect(RequiredLiterals.lineBreaks(#"a\s+b"#) == nil, "unbounded")
        #expect(RequiredLiterals.lineBreaks(#"token(?=\s)"#) == nil, "a lookahead")
        #expect(RequiredLiterals.lineBreaks(#"a\Rb"#) == nil)
        #expect(RequiredLiterals.lineBreaks(#"a\pLb"#) == nil, "syntax not understood")
        func literal(_ s: String) -> RequiredLiterals.Literal { .init(bytes: Array(s.utf8), caseless: false) }
        #expect(RequiredLiterals.lineBreaks([literal("\nBEGIN KEY\n"), literal("xoxb-")]) == 0)
        #expect(RequiredLiterals.lineBreaks([literal("KEY\nBEGIN"), literal("xoxb-")]) == 1)
    }

    @Test("a pattern's width read from its text: bounded repeats, alternations; nothing for lookarounds or \\R")
    func widths() {
        #expect(RequiredLiterals.width(of: #"(?x) \b (?<secret> ghp_ [0-9A-Za-z]{36} ) \b"#) == 40)
        #expect(RequiredLiterals.width(of: #"(?:abc|de){2,3}x?"#) == 10)
        #expect(RequiredLiterals.width(of: #"a[^\n]{0,200}b"#) == 202)
        #expect(RequiredLiterals.width(of: #"a+"#) == nil)
        #expect(RequiredLiterals.width(of: #"token(?=[a-z]{3})"#) == nil, "a lookahead reads past the match")
        #expect(RequiredLiterals.width(of: #"(?<!x)token"#) == nil)
        #expect(RequiredLiterals.width(of: #"a\Rb"#) == nil, "\\R may be two bytes")
        #expect(RequiredLiterals.width(of: #"(a)\1"#) == nil)
    }

    /// Carried confirmations (docs/delta-matching.md) trust this width for rules behind a prefilter:
    /// it must never be less than vectorscan's own analysis of the same pattern.
    @Test("the width read from the text is vectorscan's for every pattern of the pack")
    func widthsOfThePack() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let rules = try RuleLoader.load(path: root.appendingPathComponent("patterns").path)
        var compared = 0
        for rule in rules {
            guard case .exact(let expected?) = VectorscanDatabase.mode(for: rule.pattern) else { continue }
            let read = RequiredLiterals.width(of: rule.pattern)
            #expect(read == nil || read! >= expected, "\(rule.id): \(read ?? -1) < \(expected)")
            if read == expected { compared += 1 }
        }
        #expect(compared > rules.count * 3 / 4, "the text gives vectorscan's width for most rules (\(compared) of \(rules.count))")
    }
}
