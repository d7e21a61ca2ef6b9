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

/// Settings of a file scan.
public struct ScanOptions: Sendable {
    /// Files larger than this are skipped and counted (default 25 MiB).
    public var maxFileSize: Int
    /// Put the plaintext secret into findings (`--show-secrets`).
    public var showSecrets: Bool
    /// Worker threads; defaults to the number of cores.
    public var workers: Int
    /// How many leading bytes are sniffed for a NUL to call a file binary.
    public var binarySniffLength: Int

    public init(
        maxFileSize: Int = 25 * 1024 * 1024, showSecrets: Bool = false,
        workers: Int = ProcessInfo.processInfo.activeProcessorCount, binarySniffLength: Int = 8192
    ) {
        self.maxFileSize = maxFileSize
        self.showSecrets = showSecrets
        self.workers = max(1, workers)
        self.binarySniffLength = binarySniffLength
    }
}

/// What a scan found and what it could not read.
public struct ScanResult: Sendable {
    /// Distinct findings, sorted by first location.
    public var findings: [Finding]
    /// Counts of what was read and skipped.
    public var summary: ScanSummary
    /// Inputs that could not be read; the scan went on without them.
    public var errors: [EngineError]
    /// Things a user should know that lose nothing (an unborn HEAD); they do not change the exit code.
    public var notices: [String] = []
    /// Problems in the `.gitlab-ci.yml` files the scan met (docs/gitlab-ci.md).
    public var ci: [CIFinding] = []
}

/// Progress of a running scan, for a status line.
public struct ScanProgress: Sendable {
    /// Targets taken by workers so far.
    public var filesDone: Int
    /// All targets of the scan.
    public var filesTotal: Int
    /// Bytes matched so far, all workers.
    public var bytes: Int
    /// Rule matches so far (before folding into findings), all workers.
    public var matches: Int
}

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
    public func scan(paths: [String], progress: (@Sendable (ScanProgress) -> Void)? = nil) throws(MatchError) -> ScanResult {
        let (targets, walkErrors) = FileWalker.targets(for: paths)
        var result = try scan(targets: targets, initialErrors: walkErrors, progress: progress)
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
                result.errors.append(.unreadable(path: display, reason: error.description))
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
            read = FileReader.read(path: path, limit: options.maxFileSize, sniff: options.binarySniffLength)
        }
        switch read {
        case .tooLarge:
            local.summary.skippedLarge += 1
        case .binary:
            local.summary.skippedBinary += 1
        case .failed(let reason):
            local.summary.unreadable += 1
            local.errors.append(.unreadable(path: display, reason: reason))
        case .bytes(let bytes):
            local.summary.files += 1
            local.summary.bytes += bytes.count
            for m in matcher.scan(bytes, scratch: scratch, path: display) {
                local.matches.append(PathMatch(path: display, match: m))
            }
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
        var assembler = FindingAssembler(matcher: matcher, key: key, showSecrets: options.showSecrets)
        for r in results {
            summary.add(r.summary)
            errors += r.errors
            for pm in r.matches {
                assembler.add(
                    pm.match, at: Location(path: pm.path, line: pm.match.line, column: pm.match.column, decoded: pm.match.decoded))
            }
        }
        return assembler.result(summary: summary, errors: errors)
    }
}

/// Folds matches into findings by (rule, secret): a secret in three places is one finding with three
/// locations, identified by the keyed hash (docs/finding-identity.md).
struct FindingAssembler {
    struct Key: Hashable {
        var rule: String
        var secret: [UInt8]
    }
    let matcher: Matcher
    let key: FindingKey
    let showSecrets: Bool
    var grouped: [Key: (match: Match, locations: [Location])] = [:]

    init(matcher: Matcher, key: FindingKey, showSecrets: Bool) {
        self.matcher = matcher
        self.key = key
        self.showSecrets = showSecrets
    }

    mutating func add(_ match: Match, at location: Location) {
        var location = location
        if match.ignored { location.ignored = true }
        grouped[Key(rule: match.ruleID, secret: match.secret), default: (match, [])].locations.append(location)
    }

    func result(summary: ScanSummary, errors: [EngineError]) -> ScanResult {
        var summary = summary
        var errors = errors
        let rulesByID = Dictionary(matcher.rules.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var findings: [Finding] = []
        for (key, value) in grouped {
            let rule = rulesByID[key.rule]
            let locations = Array(Set(value.locations)).sorted()
            findings.append(
                Finding(
                    id: self.key.findingID(ruleID: key.rule, secret: key.secret), rule: key.rule,
                    ruleName: rule?.name ?? key.rule,
                    confidence: value.match.confidence, secretRedacted: Redaction.redact(key.secret),
                    secret: showSecrets ? String(decoding: key.secret, as: UTF8.self) : nil,
                    entropy: (value.match.entropy * 1000).rounded() / 1000, locations: locations))
        }
        // Sort indices, not the (large) findings themselves: a hostile file can yield 10^5 findings.
        let order = findings.indices.sorted { a, b in
            let (x, y) = (findings[a], findings[b])
            return (x.locations[0], x.rule, x.id) < (y.locations[0], y.rule, y.id)
        }
        findings = order.map { findings[$0] }
        summary.findings = findings.count
        errors.sort { $0.description < $1.description }
        return ScanResult(findings: findings, summary: summary, errors: errors)
    }
}

extension ScanSummary {
    /// Adds another part's counts (findings are counted after folding, so they are not added).
    mutating func add(_ other: ScanSummary) {
        files += other.files
        bytes += other.bytes
        skippedBinary += other.skippedBinary
        skippedLarge += other.skippedLarge
        unreadable += other.unreadable
        incomplete += other.incomplete
        if let g = other.git {
            var mine = git ?? GitScanCounts()
            mine.add(g)
            git = mine
        }
    }
}

/// One match with the path it came from.
struct PathMatch: Sendable {
    var path: String
    var match: Match
}

/// What one worker gathered.
struct WorkerResult: Sendable {
    var summary = ScanSummary()
    var matches: [PathMatch] = []
    var errors: [EngineError] = []
}

/// Lets per-worker scratch cross into `concurrentPerform`; each worker touches only its own element.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// The work queue and result slots shared by the workers, behind one lock.
final class SharedScanState: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private let total: Int
    private var done = 0
    private var lastReport = DispatchTime.now().uptimeNanoseconds
    private var bytesSeen: [Int]
    private var matchesSeen: [Int]
    private(set) var results: [WorkerResult]

    init(workers: Int, total: Int) {
        self.total = total
        results = Array(repeating: WorkerResult(), count: workers)
        bytesSeen = Array(repeating: 0, count: workers)
        matchesSeen = Array(repeating: 0, count: workers)
    }

    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextIndex < total else { return nil }
        if nextIndex > 0 { done += 1 }
        nextIndex += 1
        return nextIndex - 1
    }

    /// A snapshot every 200 ms at most, with bytes and matches summed over all workers.
    func progressIfDue(worker: Int, bytes: Int, matches: Int) -> ScanProgress? {
        lock.lock()
        defer { lock.unlock() }
        bytesSeen[worker] = bytes
        matchesSeen[worker] = matches
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - lastReport > 200_000_000 else { return nil }
        lastReport = now
        return ScanProgress(filesDone: done, filesTotal: total, bytes: bytesSeen.reduce(0, +), matches: matchesSeen.reduce(0, +))
    }

    func finish(worker: Int, _ result: WorkerResult) {
        lock.lock()
        results[worker] = result
        lock.unlock()
    }
}
