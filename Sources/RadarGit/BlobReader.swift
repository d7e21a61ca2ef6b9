import CGit2
import Dispatch
import Foundation
import RadarModel

/// What the reader hands over for one wanted blob.
public enum BlobContent {
    /// The whole blob; the buffer is valid only during the callback.
    case bytes(UnsafeRawBufferPointer)
    /// Larger than the size limit; not inflated (or not kept).
    case tooLarge(size: Int)
    /// Could not be read (corrupt or missing); the scan goes on.
    case failed(GitError)
}

/// One blob handed to the reader's handler.
public struct RebuiltBlob {
    /// Position in the wanted list; nil for an entry rebuilt only because wanted blobs derive from it.
    public var position: Int?
    public var content: BlobContent
    /// What the handler returned for the delta base this blob was rebuilt from (nil for a whole object).
    public var parent: AnyObject?
    /// The delta's copy instructions from that base (nil for a whole object).
    public var copies: [CopySegment]?
    /// Whether blobs will be rebuilt from this one, so the handler's return value will be used.
    public var hasChildren: Bool
}

extension RebuiltBlob {
    /// A blob read whole (libgit2, or a size or error report): no base, no children.
    static func whole(_ position: Int, _ content: BlobContent) -> RebuiltBlob {
        RebuiltBlob(position: position, content: content, parent: nil, copies: nil, hasChildren: false)
    }
}

/// Settings of a bulk read.
public struct BlobReadOptions: Sendable {
    /// Blobs larger than this are reported as `.tooLarge` and not handed over.
    public var maxSize: Int
    /// Threads; each has its own zlib stream and, for the libgit2 path, its own `git_repository`.
    public var workers: Int
    /// Read packs directly (the fast path). Off: every blob through libgit2, in pack-offset order
    /// where known; kept for comparison and as a safety valve.
    public var usePackReader: Bool

    public init(maxSize: Int, workers: Int, usePackReader: Bool = true) {
        self.maxSize = maxSize
        self.workers = max(1, workers)
        self.usePackReader = usePackReader
    }
}

/// Reads every wanted blob exactly once, packs in *pack order*: each pack's delta tree depth-first,
/// every entry inflated once and every delta applied onto its base while that base is in memory.
///
/// Roots of delta trees are shared out to workers one at a time; the handler runs on the worker
/// that rebuilt the blob, so matching happens while the bytes are hot and nothing is queued.
/// Blobs not in a pack (loose objects) and entries the pack reader cannot rebuild go through
/// libgit2 afterwards, so a corrupt entry is reported by id rather than lost.
public final class BlobReader: @unchecked Sendable {
    let repository: GitRepository
    let options: BlobReadOptions

    /// `.pack` files (without extension) in the repository's object directories and alternates,
    /// listed once: reading, ordering and the tree store all walk them.
    let packs: [String]

    public init(repository: GitRepository, options: BlobReadOptions) {
        self.repository = repository
        self.options = options
        packs = Self.packPaths(repository)
    }

    /// Reads `wanted` (deduplicated by the caller) and calls `handler(worker, blob)` for each, plus for
    /// each delta base that wanted blobs are rebuilt from. `handler` runs concurrently on
    /// `options.workers` threads; what it returns for a blob comes back as `parent` of the blobs
    /// rebuilt from it (the matcher's memory, for incremental matching).
    public func read(_ wanted: [ObjectID], handler: @Sendable (Int, RebuiltBlob) -> AnyObject?) throws(GitError) {
        var positions: [ObjectID: Int] = [:]
        positions.reserveCapacity(wanted.count)
        for (i, id) in wanted.enumerated() { positions[id] = i }
        secretradar_keep_freed_memory()
        var done = [Bool](repeating: false, count: wanted.count)
        var fallback: [Int] = []
        if options.usePackReader {
            for path in packs {
                // Planning a pack costs a pass over all its entries; for a handful of wanted blobs
                // in a big pack (a push), libgit2's lookups are cheaper.
                guard let entries = PackFile.objectCount(basePath: path), wanted.count * 16 >= entries,
                    let pack = try? PackFile.shared(basePath: path)
                else { continue }
                let plan = PackPlan(pack: pack, positions: positions, done: &done)
                if plan.roots.isEmpty && plan.orphans.isEmpty { continue }
                let failed = runPack(plan, handler: handler)
                fallback += failed
            }
        }
        for i in wanted.indices where !done[i] { fallback.append(i) }
        try readThroughLibgit2(packOffsetOrder(fallback, wanted: wanted, positions: positions), wanted: wanted, handler: handler)
    }

