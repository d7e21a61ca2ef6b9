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
        do { return try openKept(path(explicit)) } catch { fail(error.description) }
    }

    /// Opens the store at `path` and keeps it open until the process exits (see `open`).
    @Sendable static func openKept(_ path: String) throws(StoreError) -> Store {
        let store = try Store(path: path)
        keptOpen.lock()
        defer { keptOpen.unlock() }
        openStores.append(store)
        return store
    }

    /// The stores opened by this process, never released; guarded by `keptOpen`.
    nonisolated(unsafe) static var openStores: [Store] = []
    static let keptOpen = NSLock()

    /// The key and, when recording, the store (`KeyChoice`: a key file or `$SECRETRADAR_HASH_KEY`,
    /// else the store's key); exits 2 with the reason when either cannot be used.
    static func keyAndStore(keyFile: String?, store explicit: String?, record: Bool) -> (FindingKey, Store?) {
        do {
            return try KeyChoice.choose(
                keyFile: keyFile, environmentHex: Resources.variable("SECRETRADAR_HASH_KEY"), storePath: path(explicit),
                record: record, open: { _ in open(explicit) })
        } catch { fail(error.description) }
    }
}
