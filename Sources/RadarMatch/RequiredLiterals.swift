import RadarModel

/// The literal strings one of which every match of a pattern contains: the rule's *anchor*.
///
/// With 800 rules, one vectorscan database of the full patterns scanned at 55 MiB/s: most context
/// rules have no selective literal at a fixed place, so vectorscan ran hundreds of automata over
/// every byte. A database of anchors (`mailchimp`, `ghp_`, `xoxb-`) is literal matching, which
/// vectorscan does at memory speed, and compiles in a fraction of the time; PCRE2 then confirms
/// around each anchor (`Matcher.confirmAnchored`, docs/matching.md).
///
/// The analysis is the classic one for regex prefilters: for each node, the set of strings it
/// matches exactly (when small), and a set of literals one of which occurs in every match. It reads
/// the PCRE2 syntax the rule pack uses (`(?x)` with comments, groups, alternation, classes,
/// escapes, quantifiers, inline flags). Lookarounds contribute nothing (they consume nothing), and
/// anything it does not understand yields no anchor, so the rule keeps its full pattern: the
/// analysis can only ever say less, never something false.
enum RequiredLiterals {
    /// One literal, its bytes lower-cased when it was read case-insensitively.
    struct Literal: Hashable {
        var bytes: [UInt8]
        var caseless: Bool
    }

    /// The anchor of `pattern`: literals of at least `minimumLength` bytes, one of which every match
    /// contains, at most `maximumCount` of them, and how far from a match's start the end of that
    /// literal can lie (`reach`, nil when unbounded); nil when there is no such set.
    static func anchor(of pattern: String, maximumCount: Int = 24) -> Anchor? {
        var parser = Parser(Array(pattern.utf8))
        guard let node = parser.parseAlternation(), parser.atEnd else { return nil }
        let info = node.info
        let candidates = [exactRequirement(info), info.required].compactMap { $0 }
        let usable = candidates.filter { a in
            !a.literals.isEmpty && a.literals.count <= maximumCount && a.literals.allSatisfy(isSelective) && score(a) > 0
        }
        return usable.max { score($0) < score($1) }.map { Anchor(literals: minimal($0.literals), reach: $0.reach) }
    }

    /// The most bytes a match of `pattern` spans, or nil when unbounded or not known for sure: a
    /// construct the parser does not model, a lookaround (it reads past what it matches), `\R`
    /// (two bytes). Computed from the text, without compiling anything: vectorscan's own analysis
    /// of the pack's long patterns (`{8,16384}`) took 0.36 s and 13 MB of a cold start.
    static func width(of pattern: String) -> Int? {
        var parser = Parser(Array(pattern.utf8))
        guard let node = parser.parseAlternation(), parser.atEnd, parser.widthIsExact else { return nil }
        return node.maxWidth
    }

    /// The most line breaks (`\n`) a match of `pattern` holds besides its first and last byte: 0
    /// when a match lies within one line and the line breaks around it. That lets incremental
    /// matching scan only the lines a delta changed (docs/delta-matching.md). Nil when unbounded or
    /// unsure: a construct the parser does not model, a lookaround, `\R`, a repeat of a class that
    /// may hold a line break (`\s{0,16}`, `[^<>]{0,80}`, `.` under `(?s)`).
    static func lineBreaks(_ pattern: String) -> Int? {
        var parser = Parser(Array(pattern.utf8))
        guard let node = parser.parseAlternation(), parser.atEnd, parser.widthIsExact else { return nil }
        return node.lineBreaks(start: true, end: true)
    }

    /// The same for a set of literals (an anchored rule's vectorscan pattern).
    static func lineBreaks(_ literals: Set<Literal>) -> Int {
        literals.map { $0.bytes.dropFirst().dropLast().filter { $0 == 0x0a }.count }.max() ?? 0
    }

