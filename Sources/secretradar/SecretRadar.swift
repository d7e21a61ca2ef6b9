import ArgumentParser
import Foundation
import RadarModel
import RadarSupport

/// The `secretradar` command: a thin layer that parses, calls the engine and maps errors to the
/// documented exit codes (0 clean, 1 findings, 2 usage or input error, 3 internal error).
@main
struct SecretRadar: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "secretradar",
        abstract: "Find hardcoded credentials and plan their move into HashiCorp Vault.",
        discussion: """
            Exit codes: 0 no findings, 1 findings, 2 usage or input error, 3 internal error.
            Secrets are redacted in every output unless --show-secrets is given.
            """,
        version: version,
        subcommands: [
            Scan.self, Report.self, BaselineCommand.self, Findings.self, Scans.self, Sources.self, StoreCommand.self, GitLab.self,
            Vault.self,
            Rules.self, Hook.self, Serve.self, Token.self,
        ]
    )

    /// Runs the command, turning argument-parser's usage exit (64) into our documented 2.
    static func main() {
        do {
            Trace.mark("main")
            var command = try parseAsRoot()
            Trace.mark("parsed")
            try command.run()
            Trace.mark("run")
        } catch let code as ExitCode {
            // A command's documented status (1: findings), thrown to unwind: nothing to print.
            // Not through `exit(withError:)`, which first renders the root command's usage for
            // any error (twice with `exitCode(for:)`): 1.3 ms of every run that found something.
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code.rawValue == 64 {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(ExitStatus.usage)
            }
            exit(withError: error)
        }
    }
}

/// The process exit statuses, in one place.
enum ExitStatus {
    static let clean: Int32 = 0
    static let findings: Int32 = 1
    static let usage: Int32 = 2
    static let `internal`: Int32 = 3
}

/// Writes `secretradar: error: MESSAGE` to stderr and exits with `status`. Callable from any
/// thread (the store opens on one while the rules load on another): the first caller exits and
/// a second waits for it, so two errors never run `exit` at once.
func fail(_ message: String, status: Int32 = ExitStatus.usage) -> Never {
    failing.lock()
    FileHandle.standardError.write(Data("secretradar: error: \(TerminalText.line(message))\n".utf8))
    Foundation.exit(status)
}

/// Ends the process with `status` once a command's output is written, without unwinding: the
/// matcher's databases, the findings and the rest are not torn down one by one only for the
/// system to reclaim them anyway (a millisecond between a scan's report and its exit). Standard
/// output's buffer is flushed by `exit`; the store keeps its committed state (`StoreAccess.open`).
func exitAfterOutput(_ status: Int32) -> Never {
    Foundation.exit(status)
}

/// Held by the thread that is exiting through `fail`; never released.
let failing = NSLock()

/// Writes `secretradar: warning: MESSAGE` to stderr.
func warn(_ message: String) {
    FileHandle.standardError.write(Data("secretradar: warning: \(TerminalText.line(message))\n".utf8))
}
