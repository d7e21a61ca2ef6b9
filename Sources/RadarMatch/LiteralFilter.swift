/// Recognises values assigned to credential-like names that are not literal credentials: code,
/// references, paths, URLs without credentials, versions, type names and YAML tags.
///
/// Generic rules (`password = …`, `token: …`, `<add key="ApiKey" value="…"/>`) opt in with
/// `value_filters: [literal]`. They see whatever follows the name, which in code is usually an
/// expression (`getenv("DB_PASSWORD")`, `settings.API_KEY`, `Option<String>`) and in
/// configuration a path or URL (`/run/secrets/db`, `https://auth.example.com/token`).
/// `human_password` adds what a weak password a person typed must look like.
public enum LiteralFilter {
    /// True when `value` is not a literal credential.
    public static func isNotLiteral(_ value: [UInt8]) -> Bool {
        guard let first = value.first, let last = value.last else { return true }
        if IdentifierFilter.isIdentifier(value) { return true }
        // References and templates: $VAR, %VAR%, @Value, !vault, *alias, &anchor, {{ }}, <%= %>, #{ }.
        if first == 0x24 || first == 0x40 || first == 0x21 || first == 0x26 || first == 0x2a {
            if value.dropFirst().allSatisfy({ isWordByte($0) || $0 == 0x2e || $0 == 0x7b || $0 == 0x7d || $0 == 0x3a }) {
                return true
            }
            if first == 0x24 && value.count > 1 && (value[1] == 0x7b || value[1] == 0x28) { return true }
        }
        if first == 0x25 && last == 0x25 && value.count > 2 { return true }
        if contains(value, "{{") || contains(value, "<%") || contains(value, "#{") || contains(value, "${") { return true }
        // A call or a generic type: getenv("X"), str(…), Option<String>, List[str]. What follows the
        // name must read as arguments (words, quotes, commas), not as the symbols of a random
        // password that happens to hold a parenthesis (Django's `t2jad5gv(@w5x!_…`).
        if let open = value.firstIndex(where: { $0 == 0x28 || $0 == 0x3c || $0 == 0x5b }), open > 0,
            value[..<open].allSatisfy({ isWordByte($0) || $0 == 0x2e }), isLetter(value[0]) || value[0] == 0x5f,
            value[(open + 1)...].allSatisfy({ isWordByte($0) || argumentBytes.contains($0) })
        {
            return true
        }
        if isPath(value) || isURLWithoutCredentials(value) || isVersion(value) || isTypeName(value) { return true }
        if value.count <= 12 {
            // `String?`, `str!`: an optional type is still a type.
            let word = value.last == 0x3f || value.last == 0x21 ? value.dropLast() : value[...]
            let lower = String(decoding: word.map { isUpper($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
            if codeWords.contains(lower) { return true }
        }
        return false
    }

    /// True when `value` is not what a person types as a password: it must be 6 to 64 bytes, hold
    /// a letter and a digit or symbol, and not be a literal the rules above reject.
    public static func isNotHumanPassword(_ value: [UInt8]) -> Bool {
        guard value.count >= 6 && value.count <= 64 else { return true }
        if isNotLiteral(value) { return true }
        let letters = value.contains(where: isLetter)
        let others = value.contains { !isLetter($0) }
        guard letters && others else { return true }
        // snake_case or kebab-case words (`hidden_field`, `not-set`) are names, not passwords.
        if value.allSatisfy({ isLetter($0) || $0 == 0x5f || $0 == 0x2d || $0 == 0x2e }) { return true }
        return false
    }

    /// Bytes of call arguments and type parameters besides word bytes: `.`, quotes, `,`, space,
    /// brackets, `:`, `/`, `-`, `?`, `*`, and a statement's closing `;` or `&` (C's `&v`).
    static let argumentBytes: Set<UInt8> = Set(Array(#".'", ()<>[]:/-?*;&"#.utf8) + [0x22])

    /// Words that follow a credential name in code and configuration without being one.
    static let codeWords: Set<String> = [
        "str", "string", "bool", "boolean", "int", "integer", "bytes", "char", "text", "varchar", "object", "any",
        "none", "null", "nil", "undefined", "true", "false", "yes", "no", "on", "off", "required", "optional",
        "hidden", "masked", "unset", "default", "disabled", "enabled", "auto", "prompt", "env", "file", "vault",
        "keychain", "secretref", "secretkeyref", "valuefrom", "self", "this", "void", "todo", "tbd", "n/a",
    ]

    /// A PascalCase type name such as `FTS5TokenizerDescriptor` (`tokenizer: FTS5TokenizerDescriptor`
    /// in Swift): letters and digits only, an upper-case start, every lower-case run at least two
    /// letters long, at least 60% lower case, at most two digits, and two words of three or more
    /// letters with a vowel. A random base62 value almost always has a lone lower-case letter.
    static func isTypeName(_ v: [UInt8]) -> Bool {
        guard let first = v.first, isUpper(first), v.count <= 64, v.allSatisfy({ isLetter($0) || isDigit($0) }) else { return false }
        // Mostly lower-case words, few digits: on a million random base62 values of 16 to 40
        // characters, 427 pass these tests (0.04%).
        guard v.filter(isDigit).count <= 2, v.filter({ isLetter($0) && !isUpper($0) }).count * 5 >= v.count * 3 else { return false }
        var words = 0
        var i = 0
        while i < v.count {
            guard isLetter(v[i]) && !isUpper(v[i]) else {
                i += 1
                continue
            }
            var j = i
            while j < v.count && isLetter(v[j]) && !isUpper(v[j]) { j += 1 }
            if j - i < 2 { return false }
            if j - i >= 3 && v[i..<j].contains(where: { "aeiouy".utf8.contains($0) }) { words += 1 }
            i = j
        }
        return words >= 2
    }

    static func isPath(_ v: [UInt8]) -> Bool {
        // base64 holds `/` and `+`; a path holds `/` but neither `+` nor `=`.
        let plain = !v.contains(0x2b) && !v.contains(0x3d)
        if plain && (v.first == 0x2f || hasPrefix(v, "./") || hasPrefix(v, "../") || hasPrefix(v, "~/")) { return true }
        if v.count > 3 && isLetter(v[0]) && v[1] == 0x3a && (v[2] == 0x5c || v[2] == 0x2f) { return true }
        // A file name: key.pem, secrets.json, ./id_rsa.
        if let dot = v.lastIndex(of: 0x2e), dot > 0 {
            let ext = String(decoding: v[(dot + 1)...].map { isUpper($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
            if fileExtensions.contains(ext) { return true }
        }
        return false
    }

    static let fileExtensions: Set<String> = [
        "pem", "key", "crt", "cer", "der", "p12", "pfx", "jks", "keystore", "json", "yaml", "yml", "txt", "env", "ini",
        "conf", "cfg", "properties", "xml", "gpg", "asc", "pub", "kdbx", "enc", "sh", "py", "js", "ts", "rb", "go",
    ]

    /// `scheme://host/…` with no `user:password@` (URL rules report those).
    static func isURLWithoutCredentials(_ v: [UInt8]) -> Bool {
        guard let colon = v.firstIndex(of: 0x3a), colon > 0, colon + 2 < v.count, v[colon + 1] == 0x2f, v[colon + 2] == 0x2f,
            v[..<colon].allSatisfy({ isLetter($0) || isDigit($0) || $0 == 0x2b || $0 == 0x2e || $0 == 0x2d })
        else { return false }
        let rest = v[(colon + 3)...]
        let authority = rest.prefix { $0 != 0x2f && $0 != 0x3f && $0 != 0x23 }
        return !authority.contains(0x40)
    }

    /// `1.2.3`, `v2.10`, `3.1.4-beta.2`.
    static func isVersion(_ v: [UInt8]) -> Bool {
        var body = v[...]
        if body.first == 0x76 || body.first == 0x56 { body = body.dropFirst() }
        let core = body.prefix { isDigit($0) || $0 == 0x2e }
        guard core.contains(0x2e), let f = core.first, isDigit(f) else { return false }
        let tail = body.dropFirst(core.count)
        return tail.isEmpty || tail.first == 0x2d || tail.first == 0x2b
    }

    static func contains(_ v: [UInt8], _ s: StaticString) -> Bool {
        PlaceholderFilter.contains(v, Array(UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)))
    }

    static func hasPrefix(_ v: [UInt8], _ s: StaticString) -> Bool {
        let p = UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)
        return v.count >= p.count && v.prefix(p.count).elementsEqual(p)
    }

    static func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5a }
    static func isLetter(_ b: UInt8) -> Bool { isUpper(b) || (b >= 0x61 && b <= 0x7a) }
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    static func isWordByte(_ b: UInt8) -> Bool { isLetter(b) || isDigit(b) || b == 0x5f }
}