    /// The literals without those that hold another one of the set (`transferwise` holds `wise`):
    /// a text holding the longer one holds the shorter, which ends at the same place or earlier, so
    /// the anchor's reach still holds. A caseless literal stands for one that must match in case.
    static func minimal(_ literals: Set<Literal>) -> Set<Literal> {
        func lower(_ b: [UInt8]) -> [UInt8] { b.map { $0 >= 0x41 && $0 <= 0x5a ? $0 | 0x20 : $0 } }
        func holds(_ long: [UInt8], _ short: [UInt8]) -> Bool {
            long.count > short.count && (0...(long.count - short.count)).contains { long[$0..<($0 + short.count)].elementsEqual(short) }
        }
        return literals.filter { l in
            !literals.contains { m in
                m != l && (m.caseless ? holds(lower(l.bytes), m.bytes) : (!l.caseless && holds(l.bytes, m.bytes)))
            }
        }
    }

    /// Changes whenever the analysis does, so that anchors remembered by `ModeCache` are not reused.
    static let version = 2

    /// A set of literals one of which every match holds, ending at most `reach` bytes after the
    /// match's start.
    struct Anchor {
        var literals: Set<Literal>
        var reach: Int?
    }

    /// Whether a literal is rare enough in code to anchor on: four bytes or more, or three holding
    /// a character that is neither a letter nor a digit (`hf_`, `SG.`, `r8_`). Shorter ones (`ic`,
    /// `key`) occur so often that confirming around each would cost more than the rule's full
    /// pattern in vectorscan.
    static func isSelective(_ literal: Literal) -> Bool {
        let b = literal.bytes
        if b.count >= 4 { return true }
        return b.count == 3 && b.contains { !(($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7a) && !($0 >= 0x30 && $0 <= 0x39) }
    }

    /// A literal as `rules list` shows it: printable ASCII as it is, other bytes (a line break in
    /// `BEGIN KEY\n`) as `\xHH`, so that one rule stays on one line.
    static func printable(_ bytes: [UInt8]) -> String {
        bytes.map { $0 >= 0x20 && $0 < 0x7f && $0 != 0x5c ? String(UnicodeScalar($0)) : "\\x" + Hex.lower([$0]) }.joined()
    }

    /// A vectorscan expression that matches any of `literals` (caseless when any of them is).
    static func expression(_ literals: Set<Literal>) -> (pattern: String, caseless: Bool) {
        let sorted = literals.map(\.bytes).sorted { $0.lexicographicallyPrecedes($1) }
        let body = sorted.map { $0.map { "\\x" + Hex.lower([$0]) }.joined() }.joined(separator: "|")
        return ("(?:" + body + ")", literals.contains { $0.caseless })
    }

    /// Higher is more selective: the shortest literal counts most, then fewer alternatives, then a
    /// literal nearer the start of the match (a smaller window to confirm in). A set holding a
    /// word that code and configuration use everywhere (`token`, `password`, `vault`) is worth
    /// nothing: its rule would be confirmed all over ordinary files.
    static func score(_ a: Anchor) -> Double {
        if a.literals.contains(where: { frequent.contains($0.bytes.map { $0 >= 0x41 && $0 <= 0x5a ? $0 | 0x20 : $0 }) }) { return -1000 }
        let shortest = a.literals.map(\.bytes.count).min() ?? 0
        let reach = Double(min(a.reach ?? 4096, 4096))
        return Double(min(shortest, 12)) - Double(a.literals.count) / 100 - reach / 100_000
    }

    /// Words too common in code and configuration to anchor a rule on (compared lower-cased).
    static let frequent: Set<[UInt8]> = Set(
        [
            "token", "tokens", "secret", "secrets", "password", "passwd", "pass", "key", "keys", "api", "apikey", "api_key",
            "auth", "access", "client", "user", "username", "value", "config", "data", "name", "host", "port", "http",
            "https", "http:", "https:", "://", "www.", ".com", "redis", "line", "box", "file", "path", "text", "string", "type",
            "true", "false", "null", "none", "return", "import", "export", "const", "function", "public", "private", "static",
            "class", "self", "this", "test", "default", "error", "list", "json", "yaml", "server", "service", "account",
            "admin", "app", "application", "url", "uri", "session", "cookie", "bearer", "basic", "login", "email", "mail",
            "database", "sql", "query", "select", "insert", "from", "where", "update", "create", "table", "index", "get", "set",
            "post", "delete", "version", "build", "release", "project", "secret_key", "access_key", "access_token",
            "refresh_token", "auth_token", "private_key", "public_key", "client_id", "client_secret", "user_id", "identified",
            "authorization", "header", "headers", "request", "response", "model", "models", "channel", "message", "webhook",
            "hook", "hooks", "live", "prod", "production", "sandbox", "store", "cloud", "token=", "key=", "pass=", "user=",
            "password=", "secret=", "host=", "port=", "-----", "=====", "    ", "token ", "key ", "echo", "base", "hash",
            "refresh", "signing", "signature", "status", "vault", "fresh", "gitlab", "github", "secret_", "password:",
            "password ", "secret ", "token:", "key:", "bearer ", "content", "private-token:", "license", "event", "stream", "connect",
            "operator", "encrypt", "trans",
        ].map { Array($0.utf8) })

    // MARK: - Analysis

    struct Info {
        /// Every string the node matches, when there are few and they are short; nil otherwise.
        var exact: Set<Literal>?
        /// Literals one of which every match contains, and how far from the node's start they end.
        var required: Anchor?
        /// The most bytes a match of the node spans; nil when unbounded.
        var width: Int?

        static let empty = Info(exact: [Literal(bytes: [], caseless: false)], required: nil, width: 0)
        static let oneByte = Info(exact: nil, required: nil, width: 1)
    }

    static let maxExact = 16
    static let maxExactLength = 32

    indirect enum Node {
        case literal(UInt8, caseless: Bool)
        case zeroWidth
        /// One byte of a class; `lineBreak` when the class may match `\n`.
        case other(lineBreak: Bool)
        case concat([Node])
        case alternation([Node])
        case `repeat`(Node, min: Int, max: Int?)

        var info: Info {
            switch self {
            case .literal(let b, let caseless):
                let lower = caseless && b >= 0x41 && b <= 0x5a ? b | 0x20 : b
                let isLetter = (lower >= 0x61 && lower <= 0x7a)
                return Info(exact: [Literal(bytes: [lower], caseless: caseless && isLetter)], required: nil, width: 1)
            case .zeroWidth: return .empty
            case .other: return .oneByte
            case .concat(let parts): return RequiredLiterals.concat(parts.map(\.info))
            case .alternation(let branches):
                let infos = branches.map(\.info)
                var exact: Set<Literal>? = []
                for i in infos {
                    guard let e = i.exact, var acc = exact else {
                        exact = nil
                        break
                    }
                    acc.formUnion(e)
                    exact = acc.count <= maxExact ? acc : nil
                }
                var required: Anchor? = Anchor(literals: [], reach: 0)
                for i in infos {
                    guard let r = best(i), let acc = required else {
                        required = nil
                        break
                    }
                    required = Anchor(
                        literals: acc.literals.union(r.literals), reach: acc.reach.flatMap { a in r.reach.map { max(a, $0) } })
                }
                if required?.literals.isEmpty == true { required = nil }
                let width = infos.reduce(Int?.some(0)) { acc, i in acc.flatMap { a in i.width.map { max(a, $0) } } }
                return Info(exact: exact, required: required, width: width)
            case .repeat(let node, let min, let max):
                let inner = node.info
                let width = max.flatMap { m in inner.width.map { $0 * m } }
                if min == 0 {
                    if max == 0 { return .empty }
                    // `x?` matches x's strings or nothing: `azure[_.-]?devops` stays four strings.
                    if max == 1, let e = inner.exact, e.count < maxExact {
                        return Info(exact: e.union([Literal(bytes: [], caseless: false)]), required: nil, width: width)
                    }
                    return Info(exact: nil, required: nil, width: width)
                }
                var exact: Set<Literal>? = nil
                if let max, max == min, let e = inner.exact, min <= 4 {
                    exact = e
                    for _ in 1..<min { exact = exact.flatMap { product($0, e) } }
                }
                return Info(exact: exact, required: best(inner), width: width)
            }
        }
    }

    /// A node's exact strings as a requirement (nil when it may match the empty string).
    static func exactRequirement(_ info: Info) -> Anchor? {
        guard let e = info.exact, !e.contains(where: { $0.bytes.isEmpty }) else { return nil }
        return Anchor(literals: e, reach: e.map(\.bytes.count).max())
    }

    /// The better of a node's exact strings and its required literals, as a requirement.
    static func best(_ info: Info) -> Anchor? {
        switch (exactRequirement(info), info.required) {
        case (nil, nil): return nil
        case (let e?, nil): return e
        case (nil, let r?): return r
        case (let e?, let r?): return score(e) >= score(r) ? e : r
        }
    }

    static func product(_ a: Set<Literal>, _ b: Set<Literal>) -> Set<Literal>? {
        guard a.count * b.count <= maxExact else { return nil }
        var out: Set<Literal> = []
        for x in a {
            for y in b {
                let joined = x.bytes + y.bytes
                guard joined.count <= maxExactLength else { return nil }
                out.insert(Literal(bytes: joined, caseless: x.caseless || y.caseless))
            }
        }
        return out
    }

    /// A concatenation: exact strings multiply while they stay few and short; a run of exact parts
    /// that cannot grow becomes a candidate requirement and a new run starts. The requirement is
    /// the most selective candidate; its reach is the width of what comes before it plus its own.
    static func concat(_ infos: [Info]) -> Info {
        let empty: Set<Literal> = [Literal(bytes: [], caseless: false)]
        var candidates: [Anchor] = []
        var run = empty
        var runStart: Int? = 0  // width of the parts before the current run
        var before: Int? = 0  // width of the parts before the current one
        var exactWhole = true
        for info in infos {
            if let r = info.required {
                candidates.append(Anchor(literals: r.literals, reach: before.flatMap { b in r.reach.map { b + $0 } }))
            }
            if let e = info.exact, let joined = product(run, e) {
                run = joined
            } else {
                exactWhole = false
                if let b = exactRequirement(Info(exact: run, required: nil, width: nil)) {
                    candidates.append(Anchor(literals: b.literals, reach: runStart.flatMap { s in b.reach.map { s + $0 } }))
                }
                if let e = info.exact {
                    run = e
                    runStart = before
                } else {
                    // The next run starts after this part.
                    run = empty
                    runStart = before.flatMap { b in info.width.map { b + $0 } }
                }
            }
            before = before.flatMap { b in info.width.map { b + $0 } }
        }
        if let b = exactRequirement(Info(exact: run, required: nil, width: nil)) {
            candidates.append(Anchor(literals: b.literals, reach: runStart.flatMap { s in b.reach.map { s + $0 } }))
        }
        return Info(exact: exactWhole ? run : nil, required: candidates.max { score($0) < score($1) }, width: before)
    }

    // MARK: - Parsing

    struct Parser {
        let s: [UInt8]
        var i = 0
        var extended = false
        var caseless = false
        /// False once a construct whose width the nodes do not tell was met (`width(of:)`).
        var widthIsExact = true

        init(_ s: [UInt8]) { self.s = s }

        var atEnd: Bool {
            var copy = self
            copy.skipSpace()
            return copy.i >= s.count
        }

        mutating func skipSpace() {
            guard extended else { return }
            while i < s.count {
                if s[i] == 0x20 || s[i] == 0x0a || s[i] == 0x09 || s[i] == 0x0d {
                    i += 1
                } else if s[i] == UInt8(ascii: "#") {
                    while i < s.count && s[i] != 0x0a { i += 1 }
                } else {
                    break
                }
            }
        }

        mutating func parseAlternation() -> Node? {
            var branches: [Node] = []
            while true {
                guard let branch = parseConcat() else { return nil }
                branches.append(branch)
                skipSpace()
                if i < s.count && s[i] == UInt8(ascii: "|") {
                    i += 1
                    continue
                }
                break
            }
            return branches.count == 1 ? branches[0] : .alternation(branches)
        }

        mutating func parseConcat() -> Node? {
            var parts: [Node] = []
            while true {
                skipSpace()
                guard i < s.count, s[i] != UInt8(ascii: "|"), s[i] != UInt8(ascii: ")") else { break }
                guard var atom = parseAtom() else { return nil }
                skipSpace()
                if let q = parseQuantifier() { atom = .repeat(atom, min: q.min, max: q.max) }
                parts.append(atom)
            }
            return .concat(parts)
        }

        mutating func parseQuantifier() -> (min: Int, max: Int?)? {
            guard i < s.count else { return nil }
            var q: (min: Int, max: Int?)
            switch s[i] {
            case UInt8(ascii: "?"): q = (0, 1); i += 1
            case UInt8(ascii: "*"): q = (0, nil); i += 1
            case UInt8(ascii: "+"): q = (1, nil); i += 1
            case UInt8(ascii: "{"):
                guard let (lo, hi, end) = braces(at: i) else { return nil }
                q = (lo, hi)
                i = end
            default: return nil
            }
            if i < s.count && (s[i] == UInt8(ascii: "?") || s[i] == UInt8(ascii: "+")) { i += 1 }
            return q
        }

        /// `{m}`, `{m,}`, `{m,n}` at `j`: bounds and the index after `}`.
        func braces(at j: Int) -> (Int, Int?, Int)? {
            var k = j + 1
            func number() -> Int? {
                var v = 0
                var digits = 0
                while k < s.count, s[k] >= 0x30 && s[k] <= 0x39, digits < 7 {
                    v = v * 10 + Int(s[k] - 0x30)
                    k += 1
                    digits += 1
                }
                return digits > 0 ? v : nil
            }
            guard let lo = number() else { return nil }
            var hi: Int? = lo
            if k < s.count && s[k] == UInt8(ascii: ",") {
                k += 1
                hi = number()
            }
            guard k < s.count, s[k] == UInt8(ascii: "}") else { return nil }
            return (lo, hi, k + 1)
        }

        mutating func parseAtom() -> Node? {
            let c = s[i]
            switch c {
            case UInt8(ascii: "("): return parseGroup()
            case UInt8(ascii: "["):
                let classStart = i
                guard skipClass() else { return nil }
                if let members = smallClass(s[(classStart + 1)..<(i - 1)]) {
                    return members.count == 1 ? members[0] : .alternation(members.map { .concat([$0]) })
                }
                return .other(lineBreak: RequiredLiterals.classMayMatchLineBreak(s[(classStart + 1)..<(i - 1)]))
            case UInt8(ascii: "."):
                // A line break too under `(?s)`, which the parser does not follow.
                i += 1
                return .other(lineBreak: true)
            case UInt8(ascii: "^"), UInt8(ascii: "$"):
                i += 1
                return .zeroWidth
            case UInt8(ascii: "\\"): return parseEscape()
            case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "{"):
                // A quantifier with nothing before it (or a literal brace): not understood.
                return nil
            default:
                i += 1
                return .literal(c, caseless: caseless)
            }
        }

        mutating func parseEscape() -> Node? {
            guard i + 1 < s.count else { return nil }
            let e = s[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "x"):
                guard i + 1 < s.count, let hi = hexDigit(s[i]), let lo = hexDigit(s[i + 1]) else { return nil }
                i += 2
                return .literal(hi << 4 | lo, caseless: caseless)
            case UInt8(ascii: "t"): return .literal(0x09, caseless: false)
            case UInt8(ascii: "n"): return .literal(0x0a, caseless: false)
            case UInt8(ascii: "r"): return .literal(0x0d, caseless: false)
            case UInt8(ascii: "b"), UInt8(ascii: "B"), UInt8(ascii: "A"), UInt8(ascii: "z"), UInt8(ascii: "Z"), UInt8(ascii: "G"):
                return .zeroWidth
            case UInt8(ascii: "d"), UInt8(ascii: "D"), UInt8(ascii: "w"), UInt8(ascii: "W"), UInt8(ascii: "s"), UInt8(ascii: "S"),
                UInt8(ascii: "h"), UInt8(ascii: "H"), UInt8(ascii: "v"), UInt8(ascii: "V"), UInt8(ascii: "R"), UInt8(ascii: "N"):
                if e == UInt8(ascii: "R") { widthIsExact = false }  // \r\n is one \R
                return .other(lineBreak: Array("sWDHvR".utf8).contains(e))
            default:
                // Letters and digits after a backslash are classes, references or properties we do
                // not model; punctuation is itself.
                if (e >= 0x30 && e <= 0x39) || (e >= 0x41 && e <= 0x5a) || (e >= 0x61 && e <= 0x7a) { return nil }
                return .literal(e, caseless: caseless)
            }
        }

