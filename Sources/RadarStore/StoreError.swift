/// Everything the store can refuse, with the file or id it is about.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file exists but is not an SQLite database.
    case notADatabase(path: String)
    /// The store was written by a newer secretradar (migrations this version does not know).
    case newerVersion(path: String, migrations: [String])
    /// The store cannot be opened or created.
    case cannotOpen(path: String, message: String)
    /// A different hash key cannot replace the key of a store that already holds findings.
    case keyConflict(path: String)
    /// No finding has this id (or id prefix).
    case noSuchFinding(String)
    /// Several findings start with this prefix.
    case ambiguousFinding(String, matches: Int)
    /// An SQLite error during an operation.
    case database(operation: String, message: String)

    public var description: String {
        switch self {
        case .notADatabase(let path): "\(path): not a secretradar store (the file is not an SQLite database)"
        case .newerVersion(let path, let migrations):
            "\(path): written by a newer secretradar (unknown schema migrations: \(migrations.joined(separator: ", "))); upgrade secretradar to use it"
        case .cannotOpen(let path, let message): "\(path): cannot open the store: \(message)"
        case .keyConflict(let path):
            "\(path): the store already holds findings under another hash key; importing a different key would change every finding id (use a new store for the shared key)"
        case .noSuchFinding(let id): "no finding with id \(id)"
        case .ambiguousFinding(let id, let matches): "\(matches) findings have ids starting with \(id); give more characters"
        case .database(let operation, let message): "store: \(operation): \(message)"
        }
    }
}
