import Foundation
import RadarModel
import RadarSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The rule pack as it was in `patterns/` when this binary was built (the EmbedRules plugin), so
/// that the binary works wherever it is copied. `Resources` falls back to it when no pack is found
/// on disk, through `extract(into:)`: the files are written once to a cache directory named by
/// their digest, and everything that reads a pack from a directory (the parsed-rules cache
/// included) works unchanged.
public enum EmbeddedRules {
    /// The files (name, bytes), sorted by name.
    public static let files: [(name: String, bytes: [UInt8])] = encodedFiles.map { file in
        (file.name, Array(Data(base64Encoded: file.base64) ?? Data()))
    }

    /// FNV-1a over every file's name and bytes: names the extracted copy.
    public static let digest: String = {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for (name, bytes) in files {
            for b in Array(name.utf8) + [0] + bytes + [0] { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
        }
        return Hex.fixed(hash)
    }()

    /// Writes the pack to `directory/patterns-<digest>` unless it is there already; returns that
    /// directory. Files are written to a temporary directory first and renamed into place, so a
    /// half-written pack is never used.
    public static func extract(into directory: String) throws -> String {
        let target = (directory as NSString).appendingPathComponent("patterns-" + digest)
        if access((target as NSString).appendingPathComponent("README.md"), F_OK) == 0 { return target }
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let temporary = target + ".\(getpid()).tmp"
        try? FileManager.default.removeItem(atPath: temporary)
        try FileManager.default.createDirectory(
            atPath: temporary, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        for (name, bytes) in files {
            guard FileManager.default.createFile(atPath: (temporary as NSString).appendingPathComponent(name), contents: Data(bytes)) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: (temporary as NSString).appendingPathComponent(name)])
            }
        }
        if rename(temporary, target) != 0 {
            try? FileManager.default.removeItem(atPath: temporary)
            // Another process put it there first: theirs is the same pack.
            guard access((target as NSString).appendingPathComponent("README.md"), F_OK) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target])
            }
        }
        return target
    }

    /// Writes the pack's files into `directory` (`rules export`), which must not hold them already.
    public static func export(to directory: String) throws -> Int {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (name, bytes) in files {
            let path = (directory as NSString).appendingPathComponent(name)
            guard !FileManager.default.fileExists(atPath: path) else {
                throw CocoaError(.fileWriteFileExists, userInfo: [NSFilePathErrorKey: path])
            }
            guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
        }
        return files.count
    }
}
