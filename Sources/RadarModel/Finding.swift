/// A secret under a rule, with every place it was seen.
///
/// Identity comes from content, not position (docs/architecture.md): `id` is the hex HMAC-SHA256 of the
/// rule id, a NUL byte and the secret, so the same secret in three files is one finding with three
/// locations, and a moved line is not a new finding.
public struct Finding: Sendable, Hashable {
    /// Hex HMAC-SHA256 finding identity.
    public var id: String
    /// Rule id.
    public var rule: String
    /// Rule name, for people.
    public var ruleName: String
    /// Severity of the finding, derived from the rule's confidence, where the secret is (latest
    /// version or only history; test or example paths) and triage (docs/severity.md). Computed, so
    /// it follows `in_latest` and status changes.
    public var severity: Severity { SeverityModel.severity(of: self) }
    /// Labels that explain the severity: `test`, `example`, `fixture`, `mock` (every location is in
    /// such a path, or some are), `historic` (only in history), `ignored` (triaged or commented away).
    public var tags: [String] { SeverityModel.tags(of: self) }
    /// The rule's confidence.
    public var confidence: Confidence
    /// The secret, redacted (see `Redaction`).
    public var secretRedacted: String
    /// The plaintext secret: set only when the user asked for it (`--show-secrets`); only the
    /// renderers that may show it can read it (`PlaintextSecret`).
    public var secret: PlaintextSecret?
    /// Shannon entropy of the secret, bits per byte.
    public var entropy: Double
    /// Every place the secret was seen, sorted by path, line, column.
    public var locations: [Location]
    /// The current triage status, when the finding comes from (or was recorded in) a store.
    public var status: TriageStatus?
    /// How the finding compares with a migration baseline, when the scan was given one (`--baseline`).
    public var baseline: BaselineState?
    /// Where Vault stores this very secret (`mount/path#field`), when `vault index` found it there:
    /// a managed secret that leaked, to rotate rather than move.
    public var vaultPath: String?

    public init(
        id: String, rule: String, ruleName: String, confidence: Confidence,
        secretRedacted: String, secret: PlaintextSecret? = nil, entropy: Double, locations: [Location], status: TriageStatus? = nil
    ) {
        self.status = status
        self.id = id
        self.rule = rule
        self.ruleName = ruleName
        self.confidence = confidence
        self.secretRedacted = secretRedacted
        self.secret = secret
        self.entropy = entropy
        self.locations = locations
    }
}

/// Where one occurrence of a finding sits.
///
/// File scans fill `path`, `line` and `column`. Git scans add provenance: the blob, the commit that
/// introduced this blob at this path, its author and date, and whether the tip of the default
/// branch still has it (`in_latest`) or it lives only in history.
public struct Location: Sendable, Hashable, Codable, Comparable {
    /// The repository (git scans): its path as given, or the URL it was cloned from.
    public var repository: String?
    /// Path as given on the command line or relative to the scanned directory; `-` for stdin; in a
    /// repository, the path inside the tree.
    public var path: String
    /// 1-based line of the secret's first byte.
    public var line: Int
    /// 1-based byte column of the secret's first byte.
    public var column: Int
    /// Git blob id holding the secret (git scans).
    public var blob: String?
    /// Commit that introduced the blob at `path` (git scans; nil for an unreachable blob).
    public var commit: String?
    /// That commit's author name and email.
    public var author: String?
    public var email: String?
    /// That commit's author date, ISO 8601 with the author's offset.
    public var date: String?
    /// Whether the default branch's tip has this blob at this path.
    public var inLatest: Bool?
    /// The line carries a `secretradar:ignore` comment (reported only with `--include-ignored`).
    public var ignored: Bool?
    /// The secret was decoded from the text at this place (`base64`, `percent`, `escapes`,
    /// `concat`, or a chain such as `base64+escapes`); nil where it stands as it is.
    public var decoded: String?

    public init(
        repository: String? = nil, path: String, line: Int, column: Int, blob: String? = nil, commit: String? = nil,
        author: String? = nil, email: String? = nil, date: String? = nil, inLatest: Bool? = nil, ignored: Bool? = nil,
        decoded: String? = nil
    ) {
        self.decoded = decoded
        self.ignored = ignored
        self.repository = repository
        self.path = path
        self.line = line
        self.column = column
        self.blob = blob
        self.commit = commit
        self.author = author
        self.email = email
        self.date = date
        self.inLatest = inLatest
    }

    enum CodingKeys: String, CodingKey {
        case repository, path, line, column, blob, commit, author, email, date, ignored, decoded
        case inLatest = "in_latest"
    }