        func hexDigit(_ b: UInt8) -> UInt8? { Decoders.hex(b) }

        /// The members of a class of at most four plain characters (`[pe]`, `[_.-]`), as literals;
        /// nil for anything larger, negated, or with ranges or class escapes.
        func smallClass(_ body: ArraySlice<UInt8>) -> [Node]? {
            var members: [Node] = []
            var j = body.startIndex
            guard j < body.endIndex, body[j] != UInt8(ascii: "^") else { return nil }
            while j < body.endIndex {
                var c = body[j]
                if c == UInt8(ascii: "\\") {
                    guard j + 1 < body.endIndex else { return nil }
                    c = body[j + 1]
                    let isWord = (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a || (c >= 0x30 && c <= 0x39)
                    guard !isWord else { return nil }  // \d, \w, \x20…: not modelled here
                    j += 2
                } else {
                    // A `-` between two members is a range; first or last it is itself.
                    if c == UInt8(ascii: "-") && j != body.startIndex && j + 1 != body.endIndex { return nil }
                    j += 1
                }
                members.append(.literal(c, caseless: caseless))
                if members.count > 4 { return nil }
            }
            return members.isEmpty ? nil : members
        }

        /// Skips `[...]`, with a leading `]` or `^]` as a member and escapes inside.
        mutating func skipClass() -> Bool {
            i += 1
            if i < s.count && s[i] == UInt8(ascii: "^") { i += 1 }
            if i < s.count && s[i] == UInt8(ascii: "]") { i += 1 }
            while i < s.count {
                if s[i] == UInt8(ascii: "\\") {
                    i += 2
                    continue
                }
                if s[i] == UInt8(ascii: "[") && i + 1 < s.count && s[i + 1] == UInt8(ascii: ":") {
                    // A POSIX class [:alpha:].
                    while i < s.count && !(s[i] == UInt8(ascii: "]") && s[i - 1] == UInt8(ascii: ":")) { i += 1 }
                    i += 1
                    continue
                }
                if s[i] == UInt8(ascii: "]") {
                    i += 1
                    return true
                }
                i += 1
            }
            return false
        }

        mutating func parseGroup() -> Node? {
            i += 1
            // `(?i)` or `(?x)` alone: flags for the rest of the enclosing group.
            if i < s.count && s[i] == UInt8(ascii: "?"), let (c, x, end) = flagsOnly(at: i + 1) {
                caseless = c
                extended = x
                i = end
                return .zeroWidth
            }
            let savedCaseless = caseless
            let savedExtended = extended
            defer {
                caseless = savedCaseless
                extended = savedExtended
            }
            var lookaround = false
            if i < s.count && s[i] == UInt8(ascii: "?") {
                i += 1
                guard i < s.count else { return nil }
                switch s[i] {
                case UInt8(ascii: ":"): i += 1
                case UInt8(ascii: "="), UInt8(ascii: "!"):
                    lookaround = true
                    i += 1
                case UInt8(ascii: "<"):
                    i += 1
                    if i < s.count && (s[i] == UInt8(ascii: "=") || s[i] == UInt8(ascii: "!")) {
                        lookaround = true
                        i += 1
                    } else {
                        while i < s.count && s[i] != UInt8(ascii: ">") { i += 1 }
                        i += 1
                    }
                case UInt8(ascii: "P"):
                    guard i + 1 < s.count, s[i + 1] == UInt8(ascii: "<") else { return nil }
                    while i < s.count && s[i] != UInt8(ascii: ">") { i += 1 }
                    i += 1
                default:
                    // Inline flags: (?x) (?i) (?m) (?s) (?-i), alone or with a group (?i: …).
                    var on = true
                    var newCaseless = caseless
                    var newExtended = extended
                    while i < s.count && s[i] != UInt8(ascii: ")") && s[i] != UInt8(ascii: ":") {
                        switch s[i] {
                        case UInt8(ascii: "-"): on = false
                        case UInt8(ascii: "i"): newCaseless = on
                        case UInt8(ascii: "x"): newExtended = on
                        case UInt8(ascii: "m"), UInt8(ascii: "s"), UInt8(ascii: "U"), UInt8(ascii: "J"): break
                        default: return nil
                        }
                        i += 1
                    }
                    guard i < s.count, s[i] == UInt8(ascii: ":") else { return nil }
                    i += 1
                    caseless = newCaseless
                    extended = newExtended
                }
            }
            guard let inner = parseAlternation() else { return nil }
            skipSpace()
            guard i < s.count, s[i] == UInt8(ascii: ")") else { return nil }
            i += 1
            if lookaround { widthIsExact = false }
            return lookaround ? .zeroWidth : inner
        }

        /// `imsx-…)` at `j` (after `(?`): the flags it leaves and the index after `)`; nil when
        /// the group is not flags alone.
        func flagsOnly(at j: Int) -> (Bool, Bool, Int)? {
            var k = j
            var on = true
            var c = caseless
            var x = extended
            while k < s.count {
                switch s[k] {
                case UInt8(ascii: ")"): return k > j ? (c, x, k + 1) : nil
                case UInt8(ascii: "-"): on = false
                case UInt8(ascii: "i"): c = on
                case UInt8(ascii: "x"): x = on
                case UInt8(ascii: "m"), UInt8(ascii: "s"), UInt8(ascii: "U"), UInt8(ascii: "J"): break
                default: return nil
                }
                k += 1
            }
            return nil
        }
    }
}

