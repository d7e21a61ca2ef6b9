import Foundation
import RadarMatch
import RadarModel
import RadarRules
import RadarStore
import RadarSupport

/// What a scan needs before it reads anything: the rules compiled into a matcher, and the finding
/// key with the store when the scan is recorded. The two are independent, and together they were
/// a fifth of a rescan, so the key and store are opened on another thread while the rules load and
/// compile on this one.
public enum ScanPreparation {
    /// The first thing that failed, with its own message.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        case rules(RuleLoadError)
        case matcher(MatchError)
        case keyOrStore(String)
        case config(ConfigError)

        public var description: String {
            switch self {
            case .config(let e): e.description
            case .rules(let e): e.description
            case .matcher(let e): e.description
            case .keyOrStore(let message): message
            }
        }
    }

    /// The matcher over the rules at `rulesPath` (parsed rules and compiled databases cached in
    /// `cacheDirectory` when given), the rules themselves, and what `keyAndStore` returns.
    public static func prepare(
        rulesPath: String, extraRules: [String] = [], config: RepositoryConfig? = nil, cacheDirectory: String?,
        matcherOptions: MatcherOptions, keyAndStore: @escaping @Sendable () throws -> (FindingKey, Store?)
    ) throws(Failure) -> (matcher: Matcher, rules: [Rule], key: FindingKey, store: Store?) {
        let opened = Opened()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            do { opened.value = .success(try keyAndStore()) } catch { opened.value = .failure(String(describing: error)) }
            Trace.mark("store opened")
        }
        let compiled: Result<(Matcher, [Rule]), Failure>
        do {
            compiled = .success(
                try matcher(
                    rulesPath: rulesPath, extraRules: extraRules, config: config, cacheDirectory: cacheDirectory, options: matcherOptions))
        } catch {
            compiled = .failure(error)
        }
        group.wait()
        let (matcher, rules) = try compiled.get()
        switch opened.value {
        case .success(let (key, store)): return (matcher, rules, key, store)
        case .failure(let error): throw .keyOrStore(error.description)
        case nil: throw .keyOrStore("the store was not opened")
        }
    }

    /// The matcher over the rules at `rulesPath` and `extraRules` (less those `config` disables),
    /// and the rules: for commands that need no key or store.
    public static func matcher(
        rulesPath: String, extraRules: [String] = [], config: RepositoryConfig? = nil, cacheDirectory: String?, options: MatcherOptions
    )
        throws(Failure)
        -> (matcher: Matcher, rules: [Rule])
    {
        var rules: [Rule]
        do {
            rules = try RuleLoader.load(path: rulesPath, extra: extraRules + (config?.extraRules ?? []), cacheDirectory: cacheDirectory)
        } catch { throw .rules(error) }
        if let config {
            do { rules = try config.applyDisabled(to: rules) } catch { throw .config(error) }
        }
        Trace.mark("rules loaded")
        defer { Trace.mark("compiled") }
        do { return (try Matcher(rules: rules, options: options), rules) } catch { throw .matcher(error) }
    }

    /// The other thread's result, read after it finished (`DispatchGroup.wait`).
    final class Opened: @unchecked Sendable {
        var value: Result<(FindingKey, Store?), StringError>?
    }

    struct StringError: Error, CustomStringConvertible {
        var description: String
    }
}

extension Result where Failure == ScanPreparation.StringError {
    static func failure(_ message: String) -> Self { .failure(ScanPreparation.StringError(description: message)) }
}
