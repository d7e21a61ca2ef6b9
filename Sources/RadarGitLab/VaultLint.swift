import Foundation
import RadarModel
import RadarRules
import Yams

/// One problem `vault lint` found.
public struct LintProblem: Sendable, Hashable, Codable {
    public var file: String
    public var line: Int
    /// A short stable code (`no_bound_audiences`, `kv2_without_data`, ...).
    public var code: String
    public var message: String

    public init(file: String, line: Int, code: String, message: String) {
        self.file = file
        self.line = line
        self.code = code
        self.message = message
    }
}

/// Lints Vault JWT roles (JSON) and policies (HCL) for GitLab CI (docs/vault-lint.md).
public enum VaultLint {
    /// Files ending in `.hcl` are policies; anything else is read as role JSON.
    public static func lint(file: String, kvMounts: Set<String> = ["secret", "kv"]) throws(GitLabError) -> [LintProblem] {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw .unreadable(file: file, reason: FileManager.default.fileExists(atPath: file) ? "permission denied" : "no such file")
        }
        let text = String(decoding: data, as: UTF8.self)
        if file.hasSuffix(".hcl") { return try lintPolicy(text, file: file, kvMounts: kvMounts) }
        return try lintRole(text, file: file)
    }

    // MARK: roles

    static let projectClaims: Set<String> = ["project_path", "project_id", "namespace_path", "namespace_id", "ci_config_ref_uri"]

    /// Seconds of a TTL written as `15m`, `1h`, `3600` or `"3600s"`.
    static func seconds(_ node: Node) -> Int? {
        guard let s = node.string?.trimmingCharacters(in: .whitespaces), !s.isEmpty else { return nil }
        if let n = Int(s) { return n }
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        guard let unit = s.last, let factor = units[unit], let n = Int(s.dropLast()) else { return nil }
        return n * factor
    }

    public static func lintRole(_ text: String, file: String) throws(GitLabError) -> [LintProblem] {
        let node: Node?
        do { node = try SafeYAML.compose(text) } catch {
            throw .malformed(file: file, line: error.line, message: "not valid JSON: \(error.message)")
        }
        guard let node, case .mapping(var role) = node else { throw .malformed(file: file, line: 1, message: "expected a role object") }
        if case .mapping(let inner)? = role["data"] { role = inner }  // `vault read -format=json` wraps the role in data
        var out: [LintProblem] = []
        func problem(_ at: Node?, _ code: String, _ message: String) {
            out.append(LintProblem(file: file, line: at.map(VariableExport.line) ?? 1, code: code, message: message))
        }
        let roleType = role["role_type"]?.string
        if roleType != "jwt" {
            problem(
                role["role_type"], "role_type_not_jwt", "role_type is \(roleType ?? "unset (oidc)"): GitLab CI logs in with role_type jwt")
        }
        if role["user_claim"]?.string?.isEmpty ?? true {
            problem(nil, "no_user_claim", "user_claim is required (e.g. user_email or project_path)")
        }
        let audiences = role["bound_audiences"]
        if audiences == nil || (audiences?.sequence?.isEmpty ?? false) || (audiences?.string?.isEmpty ?? false) {
            problem(
                audiences, "no_bound_audiences",
                "no bound_audiences: since Vault 1.17 a token carrying aud is refused, and any audience would do")
        }
        let claims = role["bound_claims"]?.mapping
        if (claims?.isEmpty ?? true) && (role["bound_subject"]?.string?.isEmpty ?? true) {
            problem(role["bound_claims"], "no_bound_claims", "no bound_claims or bound_subject: any GitLab job of the issuer can log in")
        } else if let claims, !claims.keys.contains(where: { projectClaims.contains($0.string ?? "") }), role["bound_subject"] == nil {
            problem(
                role["bound_claims"], "no_project_binding",
                "bound_claims bind no project_path/project_id/namespace: every project of the instance can log in")
        }
        let glob = role["bound_claims_type"]?.string == "glob"
        for (k, v) in claims ?? Node.Mapping([]) {
            let name = k.string ?? "?"
            let values: [Node] = v.sequence.map(Array.init) ?? [v]
            for value in values {
                if case .scalar(let scalar) = value, scalar.style == .plain, value.bool != nil || value.int != nil {
                    problem(
                        value, "claim_not_string",
                        "bound_claims \(name) is \(scalar.string) unquoted: GitLab sends every claim as a string (\"\(scalar.string)\")")
                }
                if glob, name == "project_path" || name == "namespace_path", value.string?.contains("*") == true {
                    problem(value, "glob_on_project", "glob on \(name) (\(value.string ?? "")) lets other projects in")
                }
            }
        }
        for key in ["token_explicit_max_ttl", "token_max_ttl", "token_ttl"] {
            if let v = role[key], let s = seconds(v), s > 3600 {
                problem(v, "long_ttl", "\(key) is \(s) s: a CI job needs minutes (15m is plenty)")
            }
        }
        if role["token_explicit_max_ttl"] == nil && role["token_max_ttl"] == nil {
            problem(nil, "no_max_ttl", "no token_explicit_max_ttl: tokens live as long as the mount's default (often 32 days)")
        }
        return out
    }

    // MARK: policies

    static let capabilities: Set<String> = ["create", "read", "update", "patch", "delete", "list", "sudo", "deny", "subscribe", "recover"]
    static let kvPrefixes: Set<String> = ["data", "metadata", "delete", "undelete", "destroy", "subkeys", "config"]

    public static func lintPolicy(_ text: String, file: String, kvMounts: Set<String>) throws(GitLabError) -> [LintProblem] {
        var out: [LintProblem] = []
        for block in try PolicyParser.parse(text, file: file) {
            func problem(_ code: String, _ message: String) {
                out.append(LintProblem(file: file, line: block.line, code: code, message: message))
            }
            let p = block.path
            if p.contains("+*") { problem("invalid_glob", "path \"\(p)\": +* is not valid") }
            if let star = p.firstIndex(of: "*"), star != p.index(before: p.endIndex) {
                problem("invalid_glob", "path \"\(p)\": * is allowed only at the end")
            }
            let segments = p.split(separator: "/", omittingEmptySubsequences: false)
            if p == "*" || p == "+/*" || (segments.count <= 2 && p.hasSuffix("/*")) || p == "sys/*" {
                problem("broad_path", "path \"\(p)\" covers a whole mount or everything")
            }
            for c in block.capabilities where !capabilities.contains(c) { problem("unknown_capability", "unknown capability \"\(c)\"") }
            if block.capabilities.contains("sudo") { problem("sudo", "sudo on \"\(p)\": CI jobs never need it") }
            if let mount = segments.first.map(String.init), kvMounts.contains(mount), segments.count > 1,
                !kvPrefixes.contains(String(segments[1])),
                !block.capabilities.allSatisfy({ $0 == "deny" })
            {
                problem(
                    "kv2_without_data", "\"\(p)\": a KV v2 mount is read at \(mount)/data/\(segments.dropFirst().joined(separator: "/"))")
            }
        }
        return out
    }
}

