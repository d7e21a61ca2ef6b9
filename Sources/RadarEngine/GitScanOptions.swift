import Dispatch
import Foundation
import RadarGit
import RadarGitLab
import RadarMatch
import RadarModel
import RadarStore
import RadarSupport

/// What part of a repository's history a git scan reads.
public enum GitScanScope: Sendable, Equatable {
    /// Every commit on every branch, tag and remote-tracking ref (and HEAD).
    case all
    /// Blobs introduced by commits reachable from `new` and not from `old`; an all-zero `old` is a
    /// new branch: what no other ref reaches.
    case range(old: String, new: String)
    /// Blobs introduced by commits reachable from any ref and not from this revision.
    case since(String)
    /// What a push introduces, all refs at once (a pre-receive hook): commits reachable from a
    /// pushed new id and from no existing ref and no old id. Each commit and blob is read once,
    /// however many refs the push updates. Deletions (an all-zero new id) are left out.
    case push([PreReceive.Update])
}

/// A repository to scan and the name its findings carry.
public struct RepositoryTarget: Sendable, Hashable {
    /// The repository's path; nil for the one the environment names (inside a git hook).
    public var path: String?
    /// What locations show as their repository: the path as given, or a clone's URL.
    public var label: String
    /// How the store identifies it: an absolute path, or the clone's URL without credentials.
    public var locator: String

    public init(path: String?, label: String, locator: String? = nil) {
        self.path = path
        self.label = label
        self.locator =
            locator ?? path.map { URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path }
            ?? FileManager.default.currentDirectoryPath
    }
}

/// Settings of a git scan.
public struct GitScanOptions: Sendable {
    public var scope: GitScanScope
    /// Also read unreachable and dangling blobs (`git fsck --unreachable` sees them).
    public var allObjects: Bool
    /// Read packs directly (default) rather than every blob through libgit2.
    public var usePackReader: Bool
    /// Match a blob rebuilt from a delta only around what the delta changed (docs/delta-matching.md);
    /// off matches every blob whole. Both give the same findings.
    public var incremental: Bool
    /// Shared with file scans: size limit, secrets shown, workers, binary sniff length.
    public var common: ScanOptions

    public init(
        scope: GitScanScope = .all, allObjects: Bool = false, usePackReader: Bool = true, incremental: Bool = true,
        common: ScanOptions = ScanOptions()
    ) {
        self.scope = scope
        self.incremental = incremental
        self.allObjects = allObjects
        self.usePackReader = usePackReader
        self.common = common
    }
}
