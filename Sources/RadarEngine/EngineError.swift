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
    /// A `.gitlab-ci.yml` could not be analysed as CI configuration (malformed YAML, an alias bomb).
    /// Its text was still matched like any file's, so no secret in it is missed.
    case ciConfiguration(path: String, message: String)

    /// Whether content went unread (a file, an object, a repository, a rule stopped early), as
    /// opposed to a problem beside the scan: a baseline is made only when nothing went unread.
    public var leftContentUnread: Bool {
        switch self {
        case .ciConfiguration, .key, .store: false
        default: true
        }
    }

    public var description: String {
        switch self {
        case .noSuchPath(let path): return "\(path): no such file or directory"
        case .unreadable(let path, let reason): return "\(path): \(reason)"
        case .key(let path, let reason): return "\(path): finding key: \(reason)"
        case .repository(let path, let message): return message.hasPrefix(path) ? message : "\(path): \(message)"
        case .object(let repository, let message): return "\(repository): \(message)"
        case .store(let message): return message
        case .ciConfiguration(let path, let message): return "\(path): not analysed as CI configuration (its text was scanned): \(message)"
        case .incomplete(let path, let rules):
            return
                "\(path): matching stopped early (PCRE2 limit) for \(rules.joined(separator: ", ")); findings of those rules in this file may be missing"
        }
    }
}
