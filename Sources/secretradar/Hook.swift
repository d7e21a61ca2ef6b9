import ArgumentParser
import Foundation
import RadarEngine
import RadarGit
import RadarMatch
import RadarModel
import RadarReport

/// `secretradar hook …`: git hooks that stop secrets before they land.
struct Hook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook",
        abstract: "Run as a git hook: pre-receive on a server, pre-commit on a workstation.",
        subcommands: [PreReceive.self, PreCommit.self]
    )
}

/// Options both hooks take.
struct HookOptions: ParsableArguments {
    @OptionGroup var engine: EngineOptions

    @OptionGroup var baseline: BaselineOptions

    @OptionGroup var configuration: ConfigOptions

    @Flag(
        name: .long,
        help: ArgumentHelp(
            "Reject (exit 2) when a file could not be scanned (binary, or over --max-file-size); by default each is listed and let through."
        )
    )
    var failOnSkipped = false

    /// Rules, matcher (incremental), key and scan options; never showing secrets: hook output goes
    /// to whoever pushed or committed. Hooks do not record into the store (they are gates, not
    /// audits), but use its key when one exists so ids match the team's reports.
    /// The repository's settings are read first (docs/configuration.md): the work tree's, or on a
    /// server the default branch's, never the pushed ones.
    func prepare() -> (Matcher, FindingKey, ScanOptions, RepositoryConfig?) {
        let settings = configuration.load(.repository(nil))
        var options = ScanOptions(maxFileSize: engine.maxFileSize(files: false, settings: settings))
        if let workers = engine.workers { options.workers = workers }
        options.filter = configuration.filter(settings)
        let matcher = RulesOption.matcher(engine.rules, extra: engine.rulesOption.extraRules, incremental: true, settings: settings)
        let (key, _) = StoreAccess.keyAndStore(keyFile: engine.keyFile, store: nil, record: false)
        return (matcher, key, options, settings)
    }

    /// With `--baseline`: the classifier for the repository the hook runs in (checked first: a
    /// missing, damaged or foreign baseline rejects with exit 2).
    func classifier(
        _ matcher: Matcher, _ key: FindingKey, _ options: ScanOptions, snapshot: BaselineSnapshot, paths: BaselinePaths = .repository
    ) -> BaselineClassifier? {
        guard let loaded = baseline.load(key: key, targets: [nil], exact: true) else { return nil }
        return BaselineClassifier(
            baseline: loaded, matcher: matcher, key: key, paths: paths, snapshot: snapshot, maxFileSize: options.maxFileSize)
    }

    /// The verdict on the hook's results (`FailurePolicy.hookVerdict`).
    func verdict(
        _ results: [ScanResult], _ classifier: BaselineClassifier?, settings: RepositoryConfig?, gate: String, unread: String?,
        rejection: ([ScanResult]) -> String
    )
        -> HookVerdict
    {
        var verdict = baseline.policy(settings).hookVerdict(
            results, baseline: classifier, showKnown: baseline.showKnown, failOnSkipped: failOnSkipped, gate: gate, unreadMessage: unread,
            rejection: rejection)
        var filtered = FilteredCounts()
        for r in results { filtered.add(r.filtered) }
        if let note = filtered.note(settings: settings, commandLine: !configuration.exclude.isEmpty) { verdict.notes.append(note) }
        return verdict
    }
}

/// Prints a hook's verdict and exits with its status.
func emit(_ verdict: HookVerdict) -> Never {
    for n in verdict.notes { note(n) }
    for w in verdict.warnings { warn(w) }
    FileHandle.standardError.write(Data(verdict.message.utf8))
    exitAfterOutput(verdict.status)
}

