import Foundation
import RadarMatch
import RadarModel
import RadarSupport
import TOMLKit

/// A repository's own settings: `.secretradar.toml` and `.secretradarignore` at the scanned root
/// (docs/configuration.md). Command-line options win over the file; `--exclude` and
/// `--extra-rules` add to it.
public struct RepositoryConfig: Sendable {
    public static let fileName = ".secretradar.toml"
    public static let ignoreFileName = ".secretradarignore"

    /// Where the settings came from (a path, or `branch:path` for a bare repository), for messages.
    public var file: String?
    /// Where the ignore file came from.
    public var ignoreFile: String?
    /// `[scan] max_file_size`.
    public var maxFileSize: Int?
    /// `[scan] fail_severity`.
    public var failSeverity: Severity?
    /// `[scan] exclude`: never scanned.
    public var exclude: [PathGlob] = []
    /// `[rules] disabled`: rule ids left out of the pack, with the line each is on.
    public var disabledRules: [(id: String, line: Int)] = []
    /// `[rules] extra`: rule files or directories, resolved against the file's directory.
    public var extraRules: [String] = []
    /// `[allowlist] paths`: findings there are not reported.
    public var allowPaths: [PathGlob] = []
    /// `[allowlist] rules`, with lines.
    public var allowRules: [(id: String, line: Int)] = []
    /// `[allowlist] regexes`, checked against each secret.
    public var allowRegexes: [String] = []
    /// `[allowlist] findings` and the ignore file: finding ids (or the 12-digit prefixes reports
    /// show), with their reasons.
    public var allowFindings: [(id: String, reason: String)] = []
    /// The line of `[allowlist] regexes`, for a pattern PCRE2 refuses.
    var regexLine = 1

    public init() {}

    /// Whether the file set anything that changes what a scan reports.
    public var isEmpty: Bool {
        exclude.isEmpty && disabledRules.isEmpty && extraRules.isEmpty && allowPaths.isEmpty && allowRules.isEmpty
            && allowRegexes.isEmpty && allowFindings.isEmpty && maxFileSize == nil && failSeverity == nil
    }

    /// The pack without the disabled rules; an id the pack does not have, in `disabled` or in the
    /// allowlist's `rules`, is an error at its line (a typo must not silently keep or drop a rule).
    public func applyDisabled(to rules: [Rule]) throws(ConfigError) -> [Rule] {
        let ids = Set(rules.map(\.id))
        for (id, line) in disabledRules + allowRules where !ids.contains(id) {
            throw ConfigError(file: file ?? Self.fileName, line: line, message: "no rule has the id '\(id)' (see `secretradar rules list`)")
        }
        guard !disabledRules.isEmpty else { return rules }
        let off = Set(disabledRules.map(\.id))
        return rules.filter { !off.contains($0.id) }
    }

    /// What a scan applies to each match and finding: exclusions and allowlists together.
    public func filter(extraExclude: [PathGlob] = []) throws(ConfigError) -> ScanFilter {
        var patterns: SecretPatterns?
        if !allowRegexes.isEmpty {
            do { patterns = try SecretPatterns(allowRegexes, label: "allowlist.regexes") } catch {
                throw ConfigError(file: file ?? Self.fileName, line: regexLine, message: "allowlist.regexes: \(error.description)")
            }
        }
        return ScanFilter(
            exclude: exclude + extraExclude, allowPaths: allowPaths, allowRules: Set(allowRules.map(\.id)), allowSecrets: patterns,
            allowFindings: allowFindings.map(\.id), digest: digest(extraExclude: extraExclude))
    }

    /// Everything that changes which matches become findings, as text: part of what decides
    /// whether the store's earlier matching of a blob still holds.
    func digest(extraExclude: [PathGlob]) -> String {
        var parts: [String] = []
        parts.append("exclude=" + (exclude + extraExclude).map(\.description).joined(separator: "\u{1}"))
        parts.append("paths=" + allowPaths.map(\.description).joined(separator: "\u{1}"))
        parts.append("rules=" + allowRules.map(\.id).sorted().joined(separator: "\u{1}"))
        parts.append("regexes=" + allowRegexes.joined(separator: "\u{1}"))
        parts.append("findings=" + allowFindings.map(\.id).sorted().joined(separator: "\u{1}"))
        return parts.joined(separator: "\u{0}")
    }
}

/// A bad `.secretradar.toml` or `.secretradarignore`: file, line, and what is wrong; never the
/// file's text beyond key names and rule ids.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int?
    public var message: String

    public init(file: String, line: Int, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(file):\(line)\(column.map { ":\($0)" } ?? ""): \(message)" }
}

