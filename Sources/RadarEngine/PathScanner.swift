import Dispatch
import Foundation
import RadarGitLab
import RadarMatch
import RadarModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Scans files, directories and stdin with one shared `Matcher` on every core.
///
/// Targets are listed first, then workers pull them one at a time, each with its own matcher
/// scratch (vectorscan scratch and PCRE2 match data are per thread). Matches are folded into
/// findings by (rule, secret) so a secret in three files is one finding with three locations.
public final class PathScanner: Sendable {
    let matcher: Matcher
    let key: FindingKey
    let options: ScanOptions

    public init(matcher: Matcher, key: FindingKey, options: ScanOptions = ScanOptions()) {
        self.matcher = matcher
        self.key = key
        self.options = options
    }

    /// Scans `paths` (`-` is stdin). `progress` is called from worker threads, at most a few times a second.
    /// `root`: the scanned root, that excluded and allowlisted paths are relative to (the filter's
    /// paths are not applied without it).
    public func scan(paths: [String], root: String? = nil, progress: (@Sendable (ScanProgress) -> Void)? = nil) throws(MatchError)
        -> ScanResult
    {
        let exclusion = root.flatMap {
            options.filter.exclude.isEmpty && options.filter.allowPaths.isEmpty
                ? nil : FileWalker.Exclusion(root: $0, filter: options.filter)
        }
        let (targets, walkErrors, excluded) = FileWalker.targets(for: paths, exclusion: exclusion)
        var result = try scan(targets: targets, initialErrors: walkErrors, progress: progress)
        result.filtered.excludedPaths += excluded
        // Every GitLab CI configuration met is also checked for what a move to Vault must fix.
        let analyzer = CIAnalyzer(matcher: matcher)
        for case .file(let path, let display) in targets where (display as NSString).lastPathComponent.hasSuffix(".gitlab-ci.yml") {
            do throws(GitLabError) {
                result.ci += try analyzer.analyze(file: path).map { f in
                    var f = f
                    if f.file == path { f.file = display }
                    return f
                }
            } catch {
                result.errors.append(.ciConfiguration(path: display, message: error.description))
            }
        }
        return result
    }

    /// Scans an explicit list of targets.
    public func scan(
        targets: [ScanTarget], initialErrors: [EngineError] = [], progress: (@Sendable (ScanProgress) -> Void)? = nil
    ) throws(MatchError) -> ScanResult {
        let workerCount = min(options.workers, max(1, targets.count))
        let scratches = try matcher.makeScratches(workerCount)
        let shared = SharedScanState(workers: workerCount, total: targets.count)
        let scratchBox = UncheckedBox(scratches)
        DispatchQueue.concurrentPerform(iterations: workerCount) { worker in
            let scratch = scratchBox.value[worker]
            var local = WorkerResult()
            while let index = shared.next() {
                scanOne(targets[index], scratch: scratch, into: &local)
                if let progress,
                    let snapshot = shared.progressIfDue(worker: worker, bytes: local.summary.bytes, matches: local.matches.count)
                {
                    progress(snapshot)
                }
            }
            shared.finish(worker: worker, local)
        }
        return assemble(shared.results, initialErrors: initialErrors)
    }

    /// Reads and matches one target.
    func scanOne(_ target: ScanTarget, scratch: MatcherScratch, into local: inout WorkerResult) {
        let display: String
        let read: ReadOutcome
        switch target {
        case .stdin:
            display = "-"
            read = FileReader.readStdin(limit: options.maxFileSize, sniff: options.binarySniffLength)
        case .file(let path, let shown):
            display = shown
            var first = FileReader.read(
                path: path, limit: options.maxFileSize, sniff: options.binarySniffLength, chunkAbove: ChunkedFile.threshold)
            if case .large = first {
                // Large text is matched in chunks: bounded memory, linear time.
                switch ChunkedFile.scan(path: path, display: display, matcher: matcher, scratch: scratch, sniff: options.binarySniffLength)
                {
                case .matched(let matches, let bytes, let incomplete):
                    local.summary.files += 1
                    local.summary.bytes += bytes
                    for m in matches { local.matches.append(PathMatch(path: display, match: m)) }
                    if !incomplete.isEmpty {
                        local.summary.incomplete += 1
                        local.errors.append(.incomplete(path: display, rules: incomplete))
                    }
                    return
                case .failed(let reason): first = .failed(reason)
                case .binary:
                    // Binary, or wide text (held to its own limit): read as such.
                    first = FileReader.read(path: path, limit: options.maxFileSize, sniff: options.binarySniffLength)
                }
            }
            read = first
        }
        switch read {
        case .tooLarge(let size):
            local.summary.skippedLarge += 1
            local.skipped.append(SkippedInput(path: display, reason: .tooLarge, size: size))
        case .large(let size):
            // Matched in chunks above; never arrives here, but if it did it would be named, not lost.
            local.summary.skippedLarge += 1
            local.skipped.append(SkippedInput(path: display, reason: .tooLarge, size: size))
        case .binary:
            local.summary.skippedBinary += 1
            local.skipped.append(SkippedInput(path: display, reason: .binary))
        case .failed(let reason):
            local.summary.unreadable += 1
            local.errors.append(.unreadable(path: display, reason: reason))
        case .bytes, .wide:
            let matches: [Match]
            switch read {
            case .wide(let raw, let encoding):
                local.summary.bytes += raw.count
                matches = WideText.scan(raw, encoding: encoding, matcher: matcher, scratch: scratch, path: display)
            case .bytes(let bytes):
                local.summary.bytes += bytes.count
                matches = matcher.scan(bytes, scratch: scratch, path: display)
            default: matches = []
            }
            local.summary.files += 1
            for m in matches { local.matches.append(PathMatch(path: display, match: m)) }
            if !scratch.incompleteRules.isEmpty {
                local.summary.incomplete += 1
                local.errors.append(.incomplete(path: display, rules: scratch.incompleteRules))
            }
        }
    }

    /// Folds matches into findings.
    func assemble(_ results: [WorkerResult], initialErrors: [EngineError]) -> ScanResult {
        var summary = ScanSummary()
        var errors = initialErrors
        // Directories and special files the walk could not enter are counted with unreadable files.
        summary.unreadable = initialErrors.filter { if case .unreadable = $0 { true } else { false } }.count
        // Excluded and allowlisted paths were left out by the walk (`FileWalker`), where paths are
        // known relative to the root.
        var assembler = FindingAssembler(matcher: matcher, key: key, options: options, pathsRelative: false)
        var skipped: [SkippedInput] = []
        for r in results {
            summary.add(r.summary)
            errors += r.errors
            skipped += r.skipped
            for pm in r.matches {
                assembler.add(
                    pm.match, at: Location(path: pm.path, line: pm.match.line, column: pm.match.column, decoded: pm.match.decoded))
            }
        }
        var result = assembler.result(summary: summary, errors: errors)
        result.skipped = skipped.sorted { ($0.path, $0.reason.rawValue) < ($1.path, $1.reason.rawValue) }
        return result
    }
}
