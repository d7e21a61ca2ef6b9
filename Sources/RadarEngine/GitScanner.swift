import Dispatch
import Foundation
import RadarGit
import RadarGitLab
import RadarMatch
import RadarModel
import RadarStore
import RadarSupport

/// Scans git histories: every distinct blob once (pack order, on all cores), then provenance for
/// the blobs that had findings only.
public final class GitScanner: Sendable {
    let matcher: Matcher
    let key: FindingKey
    let options: GitScanOptions

    public init(matcher: Matcher, key: FindingKey, options: GitScanOptions = GitScanOptions()) {
        self.matcher = matcher
        self.key = key
        self.options = options
    }

    /// Scans each repository (`nil` is the one the environment names, as in a git hook). A repository
    /// that cannot be opened is reported in `errors` and the others are still scanned.
    public func scan(repositories: [String?], progress: (@Sendable (ScanProgress) -> Void)? = nil) throws(MatchError) -> ScanResult {
        try scan(targets: repositories.map { RepositoryTarget(path: $0, label: $0 ?? ".") }, progress: progress)
    }

    /// Scans each repository; locations name their repository by `label` (a path, or a clone's URL).
    public func scan(
        targets: [RepositoryTarget], recorder: ScanRecorder? = nil, progress: (@Sendable (ScanProgress) -> Void)? = nil
    ) throws(MatchError) -> ScanResult {
        var assembler = FindingAssembler(matcher: matcher, key: key, options: options.common, pathsRelative: true)
        var summary = ScanSummary(git: GitScanCounts())
        var errors: [EngineError] = []
        var skipped: [SkippedInput] = []
        var notices: [String] = []
        var ci: [CIFinding] = []
        let scratches = try makeScratches()
        for target in targets {
            let shown = target.label
            // A source the store already has (a rescan) begins its scan before the repository is
            // opened: the store needs no repository, and libgit2 may still be loading on the other
            // core. A new path is recorded only once it has opened as a repository.
            var session = recorder.flatMap { try? $0.beginKnown(locator: target.locator) }
            Trace.mark("begun")
            do throws(GitError) {
                let repo: GitRepository
                do throws(GitError) { repo = try GitRepository(path: target.path) } catch {
                    if let session, let recorder { recorder.fail(session) }
                    throw error
                }
                Trace.mark("repo opened")
                if case .all = options.scope, repo.defaultBranchTip() == nil, !((try? repo.references().refs.isEmpty) ?? true) {
                    let head = repo.headBranchName.map { "HEAD (\($0))" } ?? "HEAD"
                    notices.append("\(shown): \(head) has no commit, so no location is in the latest version (in_latest is false)")
                }
                if !repo.shallowBoundary.isEmpty {
                    notices.append(
                        "\(shown): a shallow clone: only the history it holds is scanned (it stops at \(repo.shallowBoundary.count) commit\(repo.shallowBoundary.count == 1 ? "" : "s") whose parents are missing); `git fetch --unshallow` first to scan all of it"
                    )
                }
                var memory = RepositoryMemory()
                if let recorder {
                    do {
                        let begun: RecordingSession
                        if let session { begun = session } else { begun = try recorder.begin(kind: "git", locator: target.locator) }
                        session = begun
                        memory = RepositoryMemory(
                            known: { (blobs) throws(StoreError) in
                                Set(try recorder.known(begun, among: blobs.map(\.hex)).compactMap { ObjectID(hex: $0) })
                            }, previousTips: begun.previousTips.compactMap { ObjectID(hex: $0) },
                            knownPlaces: { (blobs) throws(StoreError) in
                                try recorder.store.knownPlaces(sourceID: begun.sourceID, blobs: blobs.map(\.hex))
                            },
                            findings: { (ids) throws(StoreError) in try recorder.store.findings(ids: ids) })
                    } catch {
                        errors.append(.store(message: error.description))
                    }
                }
                let checked = checkCI(repo, shown: shown)
                ci += checked.findings
                if let error = checked.error { errors.append(error) }
                do throws(GitError) {
                    let outcome = try scanOne(
                        repo, shown: shown, scratches: scratches, memory: memory, into: &assembler, summary: &summary, errors: &errors,
                        skipped: &skipped,
                        progress: progress)
                    if let session, let recorder {
                        do {
                            try recorder.finish(session, outcome)
                            Trace.mark("recorder finish")
                            // The default branch may have moved: which stored places are in its tip now.
                            // (A full walk computed in_latest itself; a rescan with no new commit changed nothing.)
                            defer { Trace.mark("latest") }
                            if outcome.walkedNewCommits {
                                try recorder.store.refreshLatest(sourceID: session.sourceID) { paths in
                                    try repo.blobsAtDefaultTip(paths).mapValues(\.hex)
                                }
                            }
                        } catch { errors.append(.store(message: error.description)) }
                    }
                } catch {
                    if let session, let recorder { recorder.fail(session) }
                    throw error
                }
            } catch {
                errors.append(.repository(path: shown, message: error.description))
            }
        }
        var result = assembler.result(summary: summary, errors: errors)
        result.notices = notices
        result.ci = ci
        // In path order: the workers meet blobs in an order that changes from run to run.
        result.skipped = skipped.sorted { ($0.path, $0.blob ?? "") < ($1.path, $1.blob ?? "") }
        return result
    }

