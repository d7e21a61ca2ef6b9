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
        abstract: "Run as a git hook: pre-receive on a server, pre-commit on a workstation.",
        subcommands: [PreReceive.self, PreCommit.self]
    )
}

/// Options both hooks take.
struct HookOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("Rule file or directory (default: $SECRETRADAR_RULES, else the shipped rule pack).", valueName: "dir"))
    var rules: String?

    @Option(name: .long, help: ArgumentHelp("Skip blobs larger than this; accepts K, M, G suffixes (default 25M).", valueName: "size"))
    var maxFileSize: String = "25M"

    @Option(name: .long, help: ArgumentHelp("Worker threads (default: one per core).", valueName: "n"))
    var workers: Int?

    @Option(
        name: [.customLong("hash-key-file"), .customLong("key-file")],
        help: ArgumentHelp("Finding-identity key (64 hex characters; default: the store's key, when a store exists).", valueName: "file"))
    var keyFile: String?

    func validate() throws {
        guard ByteSize.parse(maxFileSize) != nil else {
            throw ValidationError("--max-file-size: expected a size such as 500K, 25M or 1048576, got '\(maxFileSize)'")
        }
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
    }

    /// Rules, matcher (incremental), key and scan options; never showing secrets: hook output goes
    /// to whoever pushed or committed. Hooks do not record into the store (they are gates, not
    /// audits), but use its key when one exists so ids match the team's reports.
    func prepare() -> (Matcher, FindingKey, ScanOptions) {
        let (matcher, _, options) = CommonScanOptions.compile(
            rules: rules, maxFileSize: maxFileSize, workers: workers, showSecrets: false, incremental: true)
        let (key, _) = StoreAccess.keyAndStore(keyFile: keyFile, store: nil, record: false)
        return (matcher, key, options)
    }
}

/// `secretradar hook pre-receive`
struct PreReceive: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pre-receive",
        abstract: "Reject pushes that add hardcoded secrets (install as hooks/pre-receive of a bare repository).",
        discussion: """
            Reads '<old> <new> <ref>' lines on standard input, as git gives a pre-receive hook, and scans the blobs each pushed ref introduces: commits reachable from <new> and not from <old>; for a new branch or tag (an all-zero <old>), commits no existing ref reaches. The pushed objects are read where git quarantines them (GIT_OBJECT_DIRECTORY, GIT_ALTERNATE_OBJECT_DIRECTORIES), before they enter the repository. Deleted refs are not scanned.

            A hook script: #!/bin/sh, then: exec secretradar hook pre-receive --timeout 60

            When secrets are found the push is rejected (exit 1) with one line per secret: ref, commit, path:line, rule and the redacted secret. When the scan takes longer than --timeout seconds the push is let through with a warning (exit 0). Bad input or an unreadable object rejects the push (exit 2).
            """
    )

    @Option(
        name: .long,
        help: ArgumentHelp("Let the push through, with a warning, if the scan takes longer than this many seconds.", valueName: "seconds"))
    var timeout: Double = 60

    @OptionGroup var options: HookOptions

    func validate() throws {
        if !(timeout > 0) { throw ValidationError("--timeout must be a positive number of seconds") }
    }

    /// One line of the hook's input.
    struct Update {
        var old: String
        var new: String
        var ref: String
    }

    static func parse(_ text: String) throws -> [Update] {
        var updates: [Update] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            let parts = line.split(separator: " ")
            guard parts.count == 3, ObjectID(hex: parts[0]) != nil, ObjectID(hex: parts[1]) != nil else {
                throw ValidationError("standard input line \(n + 1): expected '<old-sha> <new-sha> <ref>', got '\(line.prefix(120))'")
            }
            updates.append(Update(old: String(parts[0]), new: String(parts[1]), ref: String(parts[2])))
        }
        return updates
    }

    func run() throws {
        let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        let updates: [Update]
        do { updates = try Self.parse(input) } catch { fail("\(error)") }
        let (matcher, key, scanOptions) = options.prepare()
        let box = HookResults()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            for u in updates where ObjectID(hex: u.new)?.isZero == false {
                let scanner = GitScanner(
                    matcher: matcher, key: key, options: GitScanOptions(scope: .range(old: u.old, new: u.new), common: scanOptions))
                if let result = try? scanner.scan(repositories: [nil]) { box.append(ref: u.ref, result) }
            }
            done.signal()
        }
        thread.start()
        if done.wait(timeout: .now() + timeout) == .timedOut {
            warn("the secret scan did not finish within \(timeout) s; push allowed WITHOUT a secret check")
            Foundation.exit(ExitStatus.clean)
        }
        var lines: [String] = []
        var problems: [String] = []
        for (ref, result) in box.results {
            for f in result.findings {
                for l in f.locations {
                    lines.append("  \(ref)  \((l.commit ?? "-").prefix(12))  \(l.path):\(l.line)  \(f.rule)  \(f.secretRedacted)")
                }
            }
            problems += result.errors.map(\.description)
        }
        for p in problems { warn(p) }
        if !lines.isEmpty {
            let count = Set(box.results.flatMap { $0.1.findings.map(\.id) }).count
            var message = "secretradar: push rejected: \(count) hardcoded secret\(count == 1 ? "" : "s") in the pushed commits\n"
            message += lines.joined(separator: "\n") + "\n"
            message += "Remove each secret from the commits that added it (rewrite them), rotate the credential, and push again.\n"
            message += "A false positive can be silenced with a 'secretradar:ignore' comment on its line.\n"
            FileHandle.standardError.write(Data(message.utf8))
            throw ExitCode(ExitStatus.findings)
        }
        if !problems.isEmpty {
            FileHandle.standardError.write(Data("secretradar: push rejected: the pushed objects could not all be checked\n".utf8))
            throw ExitCode(ExitStatus.usage)
        }
    }
}