extension RequiredLiterals.Node {
    /// Whether some match of the node may hold a line break.
    var mayHoldLineBreak: Bool {
        switch self {
        case .literal(let b, _): b == 0x0a
        case .zeroWidth: false
        case .other(let lineBreak): lineBreak
        case .concat(let parts): parts.contains { $0.mayHoldLineBreak }
        case .alternation(let branches): branches.contains { $0.mayHoldLineBreak }
        case .repeat(let node, _, let max): max != 0 && node.mayHoldLineBreak
        }
    }

    /// The most bytes a match spans (nil when unbounded): `info.width` without the literal sets
    /// (`width(of:)` runs for every rule with a `prefilter` at every start; through `info` it
    /// took ~6 ms of a 65 ms `scan git`).
    var maxWidth: Int? {
        switch self {
        case .literal, .other: 1
        case .zeroWidth: 0
        case .concat(let parts): parts.reduce(Int?.some(0)) { acc, p in acc.flatMap { a in p.maxWidth.map { a + $0 } } }
        case .alternation(let branches): branches.reduce(Int?.some(0)) { acc, b in acc.flatMap { a in b.maxWidth.map { max(a, $0) } } }
        case .repeat(let node, _, let max): max.flatMap { m in node.maxWidth.map { $0 * m } }
        }
    }

