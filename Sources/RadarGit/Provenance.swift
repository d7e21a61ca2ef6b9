import Dispatch
import Foundation

/// One place a blob sits in history: a path, and the commit that put this blob at this path.
public struct BlobOccurrence: Sendable, Hashable {
    public var path: String
    /// Position in `HistoryIndex.commits` of the commit that introduced the blob at `path`.
    public var commit: Int
    /// Whether the tip of the default branch has this blob at this path.
    public var inLatest: Bool
}

extension GitRepository {
    /// Where each of `targets` entered the history: for every path it ever sat at, the first commit
    /// (parents before children) whose tree has it there while none of that commit's parents does.
    ///
    /// So a secret added on a side branch is attributed to the side-branch commit, not the merge; a
    /// blob that only a merge resolution produced is attributed to the merge; a renamed file gives
    /// its new path to the rename commit. Each commit's tree is compared with its first parent's,
    /// entering only subtrees whose ids differ (docs/git-reading.md); a subtree the parent lacks
    /// contributes its target pairs, remembered per tree. Meant for the blobs that had findings.
    ///
    /// With `workers` above one, the commits are split into that many runs, each compared on its
    /// own thread with its own repository handle and a share of the tree cache: whether a commit introduces a pair
    /// depends only on it and its parents, so the earliest commit of each pair over all runs is
    /// the answer of one walk.
    public func provenance(of targets: Set<ObjectID>, in index: HistoryIndex, trees store: TreeStore = TreeStore(), workers: Int = 1)
        -> [ObjectID: [BlobOccurrence]]
    {
        guard !targets.isEmpty else { return [:] }
        var memo = TargetTreeMemo(repository: self, targets: targets, store: store)
        var roots = RootTrees(repository: self, index: index)
        let latest = roots.latest(&memo)
        let count = index.commits.count
        // Runs of fewer than 2,000 commits are not worth a thread; each extra thread needs its own handle.
        let parts = max(1, min(workers, count / 2_000))
        var handles: [GitRepository] = [self]
        for _ in 1..<parts {
            guard let other = try? reopen() else { break }
            handles.append(other)
        }
        guard handles.count > 1 else {
            return Self.occurrences(introductions(of: targets, in: index, commits: 0..<count, store: store, memo: &memo), latest: latest)
        }
        let runs = Self.balancedRuns(count: count, parts: handles.count, index: index)
        let results = ProvenanceRuns(count: runs.count)
        let box = UncheckedProvenanceInputs(handles: handles, index: index, store: store)
        DispatchQueue.concurrentPerform(iterations: runs.count) { i in
            let repo = box.handles[i]
            // The runs share the one cache budget: memory does not grow with the number of cores.
            let mine = box.store.fork(budget: max(8 << 20, box.store.budget / (2 * box.handles.count)))
            var memo = TargetTreeMemo(repository: repo, targets: targets, store: mine)
            results.set(i, repo.introductions(of: targets, in: box.index, commits: runs[i], store: mine, memo: &memo))
        }
        var found: [PathBlob: Int] = [:]
        for run in results.values {
            for (e, position) in run { found[e] = min(found[e] ?? position, position) }
        }
        return Self.occurrences(found, latest: latest)
    }

    /// `parts` runs of consecutive commits with about the same work each: a commit's work is
    /// taken as the blobs it brings into the history (each a changed path, whose subtrees the
    /// comparison with the parent enters) plus two for the roots. Equal counts of commits left
    /// one core idle for most of curl's provenance (CPU/wall 1.35): its later commits change more.
    static func balancedRuns(count: Int, parts: Int, index: HistoryIndex) -> [Range<Int>] {
        guard parts > 1, count >= parts else { return [0..<count] }
        // prefix[i]: the work of the commits before position i.
        var prefix = [Int](repeating: 2, count: count + 1)
        prefix[0] = 0
        for seen in index.firstSeen where seen.commit >= 0 && seen.commit < count { prefix[seen.commit + 1] += 1 }
        for i in 0..<count { prefix[i + 1] += prefix[i] }
        let total = prefix[count]
        var runs: [Range<Int>] = []
        var start = 0
        for part in 1..<parts {
            let target = total * part / parts
            // The first boundary at or past the target, or the one before it when that is nearer.
            var cut = start + 1
            while cut < count, prefix[cut] < target { cut += 1 }
            if cut - 1 > start, target - prefix[cut - 1] < prefix[cut] - target { cut -= 1 }
            // Every run holds at least one commit.
            cut = min(max(cut, start + 1), count - (parts - part))
            runs.append(start..<cut)
            start = cut
        }
        runs.append(start..<count)
        return runs
    }

