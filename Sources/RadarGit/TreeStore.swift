import Dispatch
import Foundation

/// Raw tree objects rebuilt from the packs up front, in pack order on all workers, so that the
/// history walk and provenance parse trees from memory instead of asking libgit2 for each one
/// (which resolves its delta chain again): on the benchmark history the tree walk went from
/// 125 ms to a fraction of that. Bounded by `budget` bytes; a tree that did not fit, or is loose,
/// is read through libgit2 as before.
public final class TreeStore: @unchecked Sendable {
    private(set) var trees: [ObjectID: [UInt8]] = [:]
    private(set) var bytes = 0

    /// The bytes of the trees held.
    public var byteCount: Int { bytes }

    /// An empty store: every tree comes from libgit2.
    public init() {}

    /// Rebuilds the trees of every pack of `repository` with `workers` threads, up to `budget` bytes.
    public init(repository: GitRepository, workers: Int, budget: Int = 1 << 30) {
        let reader = BlobReader(repository: repository, options: BlobReadOptions(maxSize: 1 << 24, workers: workers))
        for path in reader.packs {
            guard bytes < budget, let pack = try? PackFile(basePath: path) else { continue }
            let plan = PackPlan(pack: pack, rootKind: 2) { e, kind in kind == 2 ? e : nil }
            guard !plan.roots.isEmpty else { continue }
            let queue = WorkQueue(count: plan.roots.count)
            let threads = max(1, min(workers, plan.roots.count))
            let parts = (0..<threads).map { _ in Part() }
            let remaining = budget - bytes
            DispatchQueue.concurrentPerform(iterations: threads) { worker in
                let inflater = Inflater()
                let part = parts[worker]
                var lost: [Int] = []
                while let r = queue.next(), part.bytes * threads < remaining {
                    plan.rebuild(root: plan.roots[r], inflater: inflater, maxSize: 1 << 24, lost: &lost) { blob in
                        if let e = blob.position, case .bytes(let raw) = blob.content {
                            part.trees[pack.ids[e]] = [UInt8](raw)
                            part.bytes += raw.count
                        }
                        return nil
                    }
                }
            }
            for part in parts {
                trees.merge(part.trees) { a, _ in a }
                bytes += part.bytes
            }
        }
    }

    final class Part: @unchecked Sendable {
        var trees: [ObjectID: [UInt8]] = [:]
        var bytes = 0
    }

    /// The raw tree, if the store holds it.
    func tree(_ id: ObjectID) -> [UInt8]? { trees[id] }
}

extension GitRepository {
    /// Calls `body` with a tree's raw bytes: from `store` when it has them, else through libgit2.
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