/// The policy subset of HCL: `path "PATTERN" { capabilities = ["read", ...] ... }`, `name = "..."`,
/// comments (`#`, `//`, `/* */`). Other attributes inside a path block are skipped.
enum PolicyParser {
    struct PathBlock {
        var path: String
        var capabilities: [String]
        var line: Int
    }

    enum Token: Equatable {
        case word(String), string(String), lbrace, rbrace, lbracket, rbracket, equals, comma
    }

    static func tokens(_ text: String, file: String) throws(GitLabError) -> [(Token, Int)] {
        var out: [(Token, Int)] = []
        let chars = Array(text.unicodeScalars)
        var i = 0
        var line = 1
        while i < chars.count {
            let c = chars[i]
            if c == "\n" { line += 1; i += 1; continue }
            if c == " " || c == "\t" || c == "\r" { i += 1; continue }
            if c == "#" || (c == "/" && i + 1 < chars.count && chars[i + 1] == "/") {
                while i < chars.count && chars[i] != "\n" { i += 1 }
                continue
            }
            if c == "/" && i + 1 < chars.count && chars[i + 1] == "*" {
                let start = line
                i += 2
                while i + 1 < chars.count && !(chars[i] == "*" && chars[i + 1] == "/") { if chars[i] == "\n" { line += 1 }; i += 1 }
                guard i + 1 < chars.count else { throw .malformed(file: file, line: start, message: "unterminated /* comment") }
                i += 2
                continue
            }
            switch c {
            case "{": out.append((.lbrace, line))
            case "}": out.append((.rbrace, line))
            case "[": out.append((.lbracket, line))
            case "]": out.append((.rbracket, line))
            case "=": out.append((.equals, line))
            case ",": out.append((.comma, line))
            case "\"":
                var s = ""
                i += 1
                while i < chars.count && chars[i] != "\"" {
                    if chars[i] == "\n" { throw .malformed(file: file, line: line, message: "unterminated string") }
                    if chars[i] == "\\" && i + 1 < chars.count { i += 1 }
                    s.unicodeScalars.append(chars[i])
                    i += 1
                }
                guard i < chars.count else { throw .malformed(file: file, line: line, message: "unterminated string") }
                out.append((.string(s), line))
            default:
                guard CharacterSet.alphanumerics.contains(c) || c == "_" || c == "-" || c == "." else {
                    throw .malformed(file: file, line: line, message: "unexpected character (not HCL)")
                }
                var w = ""
                while i < chars.count,
                    CharacterSet.alphanumerics.contains(chars[i]) || chars[i] == "_" || chars[i] == "-" || chars[i] == "."
                {
                    w.unicodeScalars.append(chars[i])
                    i += 1
                }
                out.append((.word(w), line))
                continue
            }
            i += 1
        }
        return out
    }

