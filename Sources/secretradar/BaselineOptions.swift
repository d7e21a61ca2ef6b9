import ArgumentParser
import Foundation
import RadarEngine
import RadarModel
import RadarStore

/// `--rules`, declared once for every command that loads rules.
struct RulesOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Rule file or directory of *.yml rule files (default: $SECRETRADAR_RULES, else the rule pack shipped with secretradar).",
            valueName: "dir"))
    var rules: String?
}

/// What reads and matches content, for scans, hooks and baselines alike: rules, limits, workers, key.
struct EngineOptions: ParsableArguments {
    @OptionGroup var rulesOption: RulesOption
    var rules: String? { rulesOption.rules }

    @Option(
        name: .long, help: ArgumentHelp("Skip files (blobs) larger than this; accepts K, M, G suffixes (default 25M).", valueName: "size"))
    var maxFileSize: String = "25M"

    @Option(name: .long, help: ArgumentHelp("Worker threads (default: one per core).", valueName: "n"))
    var workers: Int?

    @Option(
        name: [.customLong("hash-key-file"), .customLong("key-file")],
        help: ArgumentHelp(
            "Finding-identity key file (64 hex characters, from `store export-key`) so ids match a team's; default: $SECRETRADAR_HASH_KEY (the hex key itself), else the store's key.",
            valueName: "file"))
    var keyFile: String?

    func validate() throws {
        guard ByteSize.parse(maxFileSize) != nil else {
            throw ValidationError("--max-file-size: expected a size such as 500K, 25M or 1048576, got '\(maxFileSize)'")
        }
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
    }
}

/// Which baseline states make the exit code 1.
enum FailOn: String, ExpressibleByArgument, CaseIterable {
    /// Only secrets the baseline does not know.
    case new
    /// New secrets and known secrets copied to new places (the default).
    case newLocation = "new_location"
    /// Any finding, known or not.
    case any
}

/// What decides a scan's exit code: `--fail-severity`, and `--baseline` with `--show-known` and
/// `--fail-on` to compare with a migration baseline.
struct BaselineOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The lowest severity that makes the exit code 1: info, low (the default: everything but ignored findings), medium, high or critical (docs/severity.md).",
            valueName: "level"))
    var failSeverity: Severity = .low

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Compare with this baseline (from `baseline create`): report only secrets it does not know (new) and known secrets in new places (new_location).",
            valueName: "file"))
    var baseline: String?

    @Flag(name: .long, help: "With --baseline: also list the findings the baseline knows.")
    var showKnown = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "With --baseline: what makes the exit code 1: new, new_location (new or copied to a new place; the default) or any finding.",
            valueName: "state"))
    var failOn: FailOn?

    func validate() throws {
        if baseline == nil && (showKnown || failOn != nil) { throw ValidationError("--show-known and --fail-on need --baseline") }
    }

    /// Loads the baseline and checks it belongs to `targets` (exit 2 with the reason when not).
    /// `exact`: the targets are repositories themselves (git scans), not paths inside work trees.
    func load(key: FindingKey, targets: [String?], exact: Bool) -> Baseline? {
        guard let file = baseline else { return nil }
        do {
            let loaded = try Baseline.load(path: file, keyFingerprint: key.fingerprint, seal: key.seal)
            for target in targets where target != "-" {
                try BaselineSource.verify(loaded, file: file, target: target, exact: exact)
            }
            return loaded
        } catch {
            fail(error.description)
        }
    }

    /// The findings that make the exit code 1: at or above `--fail-severity` and, against a
    /// baseline, in a state `--fail-on` names. `findings` are all of them, known ones included.
    func failing(_ findings: [Finding]) -> [Finding] {
        findings.filter { f in
            guard f.severity >= failSeverity else { return false }
            guard let state = f.baseline else { return true }
            switch failOn ?? .newLocation {
            case .new: return state == .new
            case .newLocation: return state != .known
            case .any: return true
            }
        }
    }
}
