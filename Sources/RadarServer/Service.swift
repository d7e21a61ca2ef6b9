import Foundation
import Hummingbird
import Logging
import NIOCore
import RadarStore
import ServiceLifecycle

/// `secretradar serve`: the HTTP server and the workers in one process, stopped gracefully on
/// SIGTERM or SIGINT (the server stops accepting; running jobs get `shutdown_grace_seconds` to
/// finish, then go back to the queue).
public enum RadarService {
    public static func run(context: ScanContext, logger: Logger, announce: @escaping @Sendable (String) -> Void) async throws {
        let configuration = context.configuration
        let metrics = ServerMetrics()
        let requeued = try WorkerPool.requeueOrphans(queue: context.store)
        if requeued > 0 { logger.notice("jobs of a stopped server queued again", metadata: ["jobs": "\(requeued)"]) }
        let pool = WorkerPool(context: context, queue: context.store, metrics: metrics, logger: logger)
        let started = ReadyFlag()
        let routes = ServiceRoutes(
            configuration: configuration, store: context.store, queue: context.store, metrics: metrics, wake: { pool.wake() },
            ready: { started.value })
        let app = Application(
            router: routes.router(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            services: [WorkerService(pool: pool, grace: configuration.shutdownGraceSeconds)],
            onServerRunning: { channel in
                started.value = true
                let port = channel.localAddress?.port ?? configuration.port
                announce("listening on \(configuration.host):\(port)")
            },
            logger: logger)
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }

    final class ReadyFlag: @unchecked Sendable {
        private let lock = NSLock()
        private var flag = false
        var value: Bool {
            get { lock.withLock { flag } }
            set { lock.withLock { flag = newValue } }
        }
    }
}

/// The workers as a service of the application's group: started with it, stopped gracefully.
struct WorkerService: Service {
    let pool: WorkerPool
    let grace: Int

    func run() async throws {
        pool.start()
        try? await gracefulShutdown()
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread {
                pool.stop(grace: grace)
                done.resume()
            }
        }
    }
}

/// Log lines as JSON objects, one per line, on standard error (`log_format: json`).
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    let label: String

    public init(label: String) { self.label = label }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var object: [String: Any] = [
            "time": ISO8601DateFormatter().string(from: Date()), "level": event.level.rawValue, "message": "\(event.message)",
            "logger": label,
        ]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) { object[key] = "\(value)" }
        guard var data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return }
        data.append(0x0a)
        FileHandle.standardError.write(data)
    }
}
