import ArgumentParser
import Foundation
import RadarEngine
import RadarGitLab
import RadarMatch
import RadarModel
import RadarReport

extension VariableReportFormat: ExpressibleByArgument {}

/// `secretradar gitlab …`
struct GitLab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gitlab", abstract: "GitLab CI/CD variables and configuration on their way into Vault.",
        subcommands: [GitLabCI.self, GitLabVariables.self])
}

/// `secretradar gitlab variables EXPORT.json...`
struct GitLabVariables: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "variables",
        abstract: "Classify exported CI/CD variables: secrets to move into Vault, and what is wrong with them.",
        discussion: """
            Reads the JSON of GitLab's variables API (GET /projects/:id/variables, /groups/:id/variables, /admin/ci/variables): an array of variables, {"project": "group/app", "variables": [...]}, or {"projects": {name: [...]}, "groups": {name: [...]}, "instance": [...]} (docs/gitlab-variables.md).

            Each variable is a secret (a rule matches its value, or a secret-like name such as *_PASSWORD, *_TOKEN, *_API_KEY holds a random-looking literal), not a secret (configuration, a $REFERENCE), or cannot be scanned (hidden, or no value). Secrets are flagged when not protected, not masked, scoped to * although the project uses environments, a file variable holding private key material, or the same value under several keys, scopes or projects (compared by keyed hash). Values are always redacted.

            Exit codes: 0 no secrets; 1 secrets reported; 2 unreadable or malformed input (file:line).
            """)

    @Argument(help: ArgumentHelp("Variables API exports (JSON).", valueName: "export.json"))
    var exports: [String]

    @Option(name: .shortAndLong, help: "Output format: text, json or csv.")
    var format: VariableReportFormat = .text

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Rule file or directory (default: $SECRETRADAR_RULES, else the shipped rule pack).", valueName: "dir"))
    var rules: String?

    @Option(
        name: [.customLong("hash-key-file"), .customLong("key-file")],
        help: ArgumentHelp("Key for value hashes (default: the store's key, when a store exists).", valueName: "file"))
    var keyFile: String?

    func validate() throws {
        if exports.isEmpty { throw ValidationError("give at least one variables export (JSON)") }
    }

    func run() throws {
        var variables: [CIVariable] = []
        for file in exports {
            do { variables += try VariableExport.load(file: file) } catch { fail(error.description) }
        }
        let (matcher, _, _) = CommonScanOptions.compile(
            rules: rules, maxFileSize: "25M", workers: 1, showSecrets: false, incremental: false)
        let (key, _) = StoreAccess.keyAndStore(keyFile: keyFile, store: nil, record: false)
        let classifier = VariableClassifier(matcher: matcher) { bytes in key.findingID(ruleID: "gitlab.ci_variable_value", secret: bytes) }
        let assessments: [VariableAssessment]
        do { assessments = try classifier.classify(variables) } catch { fail(String(describing: error), status: ExitStatus.internal) }
        let data = VariableReportRenderer.render(assessments, format: format)
        if let output {
            do { try OutputFile.writeAtomically(data, to: output) } catch {
                fail("\(output): cannot write report: \(error.localizedDescription)")
            }
        } else {
            FileHandle.standardOutput.write(data)
        }
        if assessments.contains(where: { $0.kind == .secret }) { throw ExitCode(ExitStatus.findings) }
    }
}

/// `secretradar gitlab ci FILE...`
struct GitLabCI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ci",
        abstract: "Check .gitlab-ci.yml files for what a move to Vault must fix.",
        discussion: """
            Reports, with file:line: secrets in variables: (rule matches, and secret-like names such as *_PASSWORD or *_TOKEN holding a literal rather than a $VARIABLE); credentials inline in scripts (curl -u user:pass, docker login -p, --password=, URLs with passwords); CI_JOB_JWT / CI_JOB_JWT_V2 (removed in GitLab 17.0); id_tokens without aud; secrets: entries that cannot get a token (no id_tokens in the job, a token: naming an undeclared token, several id_tokens and no token:); and in jobs that call the Vault CLI, ways a secret reaches the job log (set -x, env, printenv, echo of a secret variable, vault read / kv get output). Local includes are followed; other includes are named, not fetched. extends:, default:, YAML anchors and << merge keys are applied as GitLab does (docs/gitlab-ci.md).

            Exit codes: 0 nothing to fix; 1 problems reported; 2 unreadable or malformed YAML (file:line).
            """)

    @Argument(help: ArgumentHelp("CI configuration files.", valueName: "file"))
    var files: [String]

    @Option(name: .shortAndLong, help: "Output format: text, json or jsonl.")
    var format: ReportFormat = .text

    @Option(
        name: .long,
        help: ArgumentHelp("Rule file or directory (default: $SECRETRADAR_RULES, else the shipped rule pack).", valueName: "dir"))
    var rules: String?

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one .gitlab-ci.yml") }
    }

    func run() throws {
        let (matcher, _, _) = CommonScanOptions.compile(
            rules: rules, maxFileSize: "25M", workers: 1, showSecrets: false, incremental: false)
        let analyzer = CIAnalyzer(matcher: matcher)
        var findings: [CIFinding] = []
        for file in files {
            do { findings += try analyzer.analyze(file: file) } catch { fail(error.description) }
        }
        FileHandle.standardOutput.write(CIReportRenderer.render(findings, format: format))
        if findings.contains(where: { !$0.isInformational }) { throw ExitCode(ExitStatus.findings) }
    }
}

/// `secretradar vault lint FILE...`
struct Vault: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vault", abstract: "Check Vault JWT roles and policies meant for GitLab CI.", subcommands: [VaultLintCommand.self])
}

struct VaultLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Lint JWT roles (JSON) and policies (.hcl) for GitLab CI.",
        discussion: """
            Roles: `vault read -format=json auth/jwt/role/NAME` output, or the JSON body of a write. Reported: role_type not jwt, no user_claim, no bound_audiences, no bound_claims, no project or namespace binding, a glob on project_path or namespace_path, booleans or numbers in bound_claims (GitLab sends strings), TTLs over an hour or no token_explicit_max_ttl.

            Policies (files ending in .hcl): path "*" and mount-wide globs, sudo, unknown capabilities, an invalid +* or * not at the end, and KV v2 paths without data/ (for the mounts named by --kv-mount).

            Exit codes: 0 clean; 1 problems reported; 2 unreadable or malformed file (file:line).
            """)

    @Argument(help: ArgumentHelp("Role JSON and policy HCL files.", valueName: "file"))
    var files: [String]

    @Option(name: .long, help: ArgumentHelp("KV v2 mount names (repeatable; default: secret, kv).", valueName: "mount"))
    var kvMount: [String] = []

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: ReportFormat = .text

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one role (.json) or policy (.hcl)") }
    }

    func run() throws {
        var problems: [LintProblem] = []
        let mounts = Set(kvMount.isEmpty ? ["secret", "kv"] : kvMount)
        for file in files {
            do { problems += try VaultLint.lint(file: file, kvMounts: mounts) } catch { fail(error.description) }
        }
        if format == .text {
            var out = ""
            for p in problems { out += "\(p.file):\(p.line)  \(p.code)  \(p.message)\n" }
            out += "\(problems.count) problem\(problems.count == 1 ? "" : "s")\n"
            FileHandle.standardOutput.write(Data(out.utf8))
        } else {
            struct Document: Encodable {
                var version: Int
                var problems: [LintProblem]
            }
            FileHandle.standardOutput.write(ReportRenderer.json(Document(version: 1, problems: problems)))
        }
        if !problems.isEmpty { throw ExitCode(ExitStatus.findings) }
    }
}
