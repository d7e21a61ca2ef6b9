import Foundation
import GRDB

/// API bearer tokens (`secretradar token create`): the store keeps the SHA-256 of each token,
/// never the token, which is shown once when it is made.
public struct APIToken: Sendable, Hashable {
    public enum Scope: String, Sendable, CaseIterable, Comparable {
        case read, triage, admin
        var rank: Int {
            switch self {
            case .read: 0
            case .triage: 1
            case .admin: 2
            }
        }
        public static func < (a: Scope, b: Scope) -> Bool { a.rank < b.rank }
    }

    public var id: Int64
    public var name: String
    public var scope: Scope
    public var createdAt: String
    public var expiresAt: String?
    public var revokedAt: String?
    public var lastUsedAt: String?
    /// The SHA-256 of the token, hex.
    public var tokenHash: String
}

extension Store {
    public func createToken(name: String, scope: APIToken.Scope, tokenHash: String, expiresAt: String?) throws(StoreError) {
        try write("creating a token") { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM api_token WHERE name = ?", arguments: [name]) == true {
                throw StoreError.database(
                    operation: "creating a token", message: "a token named \(name) exists; revoke it or choose another name")
            }
            try db.execute(
                sql: "INSERT INTO api_token (name, scope, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [name, scope.rawValue, tokenHash, Self.now(), expiresAt])
        }
    }

    static func token(_ row: Row) -> APIToken {
        APIToken(
            id: row["id"], name: row["name"], scope: APIToken.Scope(rawValue: row["scope"]) ?? .read, createdAt: row["created_at"],
            expiresAt: row["expires_at"], revokedAt: row["revoked_at"], lastUsedAt: row["last_used_at"], tokenHash: row["token_hash"])
    }

    public func tokens() throws(StoreError) -> [APIToken] {
        try read("listing tokens") { db in try Row.fetchAll(db, sql: "SELECT * FROM api_token ORDER BY id").map(Self.token) }
    }

    /// The token whose hash is `tokenHash`, if any (revoked and expired ones included: the caller decides).
    public func token(hash tokenHash: String) throws(StoreError) -> APIToken? {
        try read("reading a token") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM api_token WHERE token_hash = ?", arguments: [tokenHash]).map(Self.token)
        }
    }

    public func touchToken(id: Int64) throws(StoreError) {
        try write("recording a token's use") { db in
            try db.execute(sql: "UPDATE api_token SET last_used_at = ? WHERE id = ?", arguments: [Self.now(), id])
        }
    }

    /// Revokes the token named `name`; false when there is none (or it was revoked already).
    public func revokeToken(name: String) throws(StoreError) -> Bool {
        try write("revoking a token") { db in
            try db.execute(
                sql: "UPDATE api_token SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL", arguments: [Self.now(), name])
            return db.changesCount == 1
        }
    }
}
