import ArgumentParser
import Foundation
import RadarEngine
import RadarGitLab
import RadarMatch
import RadarModel
import RadarReport
import RadarSupport
import RadarVault

extension VariableReportFormat: ExpressibleByArgument {}

/// `secretradar gitlab …`
struct GitLab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gitlab", abstract: "GitLab CI/CD variables and configuration on their way into Vault.",
        subcommands: [GitLabCI.self, GitLabVariables.self, GitLabPlan.self])
}

/// `secretradar gitlab variables EXPORT.json...`
struct GitLabVariables: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "variables",
        abstract: "Classify exported CI/CD variables: secrets to move into Vault, and what is wrong with them.",
        discussion: """
            Reads the JSON of GitLab's variables API (GET /projects/:id/variables, /groups/:id/variables, /admin/ci/variables): an array of variables, {"project": "group/app", "variables": [...]}, or {"projects": {name: [...]}, "groups": {name: [...]}, "instance": [...]} (docs/gitlab-variables.md).

            Each variable is a secret (a rule matches its value, or a secret-like name such as *_PASSWORD, *_TOKEN, *_API_KEY holds a random-looking literal), a placeholder where a credential belongs (changeme, REPLACE_ME, <set-me>, xxxx…, AWS documentation keys: not moved, not called safe), not a secret (configuration, a $REFERENCE, a URL without a literal password, public keys and certificates, regexes and globs), or cannot be scanned (hidden, or no value). Secrets are flagged when not protected, not masked, scoped to * although the project uses environments, a file variable holding private key material, or the same value under several keys, scopes or projects (compared by keyed hash). Values are always redacted.

            Several exports (instance, group, project) are read together, so reuse across them is found.

            Exit codes: 0 no secrets or placeholders; 1 secrets or placeholders reported; 2 unreadable or malformed input (file:line).
            """)

    @Argument(help: ArgumentHelp("Variables API exports (JSON).", valueName: "export.json"))
    var exports: [String]

    @Option(name: .shortAndLong, help: "Output format: text, json or csv.")
    var format: VariableReportFormat = .text

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var output: String?

    @OptionGroup var rulesOption: RulesOption

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
        let (key, _) = StoreAccess.keyAndStore(keyFile: keyFile, store: nil, record: false)
        let assessments: [VariableAssessment]
        do { assessments = try VaultMove.assess(variables, matcher: rulesOption.matcher(), key: key) } catch {
            fail(String(describing: error), status: ExitStatus.internal)
        }
        let data = VariableReportRenderer.render(assessments, format: format)
        if let output {
            do { try OutputFile.write(data, to: output) } catch {
                fail("\(output): cannot write report: \(error.localizedDescription)")
            }
        } else {
            FileHandle.standardOutput.write(data)
        }
        if assessments.contains(where: { $0.kind == .secret || $0.kind == .placeholder }) { throw ExitCode(ExitStatus.findings) }
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

    @OptionGroup var rulesOption: RulesOption

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one .gitlab-ci.yml") }
    }

    func run() throws {
        let analyzer = CIAnalyzer(matcher: rulesOption.matcher())
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
        commandName: "vault", abstract: "Check Vault JWT roles and policies meant for GitLab CI, and verify a finished move.",
        subcommands: [VaultLintCommand.self, VaultVerifyCommand.self, VaultIndexCommand.self])
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
            for p in problems { out += TerminalText.line("\(p.file):\(p.line)  \(p.code)  \(p.message)") + "\n" }
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

