import ArgumentParser
import Foundation
import RadarEngine
import RadarGit
import RadarModel
import RadarStore
import RadarSupport

/// `secretradar baseline …`: the migration baseline file.
struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Create, update and prune a migration baseline: the findings a team already knows.",
        discussion: """
            A baseline is a JSON file (docs/baseline.md) listing, for each known finding, its id, rule, triage status, the paths it occurs in and where it was first seen — never the secret. It names the finding key by fingerprint and is sealed with that key: a baseline made with another key, edited by hand, truncated, or of another repository is refused (exit 2), never silently ignored. Commit it to the repository; then `scan path`, `scan git` and the hooks take --baseline FILE and report only what is new.

            Finding ids are keyed: every machine that uses a baseline needs the same key (`secretradar store export-key`, then --hash-key-file FILE or $SECRETRADAR_HASH_KEY).
            """,
        subcommands: [BaselineCreate.self, BaselineUpdate.self, BaselinePrune.self]
    )
}

/// Where the findings of a baseline come from, shared by create, update and prune.
struct BaselineInput: ParsableArguments {
    @Flag(name: .long, help: "Scan the whole git history of TARGET (a repository) as `scan git` does, not the files as `scan path` does.")
    var git = false

    @Flag(name: .long, help: "Take the findings from the store instead of scanning (with --source).")
    var fromStore = false

    @Option(name: .long, help: ArgumentHelp("With --from-store: the source (locator or id, see `sources list`).", valueName: "source"))
    var source: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The store (default: $SECRETRADAR_STORE, else $XDG_DATA_HOME/secretradar/radar.db); scans read triage statuses from it.",
            valueName: "path"))
    var store: String?

    @Flag(name: .long, help: "Never print the progress line (it is shown only when stderr is a terminal).")
    var noProgress = false

    @OptionGroup var engine: EngineOptions

    func validate() throws {
        if fromStore && source == nil { throw ValidationError("--from-store needs --source (see `secretradar sources list`)") }
        if source != nil && !fromStore { throw ValidationError("--source is for --from-store") }
        if fromStore && git { throw ValidationError("--from-store and --git cannot be combined") }
    }

    /// The key a baseline is made (and checked) with: `--hash-key-file`, `$SECRETRADAR_HASH_KEY`, else
    /// the store's, creating the store when there is none — never a key for this run only, which
    /// would make a baseline no later scan can use.
    static func key(_ keyFile: String?, _ store: String?) -> (FindingKey, Store?) {
        let given = keyFile != nil || !(ProcessInfo.processInfo.environment["SECRETRADAR_HASH_KEY"] ?? "").isEmpty
        return StoreAccess.keyAndStore(keyFile: keyFile, store: store, record: !given)
    }

    /// The findings as baseline entries, with the key, the kind and the repository identity.
    func gather(target: String, kind wanted: Baseline.Kind?) -> (
        key: FindingKey, kind: Baseline.Kind, source: Baseline.Source?, entries: [Baseline.Entry]
    ) {
        let kind = fromStore ? .store : git ? .git : (wanted == .store ? nil : wanted) ?? .files
        let (key, _) = BaselineInput.key(engine.keyFile, store)
        let storeExists = FileManager.default.fileExists(atPath: StoreAccess.path(store))
        if kind == .store {
            guard storeExists else { fail("\(StoreAccess.path(store)): no such store") }
            do {
                let (identity, entries) = try BaselineGathering.fromStore(StoreAccess.open(store), source: source ?? "")
                return (key, .store, identity, entries)
            } catch { fail(error.description) }
        }
        let (matcher, options) = engine.compile(incremental: kind == .git, files: kind != .git)
        let progress = ProgressLine(enabled: !noProgress && isatty(2) == 1, unit: kind == .git ? "blobs" : "files")
        let findings: [Finding]
        let paths: BaselinePaths
        do {
            let warnings: [EngineError]
            (findings, paths, warnings) = try BaselineGathering.scan(
                target, git: kind == .git, matcher: matcher, key: key, options: options, progress: progress.scanCallback)
            progress.clear()
            for w in warnings { warn(w.description) }
        } catch {
            progress.clear()
            switch error {
            case .incomplete(_, let errors):
                for e in errors { warn(e.description) }
                fail(error.description)
            case .scan: fail(error.description, status: ExitStatus.internal)
            case .noSuchPath, .repository: fail(error.description)
            }
        }
        do {
            let entries = try BaselineGathering.entries(
                of: findings, paths: paths, statusesFrom: storeExists ? StoreAccess.open(store) : nil)
            return (key, kind, BaselineSource.identify(target, exact: kind == .git), entries)
        } catch { fail(error.description) }
    }
}

