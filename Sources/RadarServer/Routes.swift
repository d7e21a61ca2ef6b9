import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import RadarModel
import RadarReport
import RadarStore

/// The HTTP side of `serve` (docs/service.md, docs/openapi.yaml): the GitLab webhook, the API
/// under `/api/v1` with bearer tokens, `/metrics`, `/healthz`, `/readyz`.
public struct ServiceRoutes: Sendable {
    let configuration: ServerConfiguration
    let store: Store
    let queue: any JobQueue
    let metrics: ServerMetrics
    let wake: @Sendable () -> Void
    let ready: @Sendable () -> Bool

    public init(
        configuration: ServerConfiguration, store: Store, queue: any JobQueue, metrics: ServerMetrics, wake: @escaping @Sendable () -> Void,
        ready: @escaping @Sendable () -> Bool
    ) {
        self.configuration = configuration
        self.store = store
        self.queue = queue
        self.metrics = metrics
        self.wake = wake
        self.ready = ready
    }

    static let gitlabToken = HTTPField.Name("X-Gitlab-Token")!
    static let gitlabEvent = HTTPField.Name("X-Gitlab-Event")!
    static let gitlabUUID = HTTPField.Name("X-Gitlab-Event-UUID")!
    static let requestID = HTTPField.Name("X-Request-Id")!

    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: RequestLogMiddleware())
        router.get("/healthz") { _, _ in Self.json(["status": "ok"]) }
        router.get("/readyz") { _, _ in
            ready() ? Self.json(["status": "ready"]) : Self.json(["status": "starting"], status: .serviceUnavailable)
        }
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.render(queue: queue))))
        }
        router.post("/hooks/gitlab") { request, context in try await webhook(request, context) }
        let api = router.group("api/v1")
        api.get("sources") { request, _ in
            try authorize(request, .read)
            return Self.encodable(["sources": try store.sources()])
        }
        api.get("scans") { request, _ in
            try authorize(request, .read)
            let (limit, offset) = try Self.page(request)
            return Self.encodable(["scans": Array(try store.scans().dropFirst(offset).prefix(limit))])
        }
        api.get("jobs") { request, _ in
            try authorize(request, .read)
            let q = request.uri.queryParameters
            let state = try q["state"].map { s throws(HTTPError) in
                guard let state = Job.State(rawValue: String(s)) else { throw HTTPError(.badRequest, message: "state: unknown value") }
                return state
            }
            let (limit, _) = try Self.page(request)
            let before = try q["before"].map { s throws(HTTPError) in
                guard let id = Int64(s) else { throw HTTPError(.badRequest, message: "before: expected a job id") }
                return id
            }
            return Self.encodable(["jobs": try queue.jobs(state: state, limit: limit, afterID: before).map(JobView.init)])
        }
        api.get("jobs/:id") { request, context in
            try authorize(request, .read)
            let id = try context.parameters.require("id", as: Int64.self)
            guard let job = try queue.job(id) else { throw HTTPError(.notFound, message: "no job \(id)") }
            return Self.encodable(JobView(job))
        }
        api.get("findings") { request, _ in
            try authorize(request, .read)
            let filter = try Self.filter(request)
            let (limit, offset) = try Self.page(request)
            let all = try store.findings(filter)
            var page = Array(all.dropFirst(offset).prefix(limit))
            let states = try store.baselineStates(ids: page.map(\.id))
            for i in page.indices { page[i].baseline = states[page[i].id] }
            let paging = "{\"limit\":\(limit),\"offset\":\(offset),\"total\":\(all.count)}"
            return Self.raw(ReportRenderer.apiFindings(page, extra: [("paging", paging)]))
        }
        api.get("findings/:id") { request, context in
            try authorize(request, .read)
            let id = try Self.findingID(context)
            var (finding, history) = try store.finding(id)
            finding.baseline = try store.baselineStates(ids: [id])[id]
            let events = String(decoding: try JSONEncoder().encode(history), as: UTF8.self)
            return Self.raw(ReportRenderer.apiFindings([finding], extra: [("history", events)]))
        }
        api.post("findings/:id/triage") { request, context in
            let token = try authorize(request, .triage)
            let id = try Self.findingID(context)
            var request = request
            let body = try await request.collectBody(upTo: 64 << 10)
            guard let object = try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any],
                let text = object["status"] as? String, let status = TriageStatus(rawValue: text)
            else {
                throw HTTPError(
                    .badRequest, message: "expected {\"status\": one of \(TriageStatus.allCases.map(\.rawValue).joined(separator: ", "))}")
            }
            let comment = object["comment"] as? String
            guard (comment?.utf8.count ?? 0) <= 4096 else { throw HTTPError(.badRequest, message: "comment: at most 4096 bytes") }
            try store.triage([id], status: status, comment: comment, actor: "token:" + token.name)
            let (finding, history) = try store.finding(id)
            let events = String(decoding: try JSONEncoder().encode(history), as: UTF8.self)
            return Self.raw(ReportRenderer.apiFindings([finding], extra: [("history", events)]))
        }
        return router
    }

    // MARK: webhook

    func webhook(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let event = request.headers[Self.gitlabEvent] ?? ""
        guard let given = request.headers[Self.gitlabToken], Self.accepts(given, configuration.webhookTokens) else {
            metrics.webhook(event: event, result: "unauthorized")
            return Self.json(["error": "bad or missing X-Gitlab-Token"], status: .unauthorized)
        }
        var request = request
        let body: ByteBuffer
        do { body = try await request.collectBody(upTo: configuration.maxBodyBytes) } catch {
            metrics.webhook(event: event, result: "too_large")
            return Self.json(["error": "body larger than \(configuration.maxBodyBytes) bytes"], status: .contentTooLarge)
        }
        let parsed: GitLabEvent
        do { parsed = try GitLabEvent.parse(event: event, body: Array(buffer: body)) } catch {
            switch error {
            case .ignored:
                metrics.webhook(event: event, result: "ignored")
                return Response(status: .noContent)
            case .malformed(let why):
                metrics.webhook(event: event, result: "malformed")
                context.logger.notice("webhook refused", metadata: ["reason": "\(why)"])
                return Self.json(["error": why], status: .badRequest)
            }
        }
        guard configuration.accepts(cloneURL: parsed.cloneURL) else {
            metrics.webhook(event: event, result: "malformed")
            return Self.json(["error": "project.git_http_url is not on the configured GitLab (gitlab_url)"], status: .badRequest)
        }
        let uuid = request.headers[Self.gitlabUUID].flatMap { $0.utf8.count <= 128 && !$0.isEmpty ? $0 : nil }
        let outcome: Enqueued
        do {
            outcome = try queue.enqueue(
                project: parsed.project, cloneURL: parsed.cloneURL, push: parsed.push, deliveryID: uuid, now: Store.milliseconds())
        } catch {
            metrics.webhook(event: event, result: "error")
            context.logger.error("cannot queue a push", metadata: ["error": "\(error.description)"])
            return Self.json(["error": "the queue could not record the push"], status: .serviceUnavailable)
        }
        switch outcome {
        case .queued(let job):
            metrics.webhook(event: event, result: "queued")
            wake()
            return Self.json(["status": "queued", "job": job], status: .accepted)
        case .merged(let job):
            metrics.webhook(event: event, result: "merged")
            return Self.json(["status": "merged", "job": job], status: .accepted)
        case .duplicate(let job):
            metrics.webhook(event: event, result: "duplicate")
            return Self.json(["status": "duplicate", "job": job.map { $0 as Any } ?? NSNull()], status: .accepted)
        case .nothingToScan:
            metrics.webhook(event: event, result: "ignored")
            return Self.json(["status": "nothing to scan"], status: .accepted)
        }
    }

    /// Compares `given` with every accepted token in constant time (each comparison looks at every
    /// byte of SHA-256 digests, so neither length nor content leaks through timing).
    static func accepts(_ given: String, _ tokens: [String]) -> Bool {
        let digest = Array(SHA256.hash(data: Data(given.utf8)))
        var match = false
        for token in tokens {
            let expected = Array(SHA256.hash(data: Data(token.utf8)))
            var difference: UInt8 = 0
            for i in 0..<digest.count { difference |= digest[i] ^ expected[i] }
            match = match || difference == 0
        }
        return match
    }

    // MARK: API tokens

    /// The token of an `Authorization: Bearer …` header, if it is valid and has `scope` or more.
    @discardableResult
    func authorize(_ request: Request, _ scope: APIToken.Scope) throws -> APIToken {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
            throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"], message: "a bearer token is required")
        }
        let presented = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        let hash = TokenHash.hex(presented)
        guard let token = try store.token(hash: hash), TokenHash.equal(token.tokenHash, hash), token.revokedAt == nil else {
            throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"], message: "unknown or revoked token")
        }
        if let expires = token.expiresAt, expires <= CivilTimeNow.string() {
            throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"], message: "the token has expired")
        }
        guard token.scope >= scope else {
            throw HTTPError(.forbidden, message: "this token's scope is \(token.scope.rawValue); \(scope.rawValue) is needed")
        }
        try? store.touchToken(id: token.id)
        return token
    }

    // MARK: helpers

    static func page(_ request: Request) throws -> (Int, Int) {
        let q = request.uri.queryParameters
        let limit = try q["limit"].map { s throws(HTTPError) in
            guard let n = Int(s), (1...1000).contains(n) else { throw HTTPError(.badRequest, message: "limit: 1 to 1000") }
            return n
        }
        let offset = try q["offset"].map { s throws(HTTPError) in
            guard let n = Int(s), n >= 0 else { throw HTTPError(.badRequest, message: "offset: a number from 0") }
            return n
        }
        return (limit ?? 100, offset ?? 0)
    }

    static func filter(_ request: Request) throws -> FindingFilter {
        let q = request.uri.queryParameters
        var filter = FindingFilter()
        filter.source = q["source"].map(String.init)
        filter.rule = q["rule"].map(String.init)
        if let s = q["severity"] {
            guard let severity = Severity(rawValue: String(s)) else { throw HTTPError(.badRequest, message: "severity: unknown value") }
            filter.severity = severity
        }
        if let s = q["state"] ?? q["status"] {
            guard let status = TriageStatus(rawValue: String(s)) else { throw HTTPError(.badRequest, message: "state: unknown value") }
            filter.status = status
        }
        if let s = q["baseline"] {
            guard let state = BaselineState(rawValue: String(s)) else {
                throw HTTPError(.badRequest, message: "baseline: new, new_location or known")
            }
            filter.baseline = state
        }
        if let s = q["since_scan"] {
            guard let id = Int64(s) else { throw HTTPError(.badRequest, message: "since_scan: expected a scan id") }
            filter.sinceScan = id
        }
        return filter
    }

    static func findingID(_ context: BasicRequestContext) throws -> String {
        let id = try context.parameters.require("id")
        guard id.utf8.count == 64, id.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) else {
            throw HTTPError(.badRequest, message: "a finding id is 64 lowercase hex characters")
        }
        return id
    }

    static func json(_ object: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return raw(data, status: status)
    }

    static func raw(_ data: Data, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func encodable<T: Encodable>(_ value: T) -> Response {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        return raw((try? encoder.encode(value)) ?? Data("{}".utf8))
    }
}

