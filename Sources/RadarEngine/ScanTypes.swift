import Dispatch
import Foundation
import RadarGitLab
import RadarMatch
import RadarModel
import RadarSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Settings of a file scan.
public struct ScanOptions: Sendable {
    /// Files larger than this are skipped and counted (default 25 MiB).
    public var maxFileSize: Int
    /// Put the plaintext secret into findings (`--show-secrets`).
    public var showSecrets: Bool
    /// Worker threads; defaults to the number of cores.
    public var workers: Int
    /// How many leading bytes are sniffed for a NUL to call a file binary.
    public var binarySniffLength: Int
    /// Values stored in Vault, by keyed hash (`vault index`, read from the store): a finding whose
    /// secret is one of them gets its `vaultPath`.
    public var vaultPaths: [String: String] = [:]
    /// Paths not scanned, matches and findings not reported (`--exclude`, `.secretradar.toml`,
    /// `.secretradarignore`).
    public var filter = ScanFilter()

    public init(
        maxFileSize: Int = 25 * 1024 * 1024, showSecrets: Bool = false,
        workers: Int = ProcessInfo.processInfo.activeProcessorCount, binarySniffLength: Int = 8192
    ) {
        self.maxFileSize = maxFileSize
        self.showSecrets = showSecrets
        self.workers = max(1, workers)
        self.binarySniffLength = binarySniffLength
    }
}

/// What a scan found and what it could not read.
public struct ScanResult: Sendable {
    /// Distinct findings, sorted by first location.
    public var findings: [Finding]
    /// Counts of what was read and skipped.
    public var summary: ScanSummary
    /// Inputs that could not be read; the scan went on without them.
    public var errors: [EngineError]
    /// Things a user should know that lose nothing (an unborn HEAD); they do not change the exit code.
    public var notices: [String] = []
    /// Problems in the `.gitlab-ci.yml` files the scan met (docs/gitlab-ci.md).
    public var ci: [CIFinding] = []
    /// Every file or blob passed over (binary, over the size limit), by name.
    public var skipped: [SkippedInput] = []
    /// Places and findings left out by the scan's filter (`ScanFilter`): never silently.
    public var filtered = FilteredCounts()

    public init(findings: [Finding], summary: ScanSummary, errors: [EngineError], notices: [String] = [], ci: [CIFinding] = []) {
        self.findings = findings
        self.summary = summary
        self.errors = errors
        self.notices = notices
        self.ci = ci
    }
}

/// What a scan's filter left out, for the closing note.
public struct FilteredCounts: Sendable, Hashable {
    /// Files and directories not scanned (`exclude`).
    public var excludedPaths = 0
    /// Places of matches not reported (excluded or allowlisted paths, allowlisted rules or secrets).
    public var places = 0
    /// Findings not reported (allowlisted ids).
    public var findings = 0

    public init() {}

    public var isEmpty: Bool { excludedPaths == 0 && places == 0 && findings == 0 }

    public mutating func add(_ other: FilteredCounts) {
        excludedPaths += other.excludedPaths
        places += other.places
        findings += other.findings
    }
}

/// Progress of a running scan, for a status line.
public struct ScanProgress: Sendable {
    /// Targets taken by workers so far.
    public var filesDone: Int
    /// All targets of the scan.
    public var filesTotal: Int
    /// Bytes matched so far, all workers.
    public var bytes: Int
    /// Rule matches so far (before folding into findings), all workers.
    public var matches: Int

    public init(filesDone: Int, filesTotal: Int, bytes: Int, matches: Int) {
        self.filesDone = filesDone
        self.filesTotal = filesTotal
        self.bytes = bytes
        self.matches = matches
    }
}

extension ScanResult {
    /// One line per skipped input worth naming (over the size limit always; binary too with
    /// `includeBinary`), at most `limit`, then how many more.
    public func skippedLines(includeBinary: Bool, limit: Int = 20) -> [String] {
        let named = skipped.filter { includeBinary || $0.reason != .binary }
        var lines = named.prefix(limit).map { "not scanned: \($0.description)" }
        if named.count > limit { lines.append("not scanned: \(named.count - limit) more (the JSON report lists them all)") }
        return lines
    }
}

extension ProgressLine {
    /// What a scanner calls with its progress: nil when the line is off, so the scanner skips the work.
    public var scanCallback: (@Sendable (ScanProgress) -> Void)? {
        guard enabled else { return nil }
        return { @Sendable p in self.show(done: p.filesDone, total: p.filesTotal, bytes: p.bytes, matches: p.matches) }
    }
}

extension ScanSummary {
    /// Adds another part's counts (findings are counted after folding, so they are not added).
    mutating func add(_ other: ScanSummary) {
        files += other.files
        bytes += other.bytes
        skippedBinary += other.skippedBinary
        skippedLarge += other.skippedLarge
        unreadable += other.unreadable
        incomplete += other.incomplete
        if let g = other.git {
            var mine = git ?? GitScanCounts()
            mine.add(g)
            git = mine
        }
    }
}
