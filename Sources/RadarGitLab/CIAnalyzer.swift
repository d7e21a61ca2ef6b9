import Foundation
import RadarMatch
import RadarModel
import RadarRules
import Yams

/// Analyses `.gitlab-ci.yml` files for what a move to Vault must fix (docs/gitlab-ci.md): secrets in
/// `variables:` and scripts, the removed `CI_JOB_JWT`, `id_tokens` without `aud`, `secrets:` that
/// cannot get a token, and Vault CLI jobs that may print secrets. Follows local includes, merges
/// `extends:` (deep, as GitLab does), `default:` and YAML anchors and `<<` merge keys.
public struct CIAnalyzer: Sendable {
    let matcher: Matcher
    /// Reads a file by path: the disk by default; a git tree for `scan git`.
    let read: @Sendable (String) -> Data?

    public init(matcher: Matcher, read: @escaping @Sendable (String) -> Data? = { FileManager.default.contents(atPath: $0) }) {
        self.matcher = matcher
        self.read = read
    }

    /// The largest file read (libyaml also stops nesting deeper than 1000 levels).
    static let maxFileSize = 4 << 20

    /// Top-level keys that are not jobs.
    static let reserved: Set<String> = [
        "default", "include", "stages", "variables", "workflow", "image", "services", "before_script", "after_script", "cache", "spec",
        "pages:deploy",
    ]

    /// A loaded document: its file and its top-level mapping.
    struct Document {
        var file: String
        var root: Node.Mapping
    }

    public func analyze(file: String) throws(GitLabError) -> [CIFinding] {
        var findings: [CIFinding] = []
        var documents: [Document] = []
        try load(file, base: (file as NSString).deletingLastPathComponent, into: &documents, findings: &findings, depth: 0)
        var jobs: [(name: String, node: Node.Mapping, file: String)] = []
        var defaults: Node.Mapping?
        var scratch: MatcherScratch
        do { scratch = try matcher.makeScratch() } catch { throw .unreadable(file: file, reason: "matcher: \(error)") }
        for doc in documents {
            for (keyNode, value) in doc.root {
                guard let key = keyNode.string else { continue }
                if key == "variables" { findings += variables(value, file: doc.file, job: nil, scratch: scratch) }
                if key == "before_script" || key == "after_script" {
                    findings += scripts(value, file: doc.file, job: nil, vaultJob: false, scratch: scratch)
                }
                if key == "default", case .mapping(let m) = value {
                    defaults = Self.flatten(m)
                    findings += scripts(of: m, file: doc.file, job: "default", scratch: scratch)
                }
                guard !Self.reserved.contains(key), case .mapping(let m) = value else { continue }
                let job = Self.flatten(m)
                jobs.append((key, job, doc.file))
                if let vars = job["variables"] { findings += variables(vars, file: doc.file, job: key, scratch: scratch) }
                findings += scripts(of: job, file: doc.file, job: key, scratch: scratch)
            }
        }
        // Jobs as GitLab runs them: templates merged in, defaults underneath.
        let byName = Dictionary(jobs.map { ($0.name, $0.node) }, uniquingKeysWith: { _, b in b })
        for (name, node, jobFile) in jobs where !name.hasPrefix(".") {
            var resolved = Self.resolveExtends(node, byName: byName, depth: 0)
            // `inherit: default: false` takes nothing from `default:`; a list takes only what it names.
            let inherit = resolved["inherit"]?.mapping?["default"]
            let inherited: Set<String>? =
                inherit?.bool == false ? [] : inherit?.sequence.map { Set($0.compactMap(\.string)) }
            if let defaults {
                for key in ["id_tokens", "before_script", "after_script"] where resolved[key] == nil && inherited?.contains(key) != false {
                    if let v = defaults[key] { resolved[Node(key)] = v }
                }
            }
            findings += identity(resolved, file: jobFile, job: name)
        }
        var seen: Set<String> = []
        return findings.filter { seen.insert("\($0.kind)|\($0.file)|\($0.line)|\($0.job ?? "")|\($0.message)").inserted }
            .sorted { ($0.file, $0.line, $0.kind.rawValue) < ($1.file, $1.line, $1.kind.rawValue) }
    }

