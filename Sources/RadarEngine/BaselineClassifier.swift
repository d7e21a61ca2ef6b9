import Crypto
import Foundation
import RadarGit
import RadarMatch
import RadarModel
import RadarStore

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
    private var cache: [String: Set<String>?] = [:]
    /// Baseline paths whose content could not be read, with the reason (each becomes a warning).
    public private(set) var unreadable: [String] = []

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
        for problem in unreadable {
            result.notices.append("baseline path \(problem); its findings elsewhere are counted as new_location")
        }
        unreadable.removeAll()
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

    /// Whether the snapshot `location` belongs to still has the finding at one of `basePaths`. A
    /// base path whose content could not be read counts as holding it: unreadable is `new_location`
    /// (reported), never a silent "moved".
    func stillHeld(_ id: String, at basePaths: [String], sameSnapshotAs location: Location) -> Bool {
        for path in basePaths {
            guard let ids = ids(at: path, snapshot: location.commit) else { return true }
            if ids.contains(id) { return true }
        }
        return false
    }

    /// Finding ids in the content at `path` in a snapshot (a commit id, or nil for the files or
    /// index); nil when that content exists but could not be read or matched, which the caller
    /// must not take for "the secret is gone" (that would call a copy a move).
    func ids(at path: String, snapshot commit: String?) -> Set<String>? {
        let cacheKey = (commit ?? "") + "\u{0}" + path
        if let hit = cache[cacheKey] { return hit }
        var result: Set<String>? = []
        switch content(at: path, commit: commit) {
        case .missing: break
        case .unreadable(let reason):
            result = nil
            unreadable.append("\(path)\(commit.map { " at commit \($0.prefix(12))" } ?? ""): \(reason)")
        case .bytes(let bytes):
            do {
                let scratch = try scratch ?? matcher.makeScratch()
                self.scratch = scratch
                for m in matcher.scan(bytes, scratch: scratch, path: path) {
                    result?.insert(key.findingID(ruleID: m.ruleID, secret: m.secret))
                }
            } catch {
                result = nil
                unreadable.append("\(path): \(error)")
            }
        }
        cache[cacheKey] = result
        return result
    }

    /// What is at a baseline path in a snapshot.
    enum Content {
        /// Nothing (no such file or blob, a directory, a binary file): the secret is not there.
        case missing
        case bytes([UInt8])
        /// Something that could not be read, or is over the size limit.
        case unreadable(String)
    }

    func content(at path: String, commit: String?) -> Content {
        switch snapshot {
        case .files:
            guard let file = paths.file(path) else { return .missing }
            switch FileReader.read(path: file, limit: maxFileSize, sniff: 8192) {
            case .bytes(let bytes): return .bytes(bytes)
            case .wide(let raw, let encoding): return .bytes(WideText.utf8(raw, from: encoding).text)
            case .binary: return .missing
            case .tooLarge, .large: return .unreadable("larger than --max-file-size")
            case .failed(let reason):
                return FileManager.default.fileExists(atPath: file) ? .unreadable(reason) : .missing
            }
        case .git(let repository), .staged(let repository):
            do {
                if repo == nil { repo = try GitRepository(path: repository) }
                guard let repo else { return .unreadable("the repository could not be opened") }
                let blob: ObjectID?
                if let commit, let id = ObjectID(hex: commit) {
                    blob = try repo.blobs(at: [path], inCommit: id)[path]
                } else if case .staged = snapshot {
                    blob = try repo.stagedBlobs(at: [path])[path]
                } else {
                    blob = try repo.blobsAtDefaultTip([path])[path]
                }
                guard let blob else { return .missing }
                let (size, kind) = try repo.header(blob)
                guard kind == .blob else { return .missing }
                guard size <= maxFileSize else { return .unreadable("larger than --max-file-size") }
                return .bytes(try repo.read(blob).bytes)
            } catch {
                return .unreadable(error.description)
            }
        }
    }
}
