import Foundation
import GRDB
import RadarModel
import RadarSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Store {
    // MARK: scans

    /// The id of the source `locator` if the store has it (nothing is created).
    public func existingSource(locator: String) throws(StoreError) -> Int64? {
        try read("reading the source") { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM source WHERE locator = ?", arguments: [locator])
        }
    }

    /// The id of the source `locator`, created on first use.
    public func source(kind: String, locator: String) throws(StoreError) -> Int64 {
        try write("recording the source") { db in
            if let id = try Int64.fetchOne(db, sql: "SELECT id FROM source WHERE locator = ?", arguments: [locator]) { return id }
            try db.execute(
                sql: "INSERT INTO source (kind, locator, created_at) VALUES (?, ?, ?)", arguments: [kind, locator, Self.now()])
            return db.lastInsertedRowID
        }
    }

    /// Records the start of a scan. Earlier scans of this host left 'running' by a process that no
    /// longer exists (killed) are marked 'interrupted'.
    public func beginScan(sourceID: Int64, rulesDigest: String) throws(StoreError) -> Int64 {
        try write("starting a scan") { db in
            let running = try Row.fetchAll(db, sql: "SELECT id, pid FROM scan WHERE status = 'running'")
            for row in running {
                let pid: Int32? = row["pid"]
                if let pid, kill(pid, 0) != 0, errno == ESRCH {
                    try db.execute(sql: "UPDATE scan SET status = 'interrupted' WHERE id = ?", arguments: [row["id"] as Int64])
                }
            }
            try db.execute(
                sql: "INSERT INTO scan (source_id, started_at, status, pid, rules_digest) VALUES (?, ?, 'running', ?, ?)",
                arguments: [sourceID, Self.now(), getpid(), rulesDigest])
            Trace.mark("scan row written")
            return db.lastInsertedRowID
        }
    }

    /// Blobs of `sourceID` already matched under `rulesDigest`.
    public func scannedBlobs(sourceID: Int64, rulesDigest: String) throws(StoreError) -> Set<String> {
        try read("reading scanned blobs") { db in
            Set(
                try String.fetchAll(
                    db, sql: "SELECT blob_id FROM scanned_blob WHERE source_id = ? AND rules_digest = ?",
                    arguments: [sourceID, rulesDigest]))
        }
    }

    /// Which of `blobs` were already matched for `sourceID` under `rulesDigest` (looked up in
    /// batches: a rescan asks only about the blobs of new commits, not the whole history).
    public func scannedBlobs(sourceID: Int64, rulesDigest: String, among blobs: [String]) throws(StoreError) -> Set<String> {
        try read("reading scanned blobs") { db in
            var out: Set<String> = []
            var start = 0
            while start < blobs.count {
                let chunk = Array(blobs[start..<min(blobs.count, start + 500)])
                start += chunk.count
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let arguments: [any DatabaseValueConvertible] = [sourceID, rulesDigest] + chunk
                out.formUnion(
                    try String.fetchAll(
                        db, sql: "SELECT blob_id FROM scanned_blob WHERE source_id = ? AND rules_digest = ? AND blob_id IN (\(marks))",
                        arguments: StatementArguments(arguments)))
            }
            return out
        }
    }

    /// The tips covered by the latest completed scan of `sourceID` under `rulesDigest` that read
    /// everything. A scan that could not read some objects does not count: the next one walks the
    /// whole history again (skipping the blobs that were matched) and so retries what was missed.
    public func lastCompletedTips(sourceID: Int64, rulesDigest: String) throws(StoreError) -> [String]? {
        try read("reading the last scan") { db in
            guard
                let json = try String.fetchOne(
                    db,
                    sql: """
                        SELECT tips FROM scan WHERE source_id = ? AND rules_digest = ? AND status = 'completed' AND errors = 0
                            AND tips IS NOT NULL
                        ORDER BY id DESC LIMIT 1
                        """, arguments: [sourceID, rulesDigest])
            else { return nil }
            return try JSONDecoder().decode([String].self, from: Data(json.utf8))
        }
    }

    /// Writes everything a scan found and marks it completed, in one transaction: a scan killed
    /// before this returns leaves no trace but its 'running' row. Returns the ids first seen now.
    @discardableResult
    public func finishScan(id: Int64, sourceID: Int64, outcome: ScanOutcome) throws(StoreError) -> Set<String> {
        try write("recording the scan") { db in
            let rulesDigest = try String.fetchOne(db, sql: "SELECT rules_digest FROM scan WHERE id = ?", arguments: [id]) ?? ""
            var new: Set<String> = []
            let exists = try db.makeStatement(sql: "SELECT 1 FROM finding WHERE id = ?")
            let upsertFinding = try db.makeStatement(
                sql: """
                    INSERT INTO finding (id, rule_id, rule_name, severity, confidence, secret_redacted, entropy, first_seen_scan, last_seen_scan)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET last_seen_scan = excluded.last_seen_scan, severity = excluded.severity,
                        rule_name = excluded.rule_name
                    """)
            let upsertOccurrence = try db.makeStatement(
                sql: """
                    INSERT INTO occurrence (finding_id, source_id, blob_id, path, line, "column", commit_id, author, email, committed_at,
                        in_latest, first_seen_scan, last_seen_scan, decoded)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (finding_id, source_id, blob_id, path, line, "column") DO UPDATE SET
                        last_seen_scan = excluded.last_seen_scan, in_latest = excluded.in_latest,
                        commit_id = coalesce(occurrence.commit_id, excluded.commit_id)
                    """)
            for f in outcome.findings {
                if try Row.fetchOne(exists, arguments: [f.id]) == nil { new.insert(f.id) }
                try upsertFinding.execute(arguments: [
                    f.id, f.rule, f.ruleName, f.severity.rawValue, f.confidence.rawValue, f.secretRedacted, f.entropy, id, id,
                ])
                for l in f.locations {
                    try upsertOccurrence.execute(arguments: [
                        f.id, sourceID, l.blob ?? "", l.path, l.line, l.column, l.commit, l.author, l.email, l.date, l.inLatest, id, id,
                        l.decoded,
                    ])
                }
            }
            let markBlob = try db.makeStatement(
                sql: "INSERT OR IGNORE INTO scanned_blob (source_id, blob_id, rules_digest) VALUES (?, ?, ?)")
            for blob in outcome.scannedBlobs { try markBlob.execute(arguments: [sourceID, blob, rulesDigest]) }
            Trace.mark("findings written")
            let tips = try outcome.tips.map { String(decoding: try JSONEncoder().encode($0.sorted()), as: UTF8.self) }
            try db.execute(
                sql: """
                    UPDATE scan SET status = 'completed', ended_at = ?, blobs = ?, bytes = ?, skipped_known_blobs = ?, findings = ?,
                        new_findings = ?, errors = ?, tips = ?
                    WHERE id = ?
                    """,
                arguments: [
                    Self.now(), outcome.blobs, outcome.bytes, outcome.skippedKnownBlobs, outcome.findings.count, new.count, outcome.errors,
                    tips, id,
                ])
            return new
        }
    }

    /// Where each stored finding of a source sits inside its blobs: (finding, blob, line, column),
    /// for recording new places of known secrets without re-reading their blobs.
    public func knownPlaces(sourceID: Int64, blobs: [String]) throws(StoreError) -> [KnownPlace] {
        try read("reading known places") { db in
            let statement = try db.makeStatement(
                sql: """
                    SELECT DISTINCT finding_id, blob_id, line, "column", decoded FROM occurrence WHERE source_id = ? AND blob_id = ?
                    """)
            var out: [KnownPlace] = []
            for blob in Set(blobs) where !blob.isEmpty {
                for row in try Row.fetchAll(statement, arguments: [sourceID, blob]) {
                    out.append(KnownPlace(finding: row[0], blob: row[1], line: row[2], column: row[3], decoded: row[4]))
                }
            }
            return out
        }
    }

    /// The findings with these ids, without their locations.
    public func findings(ids: [String]) throws(StoreError) -> [Finding] {
        try read("reading findings") { db in
            let statement = try db.makeStatement(sql: "SELECT * FROM finding WHERE id = ?")
            return try ids.compactMap { id in
                try Row.fetchOne(statement, arguments: [id]).map { row in
                    Finding(
                        id: row["id"], rule: row["rule_id"], ruleName: row["rule_name"],
                        confidence: Confidence(rawValue: row["confidence"]) ?? .medium, secretRedacted: row["secret_redacted"],
                        entropy: row["entropy"], locations: [], status: TriageStatus(rawValue: row["status"]))
                }
            }
        }
    }

    /// Sets `in_latest` of a source's git occurrences from the blobs the default branch's tip has
    /// at their paths (`blobsAt` maps paths to blob ids; a path it leaves out is not in the tip; if it throws, nothing changes).
    /// One pass in one transaction; only rows whose value changes are written.
    public func refreshLatest(sourceID: Int64, blobsAt: ([String]) throws -> [String: String]) throws(StoreError) {
        try write("updating in_latest") { db in
            var rows: [(id: Int64, path: String, blob: String, latest: Bool?)] = []
            let cursor = try Row.fetchCursor(
                db, sql: "SELECT id, path, blob_id, in_latest FROM occurrence WHERE source_id = ? AND blob_id != ''", arguments: [sourceID])
            while let row = try cursor.next() { rows.append((row[0], row[1], row[2], row[3])) }
            let atTip = try blobsAt(Array(Set(rows.map(\.path))))
            let update = try db.makeStatement(sql: "UPDATE occurrence SET in_latest = ? WHERE id = ?")
            for row in rows {
                let now = atTip[row.path] == row.blob
                if row.latest != now { try update.execute(arguments: [now, row.id]) }
            }
        }
    }

    /// Marks a scan failed (it could not run at all).
    public func failScan(id: Int64) throws(StoreError) {
        try write("recording a failed scan") { db in
            try db.execute(sql: "UPDATE scan SET status = 'failed', ended_at = ? WHERE id = ?", arguments: [Self.now(), id])
        }
    }
}
