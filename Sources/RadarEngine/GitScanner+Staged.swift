import Dispatch
import Foundation
import RadarGit
import RadarGitLab
import RadarMatch
import RadarModel
import RadarStore
import RadarSupport

/// The pre-commit hook's scan: what the index stages.
extension GitScanner {
    /// Scans what `git commit` would record: files staged in the index that differ from HEAD.
    /// Locations carry the staged path and no commit. `path == nil` opens the repository the
    /// environment names, as inside a git hook.
    public func scanStaged(repository path: String?) throws(MatchError) -> ScanResult {
        var assembler = FindingAssembler(matcher: matcher, key: key, options: options.common, pathsRelative: true)
        var summary = ScanSummary(git: GitScanCounts())
        var errors: [EngineError] = []
        var skipped: [SkippedInput] = []
        let shown = path ?? "."
        let scratches = try makeScratches()
        do throws(GitError) {
            let repo = try GitRepository(path: path)
            let staged = try repo.stagedFiles()
            var blobs: [ObjectID] = []
            var paths: [ObjectID: [String]] = [:]
            var counts = GitScanCounts(repositories: 1)
            for file in staged {
                switch file.kind {
                case .symlink: counts.skippedSymlinks += 1
                case .submodule: counts.skippedSubmodules += 1
                case .blob, .tree:
                    if paths[file.blob] == nil { blobs.append(file.blob) }
                    paths[file.blob, default: []].append(file.path)
                }
            }
            let matcher = self.matcher
            // A blob staged under several names is read once: as the first name a rule limited
            // to file names applies to, if any.
            let names = blobs.map { blob in
                let all = paths[blob] ?? []
                return all.first { !matcher.fileRuleIDs(forPath: $0).isEmpty } ?? all.first
            }
            let state = try readAndMatch(repo, blobs: blobs, scratches: scratches, progress: nil, path: { names[$0] })
            for w in state.slots {
                summary.add(w.summary)
                counts.skippedLFS += w.lfs
                for (position, error) in w.failures {
                    errors.append(.object(repository: shown, message: "staged \(paths[blobs[position]]?.first ?? "?"): \(error)"))
                    counts.missingObjects += 1
                }
                for (position, rules) in w.incomplete {
                    errors.append(.incomplete(path: paths[blobs[position]]?.first ?? "?", rules: rules))
                }
                for s in w.skipped {
                    for p in paths[blobs[s.position]] ?? [] {
                        skipped.append(SkippedInput(path: p, reason: s.reason, size: s.size, blob: blobs[s.position].hex))
                    }
                }
                for (position, m) in w.matches {
                    for p in paths[blobs[position]] ?? [] where matcher.rule(m.ruleID, appliesAt: p) {
                        assembler.add(
                            m,
                            at: Location(
                                repository: shown, path: p, line: m.line, column: m.column, blob: blobs[position].hex, decoded: m.decoded))
                    }
                }
            }
            summary.git?.add(counts)
        } catch {
            errors.append(.repository(path: shown, message: error.description))
        }
        var result = assembler.result(summary: summary, errors: errors)
        result.skipped = skipped
        return result
    }
}
