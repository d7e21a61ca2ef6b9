import Foundation

/// Tree objects read from the packs on demand, for the history walk and provenance, in memory
/// bounded by `budget` (docs/git-reading.md, "Memory"). Each tree's delta chain is followed to
/// the nearest tree already rebuilt (kept in a cache of recently rebuilt trees) or to its whole
/// base, and the deltas applied from there; the pack is parsed once, so the walk never asks
/// libgit2, which resolves each chain from its start again. A tree not in a pack (loose), or
/// whose chain cannot be read, comes from libgit2 as before.
///
/// Until 2026-12-06 every tree of every pack was rebuilt up front and kept: 972 MB of a 1.6 GB
/// peak on a history of git/git's shape. Rebuilt on demand, the memory is the cache's budget.
public final class TreeStore: @unchecked Sendable {
    /// One pack's entries as the store needs them: where each entry's zlib data starts, its
    /// inflated size, whether it is a whole tree, and its base (16 bytes an entry; the full
    /// headers were 64).
    struct PackTrees {
        struct Entry {
            var dataStart: Int
            var size: Int32
            /// Pack-order index of the base; -1 a whole object, -2 a base outside the pack or unreadable.
            var base: Int32
        }
        let pack: PackFile
        let entries: [Entry]
        /// Entries that are whole trees (type 2), by pack-order index.
        let wholeTrees: Set<Int32>
    }

    private var packs: [PackTrees] = []
    /// The whole commits the header pass met (the history index reads them itself, CommitGraph).
    private var commits = PackedCommits()
    /// Where each tree is: pack and entry.
    private var location = TreeLocations()
    private var cache: GenerationCache
    private let inflater = Inflater()
    private let lock = NSLock()
    /// Trees asked for, and trees rebuilt (cache misses, chain links included), for the trace.
    public private(set) var requests = 0
    public private(set) var rebuilt = 0
    /// Bytes of trees rebuilt since the packs' pages were last given back (`resolve`).
    private var sinceRelease = 0
    /// The walk and provenance read trees all over the packs; every this many bytes rebuilt, the
    /// pages read so far are given back (a tree read again costs a minor fault), so the packs'
    /// resident pages stay near this, not the size of every tree version in the packs.
    static let releaseEvery = 8 << 20

    /// The bytes the cache may hold.
    public let budget: Int

    /// The most the cache held, in bytes (for the trace).
    public var byteCount: Int { cache.peakBytes }

    /// An empty store: every tree comes from libgit2.
    public init() {
        budget = 0
        cache = GenerationCache(budget: 0)
    }

    /// Indexes the trees of every pack of `repository`; rebuilt trees are cached up to `budget`
    /// bytes. (`workers` is kept for callers: indexing is one pass over the packs' headers.)
    public init(repository: GitRepository, workers: Int, budget: Int = 48 << 20) {
        self.budget = budget
        cache = GenerationCache(budget: budget)
        guard budget > 0 else { return }
        var found: [(id: ObjectID, pack: Int32, entry: Int32)] = []
        defer { location = TreeLocations(found) }
        let reader = BlobReader(repository: repository, options: BlobReadOptions(maxSize: 1 << 24, workers: workers))
        for path in reader.packs {
            guard let pack = try? PackFile.shared(basePath: path) else { continue }
            guard PackPlan.fits(pack) else { continue }
            var entries: [PackTrees.Entry] = []
            entries.reserveCapacity(pack.count)
            var whole: Set<Int32> = []
            var commitsHere: [(ObjectID, Int, Int32)] = []
            let plan = PackPlan(
                pack: pack, rootKind: 2,
                header: { e, h, base in
                    // An entry too large for the store, or unreadable, is as good as missing: libgit2 decides.
                    guard let h, h.size <= 1 << 24 else {
                        entries.append(.init(dataStart: 0, size: -1, base: -2))
                        return
                    }
                    if h.type == 2 && base == -1 { whole.insert(Int32(e)) }
                    if h.type == 1 && base == -1 && h.size <= PackedCommits.largest {
                        commitsHere.append((pack.ids[e], h.dataStart, Int32(h.size)))
                    }
                    entries.append(.init(dataStart: h.dataStart, size: Int32(h.size), base: base))
                }
            ) { e, kind in kind == 2 ? e : nil }
            commits.add(pack, commitsHere)
            let index = Int32(packs.count)
            let before = found.count
            for e in 0..<pack.count where plan.wantedPosition[e] >= 0 { found.append((pack.ids[e], index, Int32(e))) }
            guard found.count > before else { continue }
            packs.append(PackTrees(pack: pack, entries: entries, wholeTrees: whole))
            // The header pass touched every page of the pack; the walk reads only the trees' pages.
            pack.pack.releaseAll()
        }
    }

