import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The result of reading one input within the size limit.
enum ReadOutcome {
    case bytes([UInt8])
    case tooLarge
    case failed(String)
}

/// Bounded reads: a file over the limit is never read into memory.
enum FileReader {
    static func read(path: String, limit: Int) -> ReadOutcome {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failed(String(cString: strerror(errno))) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .failed(String(cString: strerror(errno))) }
        guard (st.st_mode & S_IFMT) == S_IFREG else { return .failed("not a regular file") }
        let size = Int(st.st_size)
        if size > limit { return .tooLarge }
        return readAll(fd: fd, expected: size, limit: limit)
    }

    static func readStdin(limit: Int) -> ReadOutcome {
        readAll(fd: 0, expected: 64 * 1024, limit: limit)
    }

    /// Reads until EOF; a stream that grows past `limit` is reported too large.
    private static func readAll(fd: Int32, expected: Int, limit: Int) -> ReadOutcome {
        var buffer = [UInt8](repeating: 0, count: max(expected, 1) + 1)
        var count = 0
        while true {
            if count == buffer.count {
                if count > limit { return .tooLarge }
                buffer.append(contentsOf: [UInt8](repeating: 0, count: min(buffer.count, limit + 1 - count + 1)))
            }
            let n = buffer.withUnsafeMutableBytes { raw in
                Glibc.read(fd, raw.baseAddress! + count, raw.count - count)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return .failed(String(cString: strerror(errno)))
            }
            if n == 0 { break }
            count += n
            if count > limit { return .tooLarge }
        }
        buffer.removeLast(buffer.count - count)
        return .bytes(buffer)
    }

    /// A NUL byte in the first `sniff` bytes marks a binary file.
    static func looksBinary(_ bytes: [UInt8], sniff: Int) -> Bool {
        bytes.prefix(sniff).contains(0)
    }
}
