import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The result of reading one input within the size limit.
enum ReadOutcome {
    case bytes([UInt8])
    /// UTF-16 or UTF-32 text (NULs in the sniff window that follow a wide encoding's pattern).
    case wide([UInt8], WideText.Encoding)
    case binary
    /// Within the limit but larger than `chunkAbove`: not read here (`ChunkedFile` matches it).
    case large(Int)
    /// Over the limit; the size when it is known (a stream is not read to its end).
    case tooLarge(Int?)
    case failed(String)
}

/// Bounded reads: a file over the limit is never read into memory.
enum FileReader {
    /// Reads a regular file within `limit`. The first `sniff` bytes are read and checked for a NUL
    /// before the rest, so a binary file (object code, images, .pyc) costs one small read.
    static func read(path: String, limit: Int, sniff: Int, chunkAbove: Int = .max) -> ReadOutcome {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failed(String(cString: strerror(errno))) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .failed(String(cString: strerror(errno))) }
        guard (st.st_mode & S_IFMT) == S_IFREG else { return .failed("not a regular file") }
        let size = Int(st.st_size)
        if size > limit { return .tooLarge(size) }
        if size > chunkAbove { return .large(size) }
        return readAll(fd: fd, expected: size, limit: limit, sniff: sniff)
    }

    static func readStdin(limit: Int, sniff: Int) -> ReadOutcome {
        readAll(fd: 0, expected: 64 * 1024, limit: limit, sniff: sniff)
    }

    /// Reads until EOF; a stream that grows past `limit` is reported too large. The buffer starts at
    /// the sniff window (or the file, if smaller), so a binary file is rejected before any large
    /// allocation; after the sniff it grows straight to the expected size, else by doubling.
    private static func readAll(fd: Int32, expected: Int, limit given: Int, sniff: Int) -> ReadOutcome {
        var limit = given
        var buffer = [UInt8](repeating: 0, count: max(1, min(expected, sniff)) + 1)
        var count = 0
        var sniffed = false
        var sawNUL = false
        var wide: WideText.Encoding?
        // A NUL in the sniff window means binary, unless the window is wide text: decided once the
        // window is read (or the input ended).
        func decide() -> Bool {
            guard sawNUL, wide == nil else { return true }
            wide = WideText.encoding(of: buffer[0..<min(count, sniff)])
            // Wide text is read whole and transcoded (about three times its size in memory), so it
            // is held to the size files start being matched in chunks at: larger is skipped, named.
            if wide != nil { limit = min(limit, WideText.maxBytes) }
            return wide != nil
        }
        while true {
            if count == buffer.count {
                if count > limit { return .tooLarge(nil) }
                let target = min(limit + 1, max(buffer.count * 2, sniffed ? expected + 1 : 0))
                buffer.append(contentsOf: repeatElement(0, count: target - buffer.count))
            }
            // Until the sniff window is checked, read no further than it.
            let want = sniffed ? buffer.count - count : min(buffer.count - count, max(1, sniff - count))
            let n = buffer.withUnsafeMutableBytes { raw in
                Glibc.read(fd, raw.baseAddress! + count, want)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return .failed(String(cString: strerror(errno)))
            }
            if n == 0 { break }
            if !sniffed {
                if buffer[count..<(count + n)].contains(0) { sawNUL = true }
                if count + n >= sniff {
                    sniffed = true
                    count += n
                    if !decide() { return .binary }
                    if count > limit { return .tooLarge(nil) }
                    continue
                }
            }
            count += n
            if count > limit { return .tooLarge(nil) }
        }
        if !sniffed, !decide() { return .binary }
        buffer.removeLast(buffer.count - count)
        if let wide { return .wide(buffer, wide) }
        return .bytes(buffer)
    }
}