    /// The whole commits of the packs (where each one's data is: 40 bytes a commit).
    var packedCommits: PackedCommits { commits }

    /// A store over the same packs with a cache of its own of `budget` bytes, for another thread
    /// (the packs' entries and the trees' places are shared, not copied).
    public func fork(budget: Int) -> TreeStore { TreeStore(sharing: self, budget: budget) }

    private init(sharing other: TreeStore, budget: Int) {
        self.budget = budget
        cache = GenerationCache(budget: budget)
        packs = other.packs
        location = other.location
    }

    /// Adds a fork's counts of trees asked for and rebuilt to this store's (for the trace).
    func absorbCounts(of other: TreeStore) {
        other.lock.lock()
        let (asked, made) = (other.requests, other.rebuilt)
        other.lock.unlock()
        lock.lock()
        requests += asked
        rebuilt += made
        lock.unlock()
    }

    /// The distinct trees among `sets`: a bit per tree the packs hold, a set for the others
    /// (what a union of the sets would count, without the union: 42 MB for the git/git shape's
    /// 881k trees, and twice that while it grows).
    func distinctTrees(_ sets: [Set<ObjectID>]) -> Int {
        var bits = [UInt64](repeating: 0, count: (location.count + 63) / 64)
        var others: Set<ObjectID> = []
        var count = 0
        for set in sets {
            for id in set {
                if let k = location.slot(of: id) {
                    if bits[k >> 6] & (1 << (k & 63)) == 0 {
                        bits[k >> 6] |= 1 << (k & 63)
                        count += 1
                    }
                } else if others.insert(id).inserted {
                    count += 1
                }
            }
        }
        return count
    }

    /// The raw tree, if a pack holds it and its chain can be read.
    func tree(_ id: ObjectID) -> [UInt8]? {
        lock.lock()
        defer { lock.unlock() }
        guard let (p, e) = location.place(of: id) else { return nil }
        requests += 1
        return resolve(pack: Int(p), entry: Int(e))
    }

    /// Follows the delta chain of `entry` up to a cached tree or a whole one, then applies the
    /// deltas back down, caching each tree on the way (consecutive versions share chains).
    private func resolve(pack p: Int, entry: Int) -> [UInt8]? {
        let trees = packs[p]
        if sinceRelease > Self.releaseEvery {
            sinceRelease = 0
            for t in packs { t.pack.pack.releaseAll() }
        }
        let data = trees.pack.pack.bytes
        var chain: [Int] = []
        var x = entry
        var bytes: [UInt8]
        while true {
            if let hit = cache.get(key(p, x)) {
                bytes = hit
                break
            }
            let entry = trees.entries[x]
            let b = Int(entry.base)
            if b == -1 {
                guard trees.wholeTrees.contains(Int32(x)), let whole = inflater.inflate(data, from: entry.dataStart, size: Int(entry.size))
                else { return nil }
                bytes = whole
                rebuilt += 1
                sinceRelease += whole.count
                cache.put(key(p, x), whole)
                break
            }
            // A base outside the pack, a broken header, or a chain no real pack has: libgit2 decides.
            guard b >= 0, chain.count < 10_000 else { return nil }
            chain.append(x)
            x = b
        }
        for y in chain.reversed() {
            let entry = trees.entries[y]
            guard entry.size >= 0, let delta = inflater.inflate(data, from: entry.dataStart, size: Int(entry.size)),
                let target = PackPlan.deltaTargetSize(delta), target <= 1 << 24,
                let result = applyDelta(delta, to: bytes)
            else { return nil }
            bytes = result
            rebuilt += 1
            sinceRelease += delta.count
            cache.put(key(p, y), result)
        }
        return bytes
    }

    private func key(_ pack: Int, _ entry: Int) -> Int { pack << 32 | entry }

    /// Forgets the rebuilt trees (between the history walk and matching: the walk's trees are
    /// not the ones provenance asks for first, and matching needs the memory).
    public func dropCache() {
        lock.lock()
        defer { lock.unlock() }
        cache.removeAll()
        // And the trees' pages of the packs: matching reads the packs again in its own order.
        for trees in packs { trees.pack.pack.releaseAll() }
    }
}

/// A cache bounded in bytes that forgets the least recently used half at a time: entries go into
/// the young generation; when it outgrows half the budget it becomes the old one and the old one
/// is dropped; a hit in the old generation moves the entry back into the young one.
struct GenerationCache {
    let budget: Int
    private var young: [Int: [UInt8]] = [:]
    private var old: [Int: [UInt8]] = [:]
    private var youngBytes = 0
    private var oldBytes = 0
    private(set) var peakBytes = 0

    init(budget: Int) { self.budget = budget }

