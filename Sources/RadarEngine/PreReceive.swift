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

    /// What a scan within the time limit gave: each scanned ref's result, or nothing in time.
    public enum Outcome {
        case finished([(ref: String, result: ScanResult)])
        case timedOut
    }

    /// Scans the commits each update introduces (reachable from its new id and not from its old
    /// one; for a new ref, from no existing ref) in `repository` (nil: the one git's environment
    /// names, quarantined objects included), on a thread of its own, waiting at most `timeout`
    /// seconds. Deleted refs (an all-zero new id) are not scanned.
    public static func scan(
        _ updates: [Update], repository: String?, matcher: Matcher, key: FindingKey, options: ScanOptions, timeout: Double
    ) -> Outcome {
        scan(updates, timeout: timeout) { u throws in
            let scanner = GitScanner(
                matcher: matcher, key: key, options: GitScanOptions(scope: .range(old: u.old, new: u.new), common: options))
            return try scanner.scan(repositories: [repository])
        }
    }

    /// The same with the scan of one update given: `scanRef` runs on a thread of its own, for
    /// every update that is not a deletion, until all are done or `timeout` seconds have passed.
    /// A scan that throws is not dropped: its ref gets a result holding the error, so the push is
    /// rejected as not checked rather than let through as clean.
    public static func scan(
        _ updates: [Update], timeout: Double, using scanRef: @escaping @Sendable (Update) throws -> ScanResult
    ) -> Outcome {
        let box = Results()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            for u in updates where ObjectID(hex: u.new)?.isZero == false {
                do {
                    box.append(ref: u.ref, try scanRef(u))
                } catch {
                    box.append(
                        ref: u.ref,
                        ScanResult(
                            findings: [], summary: ScanSummary(),
                            errors: [.repository(path: u.ref, message: "could not be scanned: \(error)")]))
                }
            }
            done.signal()
        }
        thread.start()
        if done.wait(timeout: .now() + timeout) == .timedOut { return .timedOut }
        return .finished(box.results)
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
                            "  \(ref)  \((l.commit ?? "-").prefix(12))  \(l.path):\(l.line)  \(f.rule)  \(f.secretRedacted)\(tag)"))
                }
            }
        }
        let count = Set(results.flatMap { $0.result.findings.map(\.id) }).count
        var message = "secretradar: push rejected: \(count) hardcoded secret\(count == 1 ? "" : "s") in the pushed commits\n"
        message += lines.joined(separator: "\n") + "\n"
        message += "Remove each secret from the commits that added it (rewrite them), rotate the credential, and push again.\n"
        message += "A false positive can be silenced with a 'secretradar:ignore' comment on its line.\n"
        return message
    }

    /// Scan results handed from the scanning thread to the waiting one.
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var storage: [(ref: String, result: ScanResult)] = []

        func append(ref: String, _ result: ScanResult) {
            lock.lock()
            storage.append((ref, result))
            lock.unlock()
        }

        var results: [(ref: String, result: ScanResult)] {
            lock.lock()
            defer { lock.unlock() }
            return storage
        }
    }
}