    /// The `.gitlab-ci.yml` of the default branch's tip (and its local includes, from the same tree).
    func checkCI(_ repo: GitRepository, shown: String) -> (findings: [CIFinding], error: EngineError?) {
        do {
            guard try repo.blobsAtDefaultTip([".gitlab-ci.yml"])[".gitlab-ci.yml"] != nil else { return ([], nil) }
        } catch {
            return ([], .ciConfiguration(path: "\(shown): .gitlab-ci.yml at the default branch's tip", message: "\(error)"))
        }
        let box = UncheckedBox(repo)
        let analyzer = CIAnalyzer(matcher: matcher) { path in
            let relative = path.hasPrefix("/") ? String(path.dropFirst()) : path
            guard let blob = (try? box.value.blobsAtDefaultTip([relative]))?[relative] else { return nil }
            return (try? box.value.read(blob)).map { Data($0.bytes) }
        }
        do throws(GitLabError) {
            let findings = try analyzer.analyze(file: ".gitlab-ci.yml").map { f in
                var f = f
                f.file = "\(shown): \(f.file)"
                return f
            }
            return (findings, nil)
        } catch {
            return ([], .ciConfiguration(path: "\(shown): .gitlab-ci.yml at the default branch's tip", message: "\(error)"))
        }
    }

    func historyScope(_ repo: GitRepository) throws(GitError) -> HistoryScope {
        switch options.scope {
        case .all:
            return .all
        case .range(let old, let new):
            let newID = try repo.resolveCommit(new)
            if let oldID = ObjectID(hex: old), oldID.isZero {
                let others = try repo.references().refs.filter { $0.targetKind == .commit && $0.target != newID }.map(\.target)
                return .range(include: [newID], exclude: others)
            }
            return .range(include: [newID], exclude: [try repo.resolveCommit(old)])
        case .push(let updates):
            var include: [ObjectID] = []
            for u in updates where ObjectID(hex: u.new)?.isZero == false { include.append(try repo.resolveCommit(u.new)) }
            // Before the push is accepted the refs are as they were: what they reach is in the
            // repository already. (A ref already at a pushed commit is not taken as proof of that.)
            let pushed = Set(include)
            var exclude = try repo.references().refs.filter { $0.targetKind == .commit && !pushed.contains($0.target) }.map(\.target)
            for u in updates { if let old = ObjectID(hex: u.old), !old.isZero { exclude.append(old) } }
            return .range(include: include, exclude: Array(Set(exclude)))
        case .since(let rev):
            let since = try repo.resolveCommit(rev)
            var tips = try repo.references().refs.filter { $0.targetKind == .commit }.map(\.target)
            if let head = repo.defaultBranchTip() { tips.append(head.commit) }
            return .range(include: tips, exclude: [since])
        }
    }

    /// One matcher scratch per worker (vectorscan scratch and PCRE2 match data are per thread).
    func makeScratches() throws(MatchError) -> [MatcherScratch] {
        try matcher.makeScratches(options.common.workers)
    }

    /// The current tips of every ref (commits) and HEAD, deduplicated and sorted.
    func currentTips(_ repo: GitRepository) throws(GitError) -> [ObjectID] {
        var tips = try repo.references().refs.filter { $0.targetKind == .commit }.map(\.target)
        if let head = repo.defaultBranchTip() { tips.append(head.commit) }
        return Array(Set(tips)).sorted()
    }

