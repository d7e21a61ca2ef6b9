import CGit2

/// One file the index holds differently from HEAD: what `git commit` would record.
public struct StagedFile: Sendable, Hashable {
    public var path: String
    public var blob: ObjectID
    public var kind: TreeEntryKind
}

extension GitRepository {
    /// Files added, modified, renamed or copied in the index relative to HEAD's tree (every staged
    /// file when HEAD is unborn). Deletions have nothing to scan and are left out.
    public func stagedFiles() throws(GitError) -> [StagedFile] {
        var index: OpaquePointer?
        try check(git_repository_index(&index, pointer), "reading the index")
        defer { git_index_free(index) }
        var headTree: OpaquePointer?
        if let tip = headCommitForDiff() {
            var oid = tip.oid
            var commit: OpaquePointer?
            try check(git_commit_lookup(&commit, pointer, &oid), "reading HEAD")
            defer { git_commit_free(commit) }
            try check(git_commit_tree(&headTree, commit), "reading HEAD's tree")
        }
        defer { if let headTree { git_tree_free(headTree) } }
        var options = git_diff_options()
        git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION))
        var diff: OpaquePointer?
        try check(git_diff_tree_to_index(&diff, pointer, headTree, index, &options), "comparing the index with HEAD")
        defer { git_diff_free(diff) }
        var out: [StagedFile] = []
        for i in 0..<git_diff_num_deltas(diff) {
            guard let delta = git_diff_get_delta(diff, i)?.pointee else { continue }
            switch delta.status {
            case GIT_DELTA_ADDED, GIT_DELTA_MODIFIED, GIT_DELTA_RENAMED, GIT_DELTA_COPIED, GIT_DELTA_TYPECHANGE:
                let file = delta.new_file
                let kind: TreeEntryKind
                switch UInt32(file.mode) & 0o170000 {
                case 0o120000: kind = .symlink
                case 0o160000: kind = .submodule
                default: kind = .blob
                }
                out.append(StagedFile(path: String(cString: file.path), blob: ObjectID(oid: file.id), kind: kind))
            default:
                continue
            }
        }
        return out
    }

    /// HEAD's commit, or nil when HEAD is unborn (the first commit).
    func headCommitForDiff() -> ObjectID? {
        var head: OpaquePointer?
        guard git_repository_head(&head, pointer) == 0, let head else { return nil }
        defer { git_reference_free(head) }
        guard let target = git_reference_target(head) else { return nil }
        return (try? peel(ObjectID(oid: target.pointee)))?.0
    }
}
