import Foundation

/// Where reports, plans and baselines are written.
public enum OutputFile {
    /// Writes `data` to `path`. A regular file (or a new one) is replaced atomically: a temporary
    /// file in the same directory renamed over it, so a reader never sees half a file and a failed
    /// write leaves the old one. A symbolic link is followed and its target replaced; the link
    /// stays. Anything else that exists (`/dev/null`, `/dev/stdout`, a FIFO, a terminal) is written
    /// in place and never replaced: a rename over `/dev/null`, run as root, had replaced the
    /// system's null device with a regular file.
    public static func write(_ data: Data, to path: String) throws {
        var info = stat()
        var target = path
        if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
            guard let resolved = realpath(path, nil) else {
                // A dangling link (or one into /proc whose target is no path): write through it.
                return try writeInPlace(data, to: path)
            }
            target = String(cString: resolved)
            free(resolved)
        }
        if stat(target, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            return try writeInPlace(data, to: target)
        }
        try data.write(to: URL(fileURLWithPath: target), options: .atomic)
    }

    static func writeInPlace(_ data: Data, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, code: errno) }
        defer { close(fd) }
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw WriteError(path: path, code: errno) }
                offset += n
            }
        }
    }

    /// A write that failed, with the system's reason.
    struct WriteError: LocalizedError {
        var path: String
        var code: Int32
        var errorDescription: String? { "\(path): \(String(cString: strerror(code)))" }
    }
}