    func scanOne(
        _ repo: GitRepository, shown: String, scratches: [MatcherScratch], memory: RepositoryMemory, into assembler: inout FindingAssembler,
        summary: inout ScanSummary,
        errors: inout [EngineError], skipped: inout [SkippedInput], progress: (@Sendable (ScanProgress) -> Void)?
    ) throws(GitError) -> ScanOutcome {
        var scope = try historyScope(repo)
        if case .all = scope, repo.headIsUnborn, (try? repo.references().refs.isEmpty) ?? true {
            throw .emptyRepository(path: shown)
        }
        var tips: [ObjectID]?
        var excludedWereScanned = false
        if case .all = scope {
            let current = try currentTips(repo)
            tips = current
            // A completed earlier scan under the same rules covered everything its tips reach:
            // walk only the commits added since (tips that no longer resolve are left out).
            let previous = memory.previousTips.filter { (try? repo.header($0).kind) == .commit }
            if !previous.isEmpty {
                scope = .range(include: current, exclude: previous)
                excludedWereScanned = true
            }
        }
        // Trees rebuilt from the packs on demand for the history walk and provenance, in a bounded
        // cache; a range (a push) touches few trees, which libgit2 reads faster than indexing the packs.
        let trees: TreeStore
        if case .all = scope, options.usePackReader {
            trees = TreeStore(repository: repo, workers: options.common.workers)
            Trace.mark("trees indexed")
        } else {
            trees = TreeStore()
        }
        var index = try repo.index(
            scope: scope, trees: trees, excludedWereScanned: excludedWereScanned, workers: options.common.workers)
        Trace.mark("index (\(index.trees) trees, \(trees.requests) asked for, \(trees.rebuilt) rebuilt)")
        trees.dropCache()
        // A whole history's walk freed its tree cache and sets; their pages are given back before
        // matching (a range, a hook's push, frees too little to be worth walking the heap for).
        let bigHeap = trees.budget > 0
        if bigHeap { ProcessMemory.giveBackFreed() }
        for p in index.problems { errors.append(.object(repository: shown, message: p.description)) }
        var counts = GitScanCounts(
            repositories: 1, commits: index.commits.count, refs: index.references.count, skippedSymlinks: index.symlinks,
            skippedSubmodules: index.submodules)
        counts.missingObjects = index.problems.count
        if options.allObjects { addUnreachableBlobs(repo, to: &index) }
        var skippedKnown = 0
        // Which blobs the store already matched; if it cannot say, every blob is read (more work, nothing missed).
        let known = (try? memory.known(index.blobs)) ?? []
        // Blobs that may give a stored secret a new place without being read.
        let notRead = index.revisitedBlobs.union(known)
        if !known.isEmpty {
            var blobs: [ObjectID] = []
            var firstSeen: [(path: String, commit: Int)] = []
            for (i, blob) in index.blobs.enumerated() where !known.contains(blob) {
                blobs.append(blob)
                firstSeen.append(index.firstSeen[i])
            }
            skippedKnown = index.blobs.count - blobs.count
            counts.knownBlobs = skippedKnown
            index.blobs = blobs
            index.firstSeen = firstSeen
        }

        let firstPaths = index.firstSeen.map(\.path)
        let state = try readAndMatch(
            repo, blobs: index.blobs, scratches: scratches, progress: progress,
            path: { $0 < firstPaths.count ? firstPaths[$0] : nil })
        // Matching's plans and blob buffers are freed: provenance's trees should not stack on them.
        if bigHeap { ProcessMemory.giveBackFreed() }
        Trace.mark("matched")
        // What is stored leaves out what the filter does, as the report does (the filter is part of the rules digest).
        var local = FindingAssembler(matcher: matcher, key: key, showSecrets: false, ids: assembler.ids)
        local.filter = assembler.filter
        local.filterPaths = true
        var failed: Set<Int> = []

        // Provenance only for blobs that had findings.
        var matchesByBlob: [Int: [Match]] = [:]
        for w in state.slots {
            summary.add(w.summary)
            counts.skippedLFS += w.lfs
            for (position, error) in w.failures {
                failed.insert(position)
                let seen = index.firstSeen[position]
                let commit = seen.commit >= 0 ? " in commit \(index.commits[seen.commit].id.hex.prefix(12))" : ""
                errors.append(.object(repository: shown, message: "blob \(index.blobs[position].hex) at '\(seen.path)'\(commit): \(error)"))
                counts.missingObjects += 1
            }
            for (position, rules) in w.incomplete {
                errors.append(
                    .incomplete(path: "\(shown): blob \(index.blobs[position].hex) '\(index.firstSeen[position].path)'", rules: rules))
            }
            for (position, m) in w.matches { matchesByBlob[position, default: []].append(m) }
            for s in w.skipped {
                skipped.append(
                    SkippedInput(
                        path: "\(shown): \(index.firstSeen[s.position].path)", reason: s.reason, size: s.size,
                        blob: index.blobs[s.position].hex))
            }
        }
        let targets = Set(matchesByBlob.keys.map { index.blobs[$0] })
        Trace.mark("gathered")
        let provenance = repo.provenance(of: targets, in: index, trees: trees, workers: options.common.workers)
        Trace.mark("provenance (tree cache \(trees.byteCount / 1_000_000) MB, \(trees.requests) trees asked for, \(trees.rebuilt) rebuilt)")
        for (position, matches) in matchesByBlob {
            let blob = index.blobs[position]
            var places: [(path: String, commit: CommitInfo?, inLatest: Bool?)] =
                (provenance[blob] ?? []).map { ($0.path, index.commits[$0.commit], $0.inLatest) }
            if places.isEmpty {
                // Unreachable, or named only by a tag: no commit to attribute it to.
                let seen = position < index.firstSeen.count ? index.firstSeen[position].path : "(unreachable blob \(blob.hex))"
                places = [(seen, nil, nil)]
            }
            for m in matches {
                for place in places where matcher.rule(m.ruleID, appliesAt: place.path) {
                    let location = Location(
                        repository: shown, path: place.path, line: m.line, column: m.column, blob: blob.hex, commit: place.commit?.id.hex,
                        author: place.commit?.authorName, email: place.commit?.authorEmail,
                        date: place.commit.map { Self.isoDate($0.authorTime, offsetMinutes: $0.authorOffset) }, inLatest: place.inLatest,
                        decoded: m.decoded)
                    assembler.add(m, at: location)
                    local.add(m, at: location)
                }
            }
        }
        summary.git?.add(counts)
        Trace.mark("placed")
        var findings = local.result(summary: ScanSummary(), errors: []).findings
        // Any ref moved since the last scan (forward or, after a force-push, backward): stored
        // places may have entered or left the default branch's tip.
        let walkedNewCommits = !memory.previousTips.isEmpty && Set(tips ?? []) != Set(memory.previousTips)
        var storeErrors = 0
        if case .range = scope {
            do {
                findings = merge(
                    findings,
                    try placesOfKnownSecrets(
                        memory, among: notRead.subtracting(targets), repo: repo, index: index, trees: trees, shown: shown))
            } catch {
                // Copies of known secrets into the range could not be placed: said, not dropped.
                errors.append(.store(message: "\(shown): where the range put secrets the store already knows: \(error.description)"))
                storeErrors += 1
            }
        }
        return ScanOutcome(
            findings: findings, scannedBlobs: index.blobs.indices.filter { !failed.contains($0) }.map { index.blobs[$0].hex },
            tips: tips?.map(\.hex), walkedNewCommits: walkedNewCommits, blobs: state.slots.reduce(0) { $0 + $1.summary.files },
            bytes: state.slots.reduce(0) { $0 + $1.summary.bytes },
            skippedKnownBlobs: skippedKnown, errors: failed.count + index.problems.count + storeErrors)
    }

