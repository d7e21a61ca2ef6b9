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
                    let pack = try? PackFile.shared(basePath: path), PackPlan.fits(pack)
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
        let pages = PackPages(plan: plan)
        // Planning read every entry's header, so every page of the pack; the pass reads the needed ones again.
        plan.pack.pack.releaseAll()
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let inflater = Inflater()
            var lost: [Int] = []
            while let r = queue.next() {
                plan.rebuild(root: plan.roots[r], inflater: inflater, maxSize: maxSize, lost: &lost, consumed: pages.consumed) {
                    blob in handler(worker, blob)
                }
            }
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

/// Gives back each 64 KiB of a pack once every entry of the plan that lies on it has been read.
/// A delta tree's entries are spread over the pack (a version's delta sits wherever git wrote it),
/// so a pass in the order of the roots keeps touching pages far ahead of them: giving back what lies
/// behind the earliest root still held 110 of the git/git shape's 166 MB pack at the peak. Every
/// needed entry is read exactly once, so a page whose count of unread entries reaches zero is done
/// with (were it read again, a minor fault brings the same bytes back from the page cache).
final class PackPages: @unchecked Sendable {
    private let pack: PackFile
    private let plan: PackPlan
    private let pageShift: Int
    private var unread: [Int32]
    private let lock = NSLock()

    init(plan: PackPlan) {
        self.plan = plan
        pack = plan.pack
        // Counted per 64 KiB rather than per page: giving back one page at a time took an
        // `madvise` per page, each interrupting the other threads to flush their TLBs (+0.3 s of
        // system time on curl's history).
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        pageShift = max(16, page.trailingZeroBitCount)
        unread = [Int32](repeating: 0, count: (pack.pack.bytes.count >> pageShift) + 1)
        for e in 0..<pack.count where plan.needed[e] {
            let (first, last) = pages(of: e)
            for p in first...last { unread[p] += 1 }
        }
    }

    /// The first and last page an entry's bytes (header and data, up to the next entry) lie on.
    private func pages(of e: Int) -> (Int, Int) {
        let start = pack.offsets[e]
        let end = e + 1 < pack.count ? pack.offsets[e + 1] : pack.pack.bytes.count - 20
        return (start >> pageShift, max(start, end - 1) >> pageShift)
    }

    func consumed(_ e: Int) {
        let (first, last) = pages(of: e)
        var done: [Int] = []
        lock.lock()
        for p in first...last {
            unread[p] -= 1
            if unread[p] == 0 { done.append(p) }
        }
        lock.unlock()
        for p in done { pack.pack.release((p << pageShift)..<((p + 1) << pageShift)) }
    }
}
