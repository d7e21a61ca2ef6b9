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
    public var blobs: Int
    public var bytes: Int
    public var skippedKnownBlobs: Int
    public var errors: Int

    public init(
        findings: [Finding], scannedBlobs: [String] = [], tips: [String]? = nil, blobs: Int = 0, bytes: Int = 0, skippedKnownBlobs: Int = 0,
        errors: Int = 0
    ) {
        self.findings = findings
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

/// The SQLite store (WAL mode, so readers never wait for a scan that writes): sources, scans,
/// blobs already scanned, findings, occurrences, triage history and the hash key. Never a
/// plaintext secret (docs/store.md).
public final class Store: @unchecked Sendable {
    let pool: DatabaseQueue
    public let path: String

    /// `$SECRETRADAR_STORE`, else `$XDG_DATA_HOME/secretradar/radar.db`, else `~/.local/share/secretradar/radar.db`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let store = environment["SECRETRADAR_STORE"], !store.isEmpty { return store }
        let base =
            environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.local/share")
        return base + "/secretradar/radar.db"
    }

    /// Opens the store at `path`, creating it (mode 0600, its directory 0700) and migrating it.
    public init(path: String) throws(StoreError) {
        self.path = path
        let fm = FileManager.default
        if !fm.fileExists(atPath: path) {
            let directory = (path as NSString).deletingLastPathComponent
            do {
                try fm.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw .cannotOpen(path: path, message: "cannot create \(directory): \(error.localizedDescription)")
            }
            // Created private before SQLite writes anything into it; SQLite gives -wal and -shm the same mode.
            guard fm.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw .cannotOpen(path: path, message: String(cString: strerror(errno)).lowercased())
            }
        } else if let head = FileHandle(forReadingAtPath: path).map({ h in
            defer { try? h.close() }; return h.readData(ofLength: 16)
        }),
            !head.isEmpty, head != Data("SQLite format 3\0".utf8)
        {
            throw .notADatabase(path: path)
        }
        var config = Configuration()
        config.busyMode = .timeout(30)
        // WAL with synchronous=NORMAL: a commit is not fsynced until the next checkpoint. A crash
        // of secretradar (SIGKILL included) loses nothing; a power cut may lose the last scans,
        // never consistency — and a lost scan is simply redone. Each scan commits three times, and
        // FULL's fsyncs were a tenth of a rescan on a spinning or networked disk (docs/store.md).
        config.prepareDatabase { db in
            // WAL set here rather than by GRDB's `.wal` journal mode, whose set-up asks Foundation
            // for the log file's size, which on Linux reads /etc/passwd and /etc/group each time.
            guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                throw DatabaseError(message: "could not switch \(path) to write-ahead logging")
            }
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA journal_size_limit = 16777216")
        }
        do {
            // One connection in WAL mode: other processes (`findings list` during a scan) read
            // while this one writes; inside one run the store's calls are sequential, and a pool's
            // second (reader) connection cost more to open than it saved.
            pool = try DatabaseQueue(path: path, configuration: config)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw .notADatabase(path: path)
        } catch {
            throw .cannotOpen(path: path, message: "\(error)")
        }
        var migrator = DatabaseMigrator()
        for migration in Schema.migrations {
            migrator.registerMigration(migration.name) { db in try db.execute(sql: migration.sql) }
        }
        do {
            let superseded = try pool.read { db in try migrator.hasBeenSuperseded(db) }
            if superseded {
                let known = Set(Schema.migrations.map(\.name))
                let applied = try pool.read { db in try migrator.appliedIdentifiers(db) }
                throw StoreError.newerVersion(path: path, migrations: applied.filter { !known.contains($0) }.sorted())
            }
            try migrator.migrate(pool)
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw .notADatabase(path: path)
        } catch {
            throw .cannotOpen(path: path, message: "\(error)")
        }
    }

    /// Runs `body` in a write transaction, turning SQLite errors into `StoreError`.
    func write<T>(_ operation: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.write(body) } catch let error as StoreError { throw error } catch {
            throw .database(operation: operation, message: "\(error)")
        }
    }

    /// Runs `body` on a read snapshot.
    func read<T>(_ operation: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.read(body) } catch let error as StoreError { throw error } catch {
            throw .database(operation: operation, message: "\(error)")
        }
    }

    /// Now as the store writes times (a date formatter's ICU set-up cost a millisecond per run).
    static func now() -> String { CivilTime.utcMilliseconds(Date()) }

    // MARK: key

    /// The store's HMAC key, created (32 random bytes) on first use.
    public func hashKey() throws(StoreError) -> [UInt8] {
        try write("reading the hash key") { db in
            if let data = try Data.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'hash_key'") { return [UInt8](data) }
            var bytes = [UInt8](repeating: 0, count: 32)
            var generator = SystemRandomNumberGenerator()
            for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255, using: &generator) }
            try db.execute(sql: "INSERT INTO setting (key, value) VALUES ('hash_key', ?)", arguments: [Data(bytes)])
            return bytes
        }
    }

    /// Makes `bytes` the store's key (a key a team shares). Refused when the store already holds
    /// findings under a different key: their ids would no longer match.
    public func setHashKey(_ bytes: [UInt8]) throws(StoreError) {
        let path = self.path
        try write("setting the hash key") { db in
            let current = try Data.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'hash_key'").map { [UInt8]($0) }
            if current == bytes { return }
            if current != nil, try Int.fetchOne(db, sql: "SELECT count(*) FROM finding") ?? 0 > 0 {
                throw StoreError.keyConflict(path: path)
            }
            try db.execute(sql: "INSERT OR REPLACE INTO setting (key, value) VALUES ('hash_key', ?)", arguments: [Data(bytes)])
        }
    }

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

    /// The tips covered by the latest completed scan of `sourceID` under `rulesDigest`.
    public func lastCompletedTips(sourceID: Int64, rulesDigest: String) throws(StoreError) -> [String]? {
        try read("reading the last scan") { db in
            guard
                let json = try String.fetchOne(
                    db,
                    sql: """
                        SELECT tips FROM scan WHERE source_id = ? AND rules_digest = ? AND status = 'completed' AND tips IS NOT NULL
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
    /// at their paths (`blobsAt` maps paths to blob ids; a path it leaves out is not in the tip).
    /// One pass in one transaction; only rows whose value changes are written.
    public func refreshLatest(sourceID: Int64, blobsAt: ([String]) -> [String: String]) throws(StoreError) {
        try write("updating in_latest") { db in
            var rows: [(id: Int64, path: String, blob: String, latest: Bool?)] = []
            let cursor = try Row.fetchCursor(
                db, sql: "SELECT id, path, blob_id, in_latest FROM occurrence WHERE source_id = ? AND blob_id != ''", arguments: [sourceID])
            while let row = try cursor.next() { rows.append((row[0], row[1], row[2], row[3])) }
            let atTip = blobsAt(Array(Set(rows.map(\.path))))
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

    /// Every scan, newest first.
    public func scans() throws(StoreError) -> [ScanRecord] {
        try read("listing scans") { db in
            try Row.fetchAll(
                db, sql: "SELECT scan.*, source.locator FROM scan JOIN source ON source.id = scan.source_id ORDER BY scan.id DESC"
            )
            .map { row in
                ScanRecord(
                    id: row["id"], source: row["locator"], startedAt: row["started_at"], endedAt: row["ended_at"], status: row["status"],
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
