import Foundation
import GRDB

/// Values indexed from Vault (`vault index`): keyed hashes and where they are stored, no value.
extension Store {
    /// One stored value: its keyed hash, and its place (`mount/path#field`).
    public struct VaultSecret: Sendable, Hashable {
        public var valueHash: String
        public var path: String
        public var field: String

        public init(valueHash: String, path: String, field: String) {
            self.valueHash = valueHash
            self.path = path
            self.field = field
        }
    }

    /// Replaces what was indexed from `address` with `secrets`, in one transaction.
    public func replaceVaultIndex(address: String, secrets: [VaultSecret]) throws(StoreError) {
        try write("recording the Vault index") { db in
            try db.execute(sql: "DELETE FROM vault_secret WHERE address = ?", arguments: [address])
            let insert = try db.makeStatement(
                sql: "INSERT OR IGNORE INTO vault_secret (value_hash, address, path, field, indexed_at) VALUES (?, ?, ?, ?, ?)")
            let now = Self.now()
            for s in secrets { try insert.execute(arguments: [s.valueHash, address, s.path, s.field, now]) }
        }
    }

    /// Every indexed value hash with the first place (by path) it is stored at.
    public func vaultPaths() throws(StoreError) -> [String: String] {
        try read("reading the Vault index") { db in
            var out: [String: String] = [:]
            let cursor = try Row.fetchCursor(db, sql: "SELECT value_hash, path, field FROM vault_secret ORDER BY path, field")
            while let row = try cursor.next() {
                let hash: String = row[0]
                if out[hash] == nil { out[hash] = "\(row[1] as String)#\(row[2] as String)" }
            }
            return out
        }
    }
}
