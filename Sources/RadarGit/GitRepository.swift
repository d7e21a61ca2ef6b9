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
    private let repository: GitHandle
    private let objects: GitHandle
    /// The `git_repository`, alive as long as this object.
    var pointer: OpaquePointer { repository.pointer }
    /// Its object database.
    var odb: OpaquePointer { objects.pointer }
    /// The git directory (`.git/` of a work tree, or the bare repository), with a trailing slash.
    public let gitDirectory: String
    /// Whether the repository has no work tree.
    public let isBare: Bool
    /// How it was opened, so workers can open their own copy the same way.
    let openPath: String?
    /// A shallow clone's boundary: commits whose parents the clone does not hold (`.git/shallow`).
    /// They are treated as roots, as git does; libgit2 1.5 does not, and fails walking past them.
    public let shallowBoundary: Set<ObjectID>

    /// libgit2 set up, once (every entry point to libgit2 calls `setUp`).
    static let initialized: Void = {
        // A failed set-up shows in the first call that needs libgit2, which reports it.
        do { try LibGit2.check(git_libgit2_init(), "setting up libgit2") } catch { Trace.mark("\(error)") }
        // The object cache helps trees and commits shared by many commits; bounded. A libgit2 that
        // refuses the option still works, with its default cache.
        do { try LibGit2.check(secretradar_git_set_cache_max_size(64 << 20), "sizing libgit2's cache") } catch {
            Trace.mark("\(error)")
        }
        Trace.mark("libgit2 set up")
    }()

    /// Sets up libgit2 unless that happened already.
    static func setUp() { _ = initialized }

    /// Opens the repository at `path` exactly (no search upwards), or, with `path == nil`, the one the
    /// environment names the way git's own hooks see it (`GIT_DIR`, `GIT_OBJECT_DIRECTORY`,
    /// `GIT_ALTERNATE_OBJECT_DIRECTORIES`: a pre-receive hook's quarantined objects).
    public init(path: String?) throws(GitError) {
        Self.setUp()
        if let path {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .notARepository(path: path, message: "no such file or directory")
            }
            guard isDirectory.boolValue else { throw .notARepository(path: path, message: "not a directory") }
        }
        let shown = path ?? (ProcessInfo.processInfo.environment["GIT_DIR"] ?? ".")
        repository = try GitHandle.make(failure: { .notARepository(path: shown, message: $0) }, free: git_repository_free) {
            if let path {
                git_repository_open_ext(&$0, path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil)
            } else {
                git_repository_open_ext(&$0, nil, GIT_REPOSITORY_OPEN_FROM_ENV.rawValue, nil)
            }
        }
        let repo = repository.pointer
        objects = try GitHandle.make("opening the object database", free: git_odb_free) { git_repository_odb(&$0, repo) }
        gitDirectory = String(cString: git_repository_path(repo))
        isBare = git_repository_is_bare(repo) == 1
        openPath = path
        shallowBoundary = Self.readShallow(gitDirectory + "shallow")
    }

    /// The commit ids listed in a `shallow` file (none when there is no such file).
    static func readShallow(_ path: String) -> Set<ObjectID> {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return Set(text.split(whereSeparator: \.isNewline).compactMap { ObjectID(hex: String($0)) })
    }

    /// Another handle on the same repository, for another thread.
    public func reopen() throws(GitError) -> GitRepository { try GitRepository(path: openPath) }

    /// Every reference (branches, tags, remote-tracking refs, notes, stash) with its peeled target.
    /// Symbolic refs are skipped (their targets are listed themselves); a ref whose target is missing
    /// is returned in `broken`.
    public func references() throws(GitError) -> (refs: [Reference], broken: [(name: String, target: String, message: String)]) {
        let iterator = try GitHandle.make("listing references", free: git_reference_iterator_free) {
            git_reference_iterator_new(&$0, pointer)
        }
        var refs: [Reference] = []
        var broken: [(String, String, String)] = []
        while true {
            var next: OpaquePointer?
            let rc = git_reference_next(&next, iterator.pointer)
            guard try LibGit2.advanced(rc, "listing references"), let next else { break }
            let ref = GitHandle.owning(next, free: git_reference_free)
            guard git_reference_type(ref.pointer) == GIT_REFERENCE_DIRECT, let target = git_reference_target(ref.pointer) else { continue }
            let name = String(cString: git_reference_name(ref.pointer))
            var id = ObjectID(oid: target.pointee)
            do {
                let (peeled, kind) = try peel(id)
                id = peeled
                refs.append(Reference(name: name, target: id, targetKind: kind))
            } catch {
                broken.append((name, id.hex, error.description))
            }
        }
        refs.sort { $0.name < $1.name }
        return (refs, broken)
    }

    /// The pack files of the object directories that cannot be opened (truncated, not a pack, an
    /// index that does not match), each as a `.badPack` naming the file. Asked only when objects
    /// are missing: libgit2 passes over such a pack silently, and its objects are just "not found".
    public func damagedPacks() -> [GitError] {
        var out: [GitError] = []
        for dir in ObjectDirectories.list(gitDirectory: gitDirectory, fromEnvironment: openPath == nil) {
            let packDir = (dir as NSString).appendingPathComponent("pack")
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: packDir) else { continue }
            for name in names.sorted() where name.hasSuffix(".pack") || name.hasSuffix(".idx") {
                let base = (packDir as NSString).appendingPathComponent((name as NSString).deletingPathExtension)
                if name.hasSuffix(".idx"), FileManager.default.fileExists(atPath: base + ".pack") { continue }
                do { _ = try PackFile(basePath: base) } catch { out.append(error) }
            }
        }
        return out
    }

    /// Whether `commit` is `ancestor` or has it in its history.
    public func reaches(_ ancestor: ObjectID, from commit: ObjectID) throws(GitError) -> Bool {
        if commit == ancestor { return true }
        var (a, b) = (commit.oid, ancestor.oid)
        let rc = git_graph_descendant_of(pointer, &a, &b)
        try LibGit2.check(rc, "comparing commits \(commit.hex) and \(ancestor.hex)")
        return rc == 1
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
        guard let head = try? headReference(), let target = git_reference_target(head.pointer) else { return nil }
        guard let (peeled, kind) = try? peel(ObjectID(oid: target.pointee)), kind == .commit else { return nil }
        return (String(cString: git_reference_name(head.pointer)), peeled)
    }

    /// The branch HEAD names (`refs/heads/main`), or nil when HEAD is detached or missing.
    public var headBranchName: String? {
        let head = try? GitHandle.lookup("reading HEAD", free: git_reference_free) { git_reference_lookup(&$0, pointer, "HEAD") }
        guard let head else { return nil }
        return git_reference_symbolic_target(head.pointer).map { String(cString: $0) }
    }

    /// The reference HEAD resolves to; nil when HEAD is unborn or missing.
    func headReference() throws(GitError) -> GitHandle? {
        try GitHandle.lookup("reading HEAD", free: git_reference_free) { git_repository_head(&$0, pointer) }
    }

    /// The blob at each of `paths` in the tree of the default branch's tip (paths with none are left out).
    public func blobsAtDefaultTip(_ paths: [String]) throws(GitError) -> [String: ObjectID] {
        guard let tip = defaultBranchTip() else { return [:] }
        return try blobs(at: paths, inCommit: tip.commit)
    }

    /// Whether HEAD names a branch that has no commit yet.
    public var headIsUnborn: Bool { git_repository_head_unborn(pointer) == 1 }

    /// Resolves a revision (`main`, `v1.0`, `HEAD~3`, a hex id) to a commit.
    public func resolveCommit(_ revision: String) throws(GitError) -> ObjectID {
        let shallow = shallowBoundary.isEmpty ? "" : "; this is a shallow clone, which may not hold it (git fetch --unshallow)"
        let failure = { (message: String) in GitError.badRevision(revision, message: message + shallow) }
        let object = try GitHandle.make(failure: failure, free: git_object_free) { git_revparse_single(&$0, pointer, revision) }
        let commit = try GitHandle.make(failure: failure, free: git_object_free) {
            git_object_peel(&$0, object.pointer, GIT_OBJECT_COMMIT)
        }
        return ObjectID(oid: git_object_id(commit.pointer).pointee)
    }

    /// Size and kind of an object without inflating it (for a delta, the size of the result).
    public func header(_ id: ObjectID) throws(GitError) -> (size: Int, kind: ObjectKind) {
        var oid = id.oid
        var size = 0
        var type = GIT_OBJECT_INVALID
        try LibGit2.check(git_odb_read_header(&size, &type, odb, &oid)) { .corruptObject(id: id.hex, context: "header", message: $0) }
        guard let kind = ObjectKind(rawValue: type.rawValue) else {
            throw .corruptObject(id: id.hex, context: "header", message: "unknown object type \(type.rawValue)")
        }
        return (size, kind)
    }

    /// An object's content, as libgit2 inflates it (loose or packed). The buffer is valid only inside `body`.
    public func withObject<T>(_ id: ObjectID, _ body: (ObjectKind, UnsafeRawBufferPointer) throws(GitError) -> T) throws(GitError) -> T {
        var oid = id.oid
        let object = try GitHandle.make(failure: { .corruptObject(id: id.hex, context: "read", message: $0) }, free: git_odb_object_free) {
            git_odb_read(&$0, odb, &oid)
        }
        guard let kind = ObjectKind(rawValue: git_odb_object_type(object.pointer).rawValue) else {
            throw .corruptObject(id: id.hex, context: "read", message: "unknown object type")
        }
        return try withExtendedLifetime(object) { () throws(GitError) -> T in
            try body(kind, UnsafeRawBufferPointer(start: git_odb_object_data(object.pointer), count: git_odb_object_size(object.pointer)))
        }
    }

    /// An object's content, copied.
    public func read(_ id: ObjectID) throws(GitError) -> (kind: ObjectKind, bytes: [UInt8]) {
        try withObject(id) { kind, buffer in (kind, [UInt8](buffer)) }
    }

    /// Parses one commit.
    public func commit(_ id: ObjectID) throws(GitError) -> CommitInfo {
        var oid = id.oid
        let handle = try GitHandle.make(
            failure: { message in
                // Named only on failure: a stat per commit cost the history walk 85,000 of them.
                let loose = gitDirectory + "objects/" + id.hex.prefix(2) + "/" + id.hex.dropFirst(2)
                let file = FileManager.default.fileExists(atPath: loose) ? " (\(loose))" : ""
                return .corruptObject(id: id.hex, context: "commit", message: message + file)
            }, free: git_commit_free
        ) {
            git_commit_lookup(&$0, pointer, &oid)
        }
        return withExtendedLifetime(handle) { commitInfo(id, handle.pointer) }
    }

    private func commitInfo(_ id: ObjectID, _ commit: OpaquePointer) -> CommitInfo {
        var parents: [ObjectID] = []
        let count = shallowBoundary.contains(id) ? 0 : git_commit_parentcount(commit)
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
        if !shallowBoundary.isEmpty { return try walkCommits(reachableFrom: include, notFrom: exclude) }
        do { return try libgit2Commits(reachableFrom: include, notFrom: exclude) } catch {
            // libgit2's walk does not say which commit it could not read; ours does (or, if it
            // gets through, the walk's own error stands).
            _ = try walkCommits(reachableFrom: include, notFrom: exclude)
            throw error
        }
    }

    func libgit2Commits(reachableFrom include: [ObjectID], notFrom exclude: [ObjectID]) throws(GitError) -> [ObjectID] {
        let walk = try GitHandle.make("walking history", free: git_revwalk_free) { git_revwalk_new(&$0, pointer) }
        try LibGit2.check(git_revwalk_sorting(walk.pointer, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_REVERSE.rawValue), "walking history")
        for id in include {
            var oid = id.oid
            try LibGit2.check(git_revwalk_push(walk.pointer, &oid)) { .corruptObject(id: id.hex, context: "history walk", message: $0) }
        }
        for id in exclude {
            var oid = id.oid
            try LibGit2.check(git_revwalk_hide(walk.pointer, &oid)) { .corruptObject(id: id.hex, context: "history walk", message: $0) }
        }
        var out: [ObjectID] = []
        var oid = git_oid()
        while try LibGit2.advanced(git_revwalk_next(&oid, walk.pointer), "walking history") {
            out.append(ObjectID(oid: oid))
        }
        return out
    }

    /// `commits(reachableFrom:notFrom:)` in our own code: for a shallow clone, stopping at the shallow
    /// boundary (libgit2's walk tries to read the parents the clone lacks), and to name the commit
    /// libgit2's walk could not read.
    func walkCommits(reachableFrom include: [ObjectID], notFrom exclude: [ObjectID]) throws(GitError) -> [ObjectID] {
        var parents: [ObjectID: [ObjectID]] = [:]
        func parentsOf(_ id: ObjectID) throws(GitError) -> [ObjectID] {
            if let known = parents[id] { return known }
            let found = try commit(id).parents
            parents[id] = found
            return found
        }
        var hidden = Set<ObjectID>()
        var stack = exclude
        while let id = stack.popLast() {
            guard hidden.insert(id).inserted else { continue }
            stack += try parentsOf(id)
        }
        // Parents before children: a commit is emitted once all its (wanted) parents are.
        var out: [ObjectID] = []
        var done = Set<ObjectID>()
        var work: [(id: ObjectID, expanded: Bool)] = include.sorted().reversed().map { ($0, false) }
        while let (id, expanded) = work.popLast() {
            if done.contains(id) || hidden.contains(id) { continue }
            if expanded {
                done.insert(id)
                out.append(id)
                continue
            }
            work.append((id, true))
            for p in try parentsOf(id).reversed() where !done.contains(p) && !hidden.contains(p) { work.append((p, false)) }
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
        try LibGit2.check(rc, "listing objects")
        return Array(Set(box.ids)).sorted()
    }
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
