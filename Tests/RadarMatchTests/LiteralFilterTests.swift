import RadarMatch
import RadarModel
import Testing

/// What generic rules drop after a credential name, and what they keep (Swift Testing).
@Suite("Literal and human-password filters")
struct LiteralFilterTests {
    @Test(
        "code, references, paths, URLs without credentials, versions and type names are not literals",
        arguments: [
            "getenv(\"DB_PASSWORD\")", "os.environ.get", "settings.API_KEY_V2", "Option<String>", "List[str]", "$DB_PASSWORD",
            "${DB_PASSWORD}", "%DB_PASSWORD%", "!vault", "*default_password", "@Value", "{{ vault_pw }}", "<%= ENV['X'] %>",
            "/run/secrets/db_password", "./secrets/dev.key", "~/.ssh/id_rsa2", "C:\\secrets\\db.txt", "server2.pem", "creds2.json",
            "https://auth.example.org/oauth2/token", "ldap://ldap.internal:389/dc=corp", "v2.14.1", "3.1.4-beta.2", "String", "str",
            "required", "None", "FTS5TokenizerDescriptor", "FTS5WrapperTokenCallback",
        ])
    func notLiteral(_ value: String) {
        #expect(LiteralFilter.isNotLiteral(Array(value.utf8)))
    }

    @Test(
        "random values, passwords and URLs with credentials are literals",
        arguments: [
            "Mk6UIwvGFHQ3sNQD6FnOvormz0j5d2RA", "SfkOGfW8Md8ppKassl0SD+OR8ZV2v0/+", "N8*Ar2#2iqfmSadn", "Summer2024!",
            "f5bf5052f1131b60d6877f4638a59d02", "postgres://app:Kq8vR2mZ@db.internal/app", "/Xk9+Lm2Qz7Vt4Rw6Nb1=",
            "$2y$10$abcdefghijklmnopqrstuv", "Summer.2024", "Mk6UIwvGFHQ3sNQD6FnOvormz0j5d2RA", "Q3vTokenA9bKeyEx7",
        ])
    func literal(_ value: String) {
        #expect(!LiteralFilter.isNotLiteral(Array(value.utf8)))
    }

    @Test(
        "a human password is 6 to 64 bytes with a letter and a digit or symbol",
        arguments: ["hunter22", "Falcon6615*", "silver40*", "Tr0ub4dor&3"])
    func humanPassword(_ value: String) {
        #expect(!LiteralFilter.isNotHumanPassword(Array(value.utf8)))
    }

    @Test(
        "words, names, numbers and too short or too long values are not human passwords",
        arguments: [
            "sunshine", "passwordInput", "hidden_field", "not-set", "12345678", "ab1", "x9" + String(repeating: "k", count: 70),
            "Option<String>",
        ])
    func notHumanPassword(_ value: String) {
        #expect(LiteralFilter.isNotHumanPassword(Array(value.utf8)))
    }

    @Test("the filters are reachable by name from rule YAML")
    func valueFilterNames() {
        #expect(ValueFilter(rawValue: "literal") == .literal)
        #expect(ValueFilter(rawValue: "human_password") == .humanPassword)
        #expect(ValueFilter(rawValue: "basic_auth") == .basicAuth)
        #expect(ValueFilter.literal.rejects(Array("getenv(\"X\")".utf8)))
        #expect(!ValueFilter.humanPassword.rejects(Array("hunter22".utf8)))
    }
}

@Suite("Base64 decoding of candidate spans")
struct Base64DecodingTests {
    @Test("standard and URL-safe base64 decode, with or without padding")
    func decodes() {
        #expect(Base64Decoding.decode(Array("ZGVwbG95OnMzY3IzdA==".utf8)) == Array("deploy:s3cr3t".utf8))
        #expect(Base64Decoding.decode(Array("ZGVwbG95OnMzY3IzdA".utf8)) == Array("deploy:s3cr3t".utf8))
        #expect(Base64Decoding.decode(Array("-_8".utf8)) == [0xfb, 0xff])
        #expect(Base64Decoding.decode(Array("ab!c".utf8)) == nil)
        #expect(Base64Decoding.decode(Array("ab=c".utf8)) == nil)
    }

