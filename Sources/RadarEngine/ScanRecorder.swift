import Crypto
import Foundation
import RadarModel
import RadarStore

/// A scan of one source in progress in the store.
public struct RecordingSession: Sendable {
    public var sourceID: Int64
    public var scanID: Int64
    /// Tips covered by the last completed scan of this source under the current rules.
    public var previousTips: [String]
}

/// Records scans into the store: one source per repository or path, one scan row per run, and
/// everything found written in one transaction at the end (docs/store.md).
public final class ScanRecorder: Sendable {
    public let store: Store
    /// SHA-256 of the rule set; blobs matched under another digest are matched again.
    public let rulesDigest: String

    /// `filter`: what the scan leaves out (`ScanFilter.digest`); blobs matched under another
    /// filter are matched again, so a narrower allowlist brings back what the wider one hid.
    public init(store: Store, rules: [Rule], filter: String = "") {
        self.store = store
        rulesDigest = filter.isEmpty ? Self.digest(rules) : Self.digest(rules, filter: filter)
    }

    /// The rules digest combined with a filter's.
    static func digest(_ rules: [Rule], filter: String) -> String {
        var hasher = SHA256()
        hasher.update(data: Array(("secretradar filter 1\u{0}" + digest(rules) + "\u{0}" + filter).utf8))
        return FindingKey.hex(hasher.finalize())
    }

    /// SHA-256 (hex) of the rules as canonical JSON (sorted keys), examples included: any change to
    /// a rule changes the digest.
    public static func digest(_ rules: [Rule]) -> String {
        // What decides matches, and nothing else (a reworded description must not rescan every
        // blob): fields length-prefixed so no two rule sets share bytes. Hashed directly: a JSON
        // encoding of the whole pack cost 2 ms of every rescan.
        // (Each string hashed from its own UTF-8, and the rules visited in id order through their
        // indices: copying every string into an array and sorting the rules themselves cost 0.2 ms.)
        var hasher = SHA256()
        func add(_ s: String) {
            var s = s
            s.withUTF8 { bytes in
                var n = UInt32(bytes.count).littleEndian
                withUnsafeBytes(of: &n) { hasher.update(bufferPointer: $0) }
                hasher.update(bufferPointer: UnsafeRawBufferPointer(bytes))
            }
        }
        add("secretradar rules digest 2")
        for index in rules.indices.sorted(by: { rules[$0].id < rules[$1].id }) {
            let rule = rules[index]
            add(rule.id)
            add(rule.pattern)
            add(rule.prefilter ?? "\u{0}")
            add(rule.minEntropy.map { String($0) } ?? "\u{0}")
            add(rule.valueFilters.map(\.rawValue).joined(separator: ","))
            // Added to the digest only when set, so that stores made before the field existed keep their digest.
            if rule.weakValues != .drop { add("weak_values=" + rule.weakValues.rawValue) }
            if let decode = rule.decode { add("decode=" + decode.rawValue) }
            add(rule.confidence.rawValue)
            add(rule.categories.joined(separator: ","))
        }
        return FindingKey.hex(hasher.finalize())
    }

    public func begin(kind: String, locator: String) throws(StoreError) -> RecordingSession {
        try begin(source: try store.source(kind: kind, locator: locator))
    }

    /// `begin` for a source the store already has (a rescan), else nil: nothing is recorded for a
    /// path before it has been opened as a repository once.
    public func beginKnown(locator: String) throws(StoreError) -> RecordingSession? {
        try store.existingSource(locator: locator).map { source throws(StoreError) in try begin(source: source) }
    }

    func begin(source: Int64) throws(StoreError) -> RecordingSession {
        let previous = try store.lastCompletedTips(sourceID: source, rulesDigest: rulesDigest) ?? []
        let scan = try store.beginScan(sourceID: source, rulesDigest: rulesDigest)
        return RecordingSession(sourceID: source, scanID: scan, previousTips: previous)
    }

    /// Which of `blobs` this source already had matched under the current rules.
    public func known(_ session: RecordingSession, among blobs: [String]) throws(StoreError) -> Set<String> {
        try store.scannedBlobs(sourceID: session.sourceID, rulesDigest: rulesDigest, among: blobs)
    }

    public func finish(_ session: RecordingSession, _ outcome: ScanOutcome) throws(StoreError) {
        try store.finishScan(id: session.scanID, sourceID: session.sourceID, outcome: outcome)
    }

    public func fail(_ session: RecordingSession) {
        try? store.failScan(id: session.scanID)
    }

