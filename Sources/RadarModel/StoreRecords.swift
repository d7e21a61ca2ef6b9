/// What the store lists about its sources and scans: plain values, so that reports render them
/// without importing the store (docs/architecture.md).

/// A source as the store knows it.
public struct SourceRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var kind: String
    public var locator: String
    public var createdAt: String
    public var scans: Int
    public var findings: Int

    public init(id: Int64, kind: String, locator: String, createdAt: String, scans: Int, findings: Int) {
        self.id = id
        self.kind = kind
        self.locator = locator
        self.createdAt = createdAt
        self.scans = scans
        self.findings = findings
    }
}

/// One scan as the store knows it.
public struct ScanRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var source: String
    public var startedAt: String
    public var endedAt: String?
    public var status: String
    public var rulesDigest: String
    public var blobs: Int
    public var bytes: Int
    public var skippedKnownBlobs: Int
    public var findings: Int
    public var newFindings: Int
    public var errors: Int

    public init(
        id: Int64, source: String, startedAt: String, endedAt: String?, status: String, rulesDigest: String, blobs: Int, bytes: Int,
        skippedKnownBlobs: Int, findings: Int, newFindings: Int, errors: Int
    ) {
        self.id = id
        self.source = source
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.status = status
        self.rulesDigest = rulesDigest
        self.blobs = blobs
        self.bytes = bytes
        self.skippedKnownBlobs = skippedKnownBlobs
        self.findings = findings
        self.newFindings = newFindings
        self.errors = errors
    }
}
