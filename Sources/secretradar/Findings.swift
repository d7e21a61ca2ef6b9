import ArgumentParser
import Foundation
import RadarModel
import RadarReport
import RadarStore

extension TriageStatus: ExpressibleByArgument {}
extension Severity: ExpressibleByArgument {}

/// The store option every store command takes.
struct StoreOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("The store (default: $SECRETRADAR_STORE, else $XDG_DATA_HOME/secretradar/radar.db).", valueName: "path"))
    var store: String?

    /// Opens an existing store; a store that does not exist yet is an input error, not created.
    func open() -> Store {
        let path = StoreAccess.path(store)
        guard FileManager.default.fileExists(atPath: path) else { fail("\(path): no store here yet (a scan creates it)") }
        return StoreAccess.open(store)
    }
}

/// `secretradar findings …`
struct Findings: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "findings",
        abstract: "List, show and triage the findings recorded in the store.",
        subcommands: [FindingsList.self, FindingsShow.self, FindingsTriage.self]
    )
}

struct FindingsList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List recorded findings (secrets redacted), filtered by source, rule, severity, status or scan.")

    @OptionGroup var storeOption: StoreOption
    @Option(
        name: .long, help: ArgumentHelp("Only this source (its path or URL as `sources list` shows it, or its id).", valueName: "source"))
    var source: String?
    @Option(name: .long, help: ArgumentHelp("Only this rule id.", valueName: "rule"))
    var rule: String?
    @Option(name: .long, help: "Only this severity: critical, high, medium, low, info.")
    var severity: Severity?
    @Option(name: .long, help: "Only this triage status.")
    var status: TriageStatus?
    @Option(name: .long, help: ArgumentHelp("Only findings first seen after this scan id.", valueName: "id"))
    var sinceScan: Int64?
    @Option(name: .shortAndLong, help: "Output format: text, json or jsonl (`secretradar report` renders the other formats).")
    var format: ReportFormat = .text

    func validate() throws {
        if !format.mayShowSecrets {
            throw ValidationError("--format \(format.rawValue): use `secretradar report --format \(format.rawValue)`")
        }
    }

    func run() throws {
        let store = storeOption.open()
        let findings: [Finding]
        do {
            findings = try store.findings(
                FindingFilter(source: source, rule: rule, severity: severity, status: status, sinceScan: sinceScan))
        } catch { fail(error.description) }
        FileHandle.standardOutput.write(ReportRenderer.list(findings, format: format))
    }
}

struct FindingsShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one finding: every location and its triage history.")

    @OptionGroup var storeOption: StoreOption
    @Argument(help: ArgumentHelp("Finding id, or its first 6 or more characters.", valueName: "id"))
    var id: String
    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: ReportFormat = .text

    func run() throws {
        let store = storeOption.open()
        let shown: (finding: Finding, history: [TriageEvent])
        do { shown = try store.finding(id) } catch { fail(error.description) }
        FileHandle.standardOutput.write(ReportRenderer.show(shown.finding, history: shown.history, format: format))
    }
}

struct FindingsTriage: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "triage",
        abstract: "Record a decision about findings.",
        discussion: """
            Statuses: new, to_remediate, secret_stored (copied into Vault), secret_replaced, secret_revoked, resolved, false_positive, ignored. Findings marked false_positive or ignored are not reported by later scans unless --include-triaged. Every decision is kept with its comment, actor ($SECRETRADAR_ACTOR, else the login name) and time; `findings show` lists them.
            """)

    @OptionGroup var storeOption: StoreOption
    @Argument(help: ArgumentHelp("Finding ids (or unique prefixes of 6 or more characters).", valueName: "id"))
    var ids: [String]
    @Option(name: .long, help: "The new status.")
    var status: TriageStatus
    @Option(name: .long, help: ArgumentHelp("Why (kept in the history).", valueName: "text"))
    var comment: String?

    func validate() throws {
        if ids.isEmpty { throw ValidationError("give at least one finding id") }
    }

    func run() throws {
        let store = storeOption.open()
        let env = ProcessInfo.processInfo.environment
        let actor = env["SECRETRADAR_ACTOR"].flatMap { $0.isEmpty ? nil : $0 } ?? env["USER"] ?? NSUserName()
        let done: [String]
        do { done = try store.triage(ids, status: status, comment: comment, actor: actor) } catch { fail(error.description) }
        for id in done { print("\(id.prefix(12))  \(status.rawValue)") }
    }
}

/// `secretradar scans list`
struct Scans: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scans", abstract: "List the scans recorded in the store.", subcommands: [ScansList.self])
}

struct ScansList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Every recorded scan, newest first.")
    @OptionGroup var storeOption: StoreOption
    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: ReportFormat = .text

    func run() throws {
        let scans: [ScanRecord]
        do { scans = try storeOption.open().scans() } catch { fail(error.description) }
        if format != .text { return FileHandle.standardOutput.write(ReportRenderer.json(scans)) }
        FileHandle.standardOutput.write(Data(StoreTables.scans(scans).utf8))
    }
}

/// `secretradar sources list`
struct Sources: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources", abstract: "List the sources recorded in the store.", subcommands: [SourcesList.self])
}

struct SourcesList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Every repository and directory scanned into the store.")
    @OptionGroup var storeOption: StoreOption
    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: ReportFormat = .text

    func run() throws {
        let sources: [SourceRecord]
        do { sources = try storeOption.open().sources() } catch { fail(error.description) }
        if format != .text { return FileHandle.standardOutput.write(ReportRenderer.json(sources)) }
        FileHandle.standardOutput.write(Data(StoreTables.sources(sources).utf8))
    }
}

/// `secretradar store …`
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: "Manage the store itself.", subcommands: [ExportKey.self, StoreCheck.self])
}

struct ExportKey: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-key",
        abstract: "Write the store's finding-identity key, to share with a team.",
        discussion: """
            Finding ids are HMAC-SHA256 of the rule and the secret under this key. Give the file to teammates and CI jobs (`--hash-key-file FILE`) so their finding ids and baselines match yours. The key is a secret of its own: anyone holding it can test guesses of a secret against a finding id. The file is written with mode 0600.
            """)
    @OptionGroup var storeOption: StoreOption
    @Option(
        name: .shortAndLong, help: ArgumentHelp("Write the key to this file (mode 0600) instead of standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        let key: [UInt8]
        do { key = try StoreAccess.open(storeOption.store).hashKey() } catch { fail(error.description) }
        let hex = key.map { String(format: "%02x", $0) }.joined() + "\n"
        guard let output else { return FileHandle.standardOutput.write(Data(hex.utf8)) }
        try? FileManager.default.removeItem(atPath: output)
        guard FileManager.default.createFile(atPath: output, contents: Data(hex.utf8), attributes: [.posixPermissions: 0o600]) else {
            fail("\(output): cannot write the key")
        }
    }
}

struct StoreCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check the store file's integrity (SQLite's integrity_check); exit 0 when sound.")
    @OptionGroup var storeOption: StoreOption

    func run() throws {
        let result: String
        do { result = try storeOption.open().integrityCheck() } catch { fail(error.description) }
        print(result == "ok" ? "ok" : result)
        if result != "ok" { throw ExitCode(ExitStatus.findings) }
    }
}