extension RepositoryConfig {
    /// Parses `.secretradar.toml` text. `file` names it in errors; `base` is the directory that
    /// relative `[rules] extra` paths are resolved against (nil: the file is not on disk, and
    /// `extra` is refused).
    public static func parse(_ text: String, file: String, base: String?) throws(ConfigError) -> RepositoryConfig {
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch let error as TOMLParseError {
            throw ConfigError(
                file: file, line: error.source.begin.line, column: error.source.begin.column,
                message: "not valid TOML: " + Self.withoutQuotes(error.description))
        } catch {
            throw ConfigError(file: file, line: 1, message: "not valid TOML")
        }
        let lines = TOMLLines(text)
        var config = RepositoryConfig()
        config.file = file
        func fail(_ table: String?, _ key: String?, _ message: String) -> ConfigError {
            ConfigError(file: file, line: lines.line(table: table, key: key), message: message)
        }
        let known: [String: Set<String>] = [
            "scan": ["max_file_size", "fail_severity", "exclude"], "rules": ["disabled", "extra"],
            "allowlist": ["paths", "rules", "regexes", "findings"],
        ]
        for key in table.keys {
            guard let allowed = known[key] else {
                throw fail(nil, key, "unknown key '\(key)': expected the tables [scan], [rules] and [allowlist]")
            }
            guard let sub = table[key]?.table else { throw fail(nil, key, "'\(key)' must be a table ([\(key)])") }
            for inner in sub.keys where !allowed.contains(inner) {
                throw fail(key, inner, "unknown key '\(inner)' in [\(key)]: expected \(allowed.sorted().joined(separator: ", "))")
            }
        }
        func strings(_ t: String, _ k: String) throws(ConfigError) -> [(String, Int)]? {
            guard let value = table[t]?.table?[k] else { return nil }
            guard let array = value.array else { throw fail(t, k, "\(t).\(k) must be an array of strings") }
            var out: [(String, Int)] = []
            for element in array {
                guard let s = element.string else { throw fail(t, k, "\(t).\(k) must be an array of strings") }
                out.append((s, lines.line(table: t, key: k, element: s)))
            }
            return out
        }
        func globs(_ t: String, _ k: String) throws(ConfigError) -> [PathGlob] {
            var out: [PathGlob] = []
            for (s, line) in try strings(t, k) ?? [] {
                guard let glob = PathGlob(s) else {
                    throw ConfigError(file: file, line: line, message: "\(t).\(k): an empty pattern matches nothing")
                }
                out.append(glob)
            }
            return out
        }
        if let scan = table["scan"]?.table {
            if let value = scan["max_file_size"] {
                let size = value.int ?? value.string.flatMap(ByteSize.parse)
                guard let size, size > 0 else {
                    throw fail("scan", "max_file_size", "scan.max_file_size: expected a size such as \"500K\", \"25M\" or 1048576")
                }
                config.maxFileSize = size
            }
            if let value = scan["fail_severity"] {
                guard let severity = value.string.flatMap(Severity.init(rawValue:)) else {
                    throw fail("scan", "fail_severity", "scan.fail_severity: expected info, low, medium, high or critical")
                }
                config.failSeverity = severity
            }
            config.exclude = try globs("scan", "exclude")
        }
        config.disabledRules = (try strings("rules", "disabled") ?? []).map { (id: $0.0, line: $0.1) }
        for (path, line) in try strings("rules", "extra") ?? [] {
            guard let base else {
                throw ConfigError(
                    file: file, line: line,
                    message: "rules.extra: rule files are read only from a work tree; give them with --extra-rules on this server")
            }
            config.extraRules.append(path.hasPrefix("/") ? path : base + "/" + path)
        }
        config.allowPaths = try globs("allowlist", "paths")
        config.allowRules = (try strings("allowlist", "rules") ?? []).map { (id: $0.0, line: $0.1) }
        config.allowRegexes = (try strings("allowlist", "regexes") ?? []).map(\.0)
        config.regexLine = lines.line(table: "allowlist", key: "regexes")
        for (id, line) in try strings("allowlist", "findings") ?? [] {
            guard let normal = Self.findingID(id) else {
                throw ConfigError(file: file, line: line, message: "allowlist.findings: expected finding ids (at least 12 hex digits)")
            }
            config.allowFindings.append((normal, "listed in \(fileName)"))
        }
        // Compiled now, so that a bad pattern fails before any scanning.
        _ = try config.filter()
        return config
    }

