/// Errors of the engine; each names the path or setting it is about.
public enum EngineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A path given to scan does not exist.
    case noSuchPath(String)
    /// A file or directory could not be read; the scan goes on without it.
    case unreadable(path: String, reason: String)
    /// Some rules stopped early on a file (PCRE2 match limit), so its findings may be incomplete.
    case incomplete(path: String, rules: [String])
    /// The finding-identity key could not be read or created.
    case key(path: String, reason: String)
    /// A repository could not be opened or walked (the whole repository is skipped).
    case repository(path: String, message: String)
    /// One git object could not be read; the scan went on without it.
    case object(repository: String, message: String)
    /// The store could not record or read something (the scan's own results are still reported).
    case store(message: String)

    public var description: String {
        switch self {
        case .noSuchPath(let path): return "\(path): no such file or directory"
        case .unreadable(let path, let reason): return "\(path): \(reason)"
        case .key(let path, let reason): return "\(path): finding key: \(reason)"
        case .repository(let path, let message): return message.hasPrefix(path) ? message : "\(path): \(message)"
        case .object(let repository, let message): return "\(repository): \(message)"
        case .store(let message): return message
        case .incomplete(let path, let rules):
            return
                "\(path): matching stopped early (PCRE2 limit) for \(rules.joined(separator: ", ")); findings of those rules in this file may be missing"
        }
    }
}