    /// The most line breaks a match holds, not counting one at its first byte (`start`) or its
    /// last (`end`); nil when unbounded. The part at each end of a concatenation may hold one at
    /// that end (`(?: ^ | [^0-9A-Za-z] )` before a token, `(?: [^0-9A-Za-z] | $ )` after it, also
    /// inside an alternation of names).
    func lineBreaks(start: Bool, end: Bool) -> Int? {
        switch self {
        case .literal, .other: return !mayHoldLineBreak || start || end ? 0 : 1
        case .zeroWidth: return 0
        case .alternation(let branches):
            return branches.reduce(Int?.some(0)) { acc, b in acc.flatMap { a in b.lineBreaks(start: start, end: end).map { max(a, $0) } } }
        case .repeat(let node, _, let max):
            if !node.mayHoldLineBreak || ((start || end) && (maxWidth ?? 2) <= 1) { return 0 }
            return max.flatMap { m in node.lineBreaks(start: false, end: false).map { $0 * m } }
        case .concat(let parts):
            let consuming = parts.indices.filter { parts[$0].maxWidth != 0 }
            guard let first = consuming.first, let last = consuming.last else { return 0 }
            if first == last { return parts[first].lineBreaks(start: start, end: end) }
            var total = parts[first].lineBreaks(start: start, end: false)
            for i in consuming.dropFirst().dropLast() {
                total = total.flatMap { t in parts[i].lineBreaks(start: false, end: false).map { t + $0 } }
            }
            return total.flatMap { t in parts[last].lineBreaks(start: false, end: end).map { t + $0 } }
        }
    }
}

