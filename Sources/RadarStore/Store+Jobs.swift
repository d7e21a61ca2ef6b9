import Foundation
import GRDB
import RadarModel

/// One push to scan: the ref and the commits before and after it (all-zero `before` for a new
/// branch or tag, all-zero `after` for a deleted one).
public struct PushRange: Codable, Sendable, Hashable {
    public var ref: String
    public var before: String
    public var after: String

    public init(ref: String, before: String, after: String) {
        self.ref = ref
        self.before = before
        self.after = after
    }

    public static let zero = String(repeating: "0", count: 40)
    /// A deleted ref: nothing was introduced.
    public var isDeletion: Bool { after.allSatisfy { $0 == "0" } }
}

/// A queued scan of what pushes to one project introduced (docs/service.md).
public struct Job: Sendable, Hashable {
    public enum State: String, Sendable, Codable, CaseIterable {
        case queued, running, done, failed
    }

    public var id: Int64
    public var project: String
    public var cloneURL: String
    public var ranges: [PushRange]
    public var state: State
    public var attempts: Int
    public var lastError: String?
    public var scanIDs: [Int64]
    public var newFindings: Int?
    public var worker: String?
    /// Milliseconds since 1970.
    public var createdAt: Int64
    public var updatedAt: Int64
    public var leaseUntil: Int64?
    public var notBefore: Int64
}

/// What became of one webhook delivery.
public enum Enqueued: Sendable, Equatable {
    /// A new job.
    case queued(job: Int64)
    /// Added to the project's job that was still waiting.
    case merged(job: Int64)
    /// Seen before (the same delivery id, or the same push): nothing queued.
    case duplicate(job: Int64?)
    /// A deleted ref: nothing to scan, nothing queued.
    case nothingToScan
}

/// The queue `serve` works from. SQLite implements it here; a PostgreSQL implementation can take
/// it over for several processes on several machines (docs/service.md says what changes).
public protocol JobQueue: Sendable {
    func enqueue(project: String, cloneURL: String, push: PushRange, deliveryID: String?, now: Int64) throws(StoreError) -> Enqueued
    func claim(worker: String, lease: Int64, now: Int64) throws(StoreError) -> Job?
    func heartbeat(job: Int64, worker: String, lease: Int64, now: Int64) throws(StoreError) -> Bool
    func complete(job: Int64, worker: String, scanIDs: [Int64], newFindings: Int, now: Int64) throws(StoreError)
    func fail(job: Int64, worker: String, error: String, retryAt: Int64?, now: Int64) throws(StoreError)
    func handBack(job: Int64, worker: String, now: Int64) throws(StoreError)
    func requeue(workersGone: (String) -> Bool, now: Int64) throws(StoreError) -> Int
    func jobs(state: Job.State?, limit: Int, afterID: Int64?) throws(StoreError) -> [Job]
    func job(_ id: Int64) throws(StoreError) -> Job?
    func jobCounts() throws(StoreError) -> [Job.State: Int]
}

extension Store {
    /// Records how a job classified findings of the source `locator` against its baseline.
    public func recordBaseline(locator: String, states: [String: BaselineState], job: Int64) throws(StoreError) {
        try write("recording baseline states") { db in
            guard let source = try Int64.fetchOne(db, sql: "SELECT id FROM source WHERE locator = ?", arguments: [locator]) else { return }
            let statement = try db.makeStatement(
                sql: "INSERT OR REPLACE INTO finding_baseline (source_id, finding_id, state, job_id) VALUES (?, ?, ?, ?)")
            for (finding, state) in states { try statement.execute(arguments: [source, finding, state.rawValue, job]) }
        }
    }

    /// The baseline state of each finding that has one; of several sources, the one that needs
    /// most attention (new, then new_location, then known).
    public func baselineStates(ids: [String]) throws(StoreError) -> [String: BaselineState] {
        try read("reading baseline states") { db in
            var out: [String: BaselineState] = [:]
            let rank: [BaselineState: Int] = [.new: 0, .newLocation: 1, .known: 2]
            for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                for row in try Row.fetchAll(
                    db, sql: "SELECT finding_id, state FROM finding_baseline WHERE finding_id IN (\(marks))",
                    arguments: StatementArguments(chunk))
                {
                    guard let state = BaselineState(rawValue: row["state"]) else { continue }
                    let id: String = row["finding_id"]
                    if let known = out[id], rank[known]! <= rank[state]! { continue }
                    out[id] = state
                }
            }
            return out
        }
    }
}

