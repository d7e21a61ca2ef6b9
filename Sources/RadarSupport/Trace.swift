import Foundation
import Synchronization

/// Phase timings for performance work: with `SECRETRADAR_TRACE` set, each `mark` writes
/// `trace <ms since the previous mark> ms <label>` to stderr (benchmarks/README.md shows a rescan
/// taken apart this way). Without it, a mark is one load of a flag.
///
/// With `SECRETRADAR_STOP_AT=<label>` the process stops itself (`SIGSTOP`) at the first mark of
/// that label: the crash tests kill it there, inside a store transaction, instead of after a sleep
/// that may land anywhere (StoreCLITests).
public enum Trace {
    static let on = getenv("SECRETRADAR_TRACE") != nil
    static let stopAt = getenv("SECRETRADAR_STOP_AT").map { String(cString: $0) }
    static let last = Atomic<UInt64>(now())

    static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    /// Writes the time since the previous mark (the first mark: since the first use of `Trace`).
    /// Marks from several threads interleave; each measures from whichever mark came before it.
    public static func mark(_ label: @autoclosure () -> String) {
        if let stopAt, label() == stopAt { raise(SIGSTOP) }
        guard on else { return }
        let t = now()
        let previous = last.exchange(t, ordering: .relaxed)
        FileHandle.standardError.write(Data("trace \(Double((t - min(t, previous)) / 10_000) / 100) ms \(label())\(memory())\n".utf8))
        if on, mallocStats, let f = dlsym(nil, "malloc_stats") {
            unsafeBitCast(f, to: (@convention(c) () -> Void).self)()
        }
    }
    /// With `SECRETRADAR_MALLOC_STATS` too, glibc's `malloc_stats` after each mark: each arena's
    /// bytes taken from the system and in use (what the resident size is made of).
    static let mallocStats = getenv("SECRETRADAR_MALLOC_STATS") != nil

    /// `  [rss 812 MB, peak 1020 MB, cpu 3.2 s]` from /proc/self/status (Linux) and the process's
    /// user + system time so far, or nothing.
    static func memory() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return "" }
        var rss = 0
        var peak = 0
        for line in status.split(separator: "\n") {
            let parts = line.split(omittingEmptySubsequences: true) { $0 == " " || $0 == "\t" }
            guard parts.count >= 2, let kb = Int(parts[1]) else { continue }
            if parts[0] == "VmRSS:" { rss = kb / 1024 }
            if parts[0] == "VmHWM:" { peak = kb / 1024 }
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        return "  [rss \(rss) MB, peak \(peak) MB, cpu \((cpu * 100).rounded() / 100) s]"
    }
}