/// Scan results handed from the scanning thread to the hook's main thread.
final class HookResults: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [(String, ScanResult)] = []

    func append(ref: String, _ result: ScanResult) {
        lock.lock()
        storage.append((ref, result))
        lock.unlock()
    }

    var results: [(String, ScanResult)] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}

/// `secretradar hook pre-commit`
struct PreCommit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pre-commit",
        abstract: "Block commits that add hardcoded secrets (install as .git/hooks/pre-commit).",
        discussion: """
            Scans the files staged in the index that differ from HEAD — exactly what the commit would record, not the work tree. When secrets are found the commit is blocked (exit 1) with each one's path, line and rule, secrets redacted. `git commit --no-verify` skips hooks.

            A hook script: #!/bin/sh, then: exec secretradar hook pre-commit
            """
    )

    @OptionGroup var options: HookOptions

    func run() throws {
        let (matcher, key, scanOptions) = options.prepare()
        let scanner = GitScanner(matcher: matcher, key: key, options: GitScanOptions(common: scanOptions))
        let result: ScanResult
        do { result = try scanner.scanStaged(repository: nil) } catch { fail(String(describing: error), status: ExitStatus.internal) }
        for e in result.errors { warn(e.description) }
        if !result.findings.isEmpty {
            var message =
                "secretradar: commit blocked: \(result.findings.count) hardcoded secret\(result.findings.count == 1 ? "" : "s") in staged files\n"
            for f in result.findings {
                for l in f.locations { message += "  \(l.path):\(l.line):\(l.column)  \(f.rule)  \(f.secretRedacted)\n" }
            }
            message +=
                "Move the secret out of the file (an environment variable, a CI/CD variable or Vault), unstage it, and commit again.\n"
            FileHandle.standardError.write(Data(message.utf8))
            throw ExitCode(ExitStatus.findings)
        }
        if !result.errors.isEmpty { throw ExitCode(ExitStatus.usage) }
    }
}