    /// Walks one pack's delta forest on all workers; returns wanted positions it could not rebuild.
    func runPack(_ plan: PackPlan, handler: @Sendable (Int, RebuiltBlob) -> AnyObject?) -> [Int] {
        let workers = min(options.workers, max(1, plan.roots.count))
        let queue = WorkQueue(count: plan.roots.count)
        let failures = LockedArray<Int>()
        for e in plan.orphans { failures.append(contentsOf: plan.wantedBelow(e)) }
        let maxSize = options.maxSize
        let behind = ReleaseBehind(pack: plan.pack, workers: workers)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let inflater = Inflater()
            var lost: [Int] = []
            while let r = queue.next() {
                behind.start(worker: worker, at: plan.pack.offsets[plan.roots[r]])
                plan.rebuild(root: plan.roots[r], inflater: inflater, maxSize: maxSize, lost: &lost) { blob in
                    handler(worker, blob)
                }
            }
            behind.finish(worker: worker)
            failures.append(contentsOf: lost)
        }
        plan.pack.pack.releaseAll()
        return failures.values
    }

    /// `subset` sorted by (pack, offset) where the blobs are packed, so that libgit2 finds each
    /// delta's base in its delta-base cache as often as it can; loose objects last.
    func packOffsetOrder(_ subset: [Int], wanted: [ObjectID], positions: [ObjectID: Int]) -> [Int] {
        guard subset.count > 1 else { return subset }
        var key = [Int](repeating: Int.max, count: wanted.count)
        var inSubset = [Bool](repeating: false, count: wanted.count)
        for i in subset { inSubset[i] = true }
        for (n, path) in packs.enumerated() {
            guard let pack = try? PackFile.shared(basePath: path) else { continue }
            for (e, id) in pack.ids.enumerated() {
                if let p = positions[id], inSubset[p], key[p] == Int.max { key[p] = n << 40 | pack.offsets[e] }
            }
        }
        return subset.sorted { (key[$0], $0) < (key[$1], $1) }
    }

    /// Reads through libgit2 (loose objects, entries of other packs' deltas, corrupt entries).
    func readThroughLibgit2(_ positions: [Int], wanted: [ObjectID], handler: @Sendable (Int, RebuiltBlob) -> AnyObject?) throws(GitError) {
        guard !positions.isEmpty else { return }
        let workers = min(options.workers, positions.count)
        var repos: [GitRepository] = [repository]
        for _ in 1..<max(1, workers) { repos.append(try repository.reopen()) }
        let queue = WorkQueue(count: positions.count)
        let box = UncheckedSendable(repos)
        let maxSize = options.maxSize
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let repo = box.value[worker]
            while let n = queue.next() {
                let position = positions[n]
                let id = wanted[position]
                do throws(GitError) {
                    let (size, kind) = try repo.header(id)
                    guard kind == .blob else {
                        let error = GitError.corruptObject(id: id.hex, context: "blob", message: "is a \(kind), not a blob")
                        _ = handler(worker, .whole(position, .failed(error)))
                        continue
                    }
                    if size > maxSize {
                        _ = handler(worker, .whole(position, .tooLarge(size: size)))
                        continue
                    }
                    try repo.withObject(id) { _, buffer in _ = handler(worker, .whole(position, .bytes(buffer))) }
                } catch {
                    _ = handler(worker, .whole(position, .failed(error)))
                }
            }
        }
    }

    static func packPaths(_ repository: GitRepository) -> [String] {
        var out: [String] = []
        for dir in ObjectDirectories.list(gitDirectory: repository.gitDirectory, fromEnvironment: repository.openPath == nil) {
            let packDir = (dir as NSString).appendingPathComponent("pack")
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: packDir) else { continue }
            for name in names.sorted() where name.hasSuffix(".pack") {
                let base = (packDir as NSString).appendingPathComponent(String(name.dropLast(5)))
                if FileManager.default.fileExists(atPath: base + ".idx") { out.append(base) }
            }
        }
        return out
    }
}

/// Gives back the pages of a pack that a pack-order pass is done with. Roots are handed out in pack
/// order and a delta lies after its base, so every byte before the earliest root a worker is still
/// rebuilding belongs to finished delta trees (a `REF_DELTA` to an earlier base would only cost a
/// minor fault: the pages stay in the page cache). Keeps the pass's resident memory to the span
/// the workers are in, not the whole pack (docs/git-reading.md).
final class ReleaseBehind: @unchecked Sendable {
    private let pack: PackFile
    private let lock = NSLock()
    private var current: [Int]
    private var released = 0
    private var started = 0
    /// Pages are given back in steps of at least this many bytes, looked at every `every` roots.
    private let step: Int
    private let every: Int

    init(pack: PackFile, workers: Int, step: Int = 8 << 20, every: Int = 64) {
        self.pack = pack
        self.step = step
        self.every = every
        current = Array(repeating: Int.max, count: workers)
    }

    func start(worker: Int, at offset: Int) {
        lock.lock()
        current[worker] = offset
        started += 1
        var range: Range<Int>?
        if started % every == 0, let low = current.min(), low != Int.max, low - released >= step {
            range = released..<low
            released = low
        }
        lock.unlock()
        if let range { pack.pack.release(range) }
    }

    func finish(worker: Int) {
        lock.lock()
        current[worker] = Int.max
        lock.unlock()
    }
}
