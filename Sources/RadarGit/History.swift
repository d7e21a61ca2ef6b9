import Dispatch
import Foundation
import RadarSupport

/// Which part of the history to scan.
public enum HistoryScope: Sendable, Equatable {
    /// Every commit reachable from any ref or HEAD.
    case all
    /// Commits reachable from `include` and not from `exclude` (a push range, `--since-commit`).
    case range(include: [ObjectID], exclude: [ObjectID])
}

/// The blobs a scan must read, each listed once, with where it was first met (for messages about a
/// blob that cannot be read), plus counts of the tree entries that are passed over.
public struct HistoryIndex: Sendable {
    /// Commits in scope, parents before children.
    public var commits: [CommitInfo]
    /// Position of each commit in `commits`.
    public var commitPosition: [ObjectID: Int]
    /// Distinct blobs to read, in the order they were met.
    public var blobs: [ObjectID]
    /// Path and commit (position in `commits`, or -1 for a blob named by a tag) where each blob was first met.
    public var firstSeen: [(path: String, commit: Int)]
    /// References read, with their peeled targets.
    public var references: [Reference]
    /// Problems met while listing (a ref to a missing object, an unreadable tree); the scan goes on.
    public var problems: [GitError]
    /// Distinct symbolic-link blobs, submodule commits and trees met.
    public var symlinks = 0
    public var submodules = 0
    public var trees = 0
    /// Commits excluded because a range asked so (their blobs were not read).
    public var boundaryCommits = 0
    /// Range scans only: blobs already seen (in the commits the range was built on, or earlier in
    /// it) that a tree the range changed holds again: a rename, a copy, a file beside a changed one.
    /// Only these can give a secret the store already knows a new place without being read.
    public var revisitedBlobs: Set<ObjectID> = []
}

