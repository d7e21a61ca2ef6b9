import ArgumentParser
import Foundation
import RadarEngine
import RadarMatch
import RadarModel
import RadarReport
import RadarRules
import RadarStore
import RadarSupport

/// `secretradar scan …`: find secrets.
struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan files, directories, standard input or git histories for secrets.",
        subcommands: [ScanPath.self, ScanGit.self]
    )
}

extension ReportFormat: ExpressibleByArgument {}

/// Options every scan takes: rules, output, limits, key.
struct CommonScanOptions: ParsableArguments {
    @OptionGroup var engine: EngineOptions

    @Option(
        name: .shortAndLong,
        help:
            "Output format: text, json, jsonl, sarif (SARIF 2.1.0), gitlab (GitLab secret-detection report), csv (one row per place) or html (one self-contained page). The last four never show a secret."
    )
    var format: ReportFormat = .text

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(name: .long, help: "Show secrets in plaintext in the report (redacted by default).")
    var showSecrets = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Record the scan in this store (default: $SECRETRADAR_STORE, else $XDG_DATA_HOME/secretradar/radar.db).", valueName: "path"))
    var store: String?

    @Flag(name: .long, help: "Do not record this scan (a throwaway scan; finding ids still use the store's key when a store exists).")
    var noStore = false

    @Flag(name: .long, help: "Also report findings triaged as false_positive or ignored (hidden by default).")
    var includeTriaged = false

    @Flag(
        name: .long,
        help:
            "Also report secrets on lines marked secretradar:ignore, at severity info (a review scan: not recorded in the store).")
    var includeIgnored = false

    @Flag(name: .long, help: "Never print the progress line (it is shown only when stderr is a terminal).")
    var noProgress = false

    @OptionGroup var baseline: BaselineOptions

    @OptionGroup var configuration: ConfigOptions