    mutating func removeAll() {
        young = [:]
        old = [:]
        youngBytes = 0
        oldBytes = 0
    }

    mutating func get(_ key: Int) -> [UInt8]? {
        if let v = young[key] { return v }
        guard let v = old.removeValue(forKey: key) else { return nil }
        oldBytes -= v.count
        put(key, v)
        return v
    }

    mutating func put(_ key: Int, _ value: [UInt8]) {
        guard budget > 0 else { return }
        young[key] = value
        youngBytes += value.count
        peakBytes = max(peakBytes, youngBytes + oldBytes)
        if youngBytes > budget / 2 {
            old = young
            oldBytes = youngBytes
            young = [:]
            youngBytes = 0
        }
    }
}

extension GitRepository {
    /// Calls `body` with a tree's raw bytes: from `store` when a pack holds it, else through libgit2.
    func withTree(_ id: ObjectID, store: TreeStore, _ body: (UnsafeRawBufferPointer) throws(GitError) -> Void) throws(GitError) {
        if let raw = store.tree(id) {
            var failure: GitError?
            raw.withUnsafeBytes { buffer in
                do throws(GitError) { try body(buffer) } catch { failure = error }
            }
            if let failure { throw failure }
            return
        }
        try withObject(id) { kind, raw throws(GitError) in
            guard kind == .tree else { throw .corruptObject(id: id.hex, context: "tree", message: "is a \(kind), not a tree") }
            try body(raw)
        }
    }
}

/// Where each tree is (pack, entry): ids sorted, with a 65,536-way index on their first two bytes
/// and a binary search in the few ids that share them. 32 bytes a tree, where a dictionary took
/// ~76 (2^21 buckets of 32 bytes for the git/git shape's 881k trees: 67 → 28 MB).
struct TreeLocations {
    private var ids: [ObjectID] = []
    private var places: [(pack: Int32, entry: Int32)] = []
    /// `ids[start[k]..<start[k + 1]]` begin with the two bytes `k`.
    private var start: [Int32] = []

    init() {}

    /// From every (id, pack, entry) found; an id in several packs is taken from the first pack.
    init(_ found: [(id: ObjectID, pack: Int32, entry: Int32)]) {
        let sorted = Self.sortedByID(found)
        ids.reserveCapacity(sorted.count)
        places.reserveCapacity(sorted.count)
        for f in sorted where ids.last != f.id {
            ids.append(f.id)
            places.append((f.pack, f.entry))
        }
        start = [Int32](repeating: 0, count: (1 << 16) + 1)
        var k = 0
        for (i, id) in ids.enumerated() {
            let top = Int(id.a >> 48)
            while k <= top {
                start[k] = Int32(i)
                k += 1
            }
        }
        while k <= 1 << 16 {
            start[k] = Int32(ids.count)
            k += 1
        }
    }

    /// `found` by (id, pack): placed by the ids' first two bytes (uniform, as in `start`), then
    /// each bucket of a dozen or so sorted in place (a comparison sort of the git/git shape's
    /// 880k trees was a sixth of the scan's start).
    static func sortedByID(_ found: [(id: ObjectID, pack: Int32, entry: Int32)]) -> [(id: ObjectID, pack: Int32, entry: Int32)] {
        var bucketStart = [Int](repeating: 0, count: (1 << 16) + 1)
        for f in found { bucketStart[Int(f.id.a >> 48) + 1] += 1 }
        for k in 0..<(1 << 16) { bucketStart[k + 1] += bucketStart[k] }
        guard let first = found.first else { return [] }
        var out = [(id: ObjectID, pack: Int32, entry: Int32)](repeating: first, count: found.count)
        var next = bucketStart
        for f in found {
            let k = Int(f.id.a >> 48)
            out[next[k]] = f
            next[k] += 1
        }
        for k in 0..<(1 << 16) where bucketStart[k + 1] - bucketStart[k] > 1 {
            out[bucketStart[k]..<bucketStart[k + 1]].sort { ($0.id, $0.pack) < ($1.id, $1.pack) }
        }
        return out
    }

    func place(of id: ObjectID) -> (pack: Int32, entry: Int32)? {
        slot(of: id).map { places[$0] }
    }

    /// The tree's rank among the ids (0..<count), for a bit per tree.
    func slot(of id: ObjectID) -> Int? {
        guard !ids.isEmpty else { return nil }
        let top = Int(id.a >> 48)
        var lo = Int(start[top])
        var hi = Int(start[top + 1])
        while lo < hi {
            let mid = (lo + hi) / 2
            if ids[mid] < id { lo = mid + 1 } else { hi = mid }
        }
        return lo < ids.count && ids[lo] == id ? lo : nil
    }

    var count: Int { ids.count }
}
