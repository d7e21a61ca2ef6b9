import Foundation

/// A file or blob a scan passed over without matching it, and why: counted in the summary and
/// named here, so "not scanned" never reads as "clean" (docs/threat-model.md).
public struct SkippedInput: Sendable, Hashable, Codable {
    public enum Reason: String, Sendable, Hashable, Codable {
        /// A NUL byte in the first 8 KiB, and not UTF-16/32 text.
        case binary
        /// Larger than `--max-file-size`.
        case tooLarge = "too_large"
    }

    /// The path as reported (in a repository: the path the blob was first seen at).
    public var path: String
    public var reason: Reason
    /// The size in bytes, when known.
    public var size: Int?
    /// The blob (git scans).
    public var blob: String?

    public init(path: String, reason: Reason, size: Int? = nil, blob: String? = nil) {
        self.path = path
        self.reason = reason
        self.size = size
        self.blob = blob
    }

    /// `path (binary)` or `path (12.0 MiB, over the size limit)`.
    public var description: String {
        switch reason {
        case .binary: "\(path) (binary)"
        case .tooLarge:
            "\(path) (\(size.map { Self.bytes($0) + ", " } ?? "")over the size limit)"
        }
    }

    /// `812 B`, `3.9 KiB`, `25.0 MiB`, `2.0 GiB`.
    static func bytes(_ n: Int) -> String {
        let units = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")]
        for (size, name) in units where n >= size { return String(format: "%.1f ", Double(n) / Double(size)) + name }
        return "\(n) B"
    }
}
