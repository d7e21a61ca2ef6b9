import CGit2
import Foundation
import RadarModel
import RadarSupport

/// Kind of a git object, as libgit2 and pack files number them.
public enum ObjectKind: Int32, Sendable {
    case commit = 1, tree = 2, blob = 3, tag = 4
}

/// One commit's facts that provenance needs: tree, parents, author.
public struct CommitInfo: Sendable, Hashable {
    public var id: ObjectID
    public var tree: ObjectID
    public var parents: [ObjectID]
    public var authorName: String
    public var authorEmail: String
    /// Author time, seconds since the epoch.
    public var authorTime: Int64
    /// Author time-zone offset in minutes.
    public var authorOffset: Int32
}

/// A reference and the object it finally points at (tags peeled).
public struct Reference: Sendable, Hashable {
    public var name: String
    /// The peeled target: a commit, or (rarely) a tree or blob named directly by a tag.
    public var target: ObjectID
    public var targetKind: ObjectKind
}

/// An open repository. Not thread-safe: libgit2 forbids sharing a `git_repository` between threads,
/// so every worker opens its own (docs/architecture.md).
public final class GitRepository {
    let pointer: OpaquePointer
    let odb: OpaquePointer
    /// The git directory (`.git/` of a work tree, or the bare repository), with a trailing slash.
    public let gitDirectory: String
    /// Whether the repository has no work tree.
    public let isBare: Bool
    /// How it was opened, so workers can open their own copy the same way.
    let openPath: String?

    /// libgit2 set up, once (every entry point to libgit2 calls `setUp`).
    static let initialized: Void = {
        git_libgit2_init()
        // The object cache helps trees and commits shared by many commits; bounded.
        _ = secretradar_git_set_cache_max_size(64 << 20)
        Trace.mark("libgit2 set up")
    }()

    /// Sets up libgit2 unless that happened already.
    static func setUp() { _ = initialized }

