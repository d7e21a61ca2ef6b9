import Foundation
import RadarMatch
import RadarModel

/// Classifies CI/CD variables: secret, not a secret, or cannot be scanned, and flags what is wrong
/// with the secrets (docs/gitlab-variables.md). Values never leave as plaintext: a redacted
/// preview and a keyed hash (`hash`, the finding-id key) are all that is reported.
public struct VariableClassifier: Sendable {
    let matcher: Matcher
    let hash: @Sendable ([UInt8]) -> String

    public init(matcher: Matcher, hash: @escaping @Sendable ([UInt8]) -> String) {
        self.matcher = matcher
        self.hash = hash
    }

    /// Names that say "this holds a credential".
    static let secretName = try! NSRegularExpression(
        pattern: #"(PASSWORD|PASSWD|PASSPHRASE|PWD$|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL|AUTH|_KEY$|^KEY$|DSN$|CERT)"#,
        options: [.caseInsensitive])

    static func looksSecret(_ name: String) -> Bool {
        secretName.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil
            && configurationName.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) == nil
    }

    /// Names of settings, not credentials, even beside a secret-like word: `VAULT_AUTH_ROLE`,
    /// `VAULT_AUTH_PATH`, `TOKEN_URL`, `API_KEY_ID`, `SECRET_NAME`.
    static let configurationName = try! NSRegularExpression(
        pattern:
            #"(_ROLE|_ROLE_NAME|_ARN|_PROVIDER|PUBLISHABLE_KEY|PUBLIC_KEY|SITE_KEY|_PATHS?|_URL|_URI|_ADDR|_ADDRESS|_HOST|_PORT|_NAME|_USER|_USERNAME|_EMAIL|_ID|_REGION|_FILES?|_ENDPOINT|_HEADER|_PATTERNS?|_REGEXP?|_GLOB|_DIR|_VERSION|_ENABLED|_DISABLED|_TTL|_TIMEOUT)$"#,
        options: [.caseInsensitive])

    /// A regular expression or a glob rather than a credential (`^v[0-9]+\.[0-9]+$`,
    /// `[A-Za-z0-9_]{20,40}`, `spec/**/*.pem`): what `expand: false` variables often hold.
    static func looksLikePattern(_ value: String) -> Bool {
        let shapes = [
            #"\{\d+(,\d*)?\}"#, #"\[[^\]]*[A-Za-z0-9]-[A-Za-z0-9][^\]]*\]"#, #"\\[dwsDWSbB.]"#, #"\(\?[:=!<]"#, #"\*\*/"#,
            #"(^|/|,)\*\.[A-Za-z0-9]+"#,
        ]
        if shapes.contains(where: { value.range(of: $0, options: .regularExpression) != nil }) { return true }
        return value.hasPrefix("^") && value.hasSuffix("$")
    }

    /// Values that are public by design: certificates, public keys, publishable API keys.
    static func isPublic(_ value: String) -> Bool {
        let v = value.trimmingCharacters(in: .whitespacesAndNewlines)
        let publicHeaders = [
            "-----BEGIN CERTIFICATE-----", "-----BEGIN PUBLIC KEY-----", "-----BEGIN RSA PUBLIC KEY-----",
            "-----BEGIN PGP PUBLIC KEY BLOCK-----", "-----BEGIN X509 CRL-----",
        ]
        if publicHeaders.contains(where: v.hasPrefix) && !v.contains("PRIVATE KEY") { return true }
        // An OpenSSH public key, or a known_hosts line (host names, then the key).
        if v.range(
            of: #"^(\S+ )?(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp\d+) AAAA[0-9A-Za-z+/=]+( \S*)?$"#, options: .regularExpression) != nil
        {
            return true
        }
        // Publishable keys, meant for browsers: Stripe's pk_live_/pk_test_.
        return v.range(of: #"^pk_(live|test)_[0-9A-Za-z]{10,}$"#, options: .regularExpression) != nil
    }

    /// Documentation keys and placeholders a credential-shaped value may still be (the matcher's
    /// placeholder filter, plus the AWS documentation pair).
    static func isPlaceholder(_ value: String) -> Bool {
        let v = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if v.hasSuffix("EXAMPLE") || v.hasSuffix("EXAMPLEKEY") { return true }
        return PlaceholderFilter.isPlaceholder(Array(v.utf8))
    }

    /// Base64 of plain text that holds no secret (a config file someone encoded): not a secret, even
    /// if it looks random. Base64 of a key or a credential the rules recognise stays one.
    /// `multiline`: only a decoded text of several lines counts (under a secret-like name, one
    /// line such as `reftkn:01:…` is the token itself).
    func decodesToPlainText(_ value: String, scratch: MatcherScratch, multiline: Bool = false) -> Bool {
        let v = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard v.count >= 16, v.count % 4 == 0, v.range(of: #"^[A-Za-z0-9+/]+={0,2}$"#, options: .regularExpression) != nil,
            let decoded = Data(base64Encoded: v), let text = String(data: decoded, encoding: .utf8)
        else { return false }
        let printable = text.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\n" || $0 == "\t" || $0 == "\r" }.count
        guard printable * 100 >= text.unicodeScalars.count * 98, text.contains(where: { $0 == " " || $0 == "\n" || $0 == ":" || $0 == "=" })
        else { return false }
        if multiline && text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").count < 2 { return false }
        return matcher.scan(Array(decoded), scratch: scratch).isEmpty
    }

    /// A URL that carries no literal password: none at all (`http://proxy:3128`) or a `$VARIABLE`
    /// in its place (`postgres://app:$DB_PASSWORD@db/app`). Returns the reason, nil for other values.
    static func urlWithoutLiteralPassword(_ value: String) -> String? {
        let v = value.trimmingCharacters(in: .whitespaces)
        guard let scheme = v.range(of: #"^[A-Za-z][A-Za-z0-9+.-]*://"#, options: .regularExpression), !v.contains(" ") else { return nil }
        let authority = v[scheme.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard let at = authority.lastIndex(of: "@") else { return "a URL without credentials" }
        let userinfo = authority[..<at]
        guard let colon = userinfo.firstIndex(of: ":") else { return "a URL with a user name and no password" }
        let password = String(userinfo[userinfo.index(after: colon)...])
        return isReference(password) ? "a URL whose password is a variable reference" : nil
    }

    static func isConfigurationName(_ name: String) -> Bool {
        configurationName.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil
    }

    /// A host name or an address (`123-abc.apps.googleusercontent.com`, `db.internal`): long and
    /// varied, but not random.
    static func looksLikeHostName(_ value: String) -> Bool {
        value.range(of: #"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:\d+)?$"#, options: .regularExpression) != nil
            && value.range(of: #"\.[A-Za-z]{2,}(:\d+)?$"#, options: .regularExpression) != nil
    }

    /// Structured identifiers that are long and varied but name things: a list of hosts
    /// (`localhost,127.0.0.1,.svc.cluster.local`), an ARN, a cloud resource path
    /// (`projects/123/locations/global/...`).
    static func looksLikeIdentifier(_ value: String) -> Bool {
        if value.hasPrefix("arn:aws") || value.hasPrefix("arn:") && value.split(separator: ":").count >= 5 { return true }
        let hosts = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        if hosts.count >= 2,
            hosts.allSatisfy({ h in
                h.range(of: #"^(\*|\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:\d+)?(/\d{1,3})?$"#, options: .regularExpression) != nil
            })
        {
            return true
        }
        // Three or more path segments, at least two of them lowercase words: names, not base64.
        let segments = value.split(separator: "/")
        return segments.count >= 3 && segments.filter { $0.count >= 4 && $0.allSatisfy { $0.isLowercase || $0 == "-" } }.count >= 2
    }

    /// Names that say "a password" (not merely "a credential"): their literal values are reported
    /// even when short and human (`rootroot9`), at the value's own strength.
    static let passwordName = try! NSRegularExpression(
        pattern: #"(PASSWORD|PASSWD|PASSPHRASE|(^|_)PWD$|(^|_)PASS$)"#, options: [.caseInsensitive])

    static func isPasswordName(_ name: String) -> Bool {
        passwordName.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil
            && configurationName.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) == nil
    }

    /// A value that only refers to other variables (`$DB_PASSWORD`, `${TOKEN}`) holds no literal.
    static func isReference(_ value: String) -> Bool {
        let v = value.trimmingCharacters(in: .whitespaces)
        guard v.hasPrefix("$") else { return false }
        return v.range(of: #"^(\$\{?[A-Za-z_][A-Za-z0-9_]*\}?[/:.\-]?)+$"#, options: .regularExpression) != nil
    }

    public func classify(_ variables: [CIVariable]) throws(MatchError) -> [VariableAssessment] {
        let scratch = try matcher.makeScratch()
        var out: [VariableAssessment] = []
        for v in variables {
            var a = VariableAssessment(
                owner: v.owner, key: v.key, environmentScope: v.environmentScope, variableType: v.variableType, kind: .notSecret,
                reason: "", flags: [], valueRedacted: nil, valueHash: nil, file: v.file, line: v.line)
            guard let value = v.value, !v.hidden else {
                a.kind = .cannotScan
                a.reason = v.hidden ? "hidden: GitLab does not return its value" : "no value in the export"
                if Self.looksSecret(v.key) { a.flags.append("secret-like name: check it by hand") }
                out.append(a)
                continue
            }
            let bytes = Array(value.utf8)
            a.valueRedacted = Redaction.redact(bytes)
            a.valueHash = hash(bytes)
            let matches = matcher.scan(bytes, scratch: scratch)
            let entropy = Entropy.shannon(bytes)
            // AWS's documentation pair (AKIAIOSFODNN7EXAMPLE …EXAMPLEKEY) is a placeholder whatever its name.
            let documentationKey = value.hasSuffix("EXAMPLE") || value.hasSuffix("EXAMPLEKEY")
            // A webhook URL is a credential; `https://hooks.slack.com/services/XXXX/...` is its placeholder.
            let credentialShaped =
                !matches.isEmpty || Self.looksSecret(v.key) || documentationKey || v.key.uppercased().contains("WEBHOOK")
            let placeholder = Self.isPlaceholder(value) || bytes.count < 4 && !bytes.isEmpty
            if Self.isPublic(value) {
                a.reason = "public by design (a certificate, public key or publishable key)"
            } else if credentialShaped, !Self.isReference(value), documentationKey || matches.isEmpty && placeholder {
                // A rule's match is already checked for placeholders, span by span; the whole value
                // is checked only when nothing matched (a JSON document may hold "example.com").
                a.kind = .placeholder
                a.reason = "a placeholder where a credential belongs: set the real value"
            } else if let m = matches.first {
                a.kind = .secret
                a.reason = m.ruleID
            } else if decodesToPlainText(value, scratch: scratch, multiline: Self.looksSecret(v.key)) {
                a.reason = "base64 of plain text that holds no secret"
            } else if Self.isReference(value) {
                a.reason = "reference to another variable"
            } else if let url = Self.urlWithoutLiteralPassword(value) {
                a.reason = url
            } else if Self.looksSecret(v.key), bytes.count >= 8, entropy >= 3.0, !PlaceholderFilter.isPlaceholder(bytes),
                !Self.looksLikePattern(value)
            {
                a.kind = .secret
                a.reason = "secret-like name with a literal value"
            } else if Self.isPasswordName(v.key), bytes.count >= 6, !PlaceholderFilter.isPlaceholder(bytes), !value.contains(" "),
                !Self.looksLikePattern(value)
            {
                a.kind = .secret
                a.reason = "a password (weak: short or simple)"
            } else if bytes.count >= 24, entropy >= 4.2, !value.contains(" "), !Self.looksLikePattern(value),
                !Self.isConfigurationName(v.key), !Self.looksLikeHostName(value), !Self.looksLikeIdentifier(value)
            {
                a.kind = .secret
                a.reason = "high-entropy literal"
            } else {
                a.reason = bytes.isEmpty ? "empty" : "no rule matched; not random-looking"
            }
            if a.kind == .secret {
                if !v.protected { a.flags.append("not protected: every branch's pipelines can read it") }
                if !v.masked { a.flags.append("not masked: it prints in job logs") }
                if v.variableType == "file", matches.contains(where: { $0.ruleID.hasPrefix("keys.") }) {
                    a.flags.append("file variable holding private key material")
                }
            }
            out.append(a)
        }
        flagScopes(&out)
        flagReuse(&out)
        return out
    }

    /// A secret scoped to `*` where its owner scopes other variables to environments.
    func flagScopes(_ list: inout [VariableAssessment]) {
        var environments: [String: Set<String>] = [:]
        for a in list where a.environmentScope != "*" { environments[a.owner, default: []].insert(a.environmentScope) }
        for i in list.indices where list[i].kind == .secret && list[i].environmentScope == "*" {
            if let scopes = environments[list[i].owner], !scopes.isEmpty {
                list[i].flags.append("scope * although \(list[i].owner) uses environments (\(scopes.sorted().joined(separator: ", ")))")
            }
        }
    }

    /// The same secret value under several keys, scopes or owners (compared by keyed hash).
    func flagReuse(_ list: inout [VariableAssessment]) {
        var byHash: [String: [Int]] = [:]
        for (i, a) in list.enumerated() where a.kind == .secret {
            if let h = a.valueHash { byHash[h, default: []].append(i) }
        }
        for (_, indices) in byHash where indices.count > 1 {
            for i in indices {
                let others = indices.filter { $0 != i }.map { "\(list[$0].owner) \(list[$0].key) (\(list[$0].environmentScope))" }
                list[i].flags.append("same value as " + others.joined(separator: ", "))
            }
        }
    }
}
