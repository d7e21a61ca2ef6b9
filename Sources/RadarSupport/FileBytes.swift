import Foundation

/// Whole small files (caches, rule files) read with plain system calls: through FileManager and
/// `Data`, with the copies that followed, reading the rule pack and the caches at start-up cost
/// about 2 ms of every run.
public enum FileBytes {
    /// A regular file's bytes, or nil when it cannot be read or is not a regular file.
    public static func read(_ path: String) -> [UInt8]? {
        // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer (it changes
        // nothing for the regular files read here).
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        // One byte more than the size, so a file that grew is noticed and read to its end. The
        // buffer is not zeroed first (clearing the vectorscan cache's buffer was most of its load).
        var bytes: [UInt8] = []
        var failed = false
        var capacity = Int(info.st_size) + 1
        while !failed {
            let start = bytes.count
            let chunk = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                initialized = 0
                while initialized < buffer.count {
                    let n = Foundation.read(fd, buffer.baseAddress! + initialized, buffer.count - initialized)
                    if n < 0 && errno == EINTR { continue }
                    if n < 0 { failed = true }
                    if n <= 0 { break }
                    initialized += n
                }
            }
            if start == 0 { bytes = chunk } else { bytes += chunk }
            // A short chunk means the end of the file (or an error); a full one, that it grew.
            if chunk.count < capacity { break }
            capacity = max(capacity, 4096)
        }
        return failed ? nil : bytes
    }

    /// Whether `bytes` holds `expected` at `offset`.
    public static func matches(_ bytes: [UInt8], at offset: Int, _ expected: [UInt8]) -> Bool {
        guard offset >= 0, bytes.count - offset >= expected.count else { return false }
        return bytes.withUnsafeBytes { b in
            expected.withUnsafeBytes { e in e.count == 0 || memcmp(b.baseAddress! + offset, e.baseAddress!, e.count) == 0 }
        }
    }
}
