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
                    let pack = try? PackFile(basePath: path)
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
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let inflater = Inflater()
            var lost: [Int] = []
            while let r = queue.next() {
                plan.rebuild(root: plan.roots[r], inflater: inflater, maxSize: maxSize, lost: &lost) { blob in
                    handler(worker, blob)
                }
            }
            failures.append(contentsOf: lost)
        }
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
            guard let pack = try? PackFile(basePath: path) else { continue }
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

/// The object directories git would read: the repository's (or `GIT_OBJECT_DIRECTORY`), then
/// `GIT_ALTERNATE_OBJECT_DIRECTORIES`, then `objects/info/alternates`, followed recursively.
enum ObjectDirectories {
    static func list(gitDirectory: String, fromEnvironment: Bool) -> [String] {
        // The variables only inside a hook (`fromEnvironment`), read one by one (ProcessInfo copies
        // the whole environment).
        func variable(_ name: String) -> String? { fromEnvironment ? getenv(name).map { String(cString: $0) } : nil }
        var queue: [String] = []
        if let dir = variable("GIT_OBJECT_DIRECTORY"), !dir.isEmpty {
            queue.append(absolute(dir, relativeTo: FileManager.default.currentDirectoryPath))
        } else {
            queue.append((gitDirectory as NSString).appendingPathComponent("objects"))
        }
        if let alternates = variable("GIT_ALTERNATE_OBJECT_DIRECTORIES") {
            for dir in alternates.split(separator: ":") where !dir.isEmpty {
                queue.append(absolute(String(dir), relativeTo: FileManager.default.currentDirectoryPath))
            }
        }
        var seen: Set<String> = []
        var out: [String] = []
        while !queue.isEmpty, out.count < 32 {
            let dir = (queue.removeFirst() as NSString).standardizingPath
            guard seen.insert(dir).inserted else { continue }
            out.append(dir)
            let file = (dir as NSString).appendingPathComponent("info/alternates")
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n") where !line.isEmpty && !line.hasPrefix("#") {
                queue.append(absolute(String(line), relativeTo: dir))
            }
        }
        return out
    }

    static func absolute(_ path: String, relativeTo base: String) -> String {
        path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)
    }
}

/// One pack's entries arranged as a forest of delta trees, pruned to what wanted blobs need.
struct PackPlan: @unchecked Sendable {
    let pack: PackFile
    /// For each pack-order entry: header, wanted position (or -1), children (CSR), needed.
    var headers: [PackFile.EntryHeader?]
    var wantedPosition: [Int]
    var childStart: [Int]
    var children: [Int]
    var needed: [Bool]
    /// Needed whole blobs (delta-tree roots), in pack order.
    var roots: [Int]
    /// Needed entries whose base is outside this pack or unreadable: their wanted descendants go to libgit2.
    var orphans: [Int]

    /// Plans the wanted blobs of `positions` that no earlier pack took (`done`).
    init(pack: PackFile, positions: [ObjectID: Int], done: inout [Bool]) {
        var taken = done
        self.init(pack: pack, rootKind: 3) { e, _ in
            guard let p = positions[pack.ids[e]], !taken[p] else { return nil }
            taken[p] = true
            return p
        }
        done = taken
    }

    /// Plans every object of kind `rootKind` for which `select(entry, kind)` gives a position
    /// (kind is the type of the entry's delta root: 1 commit, 2 tree, 3 blob, 4 tag, -1 broken).
    init(pack: PackFile, rootKind: Int, select: (Int, Int) -> Int?) {
        self.pack = pack
        let n = pack.count
        headers = pack.offsets.map { pack.header(at: $0) }
        wantedPosition = [Int](repeating: -1, count: n)
        // Base of each entry (pack-order index), -1 for whole objects, -2 for a base outside the pack.
        var base = [Int](repeating: -1, count: n)
        var idPosition: [ObjectID: Int] = [:]
        for e in 0..<n {
            guard let h = headers[e] else { base[e] = -2; continue }
            if let offset = h.baseOffset {
                base[e] = pack.position(ofOffset: offset) ?? -2
            } else if let id = h.baseID {
                if idPosition.isEmpty { for (i, x) in pack.ids.enumerated() { idPosition[x] = i } }
                base[e] = idPosition[id] ?? -2
            }
        }
        // Kind of each entry's root: follow bases (memoised); 0 unknown, -1 broken.
        var kind = [Int](repeating: 0, count: n)
        for e in 0..<n where kind[e] == 0 {
            var chain: [Int] = []
            var x = e
            var k = 0
            while true {
                if kind[x] != 0 { k = kind[x]; break }
                chain.append(x)
                if chain.count > 10_000 { k = -1; break }
                let b = base[x]
                if b == -1 { k = headers[x]?.type ?? -1; break }
                if b == -2 { k = -1; break }
                x = b
            }
            for c in chain { kind[c] = k }
        }
        for e in 0..<n {
            if let p = select(e, kind[e]) { wantedPosition[e] = p }
        }
        // A wanted entry that is not a blob (an id collision cannot happen; a bad header can) goes to libgit2.
        var counts = [Int](repeating: 0, count: n + 1)
        for e in 0..<n where base[e] >= 0 { counts[base[e] + 1] += 1 }
        for i in 0..<n { counts[i + 1] += counts[i] }
        childStart = counts
        var fill = counts
        children = [Int](repeating: 0, count: counts[n])
        for e in 0..<n where base[e] >= 0 {
            children[fill[base[e]]] = e
            fill[base[e]] += 1
        }
        var needed = [Bool](repeating: false, count: n)
        var orphanSet: Set<Int> = []
        for e in 0..<n where wantedPosition[e] >= 0 {
            var x = e
            while x >= 0, !needed[x] {
                needed[x] = true
                if base[x] == -2 || kind[x] == -1 { orphanSet.insert(x) }
                x = base[x]
            }
        }
        roots = (0..<n).filter { needed[$0] && base[$0] == -1 && kind[$0] == rootKind }
        // Roots of another kind with wanted descendants are orphans too (libgit2 will say what is wrong).
        orphanSet.formUnion((0..<n).filter { needed[$0] && base[$0] == -1 && kind[$0] != rootKind })
        let tops = orphanSet.filter { e in base[e] < 0 || !orphanSet.contains(base[e]) }
        orphans = tops.sorted()
        self.needed = needed
    }

