import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import RadarEngine
import RadarMatch
import RadarModel
import RadarRules
import RadarStore
import RadarTestSupport
import XCTest

@testable import RadarServer

/// The service's routes through Hummingbird's test client (real HTTP handling, in process), its
/// queue and its workers on a real store and real git repositories (issue 18).
final class ServiceTests: XCTestCase {
    static let matcher: Matcher = try! Matcher(
        rules: try! RuleLoader.load(path: GitFixture.root.appendingPathComponent("patterns").path))
    static let webhookToken = "w3bh00k-t0ken-for-tests"
    var work: URL!
    var store: Store!

    override func setUpWithError() throws {
        work = FileManager.default.temporaryDirectory.appendingPathComponent("radar-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        store = try Store(path: work.appendingPathComponent("radar.db").path)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: work) }

    var configuration: ServerConfiguration {
        var c = ServerConfiguration()
        c.webhookTokens = ["an-old-token-being-rotated-out", Self.webhookToken]
        c.store = store.path
        c.maxBodyBytes = 64 << 10
        return c
    }

    func routes(_ configuration: ServerConfiguration? = nil, metrics: ServerMetrics = ServerMetrics()) -> ServiceRoutes {
        ServiceRoutes(
            configuration: configuration ?? self.configuration, store: store, queue: store, metrics: metrics, wake: {}, ready: { true })
    }

    static func push(project: String = "g/app", before: String, after: String, ref: String = "refs/heads/main") -> ByteBuffer {
        ByteBuffer(
            string: """
                {"object_kind": "push", "before": "\(before)", "after": "\(after)", "ref": "\(ref)", "checkout_sha": "\(after)",
                 "project": {"path_with_namespace": "\(project)", "git_http_url": "https://gitlab.example.com/\(project).git"},
                 "commits": [], "total_commits_count": 1}
                """)
    }

    static func hook(_ event: String = "Push Hook", token: String? = webhookToken, uuid: String? = nil) -> HTTPFields {
        var headers: HTTPFields = [:]
        headers[HTTPField.Name("X-Gitlab-Event")!] = event
        if let token { headers[HTTPField.Name("X-Gitlab-Token")!] = token }
        if let uuid { headers[HTTPField.Name("X-Gitlab-Event-UUID")!] = uuid }
        return headers
    }

    static let a = String(repeating: "a", count: 40)
    static let b = String(repeating: "b", count: 40)
    static let c = String(repeating: "c", count: 40)

    func testWebhooksAreAuthenticatedParsedAndQueuedOnce() async throws {
        let metrics = ServerMetrics()
        let app = Application(router: routes(metrics: metrics).router())
        try await app.test(.router) { client in
            // No token, a wrong one: 401, and nothing queued.
            try await client.execute(
                uri: "/hooks/gitlab", method: .post, headers: Self.hook(token: nil), body: Self.push(before: Self.a, after: Self.b)
            ) {
                XCTAssertEqual($0.status, .unauthorized)
            }
            try await client.execute(
                uri: "/hooks/gitlab", method: .post, headers: Self.hook(token: Self.webhookToken + "x"),
                body: Self.push(before: Self.a, after: Self.b)
            ) { XCTAssertEqual($0.status, .unauthorized) }
            // Malformed: 400, and the answer does not quote the body.
            try await client.execute(
                uri: "/hooks/gitlab", method: .post, headers: Self.hook(),
                body: ByteBuffer(string: "{\"object_kind\": \"push\", \"secret-ish\": glpat-")
            ) { response in
                XCTAssertEqual(response.status, .badRequest)
                XCTAssertFalse(String(buffer: response.body).contains("glpat"))
            }
            try await client.execute(
                uri: "/hooks/gitlab", method: .post, headers: Self.hook(),
                body: ByteBuffer(
                    string:
                        #"{"object_kind": "push", "before": "x", "after": "y", "ref": "refs/heads/main", "project": {"path_with_namespace": "g/app", "git_http_url": "https://h/g/app.git"}}"#
                )
            ) { XCTAssertEqual($0.status, .badRequest, "commit ids are checked") }
            // A URL with credentials would put a password in the store and the API: refused.
            try await client.execute(
                uri: "/hooks/gitlab", method: .post, headers: Self.hook(),
                body: ByteBuffer(
                    string:
                        #"{"object_kind": "push", "before": "\#(Self.a)", "after": "\#(Self.b)", "ref": "refs/heads/main", "project": {"path_with_namespace": "g/app", "git_http_url": "https://ci:Pa55w0rd-in-url@h/g/app.git"}}"#
                )
            ) { response in
                XCTAssertEqual(response.status, .badRequest)
                XCTAssertFalse(String(buffer: response.body).contains("Pa55w0rd"))
            }
            // Too large: 413.
            try await client.execute(
                uri: "/hooks/gitlab", method: .post, headers: Self.hook(),
                body: ByteBuffer(string: String(repeating: " ", count: 65 << 10) + "{}")
            ) { XCTAssertEqual($0.status, .contentTooLarge) }
            // Not ours to scan: 204.
            try await client.execute(uri: "/hooks/gitlab", method: .post, headers: Self.hook("Issue Hook"), body: ByteBuffer(string: "{}"))
            {
                XCTAssertEqual($0.status, .noContent)
            }
            // Accepted with either token of a rotation; a replay and the same push again queue nothing.
            try await client.execute(
                uri: "/hooks/gitlab", method: .post, headers: Self.hook(uuid: "u-1"), body: Self.push(before: Self.a, after: Self.b)
            ) {
                XCTAssertEqual($0.status, .accepted)
                XCTAssertEqual(String(buffer: $0.body), #"{"job":1,"status":"queued"}"#)
            }
            try await client.execute(
                uri: "/hooks/gitlab", method: .post, headers: Self.hook(uuid: "u-1"), body: Self.push(before: Self.a, after: Self.b)
            ) {
                XCTAssertEqual(String(buffer: $0.body), #"{"job":1,"status":"duplicate"}"#)
            }
            try await client.execute(
                uri: "/hooks/gitlab", method: .post, headers: Self.hook(token: "an-old-token-being-rotated-out", uuid: "u-2"),
                body: Self.push(before: Self.a, after: Self.b)
            ) { XCTAssertEqual(String(buffer: $0.body), #"{"job":1,"status":"duplicate"}"#) }
            // The next push to the same project while its job waits is merged into it.
            try await client.execute(
                uri: "/hooks/gitlab", method: .post, headers: Self.hook(uuid: "u-3"), body: Self.push(before: Self.b, after: Self.c)
            ) {
                XCTAssertEqual(String(buffer: $0.body), #"{"job":1,"status":"merged"}"#)
            }
            // A deleted branch: nothing to scan.
            try await client.execute(
                uri: "/hooks/gitlab", method: .post, headers: Self.hook(uuid: "u-4"),
                body: Self.push(before: Self.c, after: PushRange.zero, ref: "refs/heads/old")
            ) { XCTAssertEqual(String(buffer: $0.body), #"{"status":"nothing to scan"}"#) }
            // Tag pushes and merge requests are scanned too.
            try await client.execute(
                uri: "/hooks/gitlab", method: .post, headers: Self.hook("Tag Push Hook", uuid: "u-5"),
                body: Self.push(project: "g/lib", before: PushRange.zero, after: Self.a, ref: "refs/tags/v1.0")
            ) { XCTAssertEqual(String(buffer: $0.body), #"{"job":2,"status":"queued"}"#) }
            try await client.execute(
                uri: "/hooks/gitlab", method: .post, headers: Self.hook("Merge Request Hook", uuid: "u-6"),
                body: ByteBuffer(
                    string: """
                        {"object_kind": "merge_request", "project": {"path_with_namespace": "g/web", "git_http_url": "https://h/g/web.git"},
                         "object_attributes": {"iid": 7, "target_branch": "main", "source_branch": "f", "last_commit": {"id": "\(Self.c)"}}}
                        """)
            ) { XCTAssertEqual(String(buffer: $0.body), #"{"job":3,"status":"queued"}"#) }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = String(buffer: response.body)
                XCTAssertTrue(text.contains(#"secretradar_webhooks_total{event="Push Hook",result="unauthorized"} 2"#), text)
                XCTAssertTrue(text.contains(#"secretradar_webhooks_total{event="Push Hook",result="duplicate"} 2"#), text)
                XCTAssertTrue(text.contains(#"secretradar_jobs{state="queued"} 3"#), text)
            }
        }
        let job = try XCTUnwrap(try store.job(1))
        XCTAssertEqual(job.ranges.map(\.after), [Self.b, Self.c])
        var onGitLab = configuration
        onGitLab.gitlabURL = "https://gitlab.example.com"
        try await Application(router: routes(onGitLab).router()).test(.router) { client in
            try await client.execute(
                uri: "/hooks/gitlab", method: .post, headers: Self.hook(uuid: "u-7"),
                body: ByteBuffer(
                    string: """
                        {"object_kind": "push", "before": "\(Self.a)", "after": "\(Self.b)", "ref": "refs/heads/main",
                         "project": {"path_with_namespace": "g/x", "git_http_url": "https://attacker.net/g/x.git"}}
                        """)
            ) { XCTAssertEqual($0.status, .badRequest, "a repository off the configured GitLab is not fetched") }
        }
        XCTAssertEqual(try store.job(3)?.ranges, [PushRange(ref: "refs/merge-requests/7/head", before: "refs/heads/main", after: Self.c)])
    }

    func testQueueLeasesRetriesAndOrphans() throws {
        XCTAssertEqual(
            try store.enqueue(
                project: "g/app", cloneURL: "u", push: PushRange(ref: "r", before: Self.a, after: Self.b), deliveryID: nil, now: 0),
            .queued(job: 1))
        let first = try XCTUnwrap(try store.claim(worker: "h:1:0", lease: 100, now: 10))
        XCTAssertEqual(first.attempts, 1)
        XCTAssertNil(try store.claim(worker: "h:2:0", lease: 100, now: 50), "the lease holds")
        XCTAssertEqual(
            try store.enqueue(
                project: "g/app", cloneURL: "u", push: PushRange(ref: "r", before: Self.b, after: Self.c), deliveryID: nil, now: 60),
            .queued(job: 2), "a running job takes no more pushes")
        XCTAssertNil(try store.claim(worker: "h:2:0", lease: 100, now: 70), "never two jobs of one project at once")
        XCTAssertTrue(try store.heartbeat(job: 1, worker: "h:1:0", lease: 100, now: 80))
        XCTAssertNil(try store.claim(worker: "h:2:0", lease: 100, now: 150), "the heartbeat extended the lease")
        // The worker stops beating (killed): the lease runs out and another takes the job.
        let again = try XCTUnwrap(try store.claim(worker: "h:2:0", lease: 100, now: 200))
        XCTAssertEqual(again.id, 1)
        XCTAssertEqual(again.attempts, 2)
        XCTAssertFalse(try store.heartbeat(job: 1, worker: "h:1:0", lease: 100, now: 210), "the first worker lost it")
        try store.complete(job: 1, worker: "h:1:0", scanIDs: [9], newFindings: 9, now: 220)
        XCTAssertEqual(try store.job(1)?.state, .running, "a stale worker's result is not recorded")
        try store.fail(job: 1, worker: "h:2:0", error: "fetch failed", retryAt: 1_000, now: 230)
        XCTAssertEqual(try store.job(1)?.state, .queued)
        XCTAssertEqual(try store.job(1)?.lastError, "fetch failed")
        XCTAssertEqual(try store.claim(worker: "h:2:0", lease: 100, now: 500)?.id, 2, "job 1 waits for its retry time")
        try store.complete(job: 2, worker: "h:2:0", scanIDs: [3], newFindings: 0, now: 510)
        let third = try XCTUnwrap(try store.claim(worker: "h:3:0", lease: 100_000, now: 1_000))
        XCTAssertEqual(third.attempts, 3)
        // A restarted server puts back, at once, the running jobs of its dead process.
        XCTAssertEqual(try store.requeue(workersGone: { $0.hasPrefix("h:3:") }, now: 1_100), 1)
        XCTAssertEqual(try store.job(1)?.state, .queued)
        try store.handBack(job: 1, worker: "nobody", now: 1_200)
        XCTAssertEqual(try store.jobCounts(), [.queued: 1, .done: 1])
        try XCTUnwrap(try store.claim(worker: "h:4:0", lease: 100, now: 1_300)).id == 1 ? () : XCTFail("job 1 again")
        try store.fail(job: 1, worker: "h:4:0", error: "gave up", retryAt: nil, now: 1_400)
        XCTAssertEqual(try store.job(1)?.state, .failed)
    }

    /// A real repository, a real worker: the job scans exactly what the push introduced, records
    /// it, and the API serves it to a token of the right scope, never a plaintext secret.
    func testWorkerScansThePushAndTheAPIServesItWithScopedTokens() async throws {
        let repo = work.appendingPathComponent("app").path
        try GitFixture.git(["init", "-q", "-b", "main", repo], in: work.path)
        try "TOKEN=glpat-Rk7mQ2xW9pL4vT8nZ3sY\n".write(toFile: repo + "/old.env", atomically: true, encoding: .utf8)
        try GitFixture.git(["add", "."], in: repo)
        try GitFixture.git(["commit", "-qm", "old"], in: repo)
        let before = try GitFixture.git(["rev-parse", "HEAD"], in: repo).trimmingCharacters(in: .whitespacesAndNewlines)
        try "STRIPE=sk_live_4eC39HqLyjWDarjtT1zdp7dcXk\n".write(toFile: repo + "/new.env", atomically: true, encoding: .utf8)
        try GitFixture.git(["add", "."], in: repo)
        try GitFixture.git(["commit", "-qm", "new"], in: repo)
        let after = try GitFixture.git(["rev-parse", "HEAD"], in: repo).trimmingCharacters(in: .whitespacesAndNewlines)
        var configuration = self.configuration
        try configuration.addRewrite("https://gitlab.example.com/g/app.git=\(repo)")
        let rules = try RuleLoader.load(path: GitFixture.root.appendingPathComponent("patterns").path)
        let key = FindingKey(bytes: Array(repeating: 7, count: 32))
        let context = ScanContext(
            matcher: Self.matcher, key: key, store: store, recorder: ScanRecorder(store: store, rules: rules), options: ScanOptions(),
            configuration: configuration, cacheDirectory: work.appendingPathComponent("cache").path)
        let metrics = ServerMetrics()
        let pool = WorkerPool(context: context, queue: store, metrics: metrics, logger: Logger(label: "test"))
        _ = try store.enqueue(
            project: "g/app", cloneURL: "https://gitlab.example.com/g/app.git",
            push: PushRange(ref: "refs/heads/main", before: before, after: after),
            deliveryID: nil, now: Store.milliseconds())
        let job = try XCTUnwrap(try store.claim(worker: "w", lease: 60_000, now: Store.milliseconds()))
        pool.run(job, worker: "w")
        let done = try XCTUnwrap(try store.job(job.id))
        XCTAssertEqual(done.state, .done, done.lastError ?? "")
        XCTAssertEqual(done.newFindings, 1, "only what the push introduced: the Stripe key, not the older GitLab token")
        // A force push whose old commit the mirror never had (rewritten history), then a tag push.
        try GitFixture.git(["checkout", "-q", "--orphan", "rewritten"], in: repo)
        try "SENDGRID=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\n".write(
            toFile: repo + "/mail.env", atomically: true, encoding: .utf8)
        try GitFixture.git(["add", "mail.env"], in: repo)
        try GitFixture.git(["commit", "-qm", "rewritten"], in: repo)
        let rewritten = try GitFixture.git(["rev-parse", "HEAD"], in: repo).trimmingCharacters(in: .whitespacesAndNewlines)
        try GitFixture.git(["tag", "v1.0", after], in: repo)
        for push in [
            PushRange(ref: "refs/heads/rewritten", before: String(repeating: "9", count: 40), after: rewritten),
            PushRange(ref: "refs/tags/v1.0", before: PushRange.zero, after: after),
        ] {
            guard
                case .queued(let id) = try store.enqueue(
                    project: "g/app", cloneURL: "https://gitlab.example.com/g/app.git", push: push, deliveryID: nil,
                    now: Store.milliseconds())
            else { return XCTFail("not queued") }
            let next = try XCTUnwrap(try store.claim(worker: "w", lease: 60_000, now: Store.milliseconds()))
            XCTAssertEqual(next.id, id)
            pool.run(next, worker: "w")
            let finished = try XCTUnwrap(try store.job(id))
            XCTAssertEqual(finished.state, .done, "\(push.ref): \(finished.lastError ?? "")")
            if push.ref == "refs/heads/rewritten" { XCTAssertEqual(finished.newFindings, 1, "the SendGrid key of the rewritten history") }
        }
        XCTAssertTrue(try store.findings().contains { $0.rule == "sendgrid.api_key" }, "the force-pushed commit was scanned")
        for (name, scope) in [("reader", APIToken.Scope.read), ("triager", .triage)] {
            try store.createToken(name: name, scope: scope, tokenHash: TokenHash.hex("srt_\(name)-secret-value"), expiresAt: nil)
        }
        try store.createToken(name: "old", scope: .admin, tokenHash: TokenHash.hex("srt_old"), expiresAt: "2020-01-01T00:00:00.000Z")
        try store.createToken(name: "gone", scope: .admin, tokenHash: TokenHash.hex("srt_gone"), expiresAt: nil)
        XCTAssertTrue(try store.revokeToken(name: "gone"))
        @Sendable func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)"] }
        let app = Application(router: routes(configuration).router())
        try await app.test(.router) { client in
            for token in [nil, "srt_unknown", "srt_old", "srt_gone"] {
                try await client.execute(uri: "/api/v1/findings", method: .get, headers: token.map(bearer) ?? [:]) {
                    XCTAssertEqual($0.status, .unauthorized, token ?? "no token")
                }
            }
            var id = ""
            try await client.execute(
                uri: "/api/v1/findings?rule=stripe.secret_key", method: .get, headers: bearer("srt_reader-secret-value")
            ) {
                XCTAssertEqual($0.status, .ok)
                let text = String(buffer: $0.body)
                XCTAssertFalse(text.contains("sk_live_4eC39HqLyjWDarjtT1zdp7dcXk"), "no plaintext secret")
                let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
                let findings = object?["findings"] as? [[String: Any]] ?? []
                XCTAssertEqual(findings.count, 1, text)
                id = findings.first?["id"] as? String ?? ""
                XCTAssertEqual((object?["paging"] as? [String: Any])?["total"] as? Int, 1)
            }
            try await client.execute(uri: "/api/v1/jobs/\(job.id)", method: .get, headers: bearer("srt_reader-secret-value")) {
                XCTAssertTrue(String(buffer: $0.body).contains(#""state":"done""#))
            }
            let triage = ByteBuffer(string: #"{"status": "to_remediate", "comment": "rotate it"}"#)
            try await client.execute(
                uri: "/api/v1/findings/\(id)/triage", method: .post, headers: bearer("srt_reader-secret-value"), body: triage
            ) {
                XCTAssertEqual($0.status, .forbidden, "read scope cannot triage")
            }
            try await client.execute(
                uri: "/api/v1/findings/\(id)/triage", method: .post, headers: bearer("srt_triager-secret-value"), body: triage
            ) {
                XCTAssertEqual($0.status, .ok)
                let text = String(buffer: $0.body)
                XCTAssertTrue(text.contains(#""actor":"token:triager""#), text)
                XCTAssertTrue(text.contains(#""status":"to_remediate""#), text)
            }
            try await client.execute(uri: "/api/v1/findings?state=to_remediate", method: .get, headers: bearer("srt_reader-secret-value")) {
                XCTAssertTrue(String(buffer: $0.body).contains(id))
            }
            try await client.execute(uri: "/api/v1/findings?severity=bogus", method: .get, headers: bearer("srt_reader-secret-value")) {
                XCTAssertEqual($0.status, .badRequest)
            }
        }
        XCTAssertNotNil(try store.tokens().first { $0.name == "reader" }?.lastUsedAt)
        XCTAssertFalse(try String(contentsOfFile: store.path, encoding: .isoLatin1).contains("srt_reader-secret-value"), "only hashes")
    }

    func testConfigurationErrorsNameTheKeyFileAndLine() throws {
        let file = work.appendingPathComponent("serve.yml").path
        func problem(_ yaml: String) -> String {
            try? yaml.write(toFile: file, atomically: true, encoding: .utf8)
            var c = ServerConfiguration()
            do { try c.load(file: file) } catch { return error.description }
            return "none"
        }
        XCTAssertEqual(problem("listen: 127.0.0.1:9000\nwrokers: 2\n"), "\(file):2: unknown setting wrokers")
        XCTAssertEqual(
            problem("webhook_tokens: [abc]\n"),
            "\(file):1: webhook_tokens are secrets: give them in SECRETRADAR_WEBHOOK_TOKEN, not in a file")
        XCTAssertEqual(problem("workers: -1\n"), "\(file):1: workers must be a positive integer")
        XCTAssertEqual(problem("listen: nowhere\n"), "\(file):1: listen: expected HOST:PORT, got nowhere")
        XCTAssertEqual(problem("a: [\n"), "\(file):2: not valid YAML")
        var c = ServerConfiguration()
        XCTAssertThrowsError(try c.validate()) { XCTAssertTrue("\($0)".contains("SECRETRADAR_WEBHOOK_TOKEN")) }
        c.load(environment: ["SECRETRADAR_WEBHOOK_TOKEN": "short"])
        XCTAssertThrowsError(try c.validate()) { XCTAssertTrue("\($0)".contains("at least 16")) }
        c.load(environment: ["SECRETRADAR_WEBHOOK_TOKEN": "a-long-enough-token-1, a-long-enough-token-2"])
        XCTAssertEqual(c.webhookTokens.count, 2)
        XCTAssertThrowsError(try c.validate()) { XCTAssertTrue("\($0)".contains("--store")) }
        try c.addRewrite("https://gitlab.example.com/=/srv/mirrors/")
        XCTAssertEqual(c.cloneURL(for: "https://gitlab.example.com/g/app.git"), "/srv/mirrors/g/app.git")
        // The GitLab token goes only to gitlab_url; a payload naming another host is refused.
        var g = ServerConfiguration()
        g.load(environment: ["SECRETRADAR_WEBHOOK_TOKEN": "a-long-enough-token-1", "SECRETRADAR_GITLAB_TOKEN": "glpat-for-fetching"])
        g.store = "/tmp/x.db"
        XCTAssertThrowsError(try g.validate()) { XCTAssertTrue("\($0)".contains("gitlab_url is not"), "\($0)") }
        g.gitlabURL = "https://gitlab.example.com"
        XCTAssertNoThrow(try g.validate())
        XCTAssertTrue(g.accepts(cloneURL: "https://gitlab.example.com/g/app.git"))
        XCTAssertFalse(g.accepts(cloneURL: "https://gitlab.example.com.attacker.net/g/app.git"))
        XCTAssertEqual(g.token(for: "https://gitlab.example.com/g/app.git"), "glpat-for-fetching")
        XCTAssertNil(g.token(for: "https://attacker.net/g/app.git"))
        try g.addRewrite("https://mirror.internal/=/srv/")
        XCTAssertTrue(g.accepts(cloneURL: "https://mirror.internal/g/app.git"))
        XCTAssertNil(g.token(for: "/srv/g/app.git"), "a rewritten local path gets no token")
        c.baselines = ["g": "/b/g.json", "g/app": "/b/app.json"]
        XCTAssertEqual(c.baseline(for: "g/app"), "/b/app.json")
        XCTAssertEqual(c.baseline(for: "g/sub/lib"), "/b/g.json")
        XCTAssertNil(c.baseline(for: "other/x"))
    }
}
