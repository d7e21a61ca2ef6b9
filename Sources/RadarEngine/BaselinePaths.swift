import Crypto
import Foundation
import RadarGit
import RadarMatch
import RadarModel
import RadarStore

extension FindingKey {
    /// `hmac-sha256:` + 32 hex digits: names the key in a baseline without revealing it.
    public var fingerprint: String {
        "hmac-sha256:" + String(mac(label: "secretradar key fingerprint", Data()).prefix(32))
    }

    /// The keyed seal of a baseline's canonical body: only a holder of the key can make a baseline
    /// (or change one) that this key accepts.
    public func seal(_ body: Data) -> String { "hmac-sha256:" + mac(label: "secretradar baseline seal", body) }

    private func mac(label: String, _ data: Data) -> String {
        var mac = HMAC<SHA256>(key: SymmetricKey(data: bytes))
        mac.update(data: Array(label.utf8) + [0])
        mac.update(data: data)
        return Self.hex(mac.finalize())
    }
}

/// How the paths of a scan's locations are written in a baseline: repository-relative for git
/// scans (as they are), and for file scans relative to the work tree root of the repository
/// holding the first target, else to the first target directory — so `scan path .` and
/// `scan path /abs/repo` give the same baseline.
public struct BaselinePaths: Sendable {
    /// The directory file paths are made relative to; nil for git scans.
    public let root: String?

    /// Git scans: paths are already relative to the repository.
    public static let repository = BaselinePaths(root: nil)

    init(root: String?) { self.root = root }

    /// For file scans of `targets` (as given on the command line).
    public static func files(targets: [String]) -> BaselinePaths {
        guard let first = targets.first(where: { $0 != "-" }) else { return BaselinePaths(root: absolute(".")) }
        let path = absolute(first)
        if let repo = try? GitRepository.containing(path), let tree = repo.workTree { return BaselinePaths(root: absolute(tree)) }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return BaselinePaths(root: path)
        }
        return BaselinePaths(root: (path as NSString).deletingLastPathComponent)
    }

    /// The baseline form of a location's path.
    public func path(_ location: Location) -> String {
        guard let root, location.path != "-" else { return location.path }
        let full = Self.absolute(location.path)
        if full.hasPrefix(root + "/") { return String(full.dropFirst(root.count + 1)) }
        return full
    }

    /// Where a baseline path is on disk (file scans).
    func file(_ path: String) -> String? {
        guard let root else { return nil }
        return path.hasPrefix("/") ? path : root + "/" + path
    }

    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}

/// Which repository a baseline belongs to, and the check that a scan uses it on that repository.
public enum BaselineSource {
    /// The identity of the repository at (or holding) `path`; nil outside any repository.
    /// `exact`: `path` is the repository itself (git scans), not a path inside its work tree.
    public static func identify(_ path: String?, exact: Bool) -> Baseline.Source? {
        guard let repo = open(path, exact: exact) else { return nil }
        return identify(repo)
    }

    static func identify(_ repo: GitRepository) -> Baseline.Source {
        let roots = (repo.defaultBranchTip()?.commit).flatMap { try? repo.rootCommits(from: $0) } ?? []
        return Baseline.Source(remote: (try? repo.remoteURL()).map(RemoteURL.normalized), rootCommits: roots.map(\.hex))
    }

    static func open(_ path: String?, exact: Bool) -> GitRepository? {
        if exact || path == nil { return try? GitRepository(path: path) }
        return try? GitRepository.containing(BaselinePaths.absolute(path!))
    }

    /// Refuses (exit 2) a baseline of another repository: one of its root commits must be in this
    /// repository, or (a shallow clone, rewritten roots) its `origin` must name the same project.
    public static func verify(_ baseline: Baseline, file: String, target path: String?, exact: Bool) throws(BaselineError) {
        guard let source = baseline.source, !(source.rootCommits.isEmpty && source.remote == nil) else { return }
        let shown = source.remote ?? "the repository with root commit \(source.rootCommits.first.map { String($0.prefix(12)) } ?? "?")"
        guard let repo = open(path, exact: exact) else {
            throw .otherRepository(path: file, reason: "it is for \(shown), and \(path ?? ".") is not in a git repository")
        }
        if source.rootCommits.contains(where: { ObjectID(hex: $0).map(repo.hasCommit) ?? false }) { return }
        let remote = (try? repo.remoteURL()).map(RemoteURL.normalized)
        if let remote, remote == source.remote { return }
        throw .otherRepository(
            path: file,
            reason: "it is for \(shown); none of its root commits is in \(path ?? "this repository")"
                + (remote.map { ", whose origin is \($0)" } ?? ", which has no origin remote"))
    }
}

/// Where a scan looks when it must know whether a known secret is still in one of its baseline
/// places: the file tree (file scans), the tree of the commit that brought the secret to its new
/// place (git scans), or the index (staged scans).
public enum BaselineSnapshot: Sendable {
    case files
    case git(repository: String?)
    case staged(repository: String?)
}
