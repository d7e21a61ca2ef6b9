import ArgumentParser
import Foundation
import RadarEngine
import RadarMatch
import RadarModel
import RadarStore
import RadarSupport

/// `--rules`, declared once for every command that loads rules.
struct RulesOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Rule file or directory of *.yml rule files (default: $SECRETRADAR_RULES, else the rule pack shipped with secretradar).",
            valueName: "dir"))
    var rules: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A rule file or directory to add to the pack (repeatable); an id the pack already has is an error.", valueName: "path"))
    var extraRules: [String] = []

    /// The matcher over the rules at `explicit` (else the default pack) and `extra`; exits 2 on bad rules.
    static func matcher(
        _ explicit: String?, extra: [String] = [], incremental: Bool = false, reportIgnored: Bool = false, settings: RepositoryConfig? = nil
    ) -> Matcher {
        var options = MatcherOptions(incremental: incremental, databaseCache: Resources.databaseCache())
        options.reportIgnored = reportIgnored
        do {
            return try ScanPreparation.matcher(
                rulesPath: Resources.rulesDirectory(explicit: explicit), extraRules: extra, config: settings,
                cacheDirectory: Resources.databaseCache(), options: options
            ).matcher
        } catch { fail(error.description) }
    }

    func matcher() -> Matcher { Self.matcher(rules, extra: extraRules) }
}

/// What reads and matches content, for scans, hooks and baselines alike: rules, limits, workers, key.
struct EngineOptions: ParsableArguments {
    @OptionGroup var rulesOption: RulesOption
    var rules: String? { rulesOption.rules }

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Skip files (blobs) larger than this; accepts K, M, G suffixes (default: 1G for files, which are matched in 16 MiB chunks; 25M for git blobs, which are read whole).",
            valueName: "size"))
    var maxFileSize: String?

    /// `--max-file-size`, else the settings' `max_file_size`, else the default for files (read in
    /// chunks) or git blobs (read whole).
    func maxFileSize(files: Bool, settings: RepositoryConfig? = nil) -> Int {
        maxFileSize.flatMap(ByteSize.parse) ?? settings?.maxFileSize ?? (files ? 1 << 30 : 25 << 20)
    }

    @Option(name: .long, help: ArgumentHelp("Worker threads (default: one per core).", valueName: "n"))
    var workers: Int?

    @Option(
        name: [.customLong("hash-key-file"), .customLong("key-file")],
        help: ArgumentHelp(
            "Finding-identity key file (64 hex characters, from `store export-key`) so ids match a team's; default: $SECRETRADAR_HASH_KEY (the hex key itself), else the store's key.",
            valueName: "file"))
    var keyFile: String?

    /// The matcher and the scan options these options describe; exits 2 on bad rules.
    func compile(incremental: Bool, files: Bool, showSecrets: Bool = false) -> (Matcher, ScanOptions) {
        var options = ScanOptions(maxFileSize: maxFileSize(files: files), showSecrets: showSecrets)
        if let workers { options.workers = workers }
        return (RulesOption.matcher(rules, extra: rulesOption.extraRules, incremental: incremental), options)
    }

    func validate() throws {
        if let maxFileSize, ByteSize.parse(maxFileSize) == nil {
            throw ValidationError("--max-file-size: expected a size such as 500K, 25M or 1048576, got '\(maxFileSize)'")
        }
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
    }
}

extension FailOn: ExpressibleByArgument {}

/// What decides a scan's exit code: `--fail-severity`, and `--baseline` with `--show-known` and
/// `--fail-on` to compare with a migration baseline.
struct BaselineOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The lowest severity that makes the exit code 1: info, low (the default: everything but ignored findings), medium, high or critical (docs/severity.md); overrides fail_severity in .secretradar.toml.",
            valueName: "level"))
    var failSeverity: Severity?

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

    /// What fails the scan: `--fail-severity` (else the settings' `fail_severity`, else low) and `--fail-on`.
    func policy(_ settings: RepositoryConfig?) -> FailurePolicy {
        FailurePolicy(severity: failSeverity ?? settings?.failSeverity ?? .low, failOn: failOn ?? .newLocation)
    }
}
