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
    /// its new path to the rename commit. Each tree object is visited at most once: for every tree
    /// the walk remembers which (path, target blob) pairs it holds, and trees holding no target
    /// remember nothing. Meant for the blobs that had findings, usually a handful.
    public func provenance(of targets: Set<ObjectID>, in index: HistoryIndex, trees store: TreeStore = TreeStore()) -> [ObjectID:
        [BlobOccurrence]]
    {
        guard !targets.isEmpty else { return [:] }
        var memo = TargetTreeMemo(repository: self, targets: targets, store: store)
        var rootTrees: [ObjectID: ObjectID] = [:]
        for c in index.commits { rootTrees[c.id] = c.tree }
        func tree(of commit: ObjectID) -> ObjectID? {
            if let t = rootTrees[commit] { return t }
            let t = try? self.commit(commit).tree
            rootTrees[commit] = t
            return t
        }
        var latest: Set<PathBlob> = []
        if let tip = defaultBranchTip(), let t = tree(of: tip.commit) { latest = Set(memo.entries(t)) }
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
                guard let t = tree(of: p) else { continue }
                if t == c.tree { sameAsParent = true }
                parents.append(entrySet(t))
            }
            if sameAsParent { continue }
            for e in mine where found[e] == nil && !parents.contains(where: { $0.contains(e) }) { found[e] = position }
        }
        var out: [ObjectID: [BlobOccurrence]] = [:]
        for (e, commit) in found {
            out[e.blob, default: []].append(BlobOccurrence(path: e.path, commit: commit, inLatest: latest.contains(e)))
        }
        for key in out.keys { out[key]!.sort { ($0.path, $0.commit) < ($1.path, $1.commit) } }
        return out
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