extension RequiredLiterals {
    /// Whether the class whose text between `[` and `]` is `body` may match `\n`: for a negated
    /// class, unless it surely lists a line break; otherwise, when it may list one (`\s`, `\n`,
    /// `\x0a`, a range over 0x0A, `[:space:]`; anything not understood counts as may).
    static func classMayMatchLineBreak(_ body: ArraySlice<UInt8>) -> Bool {
        var j = body.startIndex
        var negated = false
        if j < body.endIndex && body[j] == UInt8(ascii: "^") {
            negated = true
            j += 1
        }
        var surely = false
        var maybe = false
        /// One member at `j`: its byte when it is one byte, and the index after it.
        func member(_ j: Int) -> (value: Int?, next: Int, lineBreak: Bool?) {
            let c = body[j]
            if c == UInt8(ascii: "[") && j + 1 < body.endIndex && body[j + 1] == UInt8(ascii: ":") {
                var k = j + 2
                while k + 1 < body.endIndex && !(body[k] == UInt8(ascii: ":") && body[k + 1] == UInt8(ascii: "]")) { k += 1 }
                let name = String(decoding: body[(j + 2)..<min(k, body.endIndex)], as: UTF8.self)
                let next = min(k + 2, body.endIndex)
                if ["space", "cntrl", "ascii"].contains(name) { return (nil, next, true) }
                if ["alpha", "digit", "alnum", "upper", "lower", "punct", "xdigit", "word", "graph", "print", "blank"].contains(name) {
                    return (nil, next, false)
                }
                return (nil, next, nil)
            }
            guard c == UInt8(ascii: "\\") else { return (Int(c), j + 1, nil) }
            guard j + 1 < body.endIndex else { return (nil, j + 1, nil) }
            let e = body[j + 1]
            switch e {
            case UInt8(ascii: "n"): return (0x0a, j + 2, nil)
            case UInt8(ascii: "t"): return (0x09, j + 2, nil)
            case UInt8(ascii: "r"): return (0x0d, j + 2, nil)
            case UInt8(ascii: "f"): return (0x0c, j + 2, nil)
            case UInt8(ascii: "e"): return (0x1b, j + 2, nil)
            case UInt8(ascii: "a"): return (0x07, j + 2, nil)
            case UInt8(ascii: "s"), UInt8(ascii: "v"), UInt8(ascii: "W"), UInt8(ascii: "D"), UInt8(ascii: "H"), UInt8(ascii: "R"):
                return (nil, j + 2, true)
            case UInt8(ascii: "S"), UInt8(ascii: "V"), UInt8(ascii: "h"), UInt8(ascii: "w"), UInt8(ascii: "d"):
                return (nil, j + 2, false)
            case UInt8(ascii: "x"):
                var k = j + 2
                var v = 0
                var digits = 0
                while k < body.endIndex, digits < 2, let d = Decoders.hex(body[k]) {
                    v = v << 4 | Int(d)
                    k += 1
                    digits += 1
                }
                return digits > 0 ? (v, k, nil) : (nil, k, nil)
            default:
                let isWord = (e | 0x20) >= 0x61 && (e | 0x20) <= 0x7a || (e >= 0x30 && e <= 0x39)
                return isWord ? (nil, j + 2, nil) : (Int(e), j + 2, nil)
            }
        }
        while j < body.endIndex {
            let (value, next, lineBreak) = member(j)
            j = next
            if let lineBreak {
                surely = surely || lineBreak
                maybe = maybe || lineBreak
                continue
            }
            guard let low = value else {
                maybe = true
                continue
            }
            // `a-z`: a range, unless the `-` is last.
            if j + 1 < body.endIndex && body[j] == UInt8(ascii: "-") {
                let (high, after, _) = member(j + 1)
                j = after
                guard let high else {
                    maybe = true
                    continue
                }
                if low <= 0x0a && 0x0a <= high {
                    surely = true
                    maybe = true
                }
                continue
            }
            if low == 0x0a {
                surely = true
                maybe = true
            }
        }
        return negated ? !surely : maybe
    }
}
