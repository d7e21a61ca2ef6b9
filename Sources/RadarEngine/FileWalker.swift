import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One thing to scan: a regular file, or standard input.
public enum ScanTarget: Sendable, Hashable {
    /// A regular file; `display` is the path shown in reports.
    case file(path: String, display: String)
    /// Standard input, shown as `-`.
    case stdin
}

/// Expands command-line paths into scan targets without following symlinks out of the tree.
///
/// Directories are walked with `lstat`, so symbolic links met inside a walk are never followed
/// (a link to a file inside the tree is scanned at its real path anyway; a link out of the tree
/// must not widen the scan). A path named explicitly on the command line is used as given. `.git`
/// directories are skipped: history is `scan git`'s job.
public enum FileWalker {
    /// Directory names never descended into.
    public static let skippedDirectories: Set<String> = [".git"]

    /// Paths left out of a walk, by their path relative to `root` (`ScanFilter.dropsPlace`).
    public struct Exclusion: Sendable {
        /// The scanned root, absolute (`BaselinePaths.files`).
        public var root: String
        public var filter: ScanFilter

        public init(root: String, filter: ScanFilter) {
            self.root = root
            self.filter = filter
        }

        /// A command-line path relative to the root; a path outside it as given, without `./`.
        func relative(_ path: String) -> String {
            let full = BaselinePaths.absolute(path)
            if full == root { return "" }
            if full.hasPrefix(root + "/") { return String(full.dropFirst(root.count + 1)) }
            var p = Substring(path)
            while p.hasPrefix("./") { p = p.dropFirst(2) }
            return String(p)
        }
    }

    /// Targets in a stable order (paths sorted within each directory), plus the errors met and
    /// how many files and directories `exclusion` left out.
    public static func targets(for paths: [String], exclusion: Exclusion? = nil) -> (
        targets: [ScanTarget], errors: [EngineError], excluded: Int
    ) {
        var targets: [ScanTarget] = []
        var errors: [EngineError] = []
        var excluded = 0
        // Overlapping arguments (`dir dir/sub`, a file twice, hard links) name one file once.
        var seen = Set<FileIdentity>()
        for path in paths {
            if path == "-" {
                targets.append(.stdin)
                continue
            }
            let relative = exclusion.map { $0.relative(path) }
            if let exclusion, let relative, !relative.isEmpty, exclusion.filter.dropsPlace(relative) {
                excluded += 1
                continue
            }
            var st = stat()
            guard stat(path, &st) == 0 else {
                let err = errno
                errors.append(err == ENOENT ? .noSuchPath(path) : .unreadable(path: path, reason: String(cString: strerror(err))))
                continue
            }
            if (st.st_mode & S_IFMT) == S_IFDIR {
                var walk = Walk(exclusion: exclusion, excluded: 0)
                walk.walk(directory: path, relative: relative ?? "", into: &targets, errors: &errors, seen: &seen)
                excluded += walk.excluded
            } else if (st.st_mode & S_IFMT) == S_IFREG {
                if seen.insert(FileIdentity(st)).inserted { targets.append(.file(path: path, display: path)) }
            } else {
                errors.append(.unreadable(path: path, reason: "not a regular file or directory"))
            }
        }
        return (targets, errors, excluded)
    }
}

/// One directory walk, counting what its exclusion left out.
private struct Walk {
    let exclusion: FileWalker.Exclusion?
    var excluded: Int

    mutating func walk(
        directory: String, relative: String, into targets: inout [ScanTarget], errors: inout [EngineError], seen: inout Set<FileIdentity>
    ) {
        guard let dir = opendir(directory) else {
            errors.append(.unreadable(path: directory, reason: String(cString: strerror(errno))))
            return
        }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            names.append(name)
        }
        closedir(dir)
        names.sort()
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        for name in names {
            let path = prefix + name
            let childRelative = relative.isEmpty ? name : relative + "/" + name
            if let exclusion, exclusion.filter.dropsPlace(childRelative) {
                excluded += 1
                continue
            }
            var st = stat()
            guard lstat(path, &st) == 0 else {
                errors.append(.unreadable(path: path, reason: String(cString: strerror(errno))))
                continue
            }
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                if !FileWalker.skippedDirectories.contains(name) {
                    walk(directory: path, relative: childRelative, into: &targets, errors: &errors, seen: &seen)
                }
            case S_IFREG:
                if seen.insert(FileIdentity(st)).inserted { targets.append(.file(path: path, display: path)) }
            default:
                continue  // symlinks, sockets, devices, fifos: never followed or read
            }
        }
    }
}

/// A file's identity on this machine: device and inode.
struct FileIdentity: Hashable {
    let device: UInt64
    let inode: UInt64

    init(_ st: stat) {
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
    }
}