    /// A job as the plan needs it: its environment and the `$VARIABLES` its scripts and variables use.
    public struct JobUse: Sendable, Hashable {
        public var name: String
        public var environment: String?
        public var variables: Set<String>
        public var file: String
        public var line: Int
        /// KV v2 paths the job already reads with `secrets: … vault:` (`mount/data/path`): the plan
        /// keeps granting them, or the pipeline breaks on the day of the move.
        public var vaultReads: [String] = []
        /// What starts the job (`rules:`, `only:`): the refs and pipeline sources its role must accept.
        public var triggers = JobTriggers()
        /// The `aud` of each of its `id_tokens`: the role must accept them.
        public var audiences: [String] = []
    }

    /// The audiences a job's `id_tokens` ask for (`aud:` a string or a list).
    static func audiences(_ job: Node.Mapping) -> [String] {
        guard case .mapping(let tokens)? = job["id_tokens"] else { return [] }
        return tokens.flatMap { _, token -> [String] in
            guard let aud = token.mapping?["aud"] else { return [] }
            return (aud.sequence.map(Array.init) ?? [aud]).compactMap(\.string)
        }
    }

    /// The KV v2 policy paths of a job's `secrets:` entries: `vault: path/field@mount` (GitLab's
    /// default mount is `kv-v2`) or `vault: {engine: {path: mount}, path:, field:}`. A path with a
    /// glob character or a quote is left out: granting it could reach further than the job does.
    static func vaultReads(_ job: Node.Mapping) -> [String] {
        guard case .mapping(let secrets)? = job["secrets"] else { return [] }
        var reads: [String] = []
        for (_, entry) in secrets {
            guard let vault = entry.mapping?["vault"] else { continue }
            var mount = "kv-v2"
            var path: String?
            if let spec = vault.string {
                var rest = Substring(spec)
                if let at = rest.lastIndex(of: "@") {
                    mount = String(rest[rest.index(after: at)...])
                    rest = rest[..<at]
                }
                if let slash = rest.lastIndex(of: "/") { path = String(rest[..<slash]) }
            } else if let m = vault.mapping {
                mount = m["engine"]?.mapping?["path"]?.string ?? mount
                path = m["path"]?.string
            }
            guard let path, !path.isEmpty, !mount.isEmpty else { continue }
            let full = "\(mount)/data/\(path)"
            if full.contains(where: { "*+\"\\\n".contains($0) }) { continue }
            reads.append(full)
        }
        return reads
    }

