import CGit2
import Foundation

/// What tells one repository from another, for baselines: its root commits (the same in every
/// clone, different in an unrelated repository) and, as a fallback for shallow clones and rewritten
/// roots, its `origin` remote without scheme, credentials, port or `.git`.
extension GitRepository {
    /// Commits without parents that `tip` reaches, sorted by id.
    public func rootCommits(from tip: ObjectID) throws(GitError) -> [ObjectID] {
        var roots: [ObjectID] = []
        for id in try commits(reachableFrom: [tip], notFrom: []) where try commit(id).parents.isEmpty {
            roots.append(id)
        }
        return roots.sorted()
    }

    /// Whether the object database holds a commit with this id.
    public func hasCommit(_ id: ObjectID) -> Bool {
        guard let (_, kind) = try? header(id) else { return false }
        return kind == .commit
    }

    /// Whether this is a shallow clone (its oldest commits' parents are missing).
    public var isShallow: Bool { git_repository_is_shallow(pointer) == 1 }

    /// The URL of remote `name`, or nil when there is no such remote.
    public func remoteURL(named name: String = "origin") throws(GitError) -> String? {
        let remote = try GitHandle.lookup("reading remote \(name)", free: git_remote_free) { git_remote_lookup(&$0, pointer, name) }
        guard let remote else { return nil }
        return git_remote_url(remote.pointer).map { String(cString: $0) }
    }

    /// The work tree's root directory (with no trailing slash), or nil for a bare repository.
    public var workTree: String? {
        guard let dir = git_repository_workdir(pointer) else { return nil }
        let path = String(cString: dir)
        return path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    /// The repository holding `path` (searching upwards, as git does), or nil when there is none.
    public static func containing(_ path: String) throws(GitError) -> GitRepository? {
        setUp()
        let repo = try GitHandle.lookup("looking for the repository holding \(path)", free: git_repository_free) {
            git_repository_open_ext(&$0, path, 0, nil)
        }
        guard let repo else { return nil }
        return try GitRepository(path: String(cString: git_repository_path(repo.pointer)))
    }

    /// The blob at each of `paths` in the tree of `commit` (paths with none are left out).
    public func blobs(at paths: [String], inCommit commitID: ObjectID) throws(GitError) -> [String: ObjectID] {
        var oid = commitID.oid
        let commit = try GitHandle.make(
            failure: { .corruptObject(id: commitID.hex, context: "commit", message: $0) }, free: git_commit_free
        ) {
            git_commit_lookup(&$0, pointer, &oid)
        }
        let tree = try GitHandle.make(
            failure: { .corruptObject(id: commitID.hex, context: "commit's tree", message: $0) }, free: git_tree_free
        ) {
            git_commit_tree(&$0, commit.pointer)
        }
        var out: [String: ObjectID] = [:]
        for path in Set(paths) {
            let found = try GitHandle.lookup("reading \(path) in commit \(commitID.hex)", free: git_tree_entry_free) {
                git_tree_entry_bypath(&$0, tree.pointer, path)
            }
            guard let entry = found else { continue }
            if git_tree_entry_type(entry.pointer) == GIT_OBJECT_BLOB { out[path] = ObjectID(oid: git_tree_entry_id(entry.pointer).pointee) }
        }
        return out
    }

    /// The blob the index stages at each of `paths` (what the next commit records).
    public func stagedBlobs(at paths: [String]) throws(GitError) -> [String: ObjectID] {
        let index = try GitHandle.make("reading the index", free: git_index_free) { git_repository_index(&$0, pointer) }
        var out: [String: ObjectID] = [:]
        withExtendedLifetime(index) {
            for path in Set(paths) {
                guard let entry = git_index_get_bypath(index.pointer, path, 0) else { continue }
                out[path] = ObjectID(oid: entry.pointee.id)
            }
        }
        return out
    }
}

/// Remote URLs reduced to what names a project on a server.
public enum RemoteURL {
    /// `https://user:token@Host:8443/group/project.git` and `git@host:group/project.git` both become
    /// `host/group/project`: no scheme, credentials, port, trailing slash or `.git`; the host lowercased.
    public static func normalized(_ url: String) -> String {
        var rest = Substring(url.trimmingCharacters(in: .whitespacesAndNewlines))
        var scpLike = false
        if let scheme = rest.range(of: "://") {
            rest = rest[scheme.upperBound...]
        } else if !rest.hasPrefix("/"), let colon = rest.firstIndex(of: ":"), !rest[..<colon].contains("/") {
            scpLike = true
        }
        if !scpLike {
            guard !rest.hasPrefix("/") else { return standardizedPath(String(rest)) }
        }
        let hostEnd = scpLike ? rest.firstIndex(of: ":")! : (rest.firstIndex(of: "/") ?? rest.endIndex)
        var host = rest[..<hostEnd]
        var path = rest[hostEnd...].drop(while: { $0 == ":" || $0 == "/" })
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        if !scpLike, let colon = host.lastIndex(of: ":") { host = host[..<colon] }
        while path.hasSuffix("/") { path = path.dropLast() }
        if path.hasSuffix(".git") { path = path.dropLast(4) }
        return host.lowercased() + (path.isEmpty ? "" : "/" + path)
    }

    static func standardizedPath(_ path: String) -> String {
        var p = URL(fileURLWithPath: path).standardizedFileURL.path
        if p.hasSuffix(".git") { p = String(p.dropLast(4)) }
        while p.count > 1 && p.hasSuffix("/") { p = String(p.dropLast()) }
        return p
    }
}