/// A job as the API shows it.
struct JobView: Encodable {
    var id: Int64
    var project: String
    var cloneUrl: String
    var ranges: [PushRange]
    var state: String
    var attempts: Int
    var lastError: String?
    var scanIds: [Int64]
    var newFindings: Int?
    var createdAt: String
    var updatedAt: String

    init(_ job: Job) {
        id = job.id
        project = job.project
        cloneUrl = job.cloneURL
        ranges = job.ranges
        state = job.state.rawValue
        attempts = job.attempts
        lastError = job.lastError
        scanIds = job.scanIDs
        newFindings = job.newFindings
        createdAt = CivilTimeNow.string(milliseconds: job.createdAt)
        updatedAt = CivilTimeNow.string(milliseconds: job.updatedAt)
    }

    enum CodingKeys: String, CodingKey {
        case id, project, ranges, state, attempts
        case cloneUrl = "clone_url"
        case lastError = "last_error"
        case scanIds = "scan_ids"
        case newFindings = "new_findings"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}

/// Token hashing for `token create` and the API: SHA-256, hex.
public enum TokenHash {
    public static func hex(_ token: String) -> String { SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined() }

    static func equal(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<x.count { difference |= x[i] ^ y[i] }
        return difference == 0
    }

    /// A new token: `srt_` and 43 base62 characters (256 bits).
    public static func make() -> String {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        var generator = SystemRandomNumberGenerator()
        return "srt_" + String((0..<43).map { _ in alphabet[Int.random(in: 0..<62, using: &generator)] })
    }
}

/// UTC times as the store writes them.
enum CivilTimeNow {
    static func string(milliseconds: Int64? = nil) -> String {
        let date = milliseconds.map { Date(timeIntervalSince1970: Double($0) / 1000) } ?? Date()
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}

/// One log line per request: method, path (no query: it may hold a filter someone typed a secret
/// into), status and time, with a request id (the client's `X-Request-Id`, else a new one).
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let id =
            request.headers[ServiceRoutes.requestID].flatMap { $0.utf8.count <= 64 && $0.allSatisfy(\.isASCII) ? $0 : nil }
            ?? UUID().uuidString.lowercased()
        context.logger[metadataKey: "request_id"] = "\(id)"
        let started = ContinuousClock.now
        do {
            var response = try await next(request, context)
            response.headers[ServiceRoutes.requestID] = id
            log(request, context, status: response.status.code, started: started)
            return response
        } catch let error as HTTPError {
            log(request, context, status: error.status.code, started: started)
            throw error
        } catch {
            log(request, context, status: 500, started: started)
            throw error
        }
    }

    func log(_ request: Request, _ context: Context, status: Int, started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info(
            "request",
            metadata: [
                "method": "\(request.method.rawValue)", "path": "\(request.uri.path)", "status": "\(status)",
                "ms": "\(String(format: "%.1f", ms))",
            ])
    }
}