    /// Repository, path, line, column; then commit date and id, so the oldest occurrence of a place comes first.
    /// By repository, path, line, column, then date and commit. Field by field: comparing two
    /// tuples compared every field for equality and then again for order, and sorting a stored
    /// report's places spent most of its time here.
    public static func < (lhs: Location, rhs: Location) -> Bool {
        // A missing repository or date orders as an empty one, as before.
        let (lr, rr) = (lhs.repository ?? "", rhs.repository ?? "")
        if lr != rr { return lr < rr }
        if lhs.path != rhs.path { return lhs.path < rhs.path }
        if lhs.line != rhs.line { return lhs.line < rhs.line }
        if lhs.column != rhs.column { return lhs.column < rhs.column }
        let (ld, rd) = (lhs.date ?? "", rhs.date ?? "")
        if ld != rd { return ld < rd }
        return (lhs.commit ?? "") < (rhs.commit ?? "")
    }
}

/// Counts that say what a scan read and what it passed over, so nothing is skipped silently.
public struct ScanSummary: Sendable, Hashable, Codable {
    /// Files (or stdin streams) read and matched.
    public var files: Int
    /// Bytes matched.
    public var bytes: Int
    /// Files skipped because they look binary (NUL byte in the first 8 KiB).
    public var skippedBinary: Int
    /// Files skipped because they exceed the size limit.
    public var skippedLarge: Int
    /// Files that could not be read (each also reported as an error).
    public var unreadable: Int
    /// Files in which some rule stopped early (a PCRE2 limit on hostile input); each is also an error.
    public var incomplete: Int
    /// Distinct findings.
    public var findings: Int
    /// How the findings compare with a baseline, when the scan was given one.
    public var baseline: BaselineCounts?
    /// What a git scan walked and passed over; nil for file scans.
    public var git: GitScanCounts?

    public init(
        files: Int = 0, bytes: Int = 0, skippedBinary: Int = 0, skippedLarge: Int = 0,
        unreadable: Int = 0, incomplete: Int = 0, findings: Int = 0, git: GitScanCounts? = nil
    ) {
        self.git = git
        self.files = files
        self.bytes = bytes
        self.skippedBinary = skippedBinary
        self.skippedLarge = skippedLarge
        self.unreadable = unreadable
        self.incomplete = incomplete
        self.findings = findings
    }
}

/// Counts particular to a git history scan; blobs read are `ScanSummary.files`.
public struct GitScanCounts: Sendable, Hashable, Codable {
    /// Repositories scanned.
    public var repositories: Int
    /// Commits walked.
    public var commits: Int
    /// References read (branches, tags, remote-tracking refs, ...).
    public var refs: Int
    /// Distinct symbolic-link entries, not scanned (their content is a path).
    public var skippedSymlinks: Int
    /// Distinct submodule entries (commits of another repository), not scanned.
    public var skippedSubmodules: Int
    /// Git LFS pointer files, not scanned (the content lives on the LFS server).
    public var skippedLFS: Int
    /// Objects that could not be read (each also reported as an error).
    public var missingObjects: Int
    /// Blobs not read because the store says they were already matched under the same rules.
    public var knownBlobs: Int = 0

    public init(
        repositories: Int = 0, commits: Int = 0, refs: Int = 0, skippedSymlinks: Int = 0, skippedSubmodules: Int = 0,
        skippedLFS: Int = 0, missingObjects: Int = 0
    ) {
        self.repositories = repositories
        self.commits = commits
        self.refs = refs
        self.skippedSymlinks = skippedSymlinks
        self.skippedSubmodules = skippedSubmodules
        self.skippedLFS = skippedLFS
        self.missingObjects = missingObjects
    }

    enum CodingKeys: String, CodingKey {
        case repositories, commits, refs
        case skippedSymlinks = "skipped_symlinks"
        case skippedSubmodules = "skipped_submodules"
        case skippedLFS = "skipped_lfs"
        case missingObjects = "missing_objects"
        case knownBlobs = "known_blobs"
    }

    /// Adds another repository's counts.
    public mutating func add(_ other: GitScanCounts) {
        repositories += other.repositories
        commits += other.commits
        refs += other.refs
        skippedSymlinks += other.skippedSymlinks
        skippedSubmodules += other.skippedSubmodules
        skippedLFS += other.skippedLFS
        missingObjects += other.missingObjects
        knownBlobs += other.knownBlobs
    }
}

/// Where a finding stands against a migration baseline (docs/baseline.md).
public enum BaselineState: String, Sendable, Hashable, Codable, CaseIterable {
    /// A secret the baseline does not know.
    case new
    /// A secret the baseline knows, in places it knows (or moved away from them).
    case known
    /// A known secret that now also sits in a place the baseline did not have, while it is still
    /// in one of its baseline places: a copy, which spreads the credential.
    case newLocation = "new_location"
}

/// How many findings of a scan were new, new locations and known; `hidden` is how many known
/// ones the report leaves out (all of them unless `--show-known`).
public struct BaselineCounts: Sendable, Hashable, Codable {
    public var new: Int
    public var newLocation: Int
    public var known: Int
    public var hidden: Int

    public init(new: Int = 0, newLocation: Int = 0, known: Int = 0, hidden: Int = 0) {
        self.new = new
        self.newLocation = newLocation
        self.known = known
        self.hidden = hidden
    }

    enum CodingKeys: String, CodingKey {
        case new, known, hidden
        case newLocation = "new_location"
    }
}
