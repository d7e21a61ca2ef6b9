import Foundation
import GRDB
import RadarModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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
}