    /// Wanted positions in the subtree under entry `e` (including `e`).
    func wantedBelow(_ e: Int) -> [Int] {
        var out: [Int] = []
        var stack = [e]
        while let x = stack.popLast() {
            if wantedPosition[x] >= 0 { out.append(wantedPosition[x]) }
            for c in childStart[x]..<childStart[x + 1] where needed[children[c]] { stack.append(children[c]) }
        }
        return out
    }

    /// Rebuilds the delta tree under `root` depth-first, handing each needed blob to `emit` (wanted
    /// ones with their position). Entries that cannot be rebuilt (corrupt data, over `maxSize`) pass
    /// their wanted descendants to `lost`, for libgit2 to read or to report.
    func rebuild(root: Int, inflater: Inflater, maxSize: Int, lost: inout [Int], emit: (RebuiltBlob) -> AnyObject?) {
        struct Frame {
            var entry: Int
            var bytes: [UInt8]
            var memory: AnyObject?
            var next: Int
        }
        let data = pack.pack.bytes
        guard let rootHeader = headers[root] else { lost += wantedBelow(root); return }
        if rootHeader.size > maxSize {
            if wantedPosition[root] >= 0 { _ = emit(.whole(wantedPosition[root], .tooLarge(size: rootHeader.size))) }
            for c in childStart[root]..<childStart[root + 1] where needed[children[c]] { lost += wantedBelow(children[c]) }
            return
        }
        guard let bytes = inflater.inflate(data, from: rootHeader.dataStart, size: rootHeader.size) else {
            lost += wantedBelow(root)
            return
        }
        let rootHasChildren = hasNeededChildren(root)
        let memory = bytes.withUnsafeBytes { buffer in
            emit(
                RebuiltBlob(
                    position: position(root), content: .bytes(buffer), parent: nil, copies: nil, hasChildren: rootHasChildren))
        }
        guard rootHasChildren else { return }
        var stack = [Frame(entry: root, bytes: bytes, memory: memory, next: childStart[root])]
        var copies: [CopySegment] = []
        while !stack.isEmpty {
            let top = stack.count - 1
            let parent = stack[top].entry
            guard stack[top].next < childStart[parent + 1] else {
                stack.removeLast()
                continue
            }
            let child = children[stack[top].next]
            stack[top].next += 1
            guard needed[child], let h = headers[child] else { continue }
            // A delta is never much larger than its result; a header claiming more is hostile or corrupt.
            guard h.size <= maxSize + 4096 else {
                lost += wantedBelow(child)
                continue
            }
            // The delta itself is small; its result size is in the delta's own header.
            guard let delta = inflater.inflate(data, from: h.dataStart, size: h.size),
                let target = Self.deltaTargetSize(delta), target <= maxSize || wantedPosition[child] >= 0
            else {
                lost += wantedBelow(child)
                continue
            }
            if target > maxSize {
                _ = emit(.whole(wantedPosition[child], .tooLarge(size: target)))
                for c in childStart[child]..<childStart[child + 1] where needed[children[c]] { lost += wantedBelow(children[c]) }
                continue
            }
            copies.removeAll(keepingCapacity: true)
            guard let rebuilt = applyDelta(delta, to: stack[top].bytes, copies: &copies) else {
                lost += wantedBelow(child)
                continue
            }
            let childHasChildren = hasNeededChildren(child)
            let memory = rebuilt.withUnsafeBytes { buffer in
                emit(
                    RebuiltBlob(
                        position: position(child), content: .bytes(buffer), parent: stack[top].memory, copies: copies,
                        hasChildren: childHasChildren))
            }
            if childHasChildren {
                stack.append(Frame(entry: child, bytes: rebuilt, memory: memory, next: childStart[child]))
            }
        }
    }

    func position(_ entry: Int) -> Int? { wantedPosition[entry] >= 0 ? wantedPosition[entry] : nil }

    func hasNeededChildren(_ entry: Int) -> Bool {
        (childStart[entry]..<childStart[entry + 1]).contains { needed[children[$0]] }
    }

    /// The result size a delta declares (its second varint).
    static func deltaTargetSize(_ delta: [UInt8]) -> Int? {
        var i = 0
        var result = 0
        for _ in 0..<2 {
            result = 0
            var shift = 0
            while true {
                guard i < delta.count, shift <= 56 else { return nil }
                let c = Int(delta[i])
                i += 1
                result |= (c & 0x7f) << shift
                if c & 0x80 == 0 { break }
                shift += 7
            }
        }
        return result
    }
}

/// Hands out indices 0..<count to threads, one at a time.
final class WorkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private let count: Int

    init(count: Int) { self.count = count }

    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextIndex < count else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }
}

/// An array appended to from several threads.
final class LockedArray<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [T] = []

    func append(contentsOf items: [T]) {
        lock.lock()
        storage += items
        lock.unlock()
    }

    var values: [T] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}

/// Moves a non-Sendable value into a concurrent region where each thread touches only its own part.
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