    /// Adds the entries of a `.secretradarignore`: one finding per line, its id (or the 12-digit
    /// prefix reports show) then the reason it is not a secret; `#` starts a comment line.
    public mutating func addIgnoreFile(_ text: String, file: String) throws(ConfigError) {
        ignoreFile = file
        var number = 0
        // By `isNewline`: "\r\n" is one Character, which a split on "\n" would not cut.
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            number += 1
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\t" })
            guard let id = Self.findingID(String(parts[0])) else {
                throw ConfigError(
                    file: file, line: number, message: "expected a finding id (at least 12 hex digits, as reports show it), then a reason")
            }
            let reason = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
            guard !reason.isEmpty else {
                throw ConfigError(file: file, line: number, message: "a finding id needs a reason after it (why it is not a secret)")
            }
            allowFindings.append((id, reason))
        }
    }

    /// A finding id or prefix, lowercased: 12 to 64 hex digits.
    static func findingID(_ text: String) -> String? {
        let lower = text.lowercased()
        guard (12...64).contains(lower.utf8.count), lower.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) })
        else { return nil }
        return lower
    }

    /// A TOML parser message without what it quotes from the file.
    static func withoutQuotes(_ message: String) -> String {
        var out = ""
        var quoted = false
        for c in message {
            if c == "'" {
                if !quoted { out += "'…'" }
                quoted.toggle()
            } else if !quoted {
                out.append(c)
            }
        }
        return out
    }
}

extension RepositoryConfig {
    /// The settings of a scan: `explicit` (`--config`) when given, else `.secretradar.toml` and
    /// `.secretradarignore` in `root` when they exist. An explicit file that is missing is an error.
    public static func load(explicit: String?, root: String?) throws(ConfigError) -> RepositoryConfig? {
        var config: RepositoryConfig?
        if let explicit {
            guard let text = try read(explicit) else { throw ConfigError(file: explicit, line: 1, message: "no such file") }
            config = try parse(text, file: explicit, base: (explicit as NSString).deletingLastPathComponent.nonEmpty ?? ".")
        } else if let root, let text = try read(root + "/" + fileName) {
            config = try parse(text, file: root + "/" + fileName, base: root)
        }
        if let root, let text = try read(root + "/" + ignoreFileName) {
            var c = config ?? RepositoryConfig()
            try c.addIgnoreFile(text, file: root + "/" + ignoreFileName)
            config = c
        }
        return config
    }

    /// A file's text, nil when it does not exist; unreadable or not UTF-8 is an error.
    static func read(_ path: String) throws(ConfigError) -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, line: 1, message: "cannot be read")
        }
        guard data.count <= 1 << 20 else { throw ConfigError(file: path, line: 1, message: "larger than 1 MiB: not a settings file") }
        guard let text = String(data: data, encoding: .utf8) else { throw ConfigError(file: path, line: 1, message: "not UTF-8 text") }
        return text
    }
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}

/// Finds the line of a table, key or array element in TOML text: TOMLKit keeps no positions, and
/// an error that names only the file makes a user search.
struct TOMLLines {
    let lines: [Substring]

    init(_ text: String) { lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) }

    /// The line of `key` in `[table]` (or written `table.key = …`), else of `[table]`, else 1.
    /// With `element`, the first line from the key's on that holds it as a quoted string.
    func line(table: String?, key: String?, element: String? = nil) -> Int {
        var current: String?  // nil: the top level, before any header
        var tableLine: Int?
        var keyLine: Int?
        for (i, raw) in lines.enumerated() where keyLine == nil {
            let t = raw.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("[") {
                let name = t.components(separatedBy: "#")[0].trimmingCharacters(in: CharacterSet(charactersIn: "[] \t"))
                current = name
                if let table, name == table, tableLine == nil { tableLine = i + 1 }
                if table == nil, name == key { keyLine = i + 1 }
                continue
            }
            guard let key else { continue }
            if current == table && Self.assigns(t, key) {
                keyLine = i + 1
            } else if current == nil, let table, Self.assigns(t, table + "." + key) {
                keyLine = i + 1
            }
        }
        guard let keyLine else { return tableLine ?? 1 }
        if let element {
            for i in (keyLine - 1)..<lines.count where lines[i].contains("\"\(element)\"") || lines[i].contains("'\(element)'") {
                return i + 1
            }
        }
        return keyLine
    }

    /// Whether a line assigns `key` (`key = …`, `key=…`).
    static func assigns(_ line: String, _ key: String) -> Bool {
        guard line.hasPrefix(key) else { return false }
        return line.dropFirst(key.count).trimmingCharacters(in: .whitespaces).hasPrefix("=")
    }
}