/// `secretradar gitlab plan`
struct GitLabPlan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Write the move-to-Vault plan: what moves where, policies, JWT roles, setup script, Terraform, CI changes.",
        discussion: """
            Writes into --output: PLAN.md (what moves, with its KV v2 path and field; what stays; what a person must check; the order of work), vault/policies/<project>-<environment>.hcl (read on exactly the paths that environment's jobs use), vault/roles/<project>-<environment>.json (role_type jwt, bound_audiences, bound_claims on project_path, ref_type, environment, and for production ref, ref_protected and pipeline_source), vault/setup.sh (auth, config, policies, roles, and kv put steps that read each value from the environment at run time), terraform/vault.tf, and gitlab-ci.patch.md (per job: id_tokens + secrets:vault, or the Vault CLI exchange for --edition ce). No secret value is ever written. The generated roles and policies pass `secretradar vault lint`.
            """)

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A CI/CD variables export (JSON), repeatable: the project's, its groups', the instance's. Merged as GitLab does: project over group over instance for the same key and scope; an environment's own scope over *.",
            valueName: "file"))
    var variables: [String] = []
    @Option(name: .long, help: ArgumentHelp("The project's .gitlab-ci.yml (jobs, environments, variable use).", valueName: "file"))
    var ci: String?
    @Option(name: .long, help: ArgumentHelp("group/project, as GitLab's project_path claim says it.", valueName: "path"))
    var projectPath: String
    @Option(name: .long, help: ArgumentHelp("GitLab's URL: the JWT issuer (default https://gitlab.com).", valueName: "url"))
    var gitlabURL: String = "https://gitlab.com"
    @Option(name: .long, help: ArgumentHelp("Vault's URL, also the ID tokens' audience.", valueName: "url"))
    var vaultURL: String
    @Option(name: .long, help: ArgumentHelp("KV v2 mount (default secret).", valueName: "mount"))
    var kvMount: String = "secret"
    @Option(name: .long, help: "premium (secrets:vault) or ce (Vault CLI).")
    var edition: String = "premium"
    @Option(
        name: .long,
        help: ArgumentHelp("The branch production deploys from, and every environment's by default (main).", valueName: "branch"))
    var productionRef: String = "main"
    @Option(
        name: .long,
        help: ArgumentHelp("The branch an environment deploys from, when not --production-ref (repeatable).", valueName: "env=branch"))
    var ref: [String] = []
    @Option(
        name: .long, help: ArgumentHelp("Directory to write the plan into (created; existing plan files are replaced).", valueName: "dir"))
    var output: String
    @Option(
        name: [.customLong("hash-key-file"), .customLong("key-file")],
        help: ArgumentHelp("Key for value hashes (default: the store's key, when a store exists).", valueName: "file"))
    var keyFile: String?

    func validate() throws {
        if variables.isEmpty { throw ValidationError("give at least one --variables export") }
        guard ["premium", "ce"].contains(edition) else { throw ValidationError("--edition: premium or ce, got '\(edition)'") }
        guard projectPath.contains("/") else { throw ValidationError("--project-path: group/project, got '\(projectPath)'") }
        if VaultMove.refs(ref) == nil { throw ValidationError("--ref: expected env=branch") }
    }

    func run() throws {
        var loaded: [CIVariable] = []
        for file in variables {
            do { loaded += try VariableExport.load(file: file) } catch { fail(error.description) }
        }
        let exported = VaultMove.merged(loaded)
        let matcher = RulesOption.matcher(nil)
        let (key, _) = StoreAccess.keyAndStore(keyFile: keyFile, store: nil, record: false)
        let assessments: [VariableAssessment]
        do { assessments = try VaultMove.assess(exported, matcher: matcher, key: key) } catch {
            fail(String(describing: error), status: ExitStatus.internal)
        }
        var jobs: [CIAnalyzer.JobUse] = []
        if let ci {
            do { jobs = try CIAnalyzer(matcher: matcher).jobUses(file: ci) } catch { fail(error.description) }
        }
        let files = VaultPlanner.plan(
            assessments: assessments, jobs: jobs,
            options: PlanOptions(
                projectPath: projectPath, gitlabURL: gitlabURL, vaultURL: vaultURL, kvMount: kvMount, edition: edition,
                productionRef: productionRef, refs: VaultMove.refs(ref) ?? [:]))
        do { try VaultMove.write(plan: files, to: output).forEach { print($0) } } catch { fail(error.description) }
    }
}