    /// The pairs the commits at `positions` introduce, each with the earliest such commit.
    func introductions(
        of targets: Set<ObjectID>, in index: HistoryIndex, commits positions: Range<Int>, store: TreeStore, memo: inout TargetTreeMemo
    ) -> [PathBlob: Int] {
        var roots = RootTrees(repository: self, index: index)
        var found: [PathBlob: Int] = [:]
        var differ = TreeDiffer(repository: self, store: store)
        for position in positions {
            let c = index.commits[position]
            let parents = c.parents.compactMap { roots.tree(of: $0) }
            if parents.contains(c.tree) { continue }
            // What the commit's tree holds that its first parent's does not, by comparing the two
            // trees and entering only the subtrees whose ids differ (docs/git-reading.md): the work
            // follows what the commit changed, not the size of its tree.
            var introduced =
                parents.isEmpty ? memo.entries(c.tree) : differ.added(in: c.tree, notIn: parents[0], memo: &memo)
            if parents.count > 1 {
                introduced = introduced.filter { e in parents.dropFirst().allSatisfy { differ.blob(at: e.path, in: $0) != e.blob } }
            }
            for e in introduced where found[e] == nil { found[e] = position }
        }
        return found
    }

    /// The same answer as `provenance(of:in:trees:)`, computed as first written: the set of target
    /// entries of every commit's whole tree against those of its parents. Kept as the reference the
    /// tree-comparing walk is tested against (HistoryWalkTests).
    func provenanceByWholeTrees(of targets: Set<ObjectID>, in index: HistoryIndex, trees store: TreeStore = TreeStore()) -> [ObjectID:
        [BlobOccurrence]]
    {
        guard !targets.isEmpty else { return [:] }
        var memo = TargetTreeMemo(repository: self, targets: targets, store: store)
        var roots = RootTrees(repository: self, index: index)
        let latest = roots.latest(&memo)
        var found: [PathBlob: Int] = [:]
        // Sets of target entries per root tree, for the parents; a commit's parent is usually the
        // commit just before it in this order, so the last few sets are kept.
        var recent: [(tree: ObjectID, set: Set<PathBlob>)] = []
        func entrySet(_ tree: ObjectID) -> Set<PathBlob> {
            if let hit = recent.first(where: { $0.tree == tree }) { return hit.set }
            let set = Set(memo.entries(tree))
            recent.append((tree, set))
            if recent.count > 8 { recent.removeFirst() }
            return set
        }
        for (position, c) in index.commits.enumerated() {
            let mine = memo.entries(c.tree)
            guard !mine.isEmpty else { continue }
            var parents: [Set<PathBlob>] = []
            var sameAsParent = false
            for p in c.parents {
                guard let t = roots.tree(of: p) else { continue }
                if t == c.tree { sameAsParent = true }
                parents.append(entrySet(t))
            }
            if sameAsParent { continue }
            for e in mine where found[e] == nil && !parents.contains(where: { $0.contains(e) }) { found[e] = position }
        }
        return Self.occurrences(found, latest: latest)
    }

    static func occurrences(_ found: [PathBlob: Int], latest: Set<PathBlob>) -> [ObjectID: [BlobOccurrence]] {
        var out: [ObjectID: [BlobOccurrence]] = [:]
        for (e, commit) in found {
            out[e.blob, default: []].append(BlobOccurrence(path: e.path, commit: commit, inLatest: latest.contains(e)))
        }
        for key in out.keys { out[key]!.sort { ($0.path, $0.commit) < ($1.path, $1.commit) } }
        return out
    }
}

