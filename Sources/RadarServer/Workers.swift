import Foundation
import Logging
import RadarEngine
import RadarGit
import RadarMatch
import RadarModel
import RadarStore

#if canImport(Glibc)
    import Glibc
#endif

/// What a worker needs to scan: the compiled rules, the finding key, the store and the settings.
public struct ScanContext: Sendable {
    public var matcher: Matcher
    public var key: FindingKey
    public var store: Store
    public var recorder: ScanRecorder
    public var options: ScanOptions
    public var configuration: ServerConfiguration
    public var cacheDirectory: String

    public init(
        matcher: Matcher, key: FindingKey, store: Store, recorder: ScanRecorder, options: ScanOptions, configuration: ServerConfiguration,
        cacheDirectory: String
    ) {
        self.matcher = matcher
        self.key = key
        self.store = store
        self.recorder = recorder
        self.options = options
        self.configuration = configuration
        self.cacheDirectory = cacheDirectory
    }
}

/// The workers: each takes the oldest job it may run, fetches the project's mirror, scans what
/// the job's pushes introduced and records it in the store (docs/service.md). Threads of their
/// own, since a scan is synchronous work that must not hold Swift's cooperative pool.
public final class WorkerPool: @unchecked Sendable {
    let context: ScanContext
    let queue: any JobQueue
    let metrics: ServerMetrics
    let logger: Logger
    let lock = NSCondition()
    var stopping = false
    var wakeups = 0
    var running: [Int: Int64] = [:]
    var threads: [Thread] = []
    var finished = 0
    /// "host:pid": a worker's name is this plus its number, so a restarted server knows which
    /// running jobs were its own killed process's.
    public static let processName = "\(ProcessInfo.processInfo.hostName):\(getpid())"

    public init(context: ScanContext, queue: any JobQueue, metrics: ServerMetrics, logger: Logger) {
        self.context = context
        self.queue = queue
        self.metrics = metrics
        self.logger = logger
    }

    /// Running jobs of a process of this machine that no longer exists go back to the queue now,
    /// rather than when their lease runs out.
    public static func requeueOrphans(queue: any JobQueue) throws(StoreError) -> Int {
        let host = ProcessInfo.processInfo.hostName
        return try queue.requeue(
            workersGone: { worker in
                let parts = worker.split(separator: ":")
                guard parts.count >= 3, String(parts[0]) == host, let pid = Int32(parts[1]) else { return false }
                return pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH
            }, now: Store.milliseconds())
    }

    public func start() {
        for n in 0..<max(1, context.configuration.workers) {
            let thread = Thread { [self] in loop(name: "\(Self.processName):\(n)", slot: n) }
            thread.name = "secretradar-worker-\(n)"
            thread.stackSize = 8 << 20
            threads.append(thread)
            thread.start()
        }
    }

    /// A webhook queued something: a waiting worker looks now instead of at its next poll.
    public func wake() {
        lock.lock()
        wakeups += 1
        lock.broadcast()
        lock.unlock()
    }

    /// Stops taking jobs; waits up to `grace` seconds for running ones, then hands those back.
    public func stop(grace: Int) {
        lock.lock()
        stopping = true
        lock.broadcast()
        let deadline = Date().addingTimeInterval(TimeInterval(grace))
        while finished < threads.count && Date() < deadline { _ = lock.wait(until: min(deadline, Date().addingTimeInterval(0.1))) }
        let left = running
        lock.unlock()
        for (slot, job) in left {
            try? queue.handBack(job: job, worker: "\(Self.processName):\(slot)", now: Store.milliseconds())
            logger.info("job handed back at shutdown", metadata: ["job": "\(job)"])
        }
        // A fetch still running would go on writing into the mirror the next server uses.
        if !left.isEmpty { GitMirror.stopAll() }
    }

