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
        if let repo = GitRepository.containing(path), let tree = repo.workTree { return BaselinePaths(root: absolute(tree)) }
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
        return Baseline.Source(remote: repo.remoteURL().map(RemoteURL.normalized), rootCommits: roots.map(\.hex))
    }

    static func open(_ path: String?, exact: Bool) -> GitRepository? {
        if exact || path == nil { return try? GitRepository(path: path) }
        return GitRepository.containing(BaselinePaths.absolute(path!))
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
        let remote = repo.remoteURL().map(RemoteURL.normalized)
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

/// Marks each finding `new`, `known` or `new_location` against a baseline (docs/baseline.md).
///
/// A known secret at a path the baseline lacks is a *copy* (`new_location`) when, in the same
/// snapshot — the commit that put it at the new path, the index, or the files on disk — it is still
/// at one of its baseline paths; otherwise it *moved* (a rename, a file moved to another directory)
/// and stays `known`. Deciding needs the content at the baseline paths, which a range or staged
/// scan did not read, so it is matched here (a few blobs per finding, cached).
public final class BaselineClassifier {
    let baseline: Baseline
    let matcher: Matcher
    let key: FindingKey
    let paths: BaselinePaths
    let snapshot: BaselineSnapshot
    let maxFileSize: Int
    private var repo: GitRepository?
    private var scratch: MatcherScratch?
    private var cache: [String: Set<String>] = [:]

    public init(
        baseline: Baseline, matcher: Matcher, key: FindingKey, paths: BaselinePaths, snapshot: BaselineSnapshot, maxFileSize: Int
    ) {
        self.baseline = baseline
        self.matcher = matcher
        self.key = key
        self.paths = paths
        self.snapshot = snapshot
        self.maxFileSize = maxFileSize
    }

    /// Sets `baseline` on every finding, counts them in the summary, and leaves out the known ones
    /// unless `showKnown`. Returns every finding, known ones included, classified (for the exit code).
    @discardableResult
    public func apply(to result: inout ScanResult, showKnown: Bool) -> [Finding] {
        var all: [Finding] = []
        var counts = BaselineCounts()
        var shown: [Finding] = []
        for var f in result.findings {
            let state = classify(f)
            f.baseline = state
            switch state {
            case .new: counts.new += 1
            case .newLocation: counts.newLocation += 1
            case .known: counts.known += 1
            }
            all.append(f)
            if state != .known || showKnown { shown.append(f) } else { counts.hidden += 1 }
        }
        result.findings = shown
        result.summary.baseline = counts
        return all
    }

    /// The state of one finding.
    public func classify(_ finding: Finding) -> BaselineState {
        guard let entry = baseline.entry(finding.id) else { return .new }
        let known = Set(entry.paths)
        let elsewhere = finding.locations.filter { !known.contains(paths.path($0)) }
        if elsewhere.isEmpty { return .known }
        // Each distinct snapshot once; a hostile history with thousands of copies is bounded.
        var seen = Set<String>()
        for location in elsewhere where seen.insert(location.commit ?? "").inserted && seen.count <= 256 {
            if stillHeld(finding.id, at: entry.paths, sameSnapshotAs: location) { return .newLocation }
        }
        return seen.count > 256 ? .newLocation : .known
    }

    /// Whether the snapshot `location` belongs to still has the finding at one of `basePaths`.
    func stillHeld(_ id: String, at basePaths: [String], sameSnapshotAs location: Location) -> Bool {
        for path in basePaths where ids(at: path, snapshot: location.commit).contains(id) { return true }
        return false
    }

    /// Finding ids in the content at `path` in a snapshot (a commit id, or nil for the files or index).
    func ids(at path: String, snapshot commit: String?) -> Set<String> {
        let cacheKey = (commit ?? "") + "\u{0}" + path
        if let hit = cache[cacheKey] { return hit }
        var result = Set<String>()
        if let bytes = content(at: path, commit: commit), let scratch = try? scratch ?? matcher.makeScratch() {
            self.scratch = scratch
            for m in matcher.scan(bytes, scratch: scratch, path: path) { result.insert(key.findingID(ruleID: m.ruleID, secret: m.secret)) }
        }
        cache[cacheKey] = result
        return result
    }

    func content(at path: String, commit: String?) -> [UInt8]? {
        switch snapshot {
        case .files:
            guard let file = paths.file(path), case .bytes(let bytes) = FileReader.read(path: file, limit: maxFileSize, sniff: 8192)
            else { return nil }
            return bytes
        case .git(let repository), .staged(let repository):
            if repo == nil { repo = try? GitRepository(path: repository) }
            guard let repo else { return nil }
            let blob: ObjectID?
            if let commit, let id = ObjectID(hex: commit) {
                blob = repo.blobs(at: [path], inCommit: id)[path]
            } else if case .staged = snapshot {
                blob = repo.stagedBlobs(at: [path])[path]
            } else {
                blob = repo.defaultBranchTip().flatMap { repo.blobs(at: [path], inCommit: $0.commit)[path] }
            }
            guard let blob, let (size, kind) = try? repo.header(blob), kind == .blob, size <= maxFileSize else { return nil }
            return try? repo.read(blob).bytes
        }
    }
}
