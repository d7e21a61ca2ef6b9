import Foundation
import GRDB
import RadarModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a finished scan writes, all in one transaction.
public struct ScanOutcome: Sendable {
    /// Findings with their locations (a location's `repository` is ignored: the source is the scan's).
    public var findings: [Finding]
    /// Blobs read and matched (git scans), so later scans under the same rules skip them.
    public var scannedBlobs: [String]
    /// Ref tips the scan covered (git scans).
    public var tips: [String]?
    /// A rescan that found the refs moved since the last scan: stored places may have entered or
    /// left the default branch's tip, so the caller refreshes `in_latest` (not stored itself).
    public var walkedNewCommits: Bool
    public var blobs: Int
    public var bytes: Int
    public var skippedKnownBlobs: Int
    public var errors: Int

    public init(
        findings: [Finding], scannedBlobs: [String] = [], tips: [String]? = nil, walkedNewCommits: Bool = false, blobs: Int = 0,
        bytes: Int = 0, skippedKnownBlobs: Int = 0, errors: Int = 0
    ) {
        self.findings = findings
        self.walkedNewCommits = walkedNewCommits
        self.scannedBlobs = scannedBlobs
        self.tips = tips
        self.blobs = blobs
        self.bytes = bytes
        self.skippedKnownBlobs = skippedKnownBlobs
        self.errors = errors
    }
}

/// Which findings `findings(_:)` returns.
public struct FindingFilter: Sendable {
    /// Source locator (exact) or id.
    public var source: String?
    public var rule: String?
    public var severity: Severity?
    public var status: TriageStatus?
    /// Only findings first seen by a scan after this one.
    public var sinceScan: Int64?
    /// The source's findings as they stood after this scan: only places recorded by it or before,
    /// in its source.
    public var asOfScan: Int64?
    /// Only findings `serve` classified so against their project's baseline.
    public var baseline: BaselineState?

    public init(
        source: String? = nil, rule: String? = nil, severity: Severity? = nil, status: TriageStatus? = nil, sinceScan: Int64? = nil,
        asOfScan: Int64? = nil
    ) {
        self.asOfScan = asOfScan
        self.source = source
        self.rule = rule
        self.severity = severity
        self.status = status
        self.sinceScan = sinceScan
    }
}

/// Where a known finding sits in a blob already scanned: what a rescan copies to the blob's new paths.
public struct KnownPlace: Sendable, Hashable {
    public var finding: String
    public var blob: String
    public var line: Int
    public var column: Int
    /// How the secret was decoded there, as in `Location.decoded`.
    public var decoded: String?

    public init(finding: String, blob: String, line: Int, column: Int, decoded: String? = nil) {
        self.finding = finding
        self.blob = blob
        self.line = line
        self.column = column
        self.decoded = decoded
    }
}
