import Foundation
import GRDB
import RadarModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Store {
    // MARK: queries

    /// The triage status of each of `ids` the store knows.
    public func statuses(of ids: [String]) throws(StoreError) -> [String: TriageStatus] {
        try read("reading triage statuses") { db in
            var out: [String: TriageStatus] = [:]
            let statement = try db.makeStatement(sql: "SELECT status FROM finding WHERE id = ?")
            for id in ids {
                if let raw = try String.fetchOne(statement, arguments: [id]), let status = TriageStatus(rawValue: raw) { out[id] = status }
            }
            return out
        }
    }

    /// Findings matching `filter`, with their locations (each naming its source) and status.
    public func findings(_ filter: FindingFilter = FindingFilter()) throws(StoreError) -> [Finding] {
        try read("listing findings") { db in
            let (sql, arguments) = Self.findingsQuery(filter)
            let statement = try db.makeStatement(sql: sql)
            try statement.setArguments(arguments)
            // Severity follows in_latest and triage (SeverityModel), so it is filtered on the assembled
            // findings; the stored column is a snapshot for SQL readers.
            let findings = try Self.assemble(statement)
            guard let severity = filter.severity else { return findings }
            return findings.filter { $0.severity == severity }
        }
    }

    /// The SQL (and its arguments) of `findings(_:)` for `filter`, ordered by finding and place:
    /// `assemble` sorts again (Swift's string order is the authority), and places that arrive in
    /// order make that a pass of comparisons instead of moving hundreds of large values.
    static func findingsQuery(_ filter: FindingFilter) -> (String, StatementArguments) {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let rule = filter.rule {
            conditions.append("f.rule_id = ?")
            arguments.append(rule)
        }
        if let status = filter.status {
            conditions.append("f.status = ?")
            arguments.append(status.rawValue)
        }
        if let since = filter.sinceScan {
            conditions.append("f.first_seen_scan > ?")
            arguments.append(since)
        }
        if let scan = filter.asOfScan {
            conditions.append("o.first_seen_scan <= ? AND o.source_id = (SELECT source_id FROM scan WHERE id = ?)")
            arguments += [scan, scan]
        }
        if let baseline = filter.baseline {
            conditions.append("f.id IN (SELECT finding_id FROM finding_baseline WHERE state = ?)")
            arguments.append(baseline.rawValue)
        }
        if let source = filter.source {
            // Through the source's id, so that the occurrence index is used: matching on the joined
            // source row read the occurrences of every source in the store (each rescan's report).
            conditions.append("o.source_id IN (SELECT id FROM source WHERE locator = ? OR CAST(id AS TEXT) = ?)")
            arguments += [source, source]
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.map { "(\($0))" }.joined(separator: " AND ")
        let sql = """
            SELECT \(findingColumns)
            FROM finding f JOIN occurrence o ON o.finding_id = f.id JOIN source s ON s.id = o.source_id
            \(whereClause)
            ORDER BY f.id, s.locator, o.path, o.line, o."column", o.committed_at, o.commit_id
            """
        return (sql, StatementArguments(arguments))
    }

    /// The columns `assemble` reads, by position (GRDB's by-name lookup lowercases the name for
    /// every row and column).
    static let findingColumns = """
        f.id, f.rule_id, f.rule_name, f.confidence, f.secret_redacted, f.entropy, f.status,
        o.path, o.line, o."column", o.blob_id, o.commit_id, o.author, o.email, o.committed_at, o.in_latest, s.locator, s.kind,
        o.decoded
        """

    /// Findings from the rows of `statement` (`findingColumns`, arguments bound) in any order
    /// (fastest in `findingsQuery`'s), each finding's places sorted and the findings in report
    /// order. Read through a GRDB row cursor, columns by position.
    static func assemble(_ statement: Statement) throws -> [Finding] {
        var findings: [Finding] = []
        var position: [String: Int] = [:]
        let rows = try Row.fetchCursor(statement)
        while let row = try rows.next() {
            func text(_ column: Int) -> String { row[column] ?? "" }
            let id = text(0)
            let blob = text(10)
            let location = Location(
                repository: text(17) == "git" ? text(16) : nil, path: text(7), line: row[8] ?? 0, column: row[9] ?? 0,
                blob: blob.isEmpty ? nil : blob, commit: row[11], author: row[12], email: row[13], date: row[14],
                inLatest: (row[15] as Int?).map { $0 != 0 }, decoded: row[18])
            if let i = position[id] {
                findings[i].locations.append(location)
                continue
            }
            position[id] = findings.count
            findings.append(
                Finding(
                    id: id, rule: text(1), ruleName: text(2), confidence: Confidence(rawValue: text(3)) ?? .medium,
                    secretRedacted: text(4), entropy: row[5] ?? 0, locations: [location],
                    status: (row[6] as String?).flatMap(TriageStatus.init(rawValue:))))
        }
        for i in findings.indices { findings[i].locations.sort() }
        return findings.sorted { ($0.locations[0], $0.rule, $0.id) < ($1.locations[0], $1.rule, $1.id) }
    }

    /// The full id of the one finding whose id starts with `prefix` (at least 6 hex characters).
    func resolve(_ prefix: String, _ db: Database) throws -> String {
        let ids = try String.fetchAll(
            db, sql: "SELECT id FROM finding WHERE id >= ? AND id < ? LIMIT 2", arguments: [prefix, prefix + "g"])
        guard prefix.count >= 6, let first = ids.first else { throw StoreError.noSuchFinding(prefix) }
        if ids.count > 1 {
            let count =
                try Int.fetchOne(db, sql: "SELECT count(*) FROM finding WHERE id >= ? AND id < ?", arguments: [prefix, prefix + "g"]) ?? 2
            throw StoreError.ambiguousFinding(prefix, matches: count)
        }
        return first
    }

    /// One finding (by id or a unique prefix) with every location and its triage history.
    public func finding(_ prefix: String) throws(StoreError) -> (finding: Finding, history: [TriageEvent]) {
        try read("reading a finding") { db in
            let id = try resolve(prefix.lowercased(), db)
            let statement = try db.makeStatement(
                sql: """
                    SELECT \(Self.findingColumns)
                    FROM finding f JOIN occurrence o ON o.finding_id = f.id JOIN source s ON s.id = o.source_id
                    WHERE f.id = ? ORDER BY s.locator, o.path, o.line
                    """)
            try statement.setArguments([id])
            guard let finding = try Self.assemble(statement).first else { throw StoreError.noSuchFinding(prefix) }
            let history = try Row.fetchAll(
                db, sql: "SELECT status, comment, actor, at FROM triage_event WHERE finding_id = ? ORDER BY id", arguments: [id]
            ).map { row in
                TriageEvent(
                    status: TriageStatus(rawValue: row["status"]) ?? .new, comment: row["comment"], actor: row["actor"], at: row["at"])
            }
            return (finding, history)
        }
    }

    /// Sets the status of each finding (ids or unique prefixes) and records the decision. All or nothing.
    @discardableResult
    public func triage(_ prefixes: [String], status: TriageStatus, comment: String?, actor: String) throws(StoreError) -> [String] {
        try write("triaging") { db in
            var ids: [String] = []
            for prefix in prefixes { ids.append(try resolve(prefix.lowercased(), db)) }
            let at = Self.now()
            for id in ids {
                try db.execute(sql: "UPDATE finding SET status = ? WHERE id = ?", arguments: [status.rawValue, id])
                try db.execute(
                    sql: "INSERT INTO triage_event (finding_id, status, comment, actor, at) VALUES (?, ?, ?, ?, ?)",
                    arguments: [id, status.rawValue, comment, actor, at])
            }
            return ids
        }
    }

    /// The newest scan of the source `locator` (one indexed lookup, where `scans()` reads them all).
    public func latestScanID(locator: String) throws(StoreError) -> Int64? {
        try read("reading the latest scan") { db in
            try Int64.fetchOne(
                db,
                sql:
                    "SELECT scan.id FROM scan JOIN source ON source.id = scan.source_id WHERE source.locator = ? ORDER BY scan.id DESC LIMIT 1",
                arguments: [locator])
        }
    }

    /// Every scan, newest first.
    public func scans() throws(StoreError) -> [ScanRecord] {
        try read("listing scans") { db in
            try Row.fetchAll(
                db, sql: "SELECT scan.*, source.locator FROM scan JOIN source ON source.id = scan.source_id ORDER BY scan.id DESC"
            )
            .map { row in
                ScanRecord(
                    id: row["id"], source: row["locator"], startedAt: row["started_at"], endedAt: row["ended_at"],
                    // A completed scan that could not read everything says so (the next one retries).
                    status: row["status"] == "completed" && (row["errors"] as Int) > 0 ? "incomplete" : row["status"],
                    rulesDigest: row["rules_digest"], blobs: row["blobs"], bytes: row["bytes"],
                    skippedKnownBlobs: row["skipped_known_blobs"],
                    findings: row["findings"], newFindings: row["new_findings"], errors: row["errors"])
            }
        }
    }

    /// Every source, with how many scans and distinct findings it has.
    /// The source a user named: its locator exactly (as `sources list` shows it) or its id.
    public func source(named name: String) throws(StoreError) -> SourceRecord? {
        try sources().first { $0.locator == name || String($0.id) == name }
    }

    public func sources() throws(StoreError) -> [SourceRecord] {
        try read("listing sources") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT s.*, (SELECT count(*) FROM scan WHERE source_id = s.id) AS scans,
                        (SELECT count(DISTINCT finding_id) FROM occurrence WHERE source_id = s.id) AS findings
                    FROM source s ORDER BY s.locator
                    """
            ).map { row in
                SourceRecord(
                    id: row["id"], kind: row["kind"], locator: row["locator"], createdAt: row["created_at"], scans: row["scans"],
                    findings: row["findings"])
            }
        }
    }

    /// `PRAGMA integrity_check`: "ok" for a sound file.
    public func integrityCheck() throws(StoreError) -> String {
        try read("checking integrity") { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
    }

    /// The schema as SQLite holds it, for the golden test.
    public func schemaDump() throws(StoreError) -> String {
        try read("dumping the schema") { db in
            try String.fetchAll(
                db, sql: "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'grdb_%' ORDER BY type DESC, name"
            ).joined(separator: ";\n\n") + ";\n"
        }
    }
}
