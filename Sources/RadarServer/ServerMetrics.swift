import CoreMetrics
import Foundation
import Prometheus
import RadarStore

/// The service's metrics through swift-metrics, exported by swift-prometheus at `/metrics`: a
/// registry of its own (no process-wide bootstrap), so several servers in one test process
/// keep theirs apart.
public final class ServerMetrics: @unchecked Sendable {
    public let registry = PrometheusCollectorRegistry()
    let factory: PrometheusMetricsFactory
    let lock = NSLock()
    var webhookCounters: [String: CoreMetrics.Counter] = [:]
    var jobCounters: [String: CoreMetrics.Counter] = [:]
    let scanDuration: CoreMetrics.Timer
    let bytesScanned: CoreMetrics.Counter
    let newFindings: CoreMetrics.Counter

    public init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets["secretradar_scan_duration_seconds"] = [
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(5),
            .seconds(10), .seconds(30), .seconds(60), .seconds(300),
        ]
        self.factory = factory
        scanDuration = CoreMetrics.Timer(label: "secretradar_scan_duration_seconds", dimensions: [], factory: factory)
        bytesScanned = CoreMetrics.Counter(label: "secretradar_bytes_scanned_total", dimensions: [], factory: factory)
        newFindings = CoreMetrics.Counter(label: "secretradar_findings_total", dimensions: [], factory: factory)
    }

    /// A webhook delivery by its event and what became of it (`queued`, `merged`, `duplicate`,
    /// `ignored`, `unauthorized`, `malformed`, `too_large`, `error`).
    public func webhook(event: String, result: String) {
        let event = GitLabEvent.pushHeaders.contains(event) ? event : "other"
        let key = event + "\u{0}" + result
        lock.lock()
        let counter =
            webhookCounters[key]
            ?? {
                let c = CoreMetrics.Counter(
                    label: "secretradar_webhooks_total", dimensions: [("event", event), ("result", result)], factory: factory)
                webhookCounters[key] = c
                return c
            }()
        lock.unlock()
        counter.increment()
    }

    func jobFinished(state: String, seconds: Double, bytes: Int, findings: Int) {
        lock.lock()
        let counter =
            jobCounters[state]
            ?? {
                let c = CoreMetrics.Counter(label: "secretradar_jobs_finished_total", dimensions: [("result", state)], factory: factory)
                jobCounters[state] = c
                return c
            }()
        lock.unlock()
        counter.increment()
        scanDuration.recordNanoseconds(Int64(seconds * 1e9))
        bytesScanned.increment(by: bytes)
        newFindings.increment(by: findings)
    }

    /// The exposition text, with the queue's current jobs by state as gauges.
    public func render(queue: any JobQueue) -> [UInt8] {
        var out = registry.emitToBuffer()
        let counts = (try? queue.jobCounts()) ?? [:]
        var text = "# TYPE secretradar_jobs gauge\n"
        for state in Job.State.allCases { text += "secretradar_jobs{state=\"\(state.rawValue)\"} \(counts[state] ?? 0)\n" }
        out += Array(text.utf8)
        return out
    }
}