    /// Records a file scan: one source per path given (`-` is standard input), each location
    /// going to the path it was found under.
    public func recordFiles(paths: [String], result: ScanResult) throws(StoreError) {
        let roots = paths.map { p in (given: p, locator: p == "-" ? "stdin" : URL(fileURLWithPath: p).standardizedFileURL.path) }
        var byRoot: [Int: [Finding]] = [:]
        for f in result.findings {
            var parts: [Int: [Location]] = [:]
            for l in f.locations {
                let root =
                    roots.indices.first { i in
                        let g = roots[i].given
                        return l.path == g || l.path.hasPrefix(g.hasSuffix("/") ? g : g + "/")
                    } ?? 0
                // Stored relative to its source, so a rescan from another directory matches.
                var stored = l
                let g = roots[root].given
                if l.path == g {
                    stored.path = (g as NSString).lastPathComponent
                } else if l.path.hasPrefix(g) {
                    stored.path = String(l.path.dropFirst(g.count).drop { $0 == "/" })
                }
                parts[root, default: []].append(stored)
            }
            for (root, locations) in parts {
                var copy = f
                copy.locations = locations
                byRoot[root, default: []].append(copy)
            }
        }
        for (i, root) in roots.enumerated() {
            let source = try store.source(kind: "path", locator: root.locator)
            let scan = try store.beginScan(sourceID: source, rulesDigest: rulesDigest)
            try store.finishScan(
                id: scan, sourceID: source,
                outcome: ScanOutcome(
                    findings: byRoot[i] ?? [], blobs: i == 0 ? result.summary.files : 0, bytes: i == 0 ? result.summary.bytes : 0,
                    errors: i == 0 ? result.errors.count : 0))
        }
    }

    /// What a stored git scan reports. A whole-history scan reports what the store holds for the
    /// scanned sources (`storedReport`); a range or `--since-commit` scan reports only what it found
    /// itself, with stored statuses. When the store cannot be read, the report is the scan's own,
    /// from memory, with the store's error beside it: never an empty report for a full disk.
    /// With `showSecrets`, findings only the store knew stay redacted (it keeps no plaintext), and a
    /// note says how many and why.
    public func report(
        _ result: ScanResult, scope: GitScanScope, sources: [(locator: String, label: String)], includeTriaged: Bool,
        showSecrets: Bool = false
    ) -> ScanResult {
        do {
            var out: ScanResult
            if case .all = scope {
                out = try storedReport(result, sources: sources, includeTriaged: includeTriaged)
            } else {
                out = try annotate(result, includeTriaged: includeTriaged)
            }
            let redacted = showSecrets ? out.findings.filter { $0.secret == nil }.count : 0
            if redacted > 0 {
                out.notices.append(
                    "\(redacted) finding\(redacted == 1 ? " was" : "s were") matched by an earlier scan and the store keeps no plaintext, so \(redacted == 1 ? "it stays" : "they stay") redacted; --no-store reads every blob again and shows them"
                )
            }
            return out
        } catch {
            var out = result
            out.errors.append(.store(message: "the report is this scan's own findings: \(error.description)"))
            return out
        }
    }

    /// The report of a stored git scan: every finding the store holds for the scanned sources —
    /// those found now and those found by earlier scans in blobs this one skipped as already
    /// scanned — so a rescan never looks cleaner than the repository is. Locations name each
    /// repository by the label it was given on the command line; plaintext secrets (only with
    /// `--show-secrets`) exist for the findings matched in this run.
    public func storedReport(_ result: ScanResult, sources: [(locator: String, label: String)], includeTriaged: Bool) throws(StoreError)
        -> ScanResult
    {
        var byID: [String: Finding] = [:]
        var merged: Set<String> = []
        let fresh = Dictionary(result.findings.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (locator, label) in sources {
            for var f in try store.findings(FindingFilter(source: locator)) {
                for i in f.locations.indices where f.locations[i].repository == locator { f.locations[i].repository = label }
                if var known = byID[f.id] {
                    known.locations += f.locations
                    byID[f.id] = known
                    merged.insert(f.id)
                } else {
                    f.secret = fresh[f.id]?.secret
                    byID[f.id] = f
                }
            }
        }
        // What this run found and the store lacks (its write failed: a full disk) is reported from
        // memory, so a failed write never makes the report cleaner than the scan.
        for f in result.findings {
            guard var known = byID[f.id] else {
                byID[f.id] = f
                continue
            }
            let stored = Set(known.locations.map(\.placeKey))
            let missing = f.locations.filter { !stored.contains($0.placeKey) }
            if !missing.isEmpty {
                known.locations += missing
                byID[f.id] = known
                merged.insert(f.id)
            }
        }
        var out = result
        // The store returns each finding's places sorted; only findings met in several sources
        // need sorting again.
        out.findings = byID.values.map { f in
            guard merged.contains(f.id) else { return f }
            var f = f
            f.locations.sort()
            return f
        }.filter { includeTriaged || $0.status?.silencesReports != true }
            .sorted { ($0.locations[0], $0.rule, $0.id) < ($1.locations[0], $1.rule, $1.id) }
        out.summary.findings = out.findings.count
        return out
    }

    /// Gives each finding its stored triage status and, unless `includeTriaged`, drops the ones a
    /// person marked false positive or ignored.
    public func annotate(_ result: ScanResult, includeTriaged: Bool) throws(StoreError) -> ScanResult {
        let statuses = try store.statuses(of: result.findings.map(\.id))
        var out = result
        out.findings = result.findings.compactMap { f in
            var f = f
            f.status = statuses[f.id] ?? .new
            return !includeTriaged && f.status?.silencesReports == true ? nil : f
        }
        out.summary.findings = out.findings.count
        return out
    }
}

extension Location {
    /// What tells two places of a finding apart, however they were read: the store's own key for a
    /// place (blob, path, line, column; the commit it keeps is the first that introduced it).
    var placeKey: String { [repository ?? "", path, String(line), String(column), blob ?? ""].joined(separator: "\u{0}") }
}
