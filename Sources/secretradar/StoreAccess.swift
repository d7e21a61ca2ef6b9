import Foundation
import RadarEngine
import RadarStore

/// Where the finding key and the store come from, in one place.
enum StoreAccess {
    /// The store path: `--store`, else `$SECRETRADAR_STORE`, else `$XDG_DATA_HOME/secretradar/radar.db`.
    static func path(_ explicit: String?) -> String { explicit ?? Store.defaultPath() }

    /// Opens the store or exits 2 with its message. The store stays open until the process exits
    /// (docs/store.md): every write is committed by then, so closing it changes nothing on disk,
    /// and GRDB's teardown (leaving Foundation's notification center, whose first use looks types
    /// up by name) cost 0.4 ms of every command.
    static func open(_ explicit: String?) -> Store {
        do {
            let store = try Store(path: path(explicit))
            keptOpen.lock()
            defer { keptOpen.unlock() }
            openStores.append(store)
            return store
        } catch { fail(error.description) }
    }

    /// The stores opened by this process, never released; guarded by `keptOpen`.
    nonisolated(unsafe) static var openStores: [Store] = []
    static let keptOpen = NSLock()

    /// The key and, when recording, the store. With `--hash-key-file` (or `$SECRETRADAR_HASH_KEY`) that key is used (and
    /// becomes the store's key: refused if the store already holds findings under another). With
    /// no key file: the store's key, created on first use; for a scan that is not recorded, the
    /// default store's key when that store exists, else a key for this run only.
    static func keyAndStore(keyFile: String?, store explicit: String?, record: Bool) -> (FindingKey, Store?) {
        var fileKey: FindingKey?
        if let keyFile {
            do { fileKey = try FindingKey.loadOrCreate(at: keyFile) } catch { fail(error.description) }
        } else if let hex = Resources.variable("SECRETRADAR_HASH_KEY"), !hex.isEmpty {
            // A CI job gets the team's key from a masked variable; the hex itself, never echoed.
            do { fileKey = try FindingKey(hex: hex, origin: "$SECRETRADAR_HASH_KEY") } catch { fail(error.description) }
        }
        let storePath = path(explicit)
        guard record || FileManager.default.fileExists(atPath: storePath) else {
            return (fileKey ?? FindingKey.random(), nil)
        }
        let store = open(explicit)
        do {
            if let fileKey {
                if record { try store.setHashKey(fileKey.bytes) }
                return (fileKey, record ? store : nil)
            }
            return (FindingKey(bytes: try store.hashKey()), record ? store : nil)
        } catch {
            fail(error.description)
        }
    }
}