extension GitRepository {
    /// Lists the blobs of `scope`. Each tree object is parsed at most once: a subtree already met
    /// (in this walk, or in the excluded side of a range) is skipped whole, which is what keeps a
    /// 100k-commit history cheap: consecutive commits share almost all their trees.
    /// `excludedWereScanned`: the excluded side of a range is the tips of an earlier complete scan, so
    /// walking a commit that scan already covered costs time but changes nothing (its blobs are
    /// known to the store). That allows `linearExtension`, which spares the revision walk; libgit2's
    /// loads and checks the whole commit-graph file first, a millisecond of every rescan.
    /// With `workers` above one and trees from the packs, a whole history's trees are walked in
    /// runs of at least `commitsPerRun` commits on that many threads (`walkInRuns`), with the
    /// same result as one walk.
    public func index(
        scope: HistoryScope, trees store: TreeStore = TreeStore(), excludedWereScanned: Bool = false, workers: Int = 1,
        commitsPerRun: Int = 1_000
    ) throws(GitError) -> HistoryIndex {
        let (refs, broken) = try references()
        var problems = broken.map { GitError.corruptObject(id: $0.target, context: "ref \($0.name)", message: $0.message) }
        // Objects that refs name are missing: a damaged pack is the usual cause, and worth naming.
        let damaged = broken.isEmpty ? [] : damagedPacks()
        problems += damaged
        var include: [ObjectID] = []
        var exclude: [ObjectID] = []
        var extraRoots: [(ObjectID, ObjectKind, String)] = []
        switch scope {
        case .all:
            for r in refs {
                switch r.targetKind {
                case .commit: include.append(r.target)
                case .tree, .blob: extraRoots.append((r.target, r.targetKind, r.name))
                case .tag: break
                }
            }
            if let head = defaultBranchTip() { include.append(head.commit) }
            if refs.isEmpty, include.isEmpty {
                // Refs whose objects cannot be read make a damaged repository, not an empty one.
                if case .badPack(let path, let message)? = damaged.first {
                    let names = broken.prefix(3).map(\.name).joined(separator: ", ")
                    throw .badPack(
                        path: path, message: message + "; the objects of \(names)\(broken.count > 3 ? ", …" : "") cannot be read")
                }
                if let first = problems.first { throw first }
                throw .emptyRepository(path: gitDirectory)
            }
        case .range(let inc, let exc):
            include = inc
            exclude = exc
        }
        var index = HistoryIndex(
            commits: [], commitPosition: [:], blobs: [], firstSeen: [], references: refs, problems: [])
        // Tips in a fixed order: a `Set`'s order changed the commit order of sibling branches, and
        // with it a blob's first path, from one run to the next.
        let tips = Array(Set(include)).sorted()
        if case .all = scope, shallowBoundary.isEmpty, store.budget > 0,
            let ordered = orderedCommits(tips: tips, packed: store.packedCommits, workers: workers)
        {
            // The commits read from the packs, in libgit2's order (CommitGraph.swift).
            index.commits = ordered
            index.commitPosition.reserveCapacity(ordered.count)
            for (position, c) in ordered.enumerated() { index.commitPosition[c.id] = position }
        } else {
            var ids: [ObjectID]
            if excludedWereScanned, case .range = scope, let linear = linearExtension(of: Set(exclude), to: include) {
                ids = linear
            } else {
                ids = try commits(reachableFrom: tips, notFrom: Array(Set(exclude)).sorted())
            }
            index.commits.reserveCapacity(ids.count)
            for id in ids {
                do {
                    let info = try commit(id)
                    index.commitPosition[id] = index.commits.count
                    index.commits.append(info)
                } catch {
                    problems.append(error)
                }
            }
        }
        var walker = TreeWalker(repository: self, store: store)
        if case .range = scope { walker.collectRevisited = true }
        // The commits a range was built on (parents outside it): their trees and blobs count as
        // already seen, so a blob counts when a commit of the range introduces it. Only those: the
        // other excluded tips (a rescan's tags, a new branch's sibling branches) would cost a
        // whole-tree walk each and can only hide a copy, which the store's scanned blobs or a
        // baseline account for. With no such parent (the range starts at a root), the excluded tips;
        // with no commit in the range, nothing.
        if case .range = scope {
            var boundary: Set<ObjectID> = []
            for c in index.commits { for p in c.parents where index.commitPosition[p] == nil { boundary.insert(p) } }
            if boundary.isEmpty && !index.commits.isEmpty { boundary = Set(exclude) }
            index.boundaryCommits = boundary.count
            for b in boundary.sorted() {
                guard let info = try? commit(b) else { continue }
                walker.walk(root: info.tree, commit: -1, label: b.hex, markOnly: true, into: &index)
            }
            index.blobs.removeAll()
            index.firstSeen.removeAll()
        }
        var treeSets: [Set<ObjectID>] = []
        if case .all = scope, workers > 1, store.budget > 0, index.commits.count >= max(1, commitsPerRun) * 2 {
            treeSets = walkInRuns(&walker, workers: workers, commitsPerRun: max(1, commitsPerRun), store: store, into: &index)
        } else {
            for (position, c) in index.commits.enumerated() {
                walker.walk(root: c.tree, commit: position, label: c.id.hex, markOnly: false, into: &index)
            }
        }
        for (id, kind, name) in extraRoots {
            if kind == .tree {
                walker.walk(root: id, commit: -1, label: name, markOnly: false, into: &index, prefix: "(\(name))/")
            } else if walker.seenBlobs.insert(id).inserted {
                index.blobs.append(id)
                index.firstSeen.append(("(\(name))", -1))
            }
        }
        // A tree reported unreadable by the runs and met again under a ref's tree: once.
        var reported: Set<String> = []
        index.problems =
            problems
            + walker.problems.filter { problem in
                if treeSets.isEmpty { return true }
                if case .corruptObject(let id, _, _) = problem { return reported.insert(id).inserted }
                return reported.insert(problem.description).inserted
            }
        index.trees = treeSets.isEmpty ? walker.seenTrees.count : store.distinctTrees(treeSets + [walker.seenTrees])
        index.symlinks = walker.symlinks.count
        index.submodules = walker.submodules.count
        return index
    }
}

