import ArgumentParser
import Foundation
import Logging
import RadarEngine
import RadarMatch
import RadarModel
import RadarRules
import RadarServer
import RadarStore

/// `secretradar serve`
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the continuous-scan service: GitLab webhooks in, scans of what each push introduced, findings API out.",
        discussion: """
            POST /hooks/gitlab takes GitLab's Push Hook, Tag Push Hook, System Hook push events and Merge Request Hook, checks X-Gitlab-Token (constant time) and answers 202 at once: the push is queued in the store (replays, by X-Gitlab-Event-UUID or by the same project and commits, queue nothing). Workers mirror-fetch the project into the cache, scan only the blobs the push introduced and not scanned before, and record findings in the store. The API under /api/v1 (sources, scans, jobs, findings, triage) takes bearer tokens made with `secretradar token create`. /metrics (Prometheus), /healthz, /readyz. SIGTERM or SIGINT: stop accepting, let running jobs finish within shutdown_grace_seconds, then hand them back to the queue. docs/service.md and docs/openapi.yaml say more.

            Settings come from --config (YAML: listen, store, gitlab_url, cache_dir, workers, clone_url_rewrite, baselines, max_body_bytes, lease_seconds, max_attempts, shutdown_grace_seconds, fetch_timeout_seconds, log_format), then flags. Mirrors are fetched with the git command, which must be on PATH. Secrets come only from the environment: SECRETRADAR_WEBHOOK_TOKEN (comma-separated to accept several during a rotation; each at least 16 characters) and SECRETRADAR_GITLAB_TOKEN (what git fetches with, sent only to gitlab_url, which it then requires; kept in memory, never in a URL, a file or a log). With gitlab_url set, webhooks naming a repository elsewhere are refused (400) unless a clone_url_rewrite covers it.

            Exit codes: 0 stopped by a signal; 2 a missing or wrong setting (named), or the address in use.
            """)

    @Option(name: .long, help: ArgumentHelp("A YAML configuration file.", valueName: "file"))
    var config: String?

    @Option(
        name: .long, help: ArgumentHelp("Address to listen on (default 127.0.0.1:8787; port 0 picks a free one).", valueName: "host:port"))
    var listen: String?

    @Option(name: .long, help: ArgumentHelp("The store: findings, the job queue, API tokens.", valueName: "file"))
    var store: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The GitLab instance (https://gitlab.example.com): webhooks for repositories elsewhere are refused, and SECRETRADAR_GITLAB_TOKEN is sent only there.",
            valueName: "url"))
    var gitlabUrl: String?

    @Option(
        name: .long, help: ArgumentHelp("Where project mirrors are kept (default: the clone cache of scan git --clone).", valueName: "dir"))
    var cacheDir: String?

    @Option(name: .long, help: ArgumentHelp("Workers scanning at once (default 1).", valueName: "n"))
    var workers: Int?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Fetch from TO instead of the payload's URL prefix FROM (a mirror, a local path; repeatable).", valueName: "FROM=TO"))
    var cloneUrlRewrite: [String] = []

    @Option(name: .long, help: ArgumentHelp("Rule file or directory (default: the rule pack shipped with secretradar).", valueName: "dir"))
    var rules: String?

    @Flag(name: .long, help: "Log JSON lines instead of text.")
    var jsonLogs = false

    func run() throws {
        var settings = ServerConfiguration()
        do {
            if let config { try settings.load(file: config) }
            settings.load(environment: ProcessInfo.processInfo.environment)
            if let listen { try settings.setListen(listen) }
            if let store { settings.store = store }
            if let cacheDir { settings.cacheDirectory = cacheDir }
            if let gitlabUrl { settings.gitlabURL = gitlabUrl }
            if let workers {
                guard workers > 0 else { throw ServerConfiguration.Problem("--workers must be positive") }
                settings.workers = workers
            }
            for rule in cloneUrlRewrite { try settings.addRewrite(rule) }
            if jsonLogs { settings.jsonLogs = true }
            if settings.store == nil, let environment = Resources.variable("SECRETRADAR_STORE"), !environment.isEmpty {
                settings.store = environment
            }
            try settings.validate()
        } catch { fail(String(describing: error)) }
        let json = settings.jsonLogs
        LoggingSystem.bootstrap { label in
            if json { return JSONLogHandler(label: label) }
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .info
            return handler
        }
        let logger = Logger(label: "secretradar")
        let ready: (matcher: Matcher, rules: [Rule], key: FindingKey, store: Store?)
        do {
            ready = try ScanPreparation.prepare(
                rulesPath: Resources.rulesDirectory(explicit: rules), cacheDirectory: Resources.databaseCache(),
                matcherOptions: MatcherOptions(incremental: true, databaseCache: Resources.databaseCache())
            ) { [settings] in
                try KeyChoice.choose(
                    keyFile: nil, environmentHex: Resources.variable("SECRETRADAR_HASH_KEY"), storePath: settings.store!, record: true,
                    open: StoreAccess.openKept)
            }
        } catch { fail(String(describing: error)) }
        guard let store = ready.store else { fail("the store could not be opened") }
        var options = ScanOptions()
        options.vaultPaths = (try? store.vaultPaths()) ?? [:]
        let context = ScanContext(
            matcher: ready.matcher, key: ready.key, store: store, recorder: ScanRecorder(store: store, rules: ready.rules),
            options: options,
            configuration: settings, cacheDirectory: settings.cacheDirectory ?? Resources.cloneCache())
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await RadarService.run(context: context, logger: logger) { line in
                    FileHandle.standardError.write(Data("secretradar: \(line)\n".utf8))
                }
            } catch {
                outcome.error = "\(error)"
            }
            done.signal()
        }
        done.wait()
        if let error = outcome.error { fail("the service stopped: \(error)") }
    }

    final class Outcome: @unchecked Sendable {
        var error: String?
    }
}

