import Foundation
import RadarStore

/// Which finding key a command uses, and whether it records into the store: the rule every command
/// follows, in one place (docs/finding-identity.md).
///
/// - A key file (`--hash-key-file`), else a key given in the environment (`$SECRETRADAR_HASH_KEY`,
///   hex: a CI job's masked variable), is used; a recording command makes it the store's key, which
///   the store refuses when it already holds findings under another.
/// - Otherwise the store's key, created on its first use; a command that does not record uses the
///   store's key when the store exists, else a key for this run only (ids then match nothing).
public enum KeyChoice {
    /// What went wrong: the key file or variable, or the store, with their own messages.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        case key(EngineError)
        case store(StoreError)

        public var description: String {
            switch self {
            case .key(let e): e.description
            case .store(let e): e.description
            }
        }
    }

    /// The key, and the store when `record`. `open` opens the store at `storePath` (the command
    /// line keeps its stores open until it exits).
    public static func choose(
        keyFile: String?, environmentHex: String?, storePath: String, record: Bool,
        open: (String) throws(StoreError) -> Store
    ) throws(Failure) -> (FindingKey, Store?) {
        var given: FindingKey?
        do {
            if let keyFile {
                given = try FindingKey.loadOrCreate(at: keyFile)
            } else if let hex = environmentHex, !hex.isEmpty {
                given = try FindingKey(hex: hex, origin: "$SECRETRADAR_HASH_KEY")
            }
        } catch { throw .key(error) }
        guard record || FileManager.default.fileExists(atPath: storePath) else { return (given ?? FindingKey.random(), nil) }
        do {
            let store = try open(storePath)
            if let given {
                if record { try store.setHashKey(given.bytes) }
                return (given, record ? store : nil)
            }
            return (FindingKey(bytes: try store.hashKey()), record ? store : nil)
        } catch { throw .store(error) }
    }
}