extension GitRepository {
    /// The walk of every commit's tree, split into runs of consecutive commits that threads take
    /// in turn, each thread with its own repository handle and a share of the tree cache. Each run
    /// walks as if no commit came before it; the runs' blobs are then taken in run order, each
    /// blob from the first run that met it. That is the one walk's answer: a blob's first commit
    /// is the first whose tree holds it, a subtree holding it cannot have been met before that
    /// commit (its blobs would have been too), and a subtree skipped by one walk and not the other
    /// holds no such blob, so it changes neither which commit meets the blob first nor the order
    /// of the paths it is met at (`HistoryWalkTests` compares both on every corpus history).
    /// Each run walks its first commit's whole tree, so runs are at least `commitsPerRun` long.
    /// Returns each run's trees: the walker's own set of trees stays empty (a tree of a ref
    /// that names a tree is then walked again, which adds no blob already met).
    func walkInRuns(
        _ walker: inout TreeWalker, workers: Int, commitsPerRun: Int, store: TreeStore, into index: inout HistoryIndex
    ) -> [Set<ObjectID>] {
        let count = index.commits.count
        var handles: [GitRepository] = [self]
        for _ in 1..<workers {
            guard let other = try? reopen() else { break }
            handles.append(other)
        }
        // Several runs a thread, so a thread that meets a long stretch of big commits does not
        // leave the other idle at the end.
        let parts = max(1, min(handles.count * 4, count / commitsPerRun))
        let runs = (0..<parts).map { i in (count * i / parts)..<(count * (i + 1) / parts) }
        // Runs are merged in order as they end, so only the runs between the merged ones and
        // the latest ended are held at a time.
        let merged = WalkMerge(count: parts, walker: walker)
        let queue = WorkQueue(count: parts)
        let box = UncheckedSendable((handles: handles, commits: index.commits, store: store))
        DispatchQueue.concurrentPerform(iterations: handles.count) { t in
            let repo = box.value.handles[t]
            // The threads share the one cache budget: memory does not grow with the cores.
            let mine = box.value.store.fork(budget: box.value.store.budget / box.value.handles.count)
            while let k = queue.next() {
                var runWalker = TreeWalker(repository: repo, store: mine)
                var run = HistoryIndex(commits: [], commitPosition: [:], blobs: [], firstSeen: [], references: [], problems: [])
                for position in runs[k] {
                    let c = box.value.commits[position]
                    runWalker.walk(root: c.tree, commit: position, label: c.id.hex, markOnly: false, into: &run)
                }
                merged.add(k, WalkRun(walker: runWalker, blobs: run.blobs, firstSeen: run.firstSeen))
            }
            box.value.store.absorbCounts(of: mine)
        }
        walker = merged.walker
        index.blobs += merged.blobs
        index.firstSeen += merged.firstSeen
        return merged.treeSets
    }
}

/// One run's walk: its walker's sets and problems, and the blobs it met first, in order.
struct WalkRun {
    var walker: TreeWalker
    var blobs: [ObjectID]
    var firstSeen: [(path: String, commit: Int)]
}

/// The runs of `walkInRuns` merged in run order, each blob from the first run that met it.
final class WalkMerge: @unchecked Sendable {
    private let lock = NSLock()
    private var pending: [WalkRun?]
    private var next = 0
    private var reported: Set<String> = []
    private(set) var walker: TreeWalker
    /// Each run's trees, counted once all runs are in (`TreeStore.distinctTrees`).
    private(set) var treeSets: [Set<ObjectID>] = []
    private(set) var blobs: [ObjectID] = []
    private(set) var firstSeen: [(path: String, commit: Int)] = []

    init(count: Int, walker: TreeWalker) {
        pending = Array(repeating: nil, count: count)
        self.walker = walker
    }

    func add(_ k: Int, _ run: WalkRun) {
        lock.lock()
        defer { lock.unlock() }
        pending[k] = run
        while next < pending.count, let run = pending[next] {
            pending[next] = nil
            next += 1
            for (i, blob) in run.blobs.enumerated() where walker.seenBlobs.insert(blob).inserted {
                blobs.append(blob)
                firstSeen.append(run.firstSeen[i])
            }
            treeSets.append(run.walker.seenTrees)
            walker.symlinks.formUnion(run.walker.symlinks)
            walker.submodules.formUnion(run.walker.submodules)
            // An unreadable tree is reported once, from the first run that met it.
            for problem in run.walker.problems {
                let key: String
                if case .corruptObject(let id, _, _) = problem { key = id } else { key = problem.description }
                if reported.insert(key).inserted { walker.problems.append(problem) }
            }
        }
    }
}