/// `secretradar token create|list|revoke`
struct Token: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the API's bearer tokens (secretradar serve).",
        subcommands: [TokenCreate.self, TokenList.self, TokenRevoke.self])
}

struct TokenCreate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Make a token and print it once; the store keeps only its SHA-256.",
        discussion: "Scopes: read (list and read), triage (read, and set a finding's status), admin (everything).")

    @Option(name: .long, help: ArgumentHelp("A name for the token (unique; shown in triage history as token:NAME).", valueName: "name"))
    var name: String

    @Option(name: .long, help: ArgumentHelp("read, triage or admin.", valueName: "scope"))
    var scope: String

    @Option(name: .long, help: ArgumentHelp("Days until it expires (default: never).", valueName: "days"))
    var expiresInDays: Int?

    @OptionGroup var storeOption: StoreOption

    func validate() throws {
        guard APIToken.Scope(rawValue: scope) != nil else { throw ValidationError("--scope: read, triage or admin") }
        guard !name.isEmpty, name.utf8.count <= 64, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw ValidationError("--name: 1 to 64 letters, digits, '-', '_' or '.'")
        }
        if let days = expiresInDays, days <= 0 { throw ValidationError("--expires-in-days must be positive") }
    }

    func run() throws {
        let store = StoreAccess.open(storeOption.store)
        let token = TokenHash.make()
        let expires = expiresInDays.map { days -> String in
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            return formatter.string(from: Date().addingTimeInterval(Double(days) * 86400))
        }
        do {
            try store.createToken(name: name, scope: APIToken.Scope(rawValue: scope)!, tokenHash: TokenHash.hex(token), expiresAt: expires)
        } catch { fail(error.description) }
        print(token)
        note("token \(name) (\(scope)) created\(expires.map { ", expires \($0)" } ?? ""); it is shown only now")
    }
}

struct TokenList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List tokens: name, scope, dates; never a token.")

    @OptionGroup var storeOption: StoreOption

    func run() throws {
        let tokens: [APIToken]
        do { tokens = try storeOption.open().tokens() } catch { fail(error.description) }
        for t in tokens {
            let state = t.revokedAt.map { "revoked \($0)" } ?? t.expiresAt.map { "expires \($0)" } ?? "no expiry"
            print("\(t.name)\t\(t.scope.rawValue)\tcreated \(t.createdAt)\t\(state)\tlast used \(t.lastUsedAt ?? "never")")
        }
    }
}

struct TokenRevoke: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a token by name: refused from now on.")

    @Argument(help: ArgumentHelp("The token's name.", valueName: "name"))
    var name: String

    @OptionGroup var storeOption: StoreOption

    func run() throws {
        let revoked: Bool
        do { revoked = try storeOption.open().revokeToken(name: name) } catch { fail(error.description) }
        guard revoked else { fail("no active token named \(name)") }
        note("token \(name) revoked")
    }
}
