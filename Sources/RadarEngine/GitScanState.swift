import Dispatch
import Foundation
import RadarGit
import RadarGitLab
import RadarMatch
import RadarModel
import RadarStore
import RadarSupport

/// Per-worker results of a git scan; each worker writes only its own slot.
final class GitScanState: @unchecked Sendable {
    final class Slot {
        var summary = ScanSummary()
        var lfs = 0
        var matches: [(Int, Match)] = []
        var failures: [(Int, GitError)] = []
        var incomplete: [(Int, [String])] = []
        var skipped: [(position: Int, reason: SkippedInput.Reason, size: Int)] = []
    }
    let slots: [Slot]
    let scratches: [MatcherScratch]
    let total: Int
    private let lock = NSLock()
    private var lastReport = DispatchTime.now().uptimeNanoseconds
    private var done: [Int]
    private var bytes: [Int]
    private var matches: [Int]

    init(workers: Int, total: Int, scratches: [MatcherScratch]) {
        slots = (0..<workers).map { _ in Slot() }
        self.scratches = scratches
        self.total = total
        done = Array(repeating: 0, count: workers)
        bytes = Array(repeating: 0, count: workers)
        matches = Array(repeating: 0, count: workers)
    }

    static let lfsPrefix = Array("version https://git-lfs.github.com/spec/v1".utf8)

    /// Matches one blob; returns the matcher's memory of it when blobs will be rebuilt from it.
    /// `path` is where the blob was first seen: rules limited to file names run when it names one.
    func handle(worker: Int, blob: RebuiltBlob, matcher: Matcher, sniff: Int, incremental: Bool, path: String?) -> AnyObject? {
        let slot = slots[worker]
        switch blob.content {
        case .tooLarge(let size):
            if let position = blob.position {
                slot.summary.skippedLarge += 1
                slot.skipped.append((position, .tooLarge, size))
            }
            return nil
        case .failed(let error):
            if let position = blob.position { slot.failures.append((position, error)) }
            return nil
        case .bytes(let raw):
            let bytes = raw.bindMemory(to: UInt8.self)
            if let start = raw.baseAddress, memchr(start, 0, min(sniff, raw.count)) != nil {
                // UTF-16/32 text is matched transcoded, whole (no delta memory); anything else with a NUL is binary.
                guard let position = blob.position, let encoding = WideText.encoding(of: bytes.prefix(sniff)) else {
                    if let position = blob.position {
                        slot.summary.skippedBinary += 1
                        slot.skipped.append((position, .binary, bytes.count))
                    }
                    return nil
                }
                let scratch = scratches[worker]
                let matches = WideText.scan(Array(bytes), encoding: encoding, matcher: matcher, scratch: scratch, path: path)
                slot.summary.files += 1
                slot.summary.bytes += bytes.count
                for m in matches { slot.matches.append((position, m)) }
                if !scratch.incompleteRules.isEmpty {
                    slot.summary.incomplete += 1
                    slot.incomplete.append((position, scratch.incompleteRules))
                }
                return nil
            }
            if bytes.count < 1024, bytes.starts(with: Self.lfsPrefix) {
                if blob.position != nil { slot.lfs += 1 }
                return nil
            }
            let scratch = scratches[worker]
            let matches: [Match]
            let memory: MatchMemory?
            if incremental, let parent = blob.parent as? MatchMemory, let copies = blob.copies {
                (matches, memory) = matcher.scan(bytes, scratch: scratch, derivedFrom: parent, copies: copies, path: path)
            } else {
                (matches, memory) = matcher.scan(bytes, scratch: scratch, remember: incremental && blob.hasChildren, path: path)
            }
            guard let position = blob.position else { return memory }
            slot.summary.files += 1
            slot.summary.bytes += bytes.count
            for m in matches { slot.matches.append((position, m)) }
            if !scratch.incompleteRules.isEmpty {
                slot.summary.incomplete += 1
                slot.incomplete.append((position, scratch.incompleteRules))
            }
            return memory
        }
    }

    /// A snapshot every 200 ms at most; each worker publishes its own counts under the lock.
    func progressIfDue(worker: Int) -> ScanProgress? {
        let slot = slots[worker]
        let now = DispatchTime.now().uptimeNanoseconds
        lock.lock()
        defer { lock.unlock() }
        done[worker] = slot.summary.files + slot.summary.skippedBinary + slot.summary.skippedLarge + slot.lfs + slot.failures.count
        bytes[worker] = slot.summary.bytes
        matches[worker] = slot.matches.count
        guard now - lastReport > 200_000_000 else { return nil }
        lastReport = now
        return ScanProgress(filesDone: done.reduce(0, +), filesTotal: total, bytes: bytes.reduce(0, +), matches: matches.reduce(0, +))
    }
}