    /// Reads `blobs` (pack order, all workers) and matches each; the per-worker results.
    func readAndMatch(
        _ repo: GitRepository, blobs: [ObjectID], scratches: [MatcherScratch], progress: (@Sendable (ScanProgress) -> Void)?,
        path: @escaping @Sendable (Int) -> String?
    ) throws(GitError)
        -> GitScanState
    {
        let workers = scratches.count
        let state = GitScanState(workers: workers, total: blobs.count, scratches: scratches)
        let reader = BlobReader(
            repository: repo,
            options: BlobReadOptions(maxSize: options.common.maxFileSize, workers: workers, usePackReader: options.usePackReader))
        let matcher = self.matcher
        let sniff = options.common.binarySniffLength
        let incremental = options.incremental
        try reader.read(blobs) { worker, blob in
            let memory = state.handle(
                worker: worker, blob: blob, matcher: matcher, sniff: sniff, incremental: incremental,
                path: blob.position.flatMap(path))
            if let progress, blob.position != nil, let p = state.progressIfDue(worker: worker) { progress(p) }
            return memory
        }
        return state
    }

    /// Adds every blob in the object database that the history walk did not reach.
    func addUnreachableBlobs(_ repo: GitRepository, to index: inout HistoryIndex) {
        let reached = Set(index.blobs)
        guard let all = try? repo.allObjectIDs() else { return }
        for id in all where !reached.contains(id) {
            guard let (_, kind) = try? repo.header(id), kind == .blob else { continue }
            index.blobs.append(id)
            index.firstSeen.append(("(unreachable blob \(id.hex))", -1))
        }
    }

    /// `2026-11-29T05:21:28+01:00` (CivilTime: arithmetic, not a formatter per location).
    static func isoDate(_ seconds: Int64, offsetMinutes: Int32) -> String {
        CivilTime.iso8601(seconds, offsetMinutes: offsetMinutes)
    }
}
