import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A read-only memory map of a whole file, unmapped on deinit. Shared by reader threads, and by
/// every reader of the same file while one is alive (`shared(path:)`): two maps of one pack would
/// count its pages twice in the process's resident memory.
final class MappedFile: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
    let path: String

    private static let registry = SharedByPath<MappedFile>()

    /// The map of `path` another reader holds, or a new one.
    static func shared(path: String) throws(GitError) -> MappedFile {
        try registry.get(path) { () throws(GitError) in try MappedFile(path: path) }
    }

    /// Gives the pages of `range` back (`MADV_DONTNEED`): they leave the process's resident set and
    /// stay in the page cache, so reading them again costs a minor fault and returns the same
    /// bytes. For passes that will not come back to what they have read (docs/git-reading.md).
    func release(_ range: Range<Int>) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let lo = (max(0, range.lowerBound) + page - 1) / page * page
        // The map ends on a page boundary: up to the file's end means the whole last page.
        let hi = range.upperBound >= bytes.count ? (bytes.count + page - 1) / page * page : range.upperBound / page * page
        guard hi > lo, let base = bytes.baseAddress else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + lo), hi - lo, Int32(MADV_DONTNEED))
    }

    /// `release` of the whole file.
    func releaseAll() { release(0..<bytes.count) }

    init(path: String) throws(GitError) {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .badPack(path: path, message: String(cString: strerror(errno))) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .badPack(path: path, message: String(cString: strerror(errno))) }
        let size = Int(st.st_size)
        guard size > 0 else { throw .badPack(path: path, message: "empty file") }
        guard let map = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), map != MAP_FAILED else {
            throw .badPack(path: path, message: String(cString: strerror(errno)))
        }
        bytes = UnsafeRawBufferPointer(start: map, count: size)
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count) }

    func u32(_ offset: Int) -> UInt32 { UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) }
    func u64(_ offset: Int) -> UInt64 { UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
}

/// One live instance per path, shared by whoever asks while one is held (weakly: it goes when the
/// last reader lets go). For maps and pack tables, which would otherwise exist once per reader.
final class SharedByPath<T: AnyObject>: @unchecked Sendable {
    private struct Weak { weak var value: T? }
    private let lock = NSLock()
    private var live: [String: Weak] = [:]

    func get(_ path: String, make: () throws(GitError) -> T) throws(GitError) -> T {
        lock.lock()
        defer { lock.unlock() }
        if let value = live[path]?.value { return value }
        let value = try make()
        live = live.filter { $0.value.value != nil }
        live[path] = Weak(value: value)
        return value
    }
}