/// `secretradar baseline create TARGET -o FILE`
struct BaselineCreate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Scan TARGET (files, or with --git the whole history) and write every finding to a new baseline.",
        discussion: """
            Findings get their triage status from the store when it knows them (else new). The scan must read everything: an unreadable file or object stops with exit 2 rather than writing a baseline that forgets a secret.

            Exit codes: 0 written; 2 usage or input error; 3 internal error.
            """
    )

    @Argument(help: ArgumentHelp("A directory or repository (default: the current directory).", valueName: "target"))
    var target: String = "."

    @Option(name: .shortAndLong, help: ArgumentHelp("The baseline file to write (replaced atomically).", valueName: "file"))
    var output: String

    @OptionGroup var input: BaselineInput

    func run() throws {
        let (key, kind, source, entries) = input.gather(target: target, kind: nil)
        let baseline = Baseline(keyFingerprint: key.fingerprint, kind: kind, source: source, entries: entries)
        do { try baseline.write(to: output, seal: key.seal) } catch { fail(error.description) }
        note("\(output): \(baseline.entries.count) finding\(baseline.entries.count == 1 ? "" : "s") in the baseline")
    }
}

/// `secretradar baseline update FILE [TARGET]`
struct BaselineUpdate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Add the findings of a new scan to a baseline, keeping every existing entry and status.",
        discussion: """
            Scans TARGET the way the baseline was made (files, or the git history when it was made with --git; --git or --from-store override), adds findings it does not know and paths it did not list, and rewrites the file atomically. Accepting what a scan reports as new or new_location is exactly this.

            Exit codes: 0 written; 2 usage or input error (including a baseline that is missing, damaged, made with another key or of another repository); 3 internal error.
            """
    )

    @OptionGroup var existing: ExistingBaseline

    func run() throws {
        existing.rewrite { baseline, current in
            let added = baseline.update(with: current)
            return "\(added) finding\(added == 1 ? "" : "s") added"
        }
    }
}

/// `secretradar baseline prune FILE [TARGET]`
struct BaselinePrune: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Drop the baseline entries a new scan no longer finds.",
        discussion: """
            Scans TARGET the way the baseline was made and removes the entries whose secrets it no longer finds (rewritten atomically). A scan that cannot read everything stops with exit 2 instead of pruning, so an unreadable file never drops an entry.

            Exit codes: 0 written; 2 usage or input error; 3 internal error.
            """
    )

    @OptionGroup var existing: ExistingBaseline

    func run() throws {
        existing.rewrite { baseline, current in
            let dropped = baseline.prune(keeping: Set(current.map(\.id)))
            return "\(dropped) finding\(dropped == 1 ? "" : "s") dropped"
        }
    }
}

/// The arguments of update and prune, and what they share: open the baseline (checked), scan
/// the way it was made, change it, write it back atomically.
struct ExistingBaseline: ParsableArguments {
    @Argument(help: ArgumentHelp("The baseline file.", valueName: "file"))
    var file: String

    @Argument(help: ArgumentHelp("A directory or repository (default: the current directory).", valueName: "target"))
    var target: String = "."

    @OptionGroup var input: BaselineInput

    /// `change` edits the baseline with the current entries and says what it did.
    func rewrite(_ change: (inout Baseline, [Baseline.Entry]) -> String) {
        var (baseline, key) = BaselineFile.open(file, target: target, input: input)
        let (_, _, _, current) = input.gather(target: target, kind: baseline.kind)
        let done = change(&baseline, current)
        do { try baseline.write(to: file, seal: key.seal) } catch { fail(error.description) }
        note("\(file): \(done), \(baseline.entries.count) in the baseline")
    }
}

/// Opening an existing baseline for update and prune.
enum BaselineFile {
    static func open(_ file: String, target: String, input: BaselineInput) -> (Baseline, FindingKey) {
        let (key, _) = BaselineInput.key(input.engine.keyFile, input.store)
        do {
            let baseline = try Baseline.load(path: file, keyFingerprint: key.fingerprint, seal: key.seal)
            if baseline.kind == .store && !input.fromStore && !input.git {
                fail("\(file): this baseline was made from the store; pass --from-store --source S (or --git to rescan)")
            }
            if !input.fromStore {
                try BaselineSource.verify(baseline, file: file, target: target, exact: input.git || baseline.kind == .git)
            }
            return (baseline, key)
        } catch {
            fail(error.description)
        }
    }
}

/// Writes `secretradar: MESSAGE` to stderr (what a command did, for people).
func note(_ message: String) {
    FileHandle.standardError.write(Data("secretradar: \(TerminalText.line(message))\n".utf8))
}