    /// Opens the repository at `path` exactly (no search upwards), or, with `path == nil`, the one the
    /// environment names the way git's own hooks see it (`GIT_DIR`, `GIT_OBJECT_DIRECTORY`,
    /// `GIT_ALTERNATE_OBJECT_DIRECTORIES`: a pre-receive hook's quarantined objects).
    public init(path: String?) throws(GitError) {
        Self.setUp()
        var repo: OpaquePointer?
        let rc: Int32
        if let path {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .notARepository(path: path, message: "no such file or directory")
            }
            guard isDirectory.boolValue else { throw .notARepository(path: path, message: "not a directory") }
            rc = git_repository_open_ext(&repo, path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil)
        } else {
            rc = git_repository_open_ext(&repo, nil, GIT_REPOSITORY_OPEN_FROM_ENV.rawValue, nil)
        }
        guard rc == 0, let repo else {
            throw .notARepository(path: path ?? (ProcessInfo.processInfo.environment["GIT_DIR"] ?? "."), message: lastError())
        }
        var db: OpaquePointer?
        guard git_repository_odb(&db, repo) == 0, let db else {
            let message = lastError()
            git_repository_free(repo)
            throw .libgit2(operation: "opening the object database", message: message)
        }
        pointer = repo
        odb = db
        gitDirectory = String(cString: git_repository_path(repo))
        isBare = git_repository_is_bare(repo) == 1
        openPath = path
    }

    deinit {
        git_odb_free(odb)
        git_repository_free(pointer)
    }

    /// Another handle on the same repository, for another thread.
    public func reopen() throws(GitError) -> GitRepository { try GitRepository(path: openPath) }

    /// Every reference (branches, tags, remote-tracking refs, notes, stash) with its peeled target.
    /// Symbolic refs are skipped (their targets are listed themselves); a ref whose target is missing
    /// is returned in `broken`.
    public func references() throws(GitError) -> (refs: [Reference], broken: [(name: String, message: String)]) {
        var iterator: OpaquePointer?
        try check(git_reference_iterator_new(&iterator, pointer), "listing references")
        defer { git_reference_iterator_free(iterator) }
        var refs: [Reference] = []
        var broken: [(String, String)] = []
        while true {
            var ref: OpaquePointer?
            let rc = git_reference_next(&ref, iterator)
            if rc == GIT_ITEROVER.rawValue { break }
            try check(rc, "listing references")
            defer { git_reference_free(ref) }
            guard git_reference_type(ref) == GIT_REFERENCE_DIRECT, let target = git_reference_target(ref) else { continue }
            let name = String(cString: git_reference_name(ref))
            var id = ObjectID(oid: target.pointee)
            do {
                let (peeled, kind) = try peel(id)
                id = peeled
                refs.append(Reference(name: name, target: id, targetKind: kind))
            } catch {
                broken.append((name, error.description))
            }
        }
        refs.sort { $0.name < $1.name }
        return (refs, broken)
    }

    /// Follows tags to the object they name.
    func peel(_ id: ObjectID) throws(GitError) -> (ObjectID, ObjectKind) {
        var current = id
        for _ in 0..<64 {
            let (_, kind) = try header(current)
            guard kind == .tag else { return (current, kind) }
            let raw = try read(current).bytes
            // "object <hex>\n" is the first line of a tag.
            guard raw.count >= 47, raw.starts(with: Array("object ".utf8)),
                let next = ObjectID(hex: String(decoding: raw[7..<47], as: UTF8.self))
            else { throw .corruptObject(id: current.hex, context: "tag", message: "no object line") }
            current = next
        }
        throw .corruptObject(id: id.hex, context: "tag", message: "tag chain longer than 64")
    }

    /// The tip of the default branch: what HEAD points at (for a bare repository, the branch HEAD
    /// names). nil when HEAD is unborn or missing.
    public func defaultBranchTip() -> (branch: String, commit: ObjectID)? {
        var head: OpaquePointer?
        guard git_repository_head(&head, pointer) == 0, let head else { return nil }
        defer { git_reference_free(head) }
        guard let target = git_reference_target(head) else { return nil }
        guard let (peeled, kind) = try? peel(ObjectID(oid: target.pointee)), kind == .commit else { return nil }
        return (String(cString: git_reference_name(head)), peeled)
    }

    /// The branch HEAD names (`refs/heads/main`), or nil when HEAD is detached or missing.
    public var headBranchName: String? {
        var head: OpaquePointer?
        guard git_reference_lookup(&head, pointer, "HEAD") == 0, let head else { return nil }
        defer { git_reference_free(head) }
        return git_reference_symbolic_target(head).map { String(cString: $0) }
    }

    /// The blob at each of `paths` in the tree of the default branch's tip (paths with none are left out).
    public func blobsAtDefaultTip(_ paths: [String]) -> [String: ObjectID] {
        guard let tip = defaultBranchTip() else { return [:] }
        return blobs(at: paths, inCommit: tip.commit)
    }

    /// Whether HEAD names a branch that has no commit yet.
    public var headIsUnborn: Bool { git_repository_head_unborn(pointer) == 1 }

    /// Resolves a revision (`main`, `v1.0`, `HEAD~3`, a hex id) to a commit.
    public func resolveCommit(_ revision: String) throws(GitError) -> ObjectID {
        var object: OpaquePointer?
        guard git_revparse_single(&object, pointer, revision) == 0, let object else {
            throw .badRevision(revision, message: lastError())
        }
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        guard git_object_peel(&commit, object, GIT_OBJECT_COMMIT) == 0, let commit else {
            throw .badRevision(revision, message: lastError())
        }
        defer { git_object_free(commit) }
        return ObjectID(oid: git_object_id(commit).pointee)
    }

    /// Size and kind of an object without inflating it (for a delta, the size of the result).
    public func header(_ id: ObjectID) throws(GitError) -> (size: Int, kind: ObjectKind) {
        var oid = id.oid
        var size = 0
        var type = GIT_OBJECT_INVALID
        guard git_odb_read_header(&size, &type, odb, &oid) == 0 else {
            throw .corruptObject(id: id.hex, context: "header", message: lastError())
        }
        guard let kind = ObjectKind(rawValue: type.rawValue) else {
            throw .corruptObject(id: id.hex, context: "header", message: "unknown object type \(type.rawValue)")
        }
        return (size, kind)
    }

    /// An object's content, as libgit2 inflates it (loose or packed). The buffer is valid only inside `body`.
    public func withObject<T>(_ id: ObjectID, _ body: (ObjectKind, UnsafeRawBufferPointer) throws(GitError) -> T) throws(GitError) -> T {
        var oid = id.oid
        var object: OpaquePointer?
        guard git_odb_read(&object, odb, &oid) == 0, let object else {
            throw .corruptObject(id: id.hex, context: "read", message: lastError())
        }
        defer { git_odb_object_free(object) }
        guard let kind = ObjectKind(rawValue: git_odb_object_type(object).rawValue) else {
            throw .corruptObject(id: id.hex, context: "read", message: "unknown object type")
        }
        let buffer = UnsafeRawBufferPointer(start: git_odb_object_data(object), count: git_odb_object_size(object))
        return try body(kind, buffer)
    }

    /// An object's content, copied.
    public func read(_ id: ObjectID) throws(GitError) -> (kind: ObjectKind, bytes: [UInt8]) {
        try withObject(id) { kind, buffer in (kind, [UInt8](buffer)) }
    }

    /// Parses one commit.
    public func commit(_ id: ObjectID) throws(GitError) -> CommitInfo {
        var oid = id.oid
        var commit: OpaquePointer?
        guard git_commit_lookup(&commit, pointer, &oid) == 0, let commit else {
            throw .corruptObject(id: id.hex, context: "commit", message: lastError())
        }
        defer { git_commit_free(commit) }
        var parents: [ObjectID] = []
        let count = git_commit_parentcount(commit)
        for i in 0..<count {
            if let p = git_commit_parent_id(commit, i) { parents.append(ObjectID(oid: p.pointee)) }
        }
        let author = git_commit_author(commit)
        let name = author.flatMap { $0.pointee.name.map { String(cString: $0) } } ?? ""
        let email = author.flatMap { $0.pointee.email.map { String(cString: $0) } } ?? ""
        return CommitInfo(
            id: id, tree: ObjectID(oid: git_commit_tree_id(commit).pointee), parents: parents, authorName: name,
            authorEmail: email, authorTime: Int64(author?.pointee.when.time ?? 0), authorOffset: Int32(author?.pointee.when.offset ?? 0))
    }

    /// Commits reachable from `include` and not from `exclude`, parents before children.
    public func commits(reachableFrom include: [ObjectID], notFrom exclude: [ObjectID]) throws(GitError) -> [ObjectID] {
        guard !include.isEmpty else { return [] }
        var walk: OpaquePointer?
        try check(git_revwalk_new(&walk, pointer), "walking history")
        defer { git_revwalk_free(walk) }
        try check(git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_REVERSE.rawValue), "walking history")
        for id in include {
            var oid = id.oid
            guard git_revwalk_push(walk, &oid) == 0 else {
                throw .corruptObject(id: id.hex, context: "history walk", message: lastError())
            }
        }
        for id in exclude {
            var oid = id.oid
            guard git_revwalk_hide(walk, &oid) == 0 else {
                throw .corruptObject(id: id.hex, context: "history walk", message: lastError())
            }
        }
        var out: [ObjectID] = []
        var oid = git_oid()
        while true {
            let rc = git_revwalk_next(&oid, walk)
            if rc == GIT_ITEROVER.rawValue { break }
            guard rc == 0 else { throw .corruptObject(id: "?", context: "history walk", message: lastError()) }
            out.append(ObjectID(oid: oid))
        }
        return out
    }

    /// Every object id in the object database, reachable or not (as `git fsck --unreachable` sees them).
    public func allObjectIDs() throws(GitError) -> [ObjectID] {
        final class Box { var ids: [ObjectID] = [] }
        let box = Box()
        let rc = git_odb_foreach(
            odb,
            { oid, payload in
                let box = Unmanaged<Box>.fromOpaque(payload!).takeUnretainedValue()
                box.ids.append(ObjectID(oid: oid!.pointee))
                return 0
            }, Unmanaged.passUnretained(box).toOpaque())
        try check(rc, "listing objects")
        return Array(Set(box.ids)).sorted()
    }

    func check(_ rc: Int32, _ operation: String) throws(GitError) {
        if rc < 0 { throw .libgit2(operation: operation, message: lastError()) }
    }
}

/// libgit2's message for the last failed call on this thread.
func lastError() -> String {
    guard let e = git_error_last(), let m = e.pointee.message else { return "unknown libgit2 error" }
    return String(cString: m).trimmingCharacters(in: .whitespacesAndNewlines)
}

extension ObjectID {
    init(oid: git_oid) {
        var copy = oid
        self = withUnsafeBytes(of: &copy) { ObjectID(bytes: $0.baseAddress!) }
    }

    var oid: git_oid {
        var out = git_oid()
        let raw = bytes
        withUnsafeMutableBytes(of: &out) { dst in raw.withUnsafeBytes { dst.copyMemory(from: $0) } }
        return out
    }
}
