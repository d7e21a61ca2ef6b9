import RadarModel

/// Which baseline states make a scan or hook fail.
public enum FailOn: String, Sendable, CaseIterable {
    /// Only secrets the baseline does not know.
    case new
    /// New secrets and known secrets copied to new places (the default).
    case newLocation = "new_location"
    /// Any finding, known or not.
    case any
}

/// What makes a scan exit 1 and a hook block: a finding at or above `severity` and, against a
/// migration baseline, in a state `failOn` names (`--fail-severity`, `--fail-on`).
public struct FailurePolicy: Sendable {
    public var severity: Severity
    public var failOn: FailOn

    public init(severity: Severity = .low, failOn: FailOn = .newLocation) {
        self.severity = severity
        self.failOn = failOn
    }

    /// The findings that fail; `findings` are all of them, known ones included.
    public func failing(_ findings: [Finding]) -> [Finding] {
        findings.filter { f in
            guard f.severity >= severity else { return false }
            guard let state = f.baseline else { return true }
            switch failOn {
            case .new: return state == .new
            case .newLocation: return state != .known
            case .any: return true
            }
        }
    }

    /// A hook's verdict: applies the baseline (when there is one) to each result, leaving only what
    /// it lists (known findings too with `showKnown`), and says whether anything left fails, and
    /// how many known findings were not listed.
    public func judge(_ results: inout [ScanResult], baseline classifier: BaselineClassifier?, showKnown: Bool) -> (
        blocking: Bool, hidden: Int
    ) {
        guard let classifier else { return (results.contains { !failing($0.findings).isEmpty }, 0) }
        var all: [Finding] = []
        var hidden = 0
        for i in results.indices {
            all += classifier.apply(to: &results[i], showKnown: showKnown)
            hidden += results[i].summary.baseline?.hidden ?? 0
        }
        return (!failing(all).isEmpty, hidden)
    }
}

/// The pre-commit hook's message when it blocks a commit.
public enum PreCommit {
    /// One line per place: path:line:column, rule, the redacted secret (never the plaintext), and
    /// whether it is a known secret in a new place; then what to do.
    public static func blocked(_ result: ScanResult) -> String {
        let count = result.findings.count
        var message = "secretradar: commit blocked: \(count) hardcoded secret\(count == 1 ? "" : "s") in staged files\n"
        for f in result.findings {
            let tag = f.baseline == .newLocation ? "  [known secret, new location]" : ""
            for l in f.locations {
                message +=
                    TerminalText.line("  \(l.path):\(l.line):\(l.column)  \(f.rule)  \(f.secretRedacted)  id \(f.id.prefix(12))\(tag)")
                    + "\n"
            }
        }
        message += "Move the secret out of the file (an environment variable, a CI/CD variable or Vault), unstage it, and commit again.\n"
        message +=
            "Not a secret (a test fixture, an example)? Add a line `ID  why it is not a secret` to .secretradarignore "
            + "(ID as shown above), stage it, and commit again; or accept it into the repository's baseline: "
            + "`secretradar baseline update .secretradar-baseline.json`, stage the baseline, and commit again "
            + "(the hook reads it with --baseline .secretradar-baseline.json). To let this one commit through: `git commit --no-verify`.\n"
        return message
    }
}