/// `secretradar hook pre-receive`
struct PreReceive: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pre-receive",
        abstract: "Reject pushes that add hardcoded secrets (install as hooks/pre-receive of a bare repository).",
        discussion: """
            Reads '<old> <new> <ref>' lines on standard input, as git gives a pre-receive hook, and scans the blobs each pushed ref introduces: commits reachable from <new> and not from <old>; for a new branch or tag (an all-zero <old>), commits no existing ref reaches. The pushed objects are read where git quarantines them (GIT_OBJECT_DIRECTORY, GIT_ALTERNATE_OBJECT_DIRECTORIES), before they enter the repository. Deleted refs are not scanned.

            A hook script: #!/bin/sh, then: exec secretradar hook pre-receive --timeout 60

            Settings (.secretradar.toml, .secretradarignore) are read from the default branch's tip, never from the pushed commits: a push cannot allowlist its own secret (docs/configuration.md).

            With --baseline FILE (a baseline of this repository, on the server's disk), only secrets new since the baseline and known secrets copied to new places reject the push (see --fail-on).

            When secrets are found the push is rejected (exit 1) with one line per secret: ref, commit, path:line, rule and the redacted secret. Bad input or an unreadable object rejects the push (exit 2). All pushed refs are scanned in one pass: each new commit and blob is read once.

            When the scan takes longer than --timeout seconds, --on-timeout decides: allow (the default) lets the push through with a warning saying how much was checked (exit 0): git servers give a hook about a minute, and a hook that cannot finish would block every push; reject refuses the push as not checked (exit 2).

            With --allow-skip, a pusher may skip the scan with `git push -o secretradar.skip` (a false positive in a hurry, as GitLab's secret push protection allows): the skip is written to stderr and, with --skip-log FILE, appended to that file. Without --allow-skip the option is ignored, with a warning.
            """
    )

    @Option(
        name: .long,
        help: ArgumentHelp("Let the push through, with a warning, if the scan takes longer than this many seconds.", valueName: "seconds"))
    var timeout: Double = 60

    enum OnTimeout: String, ExpressibleByArgument, CaseIterable { case allow, reject }

    @Option(name: .long, help: "When the scan outlasts --timeout: allow the push with a warning, or reject it as not checked.")
    var onTimeout: OnTimeout = .allow

    @Flag(name: .long, help: "Honour `git push -o secretradar.skip` (the scan is skipped and the skip logged).")
    var allowSkip = false

    @Option(name: .long, help: ArgumentHelp("Append a line for every skipped scan to this file.", valueName: "file"))
    var skipLog: String?

    @OptionGroup var options: HookOptions

    func validate() throws {
        if !(timeout > 0) { throw ValidationError("--timeout must be a positive number of seconds") }
    }

    func run() throws {
        let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        let updates: [RadarEngine.PreReceive.Update]
        do { updates = try RadarEngine.PreReceive.parse(input) } catch { fail(error.description) }
        let environment = ProcessInfo.processInfo.environment
        if let skipped = RadarEngine.PreReceive.skipVerdict(updates, environment: environment, allowed: allowSkip, log: skipLog) {
            emit(skipped)
        }
        if RadarEngine.PreReceive.skipRequested(environment: environment) {
            warn("push option \(RadarEngine.PreReceive.skipOption) ignored: this server does not allow skipping the secret scan")
        }
        let (matcher, key, scanOptions, settings) = options.prepare()
        let classifier = options.classifier(matcher, key, scanOptions, snapshot: .git(repository: nil))
        switch RadarEngine.PreReceive.scan(updates, repository: nil, matcher: matcher, key: key, options: scanOptions, timeout: timeout) {
        case .timedOut(let checked, let total):
            emit(RadarEngine.PreReceive.timeoutVerdict(checked: checked, of: total, timeout: timeout, reject: onTimeout == .reject))
        case .finished(let scanned):
            emit(
                options.verdict(
                    scanned.map(\.result), classifier, settings: settings, gate: "push rejected",
                    unread: "the pushed objects could not all be checked"
                ) { judged in RadarEngine.PreReceive.rejection(zip(scanned, judged).map { (ref: $0.0.ref, result: $0.1) }) })
        }
    }
}

/// `secretradar hook pre-commit`
struct PreCommit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pre-commit",
        abstract: "Block commits that add hardcoded secrets (install as .git/hooks/pre-commit).",
        discussion: """
            Scans the files staged in the index that differ from HEAD — exactly what the commit would record, not the work tree. When secrets are found the commit is blocked (exit 1) with each one's path, line and rule, secrets redacted. `git commit --no-verify` skips hooks.

            With --baseline FILE (e.g. the repository's committed .secretradar-baseline.json), only secrets the baseline does not know, and known secrets copied to new files, block the commit.

            A hook script: #!/bin/sh, then: exec secretradar hook pre-commit

            Settings: the work tree's .secretradar.toml and .secretradarignore (docs/configuration.md). A blocked commit lists each secret's id: a line `ID  reason` in .secretradarignore marks it as not a secret.
            For the pre-commit framework, see .pre-commit-hooks.yaml in the secretradar repository; given file names (`pre-commit run --all-files` with pass_filenames), it scans those files instead of the index.
            """
    )

    @OptionGroup var options: HookOptions

    @Argument(
        help: ArgumentHelp(
            "Files to scan instead of what is staged: the pre-commit framework passes them (with --all-files, or pass_filenames: true).",
            valueName: "file"))
    var files: [String] = []

    func run() throws {
        let (matcher, key, scanOptions, settings) = options.prepare()
        let result: ScanResult
        let classifier: BaselineClassifier?
        if files.isEmpty {
            classifier = options.classifier(matcher, key, scanOptions, snapshot: .staged(repository: nil))
            let scanner = GitScanner(matcher: matcher, key: key, options: GitScanOptions(common: scanOptions))
            do { result = try scanner.scanStaged(repository: nil) } catch { fail(String(describing: error), status: ExitStatus.internal) }
        } else {
            // The files as they are on disk (the framework stashes what is not staged first).
            let paths = BaselinePaths.files(targets: files)
            classifier = options.classifier(matcher, key, scanOptions, snapshot: .files, paths: paths)
            let scanner = PathScanner(matcher: matcher, key: key, options: scanOptions)
            do { result = try scanner.scan(paths: files, root: paths.root) } catch {
                fail(String(describing: error), status: ExitStatus.internal)
            }
        }
        emit(
            options.verdict([result], classifier, settings: settings, gate: "commit blocked", unread: nil) {
                RadarEngine.PreCommit.blocked($0[0])
            })
    }
}