    // Scans only: a hook that never blocks is no hook, so the hooks do not take it.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The exit code when findings fail the scan (default 1). 0 reports without failing, for a first adoption; an input that could not be read still exits 2, which no other setting may use.",
            valueName: "n"))
    var exitCode: Int32 = ExitStatus.findings

    func validate() throws {
        if noStore && store != nil { throw ValidationError("--store and --no-store cannot be combined") }
        if exitCode == ExitStatus.usage || !(0...125).contains(exitCode) {
            throw ValidationError("--exit-code must be 0, 1 or 3 to 125 (2 means the scan could not do its work)")
        }
    }

    /// What a scan needs, ready: matcher, key, options, and the recorder when the scan is stored.
    struct Prepared {
        /// The repository's settings (`.secretradar.toml`, `.secretradarignore`), when any.
        var settings: RepositoryConfig?
        var matcher: Matcher
        var key: FindingKey
        var options: ScanOptions
        var recorder: ScanRecorder?
        /// When the scan started, for the reports that carry times.
        var start = Date()
    }

    /// Loads rules, compiles the matcher, opens the store and its key (`ScanPreparation`: the store
    /// on another core meanwhile); exits with a message on failure.
    func prepare(incremental: Bool = false, files: Bool, settings: RepositoryConfig?) -> Prepared {
        let (keyFile, storeOption, record) = (engine.keyFile, store, !noStore && !includeIgnored)
        let hex = Resources.variable("SECRETRADAR_HASH_KEY")
        var matcherOptions = MatcherOptions(incremental: incremental, databaseCache: Resources.databaseCache())
        matcherOptions.reportIgnored = includeIgnored
        let ready: (matcher: Matcher, rules: [Rule], key: FindingKey, store: Store?)
        do {
            ready = try ScanPreparation.prepare(
                rulesPath: Resources.rulesDirectory(explicit: engine.rules), extraRules: engine.rulesOption.extraRules,
                config: settings, cacheDirectory: Resources.databaseCache(),
                matcherOptions: matcherOptions
            ) {
                try KeyChoice.choose(
                    keyFile: keyFile, environmentHex: hex, storePath: StoreAccess.path(storeOption), record: record,
                    open: StoreAccess.openKept)
            }
        } catch { fail(error.description) }
        var options = ScanOptions(maxFileSize: engine.maxFileSize(files: files, settings: settings), showSecrets: showSecrets)
        if let workers = engine.workers { options.workers = workers }
        options.filter = configuration.filter(settings)
        // Secrets `vault index` found in Vault, to mark findings of them.
        if let store = ready.store {
            do { options.vaultPaths = try store.vaultPaths() } catch { warn("the Vault index could not be read: \(error.description)") }
        }
        return Prepared(
            settings: settings, matcher: ready.matcher, key: ready.key, options: options,
            recorder: ready.store.map { ScanRecorder(store: $0, rules: ready.rules, filter: options.filter.digest) })
    }

    /// Statuses from the store, and triaged findings hidden unless `--include-triaged`.
    func annotate(_ result: ScanResult, _ recorder: ScanRecorder?) -> ScanResult {
        guard let recorder else { return result }
        do { return try recorder.annotate(result, includeTriaged: includeTriaged) } catch {
            warn(error.description)
            return result
        }
    }

    /// The progress line, when stderr is a terminal and it was not turned off.
    func progressLine(unit: String) -> ProgressLine { ProgressLine(enabled: !noProgress && isatty(2) == 1, unit: unit) }

    /// The baseline comparison, when `--baseline` was given: the file loaded and checked against
    /// the targets first, so a bad baseline fails before any scanning. `paths` is worked out only
    /// then (for files, it asks libgit2 for the work tree holding them).
    func classifier(
        _ prepared: Prepared, targets: [String?], exact: Bool, paths: @autoclosure () -> BaselinePaths, snapshot: BaselineSnapshot
    ) -> BaselineClassifier? {
        guard let loaded = baseline.load(key: prepared.key, targets: targets, exact: exact) else { return nil }
        return BaselineClassifier(
            baseline: loaded, matcher: prepared.matcher, key: prepared.key, paths: paths(), snapshot: snapshot,
            maxFileSize: prepared.options.maxFileSize)
    }

    /// Prints warnings, writes the report and exits with the documented status (`exitAfterOutput`).
    func finish(
        _ result: ScanResult, progress: ProgressLine, baseline classifier: BaselineClassifier? = nil, prepared: Prepared, title: String,
        files: Bool
    ) -> Never {
        var result = result
        prepared.options.filter.apply(to: &result, pathsRelative: !files)
        let all = classifier?.apply(to: &result, showKnown: baseline.showKnown) ?? result.findings
        progress.clear()
        let filteredNote = result.filtered.note(settings: prepared.settings, commandLine: !configuration.exclude.isEmpty).map { [$0] } ?? []
        for notice in result.notices + result.skippedLines(includeBinary: false) + filteredNote {
            FileHandle.standardError.write(Data("secretradar: note: \(TerminalText.line(notice))\n".utf8))
        }
        for error in result.errors { warn(error.description) }
        let color = output == nil && format == .text && isatty(1) == 1 && Resources.variable("NO_COLOR") == nil
        let context = ReportContext(
            toolVersion: SecretRadar.configuration.version, rules: prepared.matcher.rules, start: prepared.start, end: Date(), title: title)
        let data = ReportRenderer.render(
            findings: result.findings, summary: result.summary, format: format, color: color, ci: result.ci, context: context,
            skipped: result.skipped)
        Trace.mark("rendered")
        if let output {
            do { try OutputFile.write(data, to: output) } catch {
                fail("\(output): cannot write report: \(error.localizedDescription)")
            }
            if format != .text {
                // Against a baseline the listed findings are the few new ones: a CI log shows what failed.
                let listing =
                    classifier != nil
                    ? ReportRenderer.text(findings: result.findings, summary: result.summary, color: false)
                    : ReportRenderer.summaryLine(result.summary) + "\n"
                FileHandle.standardError.write(Data(listing.utf8))
            }
        } else {
            FileHandle.standardOutput.write(data)
        }
        Trace.mark("written")
        // Against a baseline only what is new fails; CI configuration problems are still reported.
        let failing =
            !baseline.policy(prepared.settings).failing(all).isEmpty
            || (classifier == nil && result.ci.contains(where: { !$0.isInformational }))
        // `--exit-code 0` reports without failing; an unreadable input still fails (exit 2) below.
        if failing && exitCode != ExitStatus.clean { exitAfterOutput(exitCode) }
        exitAfterOutput(result.errors.isEmpty ? ExitStatus.clean : ExitStatus.usage)
    }
}