extension GitRepository {
    /// The commits that lead from `previous` to `tips` one parent at a time, parents before
    /// children: each tip not in `previous` is followed down its single parents until a commit in
    /// `previous` or one already collected. Nil when a path meets a merge, a root, an unreadable
    /// commit or more than `limit` commits (the caller then walks the history properly). It may
    /// include commits that another tip in `previous` also reaches (a branch fast-forwarded onto a
    /// commit of another one): only for callers to whom walking those again is harmless.
    public func linearExtension(of previous: Set<ObjectID>, to tips: [ObjectID], limit: Int = 256) -> [ObjectID]? {
        var collected: Set<ObjectID> = []
        var out: [ObjectID] = []
        for tip in tips where !previous.contains(tip) && !collected.contains(tip) {
            var chain: [ObjectID] = []
            var current = tip
            while !previous.contains(current) && !collected.contains(current) {
                guard chain.count < limit, let info = try? commit(current), info.parents.count == 1 else { return nil }
                chain.append(current)
                current = info.parents[0]
            }
            for c in chain.reversed() {
                collected.insert(c)
                out.append(c)
            }
        }
        return out
    }
}

/// Walks trees, skipping any tree object already walked.
struct TreeWalker {
    let repository: GitRepository
    let store: TreeStore
    var seenTrees: Set<ObjectID> = []
    var seenBlobs: Set<ObjectID> = []
    var symlinks: Set<ObjectID> = []
    var submodules: Set<ObjectID> = []
    var problems: [GitError] = []
    /// Whether to note blobs met again in walked trees (`HistoryIndex.revisitedBlobs`).
    var collectRevisited = false
    /// With `collectRevisited`: the paths each tree was met at. A tree met again at a new path (a
    /// moved or copied directory) is skipped like any seen tree, but its blobs are revisited.
    var treePaths: [ObjectID: Set<String>] = [:]

    init(repository: GitRepository, store: TreeStore) {
        self.repository = repository
        self.store = store
    }

    mutating func walk(root: ObjectID, commit: Int, label: String, markOnly: Bool, into index: inout HistoryIndex, prefix: String = "") {
        guard seenTrees.insert(root).inserted else {
            if collectRevisited, treePaths[root, default: []].insert(prefix).inserted, !markOnly {
                addBlobs(under: root, to: &index.revisitedBlobs)
            }
            return
        }
        if collectRevisited { treePaths[root, default: []].insert(prefix) }
        var stack: [(ObjectID, String)] = [(root, prefix)]
        while let (tree, path) = stack.popLast() {
            do {
                try repository.withTree(tree, store: store) { raw throws(GitError) in
                    let ok = forEachTreeEntry(raw) { entryKind, name, id in
                        switch entryKind {
                        case .tree:
                            if seenTrees.insert(id).inserted {
                                let sub = path + String(decoding: name, as: UTF8.self) + "/"
                                if collectRevisited { treePaths[id, default: []].insert(sub) }
                                stack.append((id, sub))
                            } else if collectRevisited,
                                treePaths[id, default: []].insert(path + String(decoding: name, as: UTF8.self) + "/").inserted, !markOnly
                            {
                                addBlobs(under: id, to: &index.revisitedBlobs)
                            }
                        case .blob:
                            if seenBlobs.insert(id).inserted {
                                if !markOnly {
                                    index.blobs.append(id)
                                    index.firstSeen.append((path + String(decoding: name, as: UTF8.self), commit))
                                }
                            } else if collectRevisited, !markOnly {
                                index.revisitedBlobs.insert(id)
                            }
                        case .symlink:
                            if !markOnly { symlinks.insert(id) }
                        case .submodule:
                            if !markOnly { submodules.insert(id) }
                        }
                    }
                    if !ok { throw .corruptObject(id: tree.hex, context: "tree at '\(path)' in \(label)", message: "malformed tree entry") }
                }
            } catch {
                if case .corruptObject(let id, _, let message) = error {
                    problems.append(.corruptObject(id: id, context: "tree at '\(path)' in \(label)", message: message))
                } else {
                    problems.append(error)
                }
            }
        }
    }
    /// Every blob below `tree` (trees already seen included): the blobs of a directory met again
    /// at a new path. An unreadable tree was reported when it was first met.
    func addBlobs(under tree: ObjectID, to blobs: inout Set<ObjectID>) {
        var stack = [tree]
        var done: Set<ObjectID> = []
        while let next = stack.popLast() {
            guard done.insert(next).inserted else { continue }
            try? repository.withTree(next, store: store) { raw throws(GitError) in
                _ = forEachTreeEntry(raw) { kind, _, id in
                    switch kind {
                    case .tree: stack.append(id)
                    case .blob: blobs.insert(id)
                    case .symlink, .submodule: break
                    }
                }
            }
        }
    }
}