/// Each provenance run's result, written by its own thread.
final class ProvenanceRuns: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [[PathBlob: Int]]

    init(count: Int) { values = Array(repeating: [:], count: count) }

    func set(_ i: Int, _ value: [PathBlob: Int]) {
        lock.lock()
        defer { lock.unlock() }
        values[i] = value
    }
}

/// What the provenance threads read and never change.
struct UncheckedProvenanceInputs: @unchecked Sendable {
    let handles: [GitRepository]
    let index: HistoryIndex
    let store: TreeStore
}

/// The root tree of each commit: those of the index, others read once when asked for (a range's
/// parents outside it).
struct RootTrees {
    let repository: GitRepository
    var trees: [ObjectID: ObjectID?] = [:]

    init(repository: GitRepository, index: HistoryIndex) {
        self.repository = repository
        for c in index.commits { trees[c.id] = c.tree }
    }

    mutating func tree(of commit: ObjectID) -> ObjectID? {
        if let known = trees[commit] { return known }
        let t = try? repository.commit(commit).tree
        trees[commit] = t
        return t
    }

    /// The target pairs at the default branch's tip (`BlobOccurrence.inLatest`).
    mutating func latest(_ memo: inout TargetTreeMemo) -> Set<PathBlob> {
        guard let tip = repository.defaultBranchTip(), let t = tree(of: tip.commit) else { return [] }
        return Set(memo.entries(t))
    }
}

/// A path and the blob at it.
struct PathBlob: Hashable {
    var path: String
    var blob: ObjectID
}

/// For each tree: the (path, blob) pairs of target blobs below it. Trees without targets map to [].
struct TargetTreeMemo {
    let repository: GitRepository
    let targets: Set<ObjectID>
    let store: TreeStore
    var memo: [ObjectID: [PathBlob]] = [:]

    init(repository: GitRepository, targets: Set<ObjectID>, store: TreeStore) {
        self.repository = repository
        self.targets = targets
        self.store = store
    }

    /// Deeper than git itself allows (`core.maxTreeDepth`, 4096): a crafted repository must not
    /// overflow the stack.
    static let maxDepth = 4096

    mutating func entries(_ tree: ObjectID, depth: Int = 0) -> [PathBlob] {
        if let known = memo[tree] { return known }
        if depth > Self.maxDepth { return [] }
        var subtrees: [(String, ObjectID)] = []
        var out: [PathBlob] = []
        try? repository.withTree(tree, store: store) { raw in
            forEachTreeEntry(raw) { entryKind, name, id in
                switch entryKind {
                case .tree: subtrees.append((String(decoding: name, as: UTF8.self), id))
                case .blob: if targets.contains(id) { out.append(PathBlob(path: String(decoding: name, as: UTF8.self), blob: id)) }
                case .symlink, .submodule: break
                }
            }
        }
        for (name, id) in subtrees {
            for e in entries(id, depth: depth + 1) { out.append(PathBlob(path: name + "/" + e.path, blob: e.blob)) }
        }
        memo[tree] = out
        return out
    }
}

/// Compares two trees entry by entry, entering only subtrees whose ids differ.
struct TreeDiffer {
    let repository: GitRepository
    let store: TreeStore

    /// One entry of a raw tree: where its name lies in the buffer, its kind and id.
    struct Slot {
        var nameStart: Int
        var nameCount: Int
        var kind: TreeEntryKind
        var id: ObjectID
    }