    /// Every runnable job (templates merged in) with its environment and the variables it references.
    public func jobUses(file: String) throws(GitLabError) -> [JobUse] {
        var findings: [CIFinding] = []
        var documents: [Document] = []
        try load(file, base: (file as NSString).deletingLastPathComponent, into: &documents, findings: &findings, depth: 0)
        var jobs: [(String, Node.Mapping, String, Int)] = []
        for doc in documents {
            for (k, v) in doc.root {
                guard let name = k.string, !Self.reserved.contains(name), case .mapping(let m) = v else { continue }
                jobs.append((name, Self.flatten(m), doc.file, VariableExport.line(k)))
            }
        }
        let byName = Dictionary(jobs.map { ($0.0, $0.1) }, uniquingKeysWith: { _, b in b })
        let reference = try! NSRegularExpression(pattern: #"\$\{?([A-Za-z_][A-Za-z0-9_]*)"#)
        return jobs.filter { !$0.0.hasPrefix(".") }.map { name, node, jobFile, line in
            let job = Self.resolveExtends(node, byName: byName, depth: 0)
            var texts = ["before_script", "script", "after_script"].compactMap { job[$0] }.flatMap(Self.lines).map(\.0)
            if case .mapping(let vars)? = job["variables"] { texts += vars.compactMap { ($0.value.mapping?["value"] ?? $0.value).string } }
            var used: Set<String> = []
            for t in texts {
                for m in reference.matches(in: t, range: NSRange(t.startIndex..., in: t)) {
                    if let r = Range(m.range(at: 1), in: t) { used.insert(String(t[r])) }
                }
            }
            let environment = job["environment"]?.string ?? job["environment"]?.mapping?["name"]?.string
            return JobUse(
                name: name, environment: environment, variables: used, file: jobFile, line: line, vaultReads: Self.vaultReads(job),
                triggers: JobTriggers.of(job), audiences: Self.audiences(job))
        }
    }

    // MARK: loading

    func load(_ file: String, base: String, into documents: inout [Document], findings: inout [CIFinding], depth: Int) throws(GitLabError) {
        guard depth < 16, !documents.contains(where: { $0.file == file }) else { return }
        guard let data = read(file) else {
            throw .unreadable(file: file, reason: FileManager.default.fileExists(atPath: file) ? "permission denied" : "no such file")
        }
        // GitLab itself refuses configurations this large; a hostile one must not cost minutes.
        guard data.count <= Self.maxFileSize else {
            throw .malformed(
                file: file, line: 1, message: "\(data.count) bytes: larger than a CI configuration can be (\(Self.maxFileSize >> 20) MiB)")
        }
        let node: Node?
        do { node = try SafeYAML.compose(String(decoding: data, as: UTF8.self)) } catch {
            throw .malformed(file: file, line: error.line, message: "not valid YAML: \(error.message)")
        }
        guard let node else { return }
        guard case .mapping(let root) = node else {
            throw .malformed(file: file, line: VariableExport.line(node), message: "expected a mapping of jobs")
        }
        documents.append(Document(file: file, root: root))
        guard let include = root["include"] else { return }
        let entries: [Node] = include.sequence.map(Array.init) ?? [include]
        for entry in entries {
            let line = VariableExport.line(entry)
            if let local = entry.string ?? entry.mapping?["local"]?.string, entry.mapping?["remote"] == nil, !local.hasPrefix("http") {
                let path = (base as NSString).appendingPathComponent(local.hasPrefix("/") ? String(local.dropFirst()) : local)
                guard read(path) != nil else {
                    findings.append(
                        CIFinding(
                            kind: .unfollowedInclude, file: file, line: line, job: nil,
                            message: "local include \(local) not found next to the file"))
                    continue
                }
                try load(path, base: base, into: &documents, findings: &findings, depth: depth + 1)
            } else {
                let what =
                    entry.string ?? entry.mapping.map { m in
                        m.compactMap { k, v in k.string.map { "\($0): \(v.string ?? "…")" } }.joined(separator: ", ")
                    } ?? "?"
                findings.append(
                    CIFinding(
                        kind: .unfollowedInclude, file: file, line: line, job: nil,
                        message: "include not fetched: \(Self.withoutCredentials(what))"))
            }
        }
    }

    /// `https://user:token@host/x` → `https://host/x`: a remote include's URL may carry a credential,
    /// and the report must not repeat it.
    static func withoutCredentials(_ text: String) -> String {
        text.replacingOccurrences(of: #"([a-z][a-z0-9+.-]*://)[^\s/@]+@"#, with: "$1", options: .regularExpression)
    }

    /// Applies `<<` merge keys (YAML anchors): keys already present win.
    static func flatten(_ mapping: Node.Mapping) -> Node.Mapping {
        var out: [(Node, Node)] = []
        var merged: [(Node, Node)] = []
        for (k, v) in mapping {
            if k.string == "<<" {
                let sources: [Node] = v.sequence.map(Array.init) ?? [v]
                for s in sources { if case .mapping(let m) = s { merged += flatten(m).map { ($0.key, $0.value) } } }
            } else {
                out.append((k, v))
            }
        }
        let present = Set(out.compactMap { $0.0.string })
        for (k, v) in merged where !present.contains(k.string ?? "") { out.append((k, v)) }
        return Node.Mapping(out)
    }

    /// `extends:` merged deeply (mappings merge, other values are replaced), templates first.
    static func resolveExtends(_ job: Node.Mapping, byName: [String: Node.Mapping], depth: Int) -> Node.Mapping {
        guard depth < 11, let extends = job["extends"] else { return job }
        let names = extends.sequence.map { $0.compactMap(\.string) } ?? [extends.string].compactMap { $0 }
        var base = Node.Mapping([])
        for name in names { if let t = byName[name] { base = deepMerge(base, resolveExtends(t, byName: byName, depth: depth + 1)) } }
        return deepMerge(base, job)
    }

    static func deepMerge(_ a: Node.Mapping, _ b: Node.Mapping) -> Node.Mapping {
        var out = a
        for (k, v) in b {
            if case .mapping(let bm) = v, case .mapping(let am)? = out[k] {
                out[k] = .mapping(deepMerge(am, bm))
            } else {
                out[k] = v
            }
        }
        return out
    }

    // MARK: checks

    /// Strings of a script entry, with their lines (lists may nest, as GitLab allows).
    /// Script lines with their line numbers. A literal block (`|`) is one command per line, each
    /// at its own line; a folded block (`>`) is one command whose line is found in the source when
    /// something is reported (`place`); other scalars are one line.
    static func lines(_ node: Node) -> [(String, Int)] {
        if let scalar = node.scalar {
            let line = VariableExport.line(node)
            switch scalar.style {
            case .literal:
                // The mark is the indicator's line; the content starts on the next.
                return scalar.string.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                    .filter { !$0.element.trimmingCharacters(in: .whitespaces).isEmpty }.map { (String($0.element), line + 1 + $0.offset) }
            case .folded: return [(scalar.string, -line)]
            default: return [(scalar.string, line)]
            }
        }
        if let seq = node.sequence { return seq.flatMap { lines($0) } }
        return []
    }

    /// The line to report for `token` found in a script line: a folded block's line (negative,
    /// from `lines`) becomes the first source line after the indicator that holds the token.
    func place(_ line: Int, token: String, file: String) -> Int {
        guard line < 0 else { return line }
        let start = -line
        guard !token.isEmpty, let data = read(file), data.count <= Self.maxFileSize else { return start }
        let source = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for n in start..<min(source.count, start + 500) where source[n].contains(token) { return n + 1 }
        return start
    }

    func scripts(of job: Node.Mapping, file: String, job name: String, scratch: MatcherScratch) -> [CIFinding] {
        let all = ["before_script", "script", "after_script"].compactMap { job[$0] }.flatMap(Self.lines)
        let usesVault = all.contains { $0.0.range(of: #"(^|[\s;&|(])vault\s"#, options: .regularExpression) != nil }
        return ["before_script", "script", "after_script"].compactMap { job[$0] }.flatMap {
            scripts($0, file: file, job: name, vaultJob: usesVault, scratch: scratch)
        }
    }

    /// Inline-credential patterns, compiled once (they run on every script line).
    static let inlineCompiled: [(NSRegularExpression, String)] = inline.map { (try! NSRegularExpression(pattern: $0.0), $0.1) }

    static let inline: [(String, String)] = [
        (#"(?:^|\s)(?:-u|--user)[\s=]+['"]?[^\s:'"$]+:([^\s'"$][^\s'"]*)"#, "a password passed with curl -u / --user"),
        (#"docker\s+login\b[^\n]*?\s(?:-p|--password)[\s=]+['"]?([^\s'"$-][^\s'"]*)"#, "a password passed to docker login"),
        (#"--password=['"]?([^\s'"$][^\s'"]*)"#, "a password passed with --password="),
        (#"[a-z][a-z0-9+.-]*://[^\s/:@'"]+:([^\s/@'"$][^\s/@'"]*)@"#, "a URL with a password"),
    ]

    func scripts(_ node: Node, file: String, job: String?, vaultJob: Bool, scratch: MatcherScratch) -> [CIFinding] {
        var out: [CIFinding] = []
        for (text, at) in Self.lines(node) {
            let bytes = Array(text.utf8)
            if let m = matcher.scan(bytes, scratch: scratch).first {
                out.append(
                    CIFinding(
                        kind: .inlineCredential, file: file, line: place(at, token: String(decoding: m.secret, as: UTF8.self), file: file),
                        job: job, message: "a \(m.ruleID) credential in a script", rule: m.ruleID,
                        secretRedacted: Redaction.redact(m.secret)))
            } else {
                for (r, what) in Self.inlineCompiled {
                    guard let hit = r.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
                        let range = Range(hit.range(at: 1), in: text)
                    else { continue }
                    let secret = Array(text[range].utf8)
                    guard !PlaceholderFilter.isPlaceholder(secret) else { continue }
                    out.append(
                        CIFinding(
                            kind: .inlineCredential, file: file, line: place(at, token: String(text[range]), file: file), job: job,
                            message: what, secretRedacted: Redaction.redact(secret)))
                    break
                }
            }
            if text.contains("CI_JOB_JWT") {
                out.append(
                    CIFinding(
                        kind: .removedJobJWT, file: file, line: place(at, token: "CI_JOB_JWT", file: file), job: job,
                        message: "CI_JOB_JWT / CI_JOB_JWT_V2 were removed in GitLab 17.0: declare id_tokens with an aud instead"))
            }
            if vaultJob, let exposure = Self.exposure(text) {
                out.append(CIFinding(kind: .logExposure, file: file, line: abs(at), job: job, message: exposure))
            }
        }
        return out
    }

    /// Lines of a Vault CLI job that can put a secret into the job log (no masking for CLI-fetched values).
    static func exposure(_ line: String) -> String? {
        let t = line.trimmingCharacters(in: .whitespaces)
        if t.range(of: #"^set\s+-[a-z]*x"#, options: .regularExpression) != nil { return "set -x prints every command, secrets included" }
        if t.range(of: #"^(env|printenv)\s*($|[|;>])"#, options: .regularExpression) != nil {
            return "\(t.split(separator: " ")[0]) prints every variable"
        }
        if t.range(of: #"^echo\b.*\$\{?[A-Z0-9_]*(PASSWORD|SECRET|TOKEN|KEY|CREDENTIAL)"#, options: .regularExpression) != nil {
            return "echo of a secret variable"
        }
        if t.range(of: #"^vault\s+(read|kv\s+get)\b"#, options: .regularExpression) != nil, !t.contains("-field"), !t.contains(">") {
            return "vault output printed to the log (use -field= into a variable, or redirect)"
        }
        return nil
    }

    func variables(_ node: Node, file: String, job: String?, scratch: MatcherScratch) -> [CIFinding] {
        // `<<: *anchor` merges a mapping of variables in; its values keep their own lines.
        guard case .mapping(let given) = node else { return [] }
        let vars = Self.flatten(given)
        var out: [CIFinding] = []
        for (k, v) in vars {
            guard let name = k.string else { continue }
            let valueNode = v.mapping?["value"] ?? v
            guard let value = valueNode.string else { continue }
            let line = VariableExport.line(valueNode)
            let bytes = Array(value.utf8)
            let assignment = Array("\(name): \(value)".utf8)
            let offset = assignment.count - bytes.count
            if value.contains("CI_JOB_JWT") {
                out.append(
                    CIFinding(
                        kind: .removedJobJWT, file: file, line: line, job: job, message: "\(name) uses CI_JOB_JWT, removed in GitLab 17.0"))
            }
            if let m = (matcher.scan(assignment, scratch: scratch).first { $0.secretSpan.lowerBound >= offset }) {
                out.append(
                    CIFinding(
                        kind: .hardcodedVariable, file: file, line: line, job: job, message: "\(name) holds a \(m.ruleID) credential",
                        rule: m.ruleID,
                        secretRedacted: Redaction.redact(m.secret)))
            } else if VariableClassifier.looksSecret(name), !VariableClassifier.isReference(value), bytes.count >= 8,
                Entropy.shannon(bytes) >= 3.0, !PlaceholderFilter.isPlaceholder(bytes), !VariableClassifier.looksLikePattern(value)
            {
                out.append(
                    CIFinding(
                        kind: .hardcodedVariable, file: file, line: line, job: job,
                        message: "\(name) holds a literal value (a secret-like name)",
                        secretRedacted: Redaction.redact(bytes)))
            }
        }
        return out
    }

    /// `id_tokens` and `secrets:` of a resolved job.
    func identity(_ job: Node.Mapping, file: String, job name: String) -> [CIFinding] {
        var out: [CIFinding] = []
        var tokens: [String] = []
        if case .mapping(let ids)? = job["id_tokens"] {
            for (k, v) in ids {
                guard let token = k.string else { continue }
                tokens.append(token)
                if v.mapping?["aud"] == nil {
                    out.append(
                        CIFinding(
                            kind: .idTokenWithoutAudience, file: file, line: VariableExport.line(k), job: name,
                            message: "id_tokens \(token) has no aud: Vault's role must bind an audience, so the token needs one"))
                }
            }
        }
        if case .mapping(let secrets)? = job["secrets"] {
            for (k, v) in secrets {
                let variable = k.string ?? "?"
                let line = VariableExport.line(k)
                let named = v.mapping?["token"]?.string.map { $0.hasPrefix("$") ? String($0.dropFirst()) : $0 }
                if tokens.isEmpty {
                    out.append(
                        CIFinding(
                            kind: .unresolvableSecret, file: file, line: line, job: name,
                            message: "secrets: \(variable) needs an ID token, and the job declares no id_tokens"))
                } else if let named, !tokens.contains(named) {
                    out.append(
                        CIFinding(
                            kind: .unresolvableSecret, file: file, line: line, job: name,
                            message: "secrets: \(variable) names token $\(named), which id_tokens does not declare"))
                } else if named == nil, tokens.count > 1 {
                    out.append(
                        CIFinding(
                            kind: .unresolvableSecret, file: file, line: line, job: name,
                            message:
                                "secrets: \(variable) has no token: and the job declares several id_tokens (\(tokens.joined(separator: ", ")))"
                        ))
                }
            }
        }
        return out
    }
}
