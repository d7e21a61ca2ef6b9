import CGit2

/// The one place libgit2's return codes are read. Every call into libgit2 that can fail goes through
/// `check`, `found` or `advanced`, so a failure is never mistaken for an answer and never dropped.
enum LibGit2 {
    /// Throws `.libgit2` for a negative return code (libgit2 reports failure that way).
    static func check(_ rc: Int32, _ operation: @autoclosure () -> String) throws(GitError) {
        if rc < 0 { throw .libgit2(operation: operation(), message: lastError()) }
    }

    /// Throws the error `failure` makes from libgit2's message, for a negative return code.
    static func check(_ rc: Int32, failure: (String) -> GitError) throws(GitError) {
        if rc < 0 { throw failure(lastError()) }
    }

    /// For lookups where "there is none" is an answer: false for `GIT_ENOTFOUND` (and an unborn
    /// branch, for HEAD), true for success; any other failure throws.
    static func found(_ rc: Int32, _ operation: @autoclosure () -> String) throws(GitError) -> Bool {
        if rc == GIT_ENOTFOUND.rawValue || rc == GIT_EUNBORNBRANCH.rawValue { return false }
        try check(rc, operation())
        return true
    }

    /// For iterators: false at the end (`GIT_ITEROVER`), true when an item came; a failure throws.
    static func advanced(_ rc: Int32, _ operation: @autoclosure () -> String) throws(GitError) -> Bool {
        if rc == GIT_ITEROVER.rawValue { return false }
        try check(rc, operation())
        return true
    }
}

/// A libgit2 object this code created and owns: made by one call whose return code is checked, freed
/// exactly once when the handle goes. Use `pointer` only while the handle is alive; a pointer libgit2
/// derives from it (a diff's delta, a tree's entry) is valid only as long, so keep the handle in scope
/// with `withExtendedLifetime` where such a pointer outlives the last use of `pointer`.
final class GitHandle {
    let pointer: OpaquePointer
    private let free: (OpaquePointer) -> Void

    private init(_ pointer: OpaquePointer, free: @escaping (OpaquePointer) -> Void) {
        self.pointer = pointer
        self.free = free
    }

    deinit { free(pointer) }

    /// Takes ownership of an object libgit2 handed out (an iterator's item).
    static func owning(_ pointer: OpaquePointer, free: @escaping (OpaquePointer) -> Void) -> GitHandle {
        GitHandle(pointer, free: free)
    }

    /// The object `create` makes; throws when libgit2 reports a failure or returns nothing.
    static func make(
        _ operation: @autoclosure () -> String, free: @escaping (OpaquePointer) -> Void,
        _ create: (inout OpaquePointer?) -> Int32
    ) throws(GitError) -> GitHandle {
        try make(failure: { .libgit2(operation: operation(), message: $0) }, free: free, create)
    }

    /// The object `create` makes; a failure throws the error `failure` makes from libgit2's message.
    static func make(
        failure: (String) -> GitError, free: @escaping (OpaquePointer) -> Void, _ create: (inout OpaquePointer?) -> Int32
    ) throws(GitError) -> GitHandle {
        var out: OpaquePointer?
        let rc = create(&out)
        if rc < 0, let out { free(out) }
        try LibGit2.check(rc, failure: failure)
        guard let out else { throw failure("libgit2 returned no object") }
        return GitHandle(out, free: free)
    }

    /// Like `make`, but nil when there is no such object (`GIT_ENOTFOUND`); other failures throw.
    static func lookup(
        _ operation: @autoclosure () -> String, free: @escaping (OpaquePointer) -> Void,
        _ create: (inout OpaquePointer?) -> Int32
    ) throws(GitError) -> GitHandle? {
        var out: OpaquePointer?
        let rc = create(&out)
        if rc < 0, let out { free(out) }
        guard try LibGit2.found(rc, operation()), let out else { return nil }
        return GitHandle(out, free: free)
    }
}

/// libgit2's message for the last failed call on this thread.
func lastError() -> String {
    guard let e = git_error_last(), let m = e.pointee.message else { return "unknown libgit2 error" }
    return String(cString: m).trimmingCharacters(in: .whitespacesAndNewlines)
}

/// The process's heap. Blob reading keeps freed memory for reuse (`secretradar_keep_freed_memory`);
/// between stages that free a lot, its pages are given back so the next stage's peak does not
/// stack on the last one's.
public enum ProcessMemory {
    public static func giveBackFreed() { secretradar_give_back_freed_memory() }
}