    /// The entries of a raw tree, and whether it is well formed and in git's order (names compared
    /// bytewise, a tree's name as if it ended in `/`): a crafted tree need not be.
    static func slots(_ raw: UnsafeRawBufferPointer, into out: inout [Slot]) -> Bool {
        out.removeAll(keepingCapacity: true)
        guard let base = raw.baseAddress else { return true }
        var sorted = true
        let wellFormed = forEachTreeEntry(raw) { kind, name, id in
            let slot = Slot(nameStart: name.baseAddress.map { $0 - base } ?? 0, nameCount: name.count, kind: kind, id: id)
            if sorted, let last = out.last, compare(raw, last, raw, slot) >= 0 { sorted = false }
            out.append(slot)
        }
        return sorted && wellFormed
    }

    /// git's order of two entries (`base_name_compare`): negative, zero or positive.
    static func compare(_ a: UnsafeRawBufferPointer, _ x: Slot, _ b: UnsafeRawBufferPointer, _ y: Slot) -> Int {
        let n = min(x.nameCount, y.nameCount)
        let c = memcmp(a.baseAddress! + x.nameStart, b.baseAddress! + y.nameStart, n)
        if c != 0 { return Int(c) }
        let cx: UInt8 = x.nameCount > n ? a[x.nameStart + n] : (x.kind == .tree ? 0x2f : 0)
        let cy: UInt8 = y.nameCount > n ? b[y.nameStart + n] : (y.kind == .tree ? 0x2f : 0)
        return Int(cx) - Int(cy)
    }

    var mine: [Slot] = []
    var theirs: [Slot] = []

    /// The (path, target blob) pairs of `tree` that `base` does not hold at the same path.
    mutating func added(in tree: ObjectID, notIn base: ObjectID, memo: inout TargetTreeMemo, prefix: String = "", depth: Int = 0)
        -> [PathBlob]
    {
        guard tree != base, depth <= TargetTreeMemo.maxDepth else { return [] }
        var out: [PathBlob] = []
        // Subtrees to compare (theirs nil: absent from `base`, or not a tree there).
        var pending: [(name: String, id: ObjectID, other: ObjectID?)] = []
        let targets = memo.targets
        var readable = false
        try? repository.withTree(tree, store: store) { whole throws(GitError) in
            try repository.withTree(base, store: store) { other throws(GitError) in
                readable = true
                // Two versions of a directory share most entries: skip the bytes they share at
                // both ends and compare entries only in between (a 2,000-entry directory with one
                // file changed costs two byte comparisons and a few entries, not 4,000 entries).
                let (a, b) = Self.differingMiddles(whole, other)
                let ordered = Self.slots(a, into: &mine) && Self.slots(b, into: &theirs)
                // One of mine against the entry of `base` with the same name, if any.
                func visit(_ x: Slot, _ y: Slot?) {
                    switch x.kind {
                    case .blob:
                        guard targets.contains(x.id) else { return }
                        if let y, y.kind == .blob, y.id == x.id { return }
                        out.append(PathBlob(path: prefix + Self.name(a, x), blob: x.id))
                    case .tree:
                        if let y, y.kind == .tree {
                            if y.id != x.id { pending.append((Self.name(a, x), x.id, y.id)) }
                        } else {
                            pending.append((Self.name(a, x), x.id, nil))
                        }
                    case .symlink, .submodule:
                        return
                    }
                }
                if ordered {
                    // Both in git's order: one merge pass. Names compare with a tree's as if it ended
                    // in `/`, so a file and a directory of the same name never pair up, which is
                    // right: neither holds the other's blobs.
                    var j = 0
                    for x in mine {
                        while j < theirs.count, Self.compare(b, theirs[j], a, x) < 0 { j += 1 }
                        visit(x, j < theirs.count && Self.compare(b, theirs[j], a, x) == 0 ? theirs[j] : nil)
                    }
                } else {
                    var byName: [[UInt8]: Slot] = [:]
                    for y in theirs { byName[Array(UnsafeRawBufferPointer(rebasing: b[y.nameStart..<y.nameStart + y.nameCount]))] = y }
                    for x in mine { visit(x, byName[Array(UnsafeRawBufferPointer(rebasing: a[x.nameStart..<x.nameStart + x.nameCount]))]) }
                }
            }
        }
        guard readable else {
            // One of the two cannot be read: every target below `tree` counts as added (as a whole-tree
            // comparison would count an unreadable parent's tree as holding nothing).
            return memo.entries(tree, depth: depth).map { PathBlob(path: prefix + $0.path, blob: $0.blob) }
        }
        for p in pending {
            let path = prefix + p.name + "/"
            if let other = p.other {
                out += added(in: p.id, notIn: other, memo: &memo, prefix: path, depth: depth + 1)
            } else {
                for e in memo.entries(p.id, depth: depth + 1) { out.append(PathBlob(path: path + e.path, blob: e.blob)) }
            }
        }
        return out
    }

