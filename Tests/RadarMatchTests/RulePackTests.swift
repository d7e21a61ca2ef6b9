import Foundation
import RadarMatch
import RadarModel
import RadarRules
import XCTest

/// The shipped rule pack, checked exactly as `secretradar rules check` checks it: a rule whose
/// example stops matching (or whose negative example starts matching) fails `swift test`.
final class RulePackTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let patterns = root.appendingPathComponent("patterns").path

    func loadPack() throws -> [Rule] { try RuleLoader.load(path: Self.patterns) }

    func testEveryRuleExampleAndNegativeExamplePassesTheRealMatcher() throws {
        let report = RuleChecker().check(try loadPack())
        XCTAssertEqual(report.problems.map(\.description), [])
        XCTAssertEqual(report.warnings.map(\.description), [], "every rule should be taken by vectorscan")
        // Issue 14: at least 400 rules over at least 300 services.
        XCTAssertGreaterThanOrEqual(report.ruleCount, 400)
        XCTAssertGreaterThanOrEqual(report.serviceCount, 300)
    }

    /// The anchor analysis only ever claims literals that every match holds: for every example of
    /// every anchored rule, one of its literals occurs in the matched text, no further from the
    /// match's start than the reach says. (The matcher's own agreement with PCRE2 alone is
    /// `MatcherTests.testPrefilterAndPCRE2AloneAgreeOnTheCorpus`.)
    func testAnchorsAreHeldByEveryExampleMatch() throws {
        let rules = try loadPack()
        let matcher = try Matcher(rules: rules)
        let scratch = try matcher.makeScratch()
        var anchoredRules = 0
        for (index, rule) in rules.enumerated() {
            guard let described = matcher.anchorDescription(ruleIndex: index) else { continue }
            anchoredRules += 1
            for example in rule.examples {
                for m in matcher.scan(Array(example.text.utf8), scratch: scratch) where m.ruleID == rule.id {
                    let text = Array(example.text.utf8)[m.span].map { $0 >= 0x41 && $0 <= 0x5a ? $0 | 0x20 : $0 }
                    // `rules list` writes other bytes as \xHH; undo that to compare.
                    let literals = described.components(separatedBy: " within ")[0].split(separator: "|").map {
                        Array(Self.unescape(String($0)).lowercased().utf8)
                    }
                    XCTAssertTrue(
                        literals.contains { lit in
                            text.indices.contains { i in i + lit.count <= text.count && Array(text[i..<(i + lit.count)]) == lit }
                        }, "\(rule.id): no anchor literal in an example match")
                }
            }
        }
        XCTAssertGreaterThan(anchoredRules, 500)
    }

    static func unescape(_ s: String) -> String {
        var out = ""
        var rest = Substring(s)
        while let r = rest.range(of: "\\x") {
            out += rest[..<r.lowerBound]
            let hex = rest[r.upperBound...].prefix(2)
            out += String(UnicodeScalar(UInt8(hex, radix: 16) ?? 0x3f))
            rest = rest[r.upperBound...].dropFirst(2)
        }
        return out + rest
    }

    /// Anchors remembered in the mode cache are the anchors the analysis gives: a matcher built
    /// with a warm cache describes every rule exactly as one built cold.
    func testCachedAnchorsEqualAnalysedAnchors() throws {
        let rules = try loadPack()
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("anchors-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: cache) }
        var options = MatcherOptions()
        options.databaseCache = cache
        let cold = try Matcher(rules: rules, options: options)
        XCTAssertTrue(try FileManager.default.contentsOfDirectory(atPath: cache).contains { $0.hasPrefix("modes-") })
        let warm = try Matcher(rules: rules, options: options)
        let uncached = try Matcher(rules: rules)
        for index in rules.indices {
            XCTAssertEqual(warm.anchorDescription(ruleIndex: index), cold.anchorDescription(ruleIndex: index), rules[index].id)
            XCTAssertEqual(warm.anchorDescription(ruleIndex: index), uncached.anchorDescription(ruleIndex: index), rules[index].id)
        }
    }

    func testEveryRuleHasTwoExamplesAndANegativeExample() throws {
        for rule in try loadPack() {
            XCTAssertGreaterThanOrEqual(rule.examples.count, 2, rule.id)
            XCTAssertGreaterThanOrEqual(rule.negativeExamples.count, 1, rule.id)
            XCTAssertFalse(rule.references.isEmpty, rule.id)
        }
    }

    func testThePackCoversEveryRequiredTokenType() throws {
        let ids = Set(try loadPack().map(\.id))
        let required = [
            "gitlab.personal_access_token", "gitlab.deploy_token", "gitlab.runner_authentication_token",
            "gitlab.runner_registration_token", "gitlab.ci_job_token", "gitlab.pipeline_trigger_token",
            "gitlab.feed_token", "gitlab.incoming_mail_token", "gitlab.oauth_application_secret",
            "gitlab.scim_token", "gitlab.agent_token", "gitlab.feature_flag_client_token",
            "hashicorp.vault_service_token", "hashicorp.vault_batch_token", "hashicorp.vault_legacy_token",
            "hashicorp.terraform_api_token", "aws.access_key_id", "aws.secret_access_key",
            "gcp.service_account_key", "gcp.api_key", "azure.storage_connection_string", "azure.client_secret",
            "github.personal_access_token", "github.fine_grained_personal_access_token", "slack.bot_token",
            "slack.webhook_url", "stripe.secret_key", "twilio.auth_token", "sendgrid.api_key", "npm.access_token",
            "pypi.upload_token", "docker.config_auth", "keys.pem_private_key", "keys.openssh_private_key",
            "keys.pgp_private_key", "jwt.token", "database.postgres_url", "database.mysql_url",
            "database.mongodb_url", "database.redis_url", "database.amqp_url", "web.basic_auth_url",
            "netrc.password", "pgpass.password", "generic.password_assignment", "generic.secret_assignment",
            "generic.token_assignment", "generic.api_key_assignment",
        ]
        XCTAssertEqual(required.filter { !ids.contains($0) }, [])
    }

    func testGitHubAndNpmExamplesCarryAValidCRC32Checksum() throws {
        for rule in try loadPack()
        where ["github.personal_access_token", "github.oauth_access_token", "npm.access_token"].contains(rule.id) {
            for example in rule.examples {
                guard
                    let token = example.text.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "_" }).map(String.init).first(
                        where: { $0.hasPrefix("gh") || $0.hasPrefix("npm_") })
                else {
                    XCTFail("no token in \(rule.id) example")
                    continue
                }
                let body = token.split(separator: "_", maxSplits: 1)[1]
                XCTAssertEqual(body.count, 36)
                XCTAssertEqual(
                    String(body.suffix(6)), Self.base62(CRC32.checksum(Array(body.prefix(30).utf8)), width: 6),
                    "\(rule.id): \(token.prefix(8))…")
            }
        }
    }

    static func base62(_ value: UInt32, width: Int) -> String {
        let digits = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        var v = value
        var out: [Character] = []
        while v > 0 {
            out.insert(digits[Int(v % 62)], at: 0)
            v /= 62
        }
        return String(repeating: "0", count: max(0, width - out.count)) + String(out)
    }
}

/// Plain CRC-32 (IEEE), enough to check fake tokens' checksums.
enum CRC32 {
    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xffff_ffff
        for b in bytes {
            crc ^= UInt32(b)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xedb8_8320 & (0 &- (crc & 1))) }
        }
        return ~crc
    }
}