    var isStopping: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopping
    }

    func loop(name: String, slot: Int) {
        defer {
            lock.lock()
            finished += 1
            lock.broadcast()
            lock.unlock()
        }
        while !isStopping {
            let job: Job?
            do { job = try queue.claim(worker: name, lease: context.configuration.leaseMilliseconds, now: Store.milliseconds()) } catch {
                logger.error("cannot claim a job", metadata: ["error": "\(error.description)"])
                job = nil
            }
            guard let job else {
                lock.lock()
                let seen = wakeups
                while !stopping && wakeups == seen { if !lock.wait(until: Date().addingTimeInterval(0.5)) { break } }
                lock.unlock()
                continue
            }
            lock.lock()
            running[slot] = job.id
            lock.unlock()
            run(job, worker: name)
            lock.lock()
            running[slot] = nil
            lock.unlock()
        }
    }

    /// Runs one job with a heartbeat; records done, or failed with a retry time.
    func run(_ job: Job, worker: String) {
        let started = Date()
        let lease = context.configuration.leaseMilliseconds
        let beat = HeartbeatState()
        let heartbeat = DispatchSource.makeTimerSource(queue: DispatchQueue.global())
        heartbeat.schedule(deadline: .now() + .milliseconds(Int(lease / 3)), repeating: .milliseconds(Int(lease / 3)))
        heartbeat.setEventHandler { [queue] in
            if (try? queue.heartbeat(job: job.id, worker: worker, lease: lease, now: Store.milliseconds())) != true { beat.lost = true }
        }
        heartbeat.resume()
        defer { heartbeat.cancel() }
        logger.info("job started", metadata: ["job": "\(job.id)", "project": "\(job.project)", "attempt": "\(job.attempts)"])
        do {
            let (scans, found, bytes) = try scan(job)
            guard !beat.lost else {
                logger.warning("job's lease was lost; its result is dropped", metadata: ["job": "\(job.id)"])
                return
            }
            try queue.complete(job: job.id, worker: worker, scanIDs: scans, newFindings: found, now: Store.milliseconds())
            metrics.jobFinished(state: "done", seconds: Date().timeIntervalSince(started), bytes: bytes, findings: found)
            logger.info(
                "job done",
                metadata: [
                    "job": "\(job.id)", "findings": "\(found)", "seconds": "\(String(format: "%.2f", Date().timeIntervalSince(started)))",
                ])
        } catch {
            let message = ServerError.safe(error, token: context.configuration.gitlabToken)
            let final = job.attempts >= context.configuration.maxAttempts
            let retry = final ? nil : Store.milliseconds() + Int64(5_000 << min(job.attempts - 1, 8))
            try? queue.fail(job: job.id, worker: worker, error: message, retryAt: retry, now: Store.milliseconds())
            metrics.jobFinished(state: final ? "failed" : "retry", seconds: Date().timeIntervalSince(started), bytes: 0, findings: 0)
            logger.error(
                "job failed", metadata: ["job": "\(job.id)", "attempt": "\(job.attempts)", "error": "\(message)", "final": "\(final)"])
        }
    }

    final class HeartbeatState: @unchecked Sendable {
        var lost = false
    }

    /// Fetches the mirror and scans each range the job holds. Returns the scans recorded, the
    /// findings in what the pushes introduced, and the bytes read.
    func scan(_ job: Job) throws -> ([Int64], Int, Int) {
        let url = context.configuration.cloneURL(for: job.cloneURL)
        let path = try GitMirror.mirror(
            url: url, cache: context.cacheDirectory, token: context.configuration.token(for: url),
            timeout: Double(context.configuration.fetchTimeoutSeconds))
        var scans: [Int64] = []
        var found = Set<String>()
        var bytes = 0
        let locator = GitClone.redactedURL(job.cloneURL)
        // The project's baseline, checked to be this repository's: findings it knows are not new.
        var classifier: BaselineClassifier?
        if let file = context.configuration.baseline(for: job.project) {
            let baseline = try Baseline.load(path: file, keyFingerprint: context.key.fingerprint, seal: context.key.seal)
            try BaselineSource.verify(baseline, file: file, target: path, exact: true)
            classifier = BaselineClassifier(
                baseline: baseline, matcher: context.matcher, key: context.key, paths: .repository, snapshot: .git(repository: path),
                maxFileSize: context.options.maxFileSize)
        }
        for range in job.ranges where !range.isDeletion {
            var old = range.before
            // A force push's old commit may never have reached the mirror: scan as a new ref then.
            if !old.allSatisfy({ $0 == "0" }), (try? GitRepository(path: path).resolveCommit(old)) == nil { old = PushRange.zero }
            var options = GitScanOptions(scope: .range(old: old, new: range.after), common: context.options)
            options.common.workers = 1
            let scanner = GitScanner(matcher: context.matcher, key: context.key, options: options)
            let result = try scanner.scan(
                targets: [RepositoryTarget(path: path, label: job.project, locator: locator)], recorder: context.recorder)
            if let error = result.errors.first { throw ServerError.scan(error.description) }
            var classified = result
            if let classifier {
                classifier.apply(to: &classified, showKnown: true)
                var states: [String: BaselineState] = [:]
                for f in classified.findings { states[f.id] = f.baseline ?? .new }
                try context.store.recordBaseline(locator: locator, states: states, job: job.id)
            }
            for f in classified.findings where f.baseline != .known { found.insert(f.id) }
            bytes += result.summary.bytes
            if let last = try context.store.latestScanID(locator: locator) { scans.append(last) }
        }
        return (scans, found.count, bytes)
    }
}

/// Errors the service reports (in a job's `last_error`, a log line): never a token or a body.
public enum ServerError: Error, Sendable, CustomStringConvertible {
    case scan(String)

    public var description: String {
        switch self {
        case .scan(let message): message
        }
    }

    /// `error`'s text with `token` cut out wherever it appears, bounded.
    static func safe(_ error: any Error, token: String?) -> String {
        var text = String(describing: error)
        if let token, !token.isEmpty { text = text.replacingOccurrences(of: token, with: "[token]") }
        return String(text.prefix(2000))
    }
}