/// `secretradar vault verify --plan DIR`
struct VaultVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a live Vault against a move-to-Vault plan: secrets, policies and roles.",
        discussion: """
            Reads VAULT_ADDR, VAULT_TOKEN (a token that can read the plan's paths, sys/policies/acl and auth/jwt/role), VAULT_NAMESPACE and VAULT_CACERT. Every planned secret must exist at its path with the value GitLab had (compared by keyed hash with the plan's key: no value is printed), every policy and role must exist and equal the plan's files. With --variables, the planned variables the exports still hold are listed, to delete in GitLab once the move is verified.

            Exit codes: 0 everything as planned; 1 something missing or different; 2 Vault unreachable, a refused request, or a bad plan.
            """)

    @Option(name: .long, help: ArgumentHelp("The plan directory (`gitlab plan --output`).", valueName: "dir"))
    var plan: String

    @Option(name: .long, help: ArgumentHelp("CI/CD variables exports to list what still sits in GitLab (repeatable).", valueName: "file"))
    var variables: [String] = []

    @Option(
        name: [.customLong("hash-key-file"), .customLong("key-file")],
        help: ArgumentHelp("Key the plan's value hashes were made with (default: the store's key).", valueName: "file"))
    var keyFile: String?

    func run() throws {
        let client: VaultClient
        do { client = try VaultClient(environment: ProcessInfo.processInfo.environment) } catch { fail(error.description) }
        var exports: [CIVariable] = []
        for file in variables {
            do { exports += try VariableExport.load(file: file) } catch { fail(error.description) }
        }
        let (key, _) = StoreAccess.keyAndStore(keyFile: keyFile, store: nil, record: false)
        let report: VaultVerification.Report
        do { report = try VaultVerification.verify(plan: plan, client: client, key: key, exports: VaultMove.merged(exports)) } catch {
            fail(error.description)
        }
        var lines = report.verified.map { "ok       \($0)" } + report.problems.map { "PROBLEM  \($0)" }
        lines += report.stillInGitLab.map { "in GitLab still: \($0)" }
        lines.append("\(report.verified.count) as planned, \(report.problems.count) problem\(report.problems.count == 1 ? "" : "s")")
        FileHandle.standardOutput.write(Data(lines.map { TerminalText.line($0) + "\n" }.joined().utf8))
        if !report.problems.isEmpty { throw ExitCode(ExitStatus.findings) }
    }
}

/// `secretradar vault index`
struct VaultIndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Record what a live Vault stores, as keyed hashes, so scans mark secrets that are managed in Vault.",
        discussion: """
            Reads VAULT_ADDR, VAULT_TOKEN (read-only is enough: list and read on the KV v2 mounts, and sys/mounts unless --mount is given), VAULT_NAMESPACE and VAULT_CACERT. Every string field of every secret is hashed with the store's key (HMAC: no value is kept) and recorded in the store, replacing the last index of the same address. Later scans give a finding whose secret is stored in Vault a vault_path ("mount/path#field"): a managed secret that leaked into code, to rotate rather than move.

            Folders are listed a page at a time on OpenBao (--page-size); Vault answers each folder at once.

            Exit codes: 0 indexed; 1 indexed up to --max-secrets and stopped; 2 Vault unreachable, a refused request, or no store.
            """)

    @Option(name: .long, help: ArgumentHelp("A KV v2 mount to index (repeatable; default: every KV v2 mount).", valueName: "mount"))
    var mount: [String] = []

    @OptionGroup var storeOption: StoreOption

    @Option(
        name: [.customLong("hash-key-file"), .customLong("key-file")],
        help: ArgumentHelp(
            "The key scans use (default: the store's key): values are hashed with it so findings can be matched.", valueName: "file"))
    var keyFile: String?

    @Option(name: .long, help: ArgumentHelp("Keys asked for per LIST request (OpenBao pages; Vault answers all at once).", valueName: "n"))
    var pageSize = 1000

    @Option(
        name: .long, help: ArgumentHelp("Stop after this many secrets (a bound on time and memory); exit 1 if reached.", valueName: "n"))
    var maxSecrets = VaultIndex.maxSecrets

    func run() throws {
        guard pageSize > 0, maxSecrets > 0 else { fail("--page-size and --max-secrets must be positive") }
        let client: VaultClient
        do { client = try VaultClient(environment: ProcessInfo.processInfo.environment) } catch { fail(error.description) }
        let (key, store) = StoreAccess.keyAndStore(keyFile: keyFile, store: storeOption.store, record: true)
        guard let store else { fail("vault index records into a store: give --store or set SECRETRADAR_STORE") }
        let outcome: VaultIndex.Outcome
        do {
            outcome = try VaultIndex.index(client: client, key: key, mounts: mount, pageSize: pageSize, maxSecrets: maxSecrets)
        } catch { fail(error.description) }
        do { try store.replaceVaultIndex(address: client.address, secrets: outcome.secrets) } catch { fail(error.description) }
        let mounts = outcome.mounts.joined(separator: ", ")
        note(
            "\(outcome.secrets.count) value\(outcome.secrets.count == 1 ? "" : "s") of \(outcome.paths) secret\(outcome.paths == 1 ? "" : "s") indexed from \(client.address) (\(mounts.isEmpty ? "no KV v2 mount" : mounts))"
        )
        if outcome.truncated {
            note("stopped at --max-secrets \(maxSecrets): the secrets after it are not indexed, and findings of theirs get no vault_path")
            throw ExitCode(ExitStatus.findings)
        }
    }
}