extension Store: JobQueue {
    public static func milliseconds(_ date: Date = Date()) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    static let jobColumns =
        "id, project, clone_url, state, attempts, last_error, scan_ids, new_findings, worker, created_at, updated_at, lease_until, not_before"

    /// A job row with its ranges (its pushes, in the order they came).
    static func job(_ row: Row, _ db: Database) throws -> Job {
        let ranges = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT ref, before, after FROM job_push WHERE job_id = ? ORDER BY id"), arguments: [row["id"] as Int64]
        ).map { PushRange(ref: $0["ref"], before: $0["before"], after: $0["after"]) }
        let scans = (row["scan_ids"] as String?).map { $0.split(separator: ",").compactMap { Int64($0) } } ?? []
        return Job(
            id: row["id"], project: row["project"], cloneURL: row["clone_url"], ranges: ranges,
            state: Job.State(rawValue: row["state"]) ?? .failed, attempts: row["attempts"], lastError: row["last_error"], scanIDs: scans,
            newFindings: row["new_findings"], worker: row["worker"], createdAt: row["created_at"], updatedAt: row["updated_at"],
            leaseUntil: row["lease_until"], notBefore: row["not_before"])
    }

    public func enqueue(project: String, cloneURL: String, push: PushRange, deliveryID: String?, now: Int64) throws(StoreError)
        -> Enqueued
    {
        try write("queueing a push") { db in
            if let deliveryID,
                let row = try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT job_id FROM webhook_delivery WHERE event_uuid = ?"), arguments: [deliveryID])
            {
                return .duplicate(job: row["job_id"])
            }
            func remember(_ job: Int64?) throws {
                guard let deliveryID else { return }
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO webhook_delivery (event_uuid, job_id, received_at) VALUES (?, ?, ?)")
                    .execute(arguments: [deliveryID, job, now])
            }
            if push.isDeletion {
                try remember(nil)
                return .nothingToScan
            }
            if let known = try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT job_id FROM job_push WHERE project = ? AND ref = ? AND before = ? AND after = ?"),
                arguments: [project, push.ref, push.before, push.after])
            {
                try remember(known)
                return .duplicate(job: known)
            }
            let outcome: Enqueued
            let id: Int64
            if let waiting = try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT id FROM job WHERE project = ? AND state = 'queued' ORDER BY id LIMIT 1"),
                arguments: [project])
            {
                try db.cachedStatement(sql: "UPDATE job SET clone_url = ?, updated_at = ? WHERE id = ?").execute(arguments: [
                    cloneURL, now, waiting,
                ])
                id = waiting
                outcome = .merged(job: id)
            } else {
                try db.cachedStatement(
                    sql: "INSERT INTO job (project, clone_url, state, not_before, created_at, updated_at) VALUES (?, ?, 'queued', ?, ?, ?)"
                ).execute(arguments: [project, cloneURL, now, now, now])
                id = db.lastInsertedRowID
                outcome = .queued(job: id)
            }
            try db.cachedStatement(sql: "INSERT INTO job_push (job_id, project, ref, before, after) VALUES (?, ?, ?, ?, ?)")
                .execute(arguments: [id, project, push.ref, push.before, push.after])
            try remember(id)
            return outcome
        }
    }

    /// The oldest job that may run now, leased to `worker` for `lease` ms. Jobs whose lease ran out
    /// (their worker was killed) come back first. Two jobs of one project never run at once.
    public func claim(worker: String, lease: Int64, now: Int64) throws(StoreError) -> Job? {
        try write("claiming a job") { db in
            try db.execute(
                sql:
                    "UPDATE job SET state = 'queued', worker = NULL, lease_until = NULL, updated_at = ? WHERE state = 'running' AND lease_until < ?",
                arguments: [now, now])
            guard
                let id = try Int64.fetchOne(
                    db,
                    sql: """
                        SELECT id FROM job WHERE state = 'queued' AND not_before <= ?
                        AND project NOT IN (SELECT project FROM job WHERE state = 'running') ORDER BY id LIMIT 1
                        """, arguments: [now])
            else { return nil }
            try db.execute(
                sql: "UPDATE job SET state = 'running', attempts = attempts + 1, worker = ?, lease_until = ?, updated_at = ? WHERE id = ?",
                arguments: [worker, now + lease, now, id])
            return try Row.fetchOne(db, sql: "SELECT \(Self.jobColumns) FROM job WHERE id = ?", arguments: [id]).map {
                try Self.job($0, db)
            }
        }
    }

    /// Extends the lease; false when the job is no longer this worker's (the lease ran out and
    /// another worker took it): the worker must then drop its result.
    public func heartbeat(job: Int64, worker: String, lease: Int64, now: Int64) throws(StoreError) -> Bool {
        try write("extending a job's lease") { db in
            try db.execute(
                sql: "UPDATE job SET lease_until = ?, updated_at = ? WHERE id = ? AND worker = ? AND state = 'running'",
                arguments: [now + lease, now, job, worker])
            return db.changesCount == 1
        }
    }

    public func complete(job: Int64, worker: String, scanIDs: [Int64], newFindings: Int, now: Int64) throws(StoreError) {
        try write("completing a job") { db in
            try db.execute(
                sql: """
                    UPDATE job SET state = 'done', lease_until = NULL, last_error = NULL, scan_ids = ?, new_findings = ?, updated_at = ?
                    WHERE id = ? AND worker = ?
                    """, arguments: [scanIDs.map(String.init).joined(separator: ","), newFindings, now, job, worker])
        }
    }

    /// A failed attempt: back in the queue from `retryAt`, or failed for good when nil.
    public func fail(job: Int64, worker: String, error: String, retryAt: Int64?, now: Int64) throws(StoreError) {
        try write("recording a job's failure") { db in
            try db.execute(
                sql: """
                    UPDATE job SET state = ?, lease_until = NULL, worker = NULL, last_error = ?, not_before = ?, updated_at = ?
                    WHERE id = ? AND worker = ?
                    """, arguments: [retryAt == nil ? "failed" : "queued", error, retryAt ?? now, now, job, worker])
        }
    }

    /// A job given back unfinished (shutdown): queued again at once, the attempt not counted.
    public func handBack(job: Int64, worker: String, now: Int64) throws(StoreError) {
        try write("handing a job back") { db in
            try db.execute(
                sql: """
                    UPDATE job SET state = 'queued', attempts = MAX(attempts - 1, 0), lease_until = NULL, worker = NULL, not_before = ?,
                    updated_at = ? WHERE id = ? AND worker = ? AND state = 'running'
                    """, arguments: [now, now, job, worker])
        }
    }

    /// Running jobs whose worker is known to be gone (`workersGone`: a process of this machine
    /// that no longer exists) are queued again without waiting for their lease. Returns how many.
    public func requeue(workersGone: (String) -> Bool, now: Int64) throws(StoreError) -> Int {
        try write("requeueing jobs of stopped workers") { db in
            let running = try Row.fetchAll(db, sql: "SELECT id, worker FROM job WHERE state = 'running'")
            var count = 0
            for row in running where workersGone((row["worker"] as String?) ?? "") {
                try db.execute(
                    sql: "UPDATE job SET state = 'queued', worker = NULL, lease_until = NULL, updated_at = ? WHERE id = ?",
                    arguments: [now, row["id"] as Int64])
                count += 1
            }
            return count
        }
    }

    public func jobs(state: Job.State?, limit: Int, afterID: Int64?) throws(StoreError) -> [Job] {
        try read("listing jobs") { db in
            var conditions: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let state {
                conditions.append("state = ?")
                arguments.append(state.rawValue)
            }
            if let afterID {
                conditions.append("id < ?")
                arguments.append(afterID)
            }
            let condition = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            arguments.append(limit)
            return try Row.fetchAll(
                db, sql: "SELECT \(Self.jobColumns) FROM job\(condition) ORDER BY id DESC LIMIT ?",
                arguments: StatementArguments(arguments)
            ).map { try Self.job($0, db) }
        }
    }

    public func job(_ id: Int64) throws(StoreError) -> Job? {
        try read("reading a job") { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.jobColumns) FROM job WHERE id = ?", arguments: [id]).map { try Self.job($0, db) }
        }
    }

    public func jobCounts() throws(StoreError) -> [Job.State: Int] {
        try read("counting jobs") { db in
            var out: [Job.State: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM job GROUP BY state") {
                if let state = Job.State(rawValue: row["state"]) { out[state] = row["n"] }
            }
            return out
        }
    }
}