/// `secretradar scan path PATH...`
struct ScanPath: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "path",
        abstract: "Scan files and directories (or - for standard input).",
        discussion: """
            Directories are walked recursively; .git directories are skipped and symbolic links met inside a directory are not followed (a path named on the command line is used as given). Files with a NUL byte in their first 8 KiB are skipped as binary and files over --max-file-size are skipped as large; both are counted in the summary, never dropped silently. A line containing `secretradar:ignore` suppresses findings on that line.

            The same secret under the same rule in several places is one finding with several locations. Its id is HMAC-SHA256(key, rule id, secret) with the store's key, so ids are stable across runs without storing secrets. Every scan is recorded in the store (--store, --no-store); findings triaged as false_positive or ignored are not reported again unless --include-triaged.

            With no PATH, scans the demo files shipped with secretradar (corpus/files).

            Settings: .secretradar.toml at the scanned root (the git work tree holding the first PATH, else that directory) excludes paths, disables or adds rules, allowlists paths, rules, secrets (regexes) and finding ids, and sets the failing severity and size limit; .secretradarignore beside it lists finding ids reviewed as not secrets, each with a reason. --config names another file, --no-config reads neither, --exclude adds patterns. What they leave out is counted in a note on stderr (docs/configuration.md).

            With --baseline FILE, each finding is new, known or new_location (a known secret copied to a place the baseline lacks) and only new and new_location ones are listed (--show-known lists all); the exit code is 1 only for what --fail-on names. Paths are compared relative to the root of the git work tree holding the first PATH, else to the first PATH.

            Exit codes: 0 no findings (with --baseline: nothing new); 1 findings (with --baseline: new ones, see --fail-on); 2 usage or input error (a path that does not exist or cannot be read, bad rules, a missing, damaged or foreign baseline) when nothing was found; 3 internal error.
            """
    )

    @Argument(help: ArgumentHelp("Files or directories to scan; - reads standard input.", valueName: "path"))
    var paths: [String] = []

    @OptionGroup var common: CommonScanOptions

    func run() throws {
        var targets = paths
        if targets.isEmpty {
            guard let demo = Resources.demoCorpus() else { fail("no path given and the demo corpus was not found") }
            targets = [demo]
        }
        // The root that baseline paths, settings and --exclude patterns are relative to.
        let paths = BaselinePaths.files(targets: targets)
        let prepared = common.prepare(files: true, settings: common.configuration.load(.files(root: paths.root)))
        let classifier = common.classifier(prepared, targets: targets, exact: false, paths: paths, snapshot: .files)
        let scanner = PathScanner(matcher: prepared.matcher, key: prepared.key, options: prepared.options)
        let progress = common.progressLine(unit: "files")
        var result: ScanResult
        do {
            result = try scanner.scan(paths: targets, root: paths.root, progress: progress.scanCallback)
        } catch {
            fail(String(describing: error), status: ExitStatus.internal)
        }
        if let recorder = prepared.recorder {
            do { try recorder.recordFiles(paths: targets, result: result) } catch {
                result.errors.append(.store(message: error.description))
            }
        }
        common.finish(
            common.annotate(result, prepared.recorder), progress: progress, baseline: classifier, prepared: prepared,
            title: "secretradar: " + targets.joined(separator: ", "), files: true)
    }
}