    @Test("only printable user:password counts as a Basic credential")
    func basic() {
        #expect(Base64Decoding.isBasicCredential(Array("ZGVwbG95OnMzY3IzdA==".utf8)))
        #expect(!Base64Decoding.isBasicCredential(Array("dXNlcm5hbWVvbmx5".utf8)))  // "usernameonly"
        #expect(!Base64Decoding.isBasicCredential(Array("OnBhc3N3b3Jk".utf8)))  // ":password", no user
        #expect(!Base64Decoding.isBasicCredential(Array("AAEC".utf8)))
    }
}

@Suite("Entropy gate by alphabet")
struct EntropyGateTests {
    @Test("long hex values are held to at most 3.0 bits; other values to the rule's own gate")
    func gate() {
        #expect(Entropy.gate(3.3, for: Array("5c9da72c885602272a562abd572165a2".utf8)) == 3.0)
        #expect(Entropy.gate(3.3, for: Array("5c9da72c885602272a562abd572165ag".utf8)) == 3.3)
        #expect(Entropy.gate(3.3, for: Array("5c9da72c8856".utf8)) == 3.3)
        #expect(Entropy.gate(2.5, for: Array("5c9da72c885602272a562abd572165a2".utf8)) == 2.5)
    }
}

@Suite("weak_values: report")
struct WeakValuesTests {
    func secrets(_ text: String, weak: WeakValues) throws -> [String] {
        let rule = Rule(id: "t.pgpass", name: "t", pattern: #"pw=(?<secret>\S{1,40})"#, weakValues: weak, confidence: .high)
        let matcher = try Matcher(rules: [rule])
        return matcher.scan(Array(text.utf8), scratch: try matcher.makeScratch()).map { String(decoding: $0.secret, as: UTF8.self) }
    }

    @Test("a rule that reports weak values keeps words and drops only references")
    func report() throws {
        #expect(try secrets("pw=admin\npw=password\npw=${PW}\npw=<password>\n", weak: .report) == ["admin", "password"])
    }

    @Test("by default the placeholder filter drops them")
    func drop() throws {
        #expect(try secrets("pw=password\npw=${PW}\npw=Kq8vR2mZ7tLw\n", weak: .drop) == ["Kq8vR2mZ7tLw"])
    }
}

@Suite("Decoding limits")
struct DecodingLimitTests {
    let rules = [
        Rule(id: "t.dec", name: "t", pattern: #"b64:(?<secret>[A-Za-z0-9+/=]{4,64})"#, decode: .base64, confidence: .high),
        Rule(id: "t.tok", name: "t", pattern: #"tok_[a-z]{8}"#, confidence: .high),
    ]

    func scan(_ lines: Int) throws -> (matches: [Match], incomplete: [String]) {
        let matcher = try Matcher(rules: rules)
        let scratch = try matcher.makeScratch()
        // base64 of "tok_qzjwxkvb"
        let text = String(repeating: "b64:dG9rX3F6and4a3Zi\n", count: lines)
        let matches = matcher.scan(Array(text.utf8), scratch: scratch)
        return (matches, scratch.incompleteRules)
    }

    @Test("a decoded secret is reported at the encoded text, marked decoded")
    func decoded() throws {
        let (matches, incomplete) = try scan(2)
        #expect(matches.map(\.line) == [1, 2])
        #expect(matches.allSatisfy { $0.decoded == "base64" && $0.ruleID == "t.tok" && $0.column == 5 })
        #expect(incomplete.isEmpty)
    }

    @Test("more candidate spans than a blob may decode make it incomplete, not clean")
    func limit() throws {
        let (matches, incomplete) = try scan(Matcher.maxDecodingsPerBuffer + 1)
        #expect(matches.count == Matcher.maxDecodingsPerBuffer)
        #expect(incomplete == ["t.dec"])
    }
}