    static func parse(_ text: String, file: String) throws(GitLabError) -> [PathBlock] {
        let toks = try tokens(text, file: file)
        var i = 0
        var blocks: [PathBlock] = []
        func expect(_ t: Token, _ what: String) throws(GitLabError) {
            guard i < toks.count, toks[i].0 == t else {
                throw .malformed(file: file, line: i < toks.count ? toks[i].1 : (toks.last?.1 ?? 1), message: "expected \(what)")
            }
            i += 1
        }
        /// Skips one value: a string, word, list or block.
        func skipValue() throws(GitLabError) {
            guard i < toks.count else { throw .malformed(file: file, line: toks.last?.1 ?? 1, message: "expected a value") }
            switch toks[i].0 {
            case .lbrace, .lbracket:
                var depth = 0
                repeat {
                    guard i < toks.count else { throw .malformed(file: file, line: toks.last?.1 ?? 1, message: "unclosed bracket") }
                    if toks[i].0 == .lbrace || toks[i].0 == .lbracket { depth += 1 }
                    if toks[i].0 == .rbrace || toks[i].0 == .rbracket { depth -= 1 }
                    i += 1
                } while depth > 0
            default: i += 1
            }
        }
        while i < toks.count {
            let (tok, line) = toks[i]
            guard case .word(let keyword) = tok else {
                throw .malformed(file: file, line: line, message: "expected `path \"...\" {` or an attribute")
            }
            i += 1
            if keyword == "path" {
                guard i < toks.count, case .string(let pattern) = toks[i].0 else {
                    throw .malformed(file: file, line: line, message: "expected the path in quotes")
                }
                i += 1
                try expect(.lbrace, "{")
                var caps: [String] = []
                while i < toks.count, toks[i].0 != .rbrace {
                    guard case .word(let attribute) = toks[i].0 else {
                        throw .malformed(file: file, line: toks[i].1, message: "expected an attribute")
                    }
                    i += 1
                    if i < toks.count, toks[i].0 == .lbrace { try skipValue(); continue }  // a nested block
                    try expect(.equals, "=")
                    if attribute == "capabilities" {
                        try expect(.lbracket, "[")
                        while i < toks.count, toks[i].0 != .rbracket {
                            if case .string(let c) = toks[i].0 {
                                caps.append(c)
                            } else if toks[i].0 != .comma {
                                throw .malformed(file: file, line: toks[i].1, message: "capabilities must be strings")
                            }
                            i += 1
                        }
                        try expect(.rbracket, "]")
                    } else {
                        try skipValue()
                    }
                }
                try expect(.rbrace, "}")
                blocks.append(PathBlock(path: pattern, capabilities: caps, line: line))
            } else {
                try expect(.equals, "=")
                try skipValue()
            }
        }
        return blocks
    }
}
