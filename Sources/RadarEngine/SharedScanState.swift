import Dispatch
import Foundation
import RadarGitLab
import RadarMatch
import RadarModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One match with the path it came from.
struct PathMatch: Sendable {
    var path: String
    var match: Match
}

/// What one worker gathered.
struct WorkerResult: Sendable {
    var summary = ScanSummary()
    var matches: [PathMatch] = []
    var errors: [EngineError] = []
    var skipped: [SkippedInput] = []
}

/// Lets per-worker scratch cross into `concurrentPerform`; each worker touches only its own element.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// The work queue and result slots shared by the workers, behind one lock.
final class SharedScanState: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private let total: Int
    private var done = 0
    private var lastReport = DispatchTime.now().uptimeNanoseconds
    private var bytesSeen: [Int]
    private var matchesSeen: [Int]
    private(set) var results: [WorkerResult]

    init(workers: Int, total: Int) {
        self.total = total
        results = Array(repeating: WorkerResult(), count: workers)
        bytesSeen = Array(repeating: 0, count: workers)
        matchesSeen = Array(repeating: 0, count: workers)
    }

    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextIndex < total else { return nil }
        if nextIndex > 0 { done += 1 }
        nextIndex += 1
        return nextIndex - 1
    }

    /// A snapshot every 200 ms at most, with bytes and matches summed over all workers.
    func progressIfDue(worker: Int, bytes: Int, matches: Int) -> ScanProgress? {
        lock.lock()
        defer { lock.unlock() }
        bytesSeen[worker] = bytes
        matchesSeen[worker] = matches
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - lastReport > 200_000_000 else { return nil }
        lastReport = now
        return ScanProgress(filesDone: done, filesTotal: total, bytes: bytesSeen.reduce(0, +), matches: matchesSeen.reduce(0, +))
    }

    func finish(worker: Int, _ result: WorkerResult) {
        lock.lock()
        results[worker] = result
        lock.unlock()
    }
}
