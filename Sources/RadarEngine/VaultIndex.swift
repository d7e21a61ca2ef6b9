import Foundation
import RadarStore
import RadarVault

/// `vault index`: what a live Vault stores, as keyed hashes, so that scans can say a finding's
/// secret is managed in Vault (it leaked and must be rotated, not moved): HCP Vault Radar's "found
/// in Vault". Reads KV v2 mounts with a read-only token (list and read); keeps no value.
public enum VaultIndex {
    /// The hash a value is indexed and looked up by: the finding key's HMAC under a name of its own,
    /// so it matches whichever rule found the secret.
    public static func valueHash(_ value: [UInt8], key: FindingKey) -> String { key.findingID(ruleID: "vault.value", secret: value) }

    public struct Outcome: Sendable {
        public var secrets: [Store.VaultSecret] = []
        /// Paths read.
        public var paths = 0
        /// Mounts walked.
        public var mounts: [String] = []
        /// The walk stopped at `maxSecrets`: secrets past it are not indexed.
        public var truncated = false
    }

    /// At most this many secrets are read from one server (a bound on time and memory).
    public static let maxSecrets = 200_000

    /// Walks `mounts` (KV v2; empty: every KV v2 mount `sys/mounts` lists), listing `pageSize` keys
    /// a request.
    public static func index(
        client: VaultClient, key: FindingKey, mounts given: [String], pageSize: Int = 1000, maxSecrets: Int = maxSecrets
    ) throws(VaultError) -> Outcome {
        var mounts = given
        if mounts.isEmpty {
            guard let listed = try client.read("sys/mounts") else { throw .malformed(path: "sys/mounts") }
            let table = listed["data"] as? [String: Any] ?? listed
            for (name, info) in table {
                guard let info = info as? [String: Any], info["type"] as? String == "kv",
                    (info["options"] as? [String: Any])?["version"] as? String == "2"
                else { continue }
                mounts.append(String(name.dropLast(name.hasSuffix("/") ? 1 : 0)))
            }
            mounts.sort()
        }
        var outcome = Outcome()
        outcome.mounts = mounts
        for mount in mounts {
            var pending = [""]
            while let prefix = pending.popLast() {
                for entry in try client.listAll("\(mount)/metadata/\(prefix)", pageSize: pageSize) {
                    if entry.hasSuffix("/") {
                        pending.append(prefix + entry)
                        continue
                    }
                    guard outcome.paths < maxSecrets else {
                        outcome.truncated = true
                        return outcome
                    }
                    outcome.paths += 1
                    let path = prefix + entry
                    let fields = (try client.read("\(mount)/data/\(path)")?["data"] as? [String: Any])?["data"] as? [String: Any] ?? [:]
                    for (field, value) in fields {
                        guard let text = value as? String, !text.isEmpty else { continue }
                        outcome.secrets.append(
                            Store.VaultSecret(valueHash: valueHash(Array(text.utf8), key: key), path: "\(mount)/\(path)", field: field))
                    }
                }
            }
        }
        return outcome
    }
}
