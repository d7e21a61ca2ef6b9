import Foundation
import Yams

/// What `serve` needs (docs/service.md): from a YAML file (`--config`), then the environment for
/// secrets, then flags. Every error names the key (and the file and line for the file).
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8787
    public var store: String?
    /// Accepted `X-Gitlab-Token` values; several while one is rotated out.
    public var webhookTokens: [String] = []
    public var gitlabURL: String?
    /// The token git fetches with; kept in memory only.
    public var gitlabToken: String?
    public var cacheDirectory: String?
    public var workers = 1
    /// `project.git_http_url` prefixes replaced before fetching (a mirror, a local path).
    public var cloneURLRewrites: [(from: String, to: String)] = []
    /// A baseline file per project path, or per group path (the longest match wins).
    public var baselines: [String: String] = [:]
    /// Largest webhook body accepted.
    public var maxBodyBytes = 4 << 20
    /// A running job's lease; its worker extends it every third of it.
    public var leaseMilliseconds: Int64 = 60_000
    /// Attempts before a job is failed for good; retries back off 5 s, 10 s, 20 s, …
    public var maxAttempts = 5
    /// How long SIGTERM waits for running jobs before handing them back to the queue.
    public var shutdownGraceSeconds = 20
    /// A fetch that takes longer is stopped and the attempt fails (a server that stopped answering).
    public var fetchTimeoutSeconds = 600
    /// Logs as JSON lines (else text).
    public var jsonLogs = false

    public init() {}

    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    static let keys: Set<String> = [
        "listen", "store", "webhook_tokens", "gitlab_url", "gitlab_token", "cache_dir", "workers", "clone_url_rewrite", "baselines",
        "max_body_bytes", "lease_seconds", "max_attempts", "shutdown_grace_seconds", "log_format", "fetch_timeout_seconds",
    ]

    /// Reads the YAML configuration file at `path` over the defaults.
    public mutating func load(file path: String) throws(Problem) {
        guard let data = FileManager.default.contents(atPath: path) else { throw Problem("\(path): cannot read the configuration file") }
        guard data.count <= 1 << 20 else { throw Problem("\(path): the configuration file is larger than 1 MiB") }
        let node: Node?
        do { node = try Yams.compose(yaml: String(decoding: data, as: UTF8.self)) } catch {
            let line = (error as? YamlError).flatMap { e -> Int? in
                if case .parser(_, _, let mark, _) = e { return mark.line }
                if case .scanner(_, _, let mark, _) = e { return mark.line }
                return nil
            }
            throw Problem("\(path)\(line.map { ":\($0)" } ?? ""): not valid YAML")
        }
        guard let node else { return }
        guard case .mapping(let root) = node else { throw Problem("\(path):\(node.mark?.line ?? 1): expected a mapping of settings") }
        for (keyNode, value) in root {
            let key = keyNode.string ?? ""
            let at = "\(path):\(keyNode.mark?.line ?? 1)"
            guard Self.keys.contains(key) else { throw Problem("\(at): unknown setting \(key.isEmpty ? "(not a string)" : key)") }
            func text() throws(Problem) -> String {
                guard let s = value.string, value.scalar != nil else { throw Problem("\(at): \(key) must be a string") }
                return s
            }
            func number() throws(Problem) -> Int {
                guard let n = value.int, n > 0 else { throw Problem("\(at): \(key) must be a positive integer") }
                return n
            }
            func list() throws(Problem) -> [String] {
                guard case .sequence(let items) = value else { throw Problem("\(at): \(key) must be a list of strings") }
                var out: [String] = []
                for item in items {
                    guard let s = item.string, item.scalar != nil else { throw Problem("\(at): \(key) must be a list of strings") }
                    out.append(s)
                }
                return out
            }
            switch key {
            case "listen": try setListen(try text(), key: at + ": listen")
            case "store": store = try text()
            case "webhook_tokens":
                throw Problem("\(at): webhook_tokens are secrets: give them in SECRETRADAR_WEBHOOK_TOKEN, not in a file")
            case "gitlab_token": throw Problem("\(at): gitlab_token is a secret: give it in SECRETRADAR_GITLAB_TOKEN, not in a file")
            case "gitlab_url": gitlabURL = try text()
            case "cache_dir": cacheDirectory = try text()
            case "workers": workers = try number()
            case "clone_url_rewrite":
                for rule in try list() { try addRewrite(rule, key: at + ": clone_url_rewrite") }
            case "baselines":
                guard case .mapping(let map) = value else { throw Problem("\(at): baselines must map project or group paths to files") }
                for (k, v) in map {
                    guard let project = k.string, let file = v.string else {
                        throw Problem("\(path):\(k.mark?.line ?? 1): baselines must map project or group paths to files")
                    }
                    baselines[project] = file
                }
            case "max_body_bytes": maxBodyBytes = try number()
            case "lease_seconds": leaseMilliseconds = Int64(try number()) * 1000
            case "max_attempts": maxAttempts = try number()
            case "shutdown_grace_seconds": shutdownGraceSeconds = try number()
            case "fetch_timeout_seconds": fetchTimeoutSeconds = try number()
            case "log_format":
                let format = try text()
                guard format == "json" || format == "text" else { throw Problem("\(at): log_format must be json or text") }
                jsonLogs = format == "json"
            default: break
            }
        }
    }

    /// Secrets from the environment: `SECRETRADAR_WEBHOOK_TOKEN` (comma-separated for rotation) and
    /// `SECRETRADAR_GITLAB_TOKEN`.
    public mutating func load(environment: [String: String]) {
        if let tokens = environment["SECRETRADAR_WEBHOOK_TOKEN"] {
            webhookTokens = tokens.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        if let token = environment["SECRETRADAR_GITLAB_TOKEN"], !token.isEmpty { gitlabToken = token }
    }

    public mutating func setListen(_ text: String, key: String = "--listen") throws(Problem) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            throw Problem("\(key): expected HOST:PORT, got \(text.count > 80 ? "a long value" : text)")
        }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw Problem("\(key): expected HOST:PORT, the host is empty") }
        self.host = host
        self.port = port
    }

    public mutating func addRewrite(_ rule: String, key: String = "--clone-url-rewrite") throws(Problem) {
        guard let equals = rule.firstIndex(of: "="), equals != rule.startIndex, rule.index(after: equals) != rule.endIndex else {
            throw Problem("\(key): expected FROM=TO")
        }
        cloneURLRewrites.append((String(rule[..<equals]), String(rule[rule.index(after: equals)...])))
    }

    /// Refuses to start without what every request needs.
    public func validate() throws(Problem) {
        if webhookTokens.isEmpty {
            throw Problem("no webhook token: set SECRETRADAR_WEBHOOK_TOKEN (comma-separated to accept several during a rotation)")
        }
        if let short = webhookTokens.first(where: { $0.count < 16 }) {
            _ = short
            throw Problem("SECRETRADAR_WEBHOOK_TOKEN: each token must be at least 16 characters")
        }
        if store == nil { throw Problem("no store: give --store FILE or store: in the configuration file") }
        if gitlabToken != nil && gitlabURL == nil {
            throw Problem("SECRETRADAR_GITLAB_TOKEN is set but gitlab_url is not: give --gitlab-url, the only address the token is sent to")
        }
        if let gitlabURL, !(gitlabURL.hasPrefix("https://") || gitlabURL.hasPrefix("http://")) {
            throw Problem("gitlab_url: expected an http(s) URL")
        }
        for (project, file) in baselines where !FileManager.default.fileExists(atPath: file) {
            throw Problem("baselines: \(project): \(file) does not exist")
        }
    }

    /// The URL git fetches `url` from, after the first rewrite whose prefix matches.
    public func cloneURL(for url: String) -> String {
        for rule in cloneURLRewrites where url.hasPrefix(rule.from) { return rule.to + url.dropFirst(rule.from.count) }
        return url
    }

    /// Whether a webhook's repository URL may be fetched: under `gitlab_url` (when set), or
    /// rewritten to a mirror. Anything else would have the server fetch — and offer the GitLab
    /// token to — whatever address a payload names.
    public func accepts(cloneURL url: String) -> Bool {
        if cloneURLRewrites.contains(where: { url.hasPrefix($0.from) }) { return true }
        guard let gitlabURL else { return true }
        return url.hasPrefix(gitlabURL.hasSuffix("/") ? gitlabURL : gitlabURL + "/")
    }

    /// The GitLab token for a fetch from `url`: only to `gitlab_url`.
    public func token(for url: String) -> String? {
        guard let gitlabToken, let gitlabURL else { return nil }
        return url.hasPrefix(gitlabURL.hasSuffix("/") ? gitlabURL : gitlabURL + "/") ? gitlabToken : nil
    }

    /// The baseline of `project`: its own, else its closest group's.
    public func baseline(for project: String) -> String? {
        var path = project
        while true {
            if let file = baselines[path] { return file }
            guard let slash = path.lastIndex(of: "/") else { return nil }
            path = String(path[..<slash])
        }
    }
}
