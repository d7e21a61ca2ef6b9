import Foundation
import RadarGit
import RadarModel
import RadarStore

/// Baselines made from what the store holds rather than from a new scan (`baseline … --from-store`),
/// and the triage statuses a scanned baseline takes from the store.
extension BaselineGathering {
    /// Why the store could not give a baseline its findings.
    public enum StoreFailure: Error, Sendable, CustomStringConvertible {
        /// No source of that name or id in the store.
        case noSuchSource(String, store: String)
        /// The store could not be read.
        case store(StoreError)

        public var description: String {
            switch self {
            case .noSuchSource(let name, let store): "no source \(name) in \(store) (see `secretradar sources list`)"
            case .store(let e): e.description
            }
        }
    }

    /// Baseline entries of scanned findings, each with the triage status the store has for it (new
    /// when the store does not know it, or there is no store). A store that cannot be read stops
    /// the baseline: statuses silently dropped would bring dismissed findings back as new.
    public static func entries(of findings: [Finding], paths: BaselinePaths, statusesFrom store: Store?) throws(StoreFailure)
        -> [Baseline.Entry]
    {
        var findings = findings
        if let store {
            let statuses: [String: TriageStatus]
            do { statuses = try store.statuses(of: findings.map(\.id)) } catch { throw .store(error) }
            for i in findings.indices { findings[i].status = statuses[findings[i].id] }
        }
        return Baseline.entries(from: findings, path: paths.path)
    }

    /// The stored findings of one source (`name`: its locator or id), with their statuses, as
    /// baseline entries, and the identity of the repository they came from: read from the
    /// repository when it is still on disk, else the remote its locator names.
    public static func fromStore(_ store: Store, source name: String) throws(StoreFailure) -> (
        source: Baseline.Source?, entries: [Baseline.Entry]
    ) {
        let record: SourceRecord
        let findings: [Finding]
        do {
            guard let found = try store.source(named: name) else { throw StoreFailure.noSuchSource(name, store: store.path) }
            record = found
            findings = try store.findings(FindingFilter(source: found.locator))
        } catch let failure as StoreFailure {
            throw failure
        } catch let error as StoreError {
            throw .store(error)
        } catch {
            throw .store(.database(operation: "reading source \(name)", message: "\(error)"))
        }
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: record.locator, isDirectory: &isDirectory)
        if record.kind == "git" {
            let identity =
                exists
                ? BaselineSource.identify(record.locator, exact: true)
                : Baseline.Source(remote: RemoteURL.normalized(record.locator), rootCommits: [])
            return (identity, Baseline.entries(from: findings, path: BaselinePaths.repository.path))
        }
        // Stored file paths are relative to the scanned directory (or the file's own directory).
        let directory = isDirectory.boolValue ? record.locator : (record.locator as NSString).deletingLastPathComponent
        let paths = BaselinePaths.files(targets: [directory])
        let entries = Baseline.entries(from: findings) { l in
            paths.path(Location(path: l.path.hasPrefix("/") ? l.path : directory + "/" + l.path, line: l.line, column: l.column))
        }
        return (BaselineSource.identify(directory, exact: false), entries)
    }
}
