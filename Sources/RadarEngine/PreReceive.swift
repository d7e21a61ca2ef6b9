import Foundation
import RadarGit
import RadarMatch
import RadarModel

/// The work of a pre-receive hook, without the process around it: reading git's update lines,
/// scanning what each pushed ref introduces within a time limit, and the message that rejects the
/// push. `secretradar hook pre-receive` parses its options, calls these and maps the result to
/// its exit status (docs/architecture.md: the executable holds no logic a test cannot reach).
public enum PreReceive {
    /// One line of a pre-receive hook's input: `<old> <new> <ref>`.
    public struct Update: Sendable, Hashable {
        public var old: String
        public var new: String
        public var ref: String

        public init(old: String, new: String, ref: String) {
            self.old = old
            self.new = new
            self.ref = ref
        }
    }

    /// A line that is not `<old-sha> <new-sha> <ref>`; names the line, quotes at most 120 bytes of it
    /// (the hook's input is object ids and ref names the pusher chose, not file content).
    public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var text: String
        public var description: String { "standard input line \(line): expected '<old-sha> <new-sha> <ref>', got '\(text)'" }
    }

    /// The updates git gives the hook on standard input; empty lines are skipped.
    public static func parse(_ text: String) throws(InputError) -> [Update] {
        var updates: [Update] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            let parts = line.split(separator: " ")
            guard parts.count == 3, ObjectID(hex: parts[0]) != nil, ObjectID(hex: parts[1]) != nil else {
                throw InputError(line: n + 1, text: String(line.prefix(120)))
            }
            updates.append(Update(old: String(parts[0]), new: String(parts[1]), ref: String(parts[2])))
        }
        return updates
    }

    /// What a scan within the time limit gave: each pushed ref with what it introduced, or how far
    /// the scan got (blobs read of those to read) when the time ran out.
    public enum Outcome {
        case finished([(ref: String, result: ScanResult)])
        case timedOut(checked: Int, of: Int)
    }

    /// Scans what the updates introduce, in one pass over all of them (`GitScanScope.push`: every
    /// new commit and blob read once), in `repository` (nil: the one git's environment names,
    /// quarantined objects included), on a thread of its own, waiting at most `timeout` seconds.
    /// Each finding is then given to the pushed refs whose new commit reaches the commit that
    /// introduced it. Deleted refs (an all-zero new id) are not scanned.
    public static func scan(
        _ updates: [Update], repository: String?, matcher: Matcher, key: FindingKey, options: ScanOptions, timeout: Double
    ) -> Outcome {
        scan(updates, timeout: timeout) { pushed, progress throws in
            let scanner = GitScanner(matcher: matcher, key: key, options: GitScanOptions(scope: .push(pushed), common: options))
            let result = try scanner.scan(repositories: [repository], progress: progress)
            return try attribute(result, to: pushed, in: GitRepository(path: repository))
        }
    }

    /// The same with the scan given: `scanAll` runs on a thread of its own with the updates that are
    /// not deletions, until it is done or `timeout` seconds have passed. A scan that throws is not
    /// dropped: every pushed ref gets a result holding the error, so the push is rejected as not
    /// checked rather than let through as clean.
    public static func scan(
        _ updates: [Update], timeout: Double,
        using scanAll:
            @escaping @Sendable ([Update], @escaping @Sendable (ScanProgress) -> Void) throws -> [(ref: String, result: ScanResult)]
    ) -> Outcome {
        let pushed = updates.filter { ObjectID(hex: $0.new)?.isZero == false }
        guard !pushed.isEmpty else { return .finished([]) }
        let box = Results()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            do {
                box.set(try scanAll(pushed) { box.progress = $0 })
            } catch {
                box.set(
                    pushed.map { u in
                        (
                            u.ref,
                            ScanResult(
                                findings: [], summary: ScanSummary(),
                                errors: [.repository(path: u.ref, message: "could not be scanned: \(error)")])
                        )
                    })
            }
            done.signal()
        }
        thread.start()
        if done.wait(timeout: .now() + timeout) == .timedOut {
            let p = box.progress
            return .timedOut(checked: p?.filesDone ?? 0, of: p?.filesTotal ?? 0)
        }
        return .finished(box.results)
    }

    /// One push's scan result split by ref: each finding goes to every pushed ref whose new commit
    /// reaches the commit that introduced one of its places (with those places only). The summary,
    /// errors and notices go with the first ref, so nothing is counted twice or lost.
    public static func attribute(_ result: ScanResult, to pushed: [Update], in repo: GitRepository) throws(GitError) -> [(
        ref: String, result: ScanResult
    )] {
        var perRef: [[Finding]] = Array(repeating: [], count: pushed.count)
        var reaches: [String: Bool] = [:]
        let tips = pushed.map { ObjectID(hex: $0.new) }
        for f in result.findings {
            var places: [[Location]] = Array(repeating: [], count: pushed.count)
            for l in f.locations {
                var owners: [Int] = []
                if let commit = l.commit.flatMap(ObjectID.init(hex:)) {
                    for (i, tip) in tips.enumerated() {
                        guard let tip else { continue }
                        let key = tip.hex + commit.hex
                        if reaches[key] == nil { reaches[key] = try repo.reaches(commit, from: tip) }
                        if reaches[key] == true { owners.append(i) }
                    }
                }
                for i in owners.isEmpty ? [0] : owners { places[i].append(l) }
            }
            for i in pushed.indices where !places[i].isEmpty {
                var copy = f
                copy.locations = places[i]
                perRef[i].append(copy)
            }
        }
        return pushed.indices.map { i in
            var r =
                i == 0
                ? result : ScanResult(findings: [], summary: ScanSummary(), errors: [], notices: [], ci: [])
            r.findings = perRef[i]
            return (pushed[i].ref, r)
        }
    }

    /// The lines that reject a push: one per place of each finding (ref, commit, path:line, rule,
    /// redacted secret, and whether a known secret moved), then what to do.
    public static func rejection(_ results: [(ref: String, result: ScanResult)]) -> String {
        var lines: [String] = []
        for (ref, result) in results {
            for f in result.findings {
                let tag = f.baseline == .newLocation ? "  [known secret, new location]" : ""
                for l in f.locations {
                    // Ref names and paths are the pusher's to choose: escaped, so one cannot forge or erase a line.
                    lines.append(
                        TerminalText.line(
                            "  \(ref)  \((l.commit ?? "-").prefix(12))  \(l.path):\(l.line)  \(f.rule)  \(f.secretRedacted)  id \(f.id.prefix(12))\(tag)"
                        ))
                }
            }
        }
        let count = Set(results.flatMap { $0.result.findings.map(\.id) }).count
        var message = "secretradar: push rejected: \(count) hardcoded secret\(count == 1 ? "" : "s") in the pushed commits\n"
        message += lines.joined(separator: "\n") + "\n"
        message += "Remove each secret from the commits that added it (rewrite them), rotate the credential, and push again.\n"
        message +=
            "A false positive can be silenced with a 'secretradar:ignore' comment on its line, or by a line 'ID  reason' "
            + "in .secretradarignore on the default branch (pushed and reviewed first; a push cannot ignore its own secrets).\n"
        return message
    }

    /// The push option that asks to skip the scan (`git push -o secretradar.skip`), for a false
    /// positive in a hurry. Honoured only where the server allows it (`--allow-skip`), and logged.
    public static let skipOption = "secretradar.skip"

    /// Whether the pusher gave `skipOption` (git passes push options to the hook as
    /// `GIT_PUSH_OPTION_COUNT` and `GIT_PUSH_OPTION_0`…).
    public static func skipRequested(environment: [String: String]) -> Bool {
        guard let count = environment["GIT_PUSH_OPTION_COUNT"].flatMap(Int.init), count > 0 else { return false }
        return (0..<min(count, 1000)).contains { environment["GIT_PUSH_OPTION_\($0)"] == skipOption }
    }

    /// The line that records a skipped scan: when, who (GitLab's `GL_USERNAME`, else `USER`), which refs.
    public static func skipRecord(_ updates: [Update], environment: [String: String], at date: Date = Date()) -> String {
        let who = environment["GL_USERNAME"] ?? environment["GL_ID"] ?? environment["USER"] ?? "unknown"
        let refs = updates.map { "\($0.ref) \($0.old.prefix(12))..\($0.new.prefix(12))" }.joined(separator: ", ")
        return TerminalText.line(
            "\(ISO8601DateFormatter().string(from: date)) secret scan skipped by push option \(skipOption): user \(who); \(refs)")
    }

    /// Scan results and progress handed from the scanning thread to the waiting one.
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var storage: [(ref: String, result: ScanResult)] = []
        private var last: ScanProgress?

        func set(_ results: [(ref: String, result: ScanResult)]) {
            lock.lock()
            storage = results
            lock.unlock()
        }

        var progress: ScanProgress? {
            get {
                lock.lock()
                defer { lock.unlock() }
                return last
            }
            set {
                lock.lock()
                last = newValue
                lock.unlock()
            }
        }

        var results: [(ref: String, result: ScanResult)] {
            lock.lock()
            defer { lock.unlock() }
            return storage
        }
    }
}
