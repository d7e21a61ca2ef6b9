/// Everything that can go wrong reading a repository, with the object, commit or path it concerns.
public enum GitError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path is not a git repository (neither a work tree nor a bare repository).
    case notARepository(path: String, message: String)
    /// The repository has no commits and no refs.
    case emptyRepository(path: String)
    /// A revision (`--range`, `--since-commit`) does not name a commit.
    case badRevision(String, message: String)
    /// An object could not be read or parsed; `context` says which commit or path needed it.
    case corruptObject(id: String, context: String, message: String)
    /// A libgit2 call failed.
    case libgit2(operation: String, message: String)
    /// A pack file or its index is malformed.
    case badPack(path: String, message: String)

    public var description: String {
        switch self {
        case .notARepository(let path, let message): "\(path): not a git repository (\(message))"
        case .emptyRepository(let path): "\(path): the repository is empty (no commits, no refs): nothing to scan"
        case .badRevision(let rev, let message): "\(rev): not a commit in this repository (\(message))"
        case .corruptObject(let id, let context, let message): "object \(id) (\(context)): cannot be read: \(message)"
        case .libgit2(let operation, let message): "\(operation): \(message)"
        case .badPack(let path, let message): "\(path): \(message)"
        }
    }
}
