import Foundation
import RadarMatch
import RadarModel

/// The scan a new baseline is made from (`baseline create`), with the rule that keeps a baseline
/// honest: a scan that could not read everything makes no baseline, since the baseline would
/// forget the secrets it did not see (docs/baseline.md).
public enum BaselineGathering {
    /// Why no baseline can be made from `target`.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        /// The target does not exist.
        case noSuchPath(String)
        /// The repository could not be opened (its only error).
        case repository(EngineError)
        /// Some content could not be read or matched completely; `errors` say what.
        case incomplete(target: String, errors: [EngineError])
        /// The scanner itself failed (an internal error).
        case scan(String)

        public var description: String {
            switch self {
            case .noSuchPath(let path): "\(path): no such file or directory"
            case .repository(let e): e.description
            case .incomplete(let target, _): "\(target): the scan was incomplete (see the warnings above); no baseline written"
            case .scan(let message): message
            }
        }
    }

    /// The findings of a complete scan of `target`: its whole history (`git`), or its files, and
    /// how the baseline names their places.
    public static func scan(
        _ target: String, git: Bool, matcher: Matcher, key: FindingKey, options: ScanOptions,
        progress: (@Sendable (ScanProgress) -> Void)? = nil
    ) throws(Failure) -> (findings: [Finding], paths: BaselinePaths, warnings: [EngineError]) {
        let result: ScanResult
        let paths: BaselinePaths
        do {
            if git {
                let scanner = GitScanner(matcher: matcher, key: key, options: GitScanOptions(incremental: true, common: options))
                result = try scanner.scan(targets: [RepositoryTarget(path: target, label: target)], recorder: nil, progress: progress)
                paths = .repository
            } else {
                guard FileManager.default.fileExists(atPath: target) else { throw Failure.noSuchPath(target) }
                result = try PathScanner(matcher: matcher, key: key, options: options).scan(paths: [target], progress: progress)
                paths = .files(targets: [target])
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .scan(String(describing: error))
        }
        if case .repository = result.errors.first, result.errors.count == 1 { throw .repository(result.errors[0]) }
        // Only content left unread stops a baseline; a CI file that is not valid configuration was
        // still matched as text, so it is a warning.
        let unread = result.errors.filter(\.leftContentUnread)
        if !unread.isEmpty { throw .incomplete(target: target, errors: unread) }
        return (result.findings, paths, result.errors)
    }
}