    /// The end of the entry starting at `start` (after its 20-byte id), nil if malformed.
    static func entryEnd(_ raw: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard start < raw.count, let nul = memchr(raw.baseAddress! + start, 0, raw.count - start) else { return nil }
        let end = (UnsafeRawPointer(nul) - raw.baseAddress!) + 21
        return end <= raw.count ? end : nil
    }

    /// The parts of two raw trees that are not the same entries at both ends: whole entries only,
    /// cut at entry boundaries both trees have. (Malformed trees come back whole.)
    static func differingMiddles(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> (
        UnsafeRawBufferPointer, UnsafeRawBufferPointer
    ) {
        guard let pa = a.baseAddress, let pb = b.baseAddress else { return (a, b) }
        let n = min(a.count, b.count)
        var prefix = 0
        while prefix + 8 <= n,
            pa.loadUnaligned(fromByteOffset: prefix, as: UInt64.self) == pb.loadUnaligned(fromByteOffset: prefix, as: UInt64.self)
        {
            prefix += 8
        }
        while prefix < n, a[prefix] == b[prefix] { prefix += 1 }
        // Entries wholly inside the shared prefix are the same entries at the same offsets in both.
        var start = 0
        while let end = entryEnd(a, from: start), end <= prefix { start = end }
        var suffix = 0
        let room = n - start
        while suffix + 8 <= room,
            pa.loadUnaligned(fromByteOffset: a.count - suffix - 8, as: UInt64.self)
                == pb.loadUnaligned(fromByteOffset: b.count - suffix - 8, as: UInt64.self)
        {
            suffix += 8
        }
        while suffix < room, a[a.count - suffix - 1] == b[b.count - suffix - 1] { suffix += 1 }
        // The first entry of each that lies wholly in the shared suffix; both must leave the same
        // number of bytes after it (the same entries), or nothing is cut at that end.
        func cut(_ raw: UnsafeRawBufferPointer) -> Int {
            var at = start
            while at < raw.count - suffix, let end = entryEnd(raw, from: at) { at = end }
            return at
        }
        var endA = cut(a)
        var endB = cut(b)
        if a.count - endA != b.count - endB || endA < start || endB < start {
            endA = a.count
            endB = b.count
        }
        return (UnsafeRawBufferPointer(rebasing: a[start..<endA]), UnsafeRawBufferPointer(rebasing: b[start..<endB]))
    }

    static func name(_ raw: UnsafeRawBufferPointer, _ x: Slot) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: raw[x.nameStart..<x.nameStart + x.nameCount]), as: UTF8.self)
    }

    /// The blob at `path` (a blob entry, not a symbolic link) in `tree`, if any.
    func blob(at path: String, in tree: ObjectID) -> ObjectID? {
        var current = tree
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map { Array($0.utf8) }
        for (i, name) in parts.enumerated() {
            var found: (TreeEntryKind, ObjectID)?
            try? repository.withTree(current, store: store) { raw in
                forEachTreeEntry(raw) { kind, entryName, id in
                    if found == nil, entryName.elementsEqual(name) { found = (kind, id) }
                }
            }
            guard let (kind, id) = found else { return nil }
            if i == parts.count - 1 { return kind == .blob ? id : nil }
            guard kind == .tree else { return nil }
            current = id
        }
        return nil
    }
}
