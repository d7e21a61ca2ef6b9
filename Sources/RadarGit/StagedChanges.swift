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
        let index = try GitHandle.make("reading the index", free: git_index_free) { git_repository_index(&$0, pointer) }
        var headTree: GitHandle?
        if let tip = try headCommitForDiff() {
            var oid = tip.oid
            let commit = try GitHandle.make("reading HEAD", free: git_commit_free) { git_commit_lookup(&$0, pointer, &oid) }
            headTree = try GitHandle.make("reading HEAD's tree", free: git_tree_free) { git_commit_tree(&$0, commit.pointer) }
        }
        var options = git_diff_options()
        try LibGit2.check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "comparing the index with HEAD")
        let diff = try GitHandle.make("comparing the index with HEAD", free: git_diff_free) {
            git_diff_tree_to_index(&$0, pointer, headTree?.pointer, index.pointer, &options)
        }
        var out: [StagedFile] = []
        // The deltas point into the diff: it stays alive until they are copied.
        withExtendedLifetime(diff) {
            for i in 0..<git_diff_num_deltas(diff.pointer) {
                guard let delta = git_diff_get_delta(diff.pointer, i)?.pointee else { continue }
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
        }
        return out
    }

    /// HEAD's commit, or nil when HEAD is unborn (the first commit).
    func headCommitForDiff() throws(GitError) -> ObjectID? {
        guard let head = try headReference() else { return nil }
        guard let target = git_reference_target(head.pointer) else { return nil }
        return try peel(ObjectID(oid: target.pointee)).0
    }
}
