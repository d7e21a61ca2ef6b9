import Foundation
import RadarModel

/// What a hook tells git and the person pushing or committing: the exit status (0 let through,
/// 1 secrets, 2 not checked) and the lines for stderr. The hooks' commands only print it.
public struct HookVerdict: Sendable, Equatable {
    public var status: Int32
    /// Lines for `secretradar: <note>` (what happened, for people).
    public var notes: [String] = []
    /// Lines for `secretradar: warning: <warning>`.
    public var warnings: [String] = []
    /// Written as it is (the rejection).
    public var message: String = ""

    public init(status: Int32, notes: [String] = [], warnings: [String] = [], message: String = "") {
        self.status = status
        self.notes = notes
        self.warnings = warnings
        self.message = message
    }
}

extension FailurePolicy {
    /// A hook's verdict on its scan results: the baseline applied (`judge`), then secrets block
    /// (exit 1, `rejection` of the results as judged), files not scanned block with `failOnSkipped`
    /// (exit 2), and anything that could not be read blocks (exit 2). `gate` names what is stopped
    /// ("push rejected", "commit blocked"); `unreadMessage` is printed when errors block.
    public func hookVerdict(
        _ results: [ScanResult], baseline classifier: BaselineClassifier?, showKnown: Bool, failOnSkipped: Bool, gate: String,
        unreadMessage: String?, rejection: ([ScanResult]) -> String
    ) -> HookVerdict {
        var results = results
        let (blocking, hidden) = judge(&results, baseline: classifier, showKnown: showKnown)
        var verdict = HookVerdict(status: 0)
        if hidden > 0 { verdict.notes.append("\(hidden) finding\(hidden == 1 ? "" : "s") known to the baseline, not listed") }
        verdict.notes += results.flatMap(\.notices)
        let errors = results.flatMap { $0.errors.map(\.description) }
        verdict.warnings = errors
        var all = ScanResult(findings: [], summary: ScanSummary(), errors: [])
        all.skipped = results.flatMap(\.skipped)
        verdict.warnings += all.skippedLines(includeBinary: true, limit: 50)
        if blocking {
            verdict.status = 1
            verdict.message = rejection(results)
        } else if failOnSkipped && !all.skipped.isEmpty {
            verdict.status = 2
            verdict.message = "secretradar: \(gate): files that could not be scanned (--fail-on-skipped)\n"
        } else if !errors.isEmpty {
            verdict.status = 2
            verdict.message = unreadMessage.map { "secretradar: \(gate): \($0)\n" } ?? ""
        }
        return verdict
    }
}

extension PreReceive {
    /// The verdict when the scan outlasted `timeout`: let through with a warning saying how much was
    /// checked, or (`reject`) refused as not checked.
    public static func timeoutVerdict(checked: Int, of total: Int, timeout: Double, reject: Bool) -> HookVerdict {
        let done = "\(checked) of \(total) blob\(total == 1 ? "" : "s") checked"
        if reject {
            return HookVerdict(
                status: 2, warnings: ["the secret scan did not finish within \(timeout) s (\(done))"],
                message: "secretradar: push rejected: not checked in time (--on-timeout reject)\n")
        }
        return HookVerdict(
            status: 0,
            warnings: ["the secret scan did not finish within \(timeout) s (\(done)); push allowed WITHOUT a complete secret check"])
    }

    /// A skip asked for with the push option: honoured when `allowed` (recorded to stderr and
    /// appended to `log`; a log that cannot be written refuses the push instead), else ignored with
    /// a warning (the scan then runs: nil is returned). Nil too when no skip was asked for.
    public static func skipVerdict(_ updates: [Update], environment: [String: String], allowed: Bool, log: String?) -> HookVerdict? {
        guard skipRequested(environment: environment) else { return nil }
        guard allowed else { return nil }
        let record = skipRecord(updates, environment: environment)
        if let log {
            do { try append(record + "\n", to: log) } catch {
                return HookVerdict(
                    status: 2, warnings: [record],
                    message: "secretradar: push rejected: \(log): the skip cannot be logged (\(error.localizedDescription))\n")
            }
        }
        return HookVerdict(status: 0, warnings: [record])
    }

    /// Appends `text` to `path` (created mode 0600 when missing).
    static func append(_ text: String, to path: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteNoPermission)
            }
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }
}
