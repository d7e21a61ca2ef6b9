import Foundation
import RadarModel

/// Settings of a move-to-Vault plan.
public struct PlanOptions: Sendable {
    public var projectPath: String
    public var gitlabURL: String
    public var vaultURL: String
    public var kvMount: String
    /// `premium` (id_tokens + secrets:vault) or `ce` (the Vault CLI in scripts).
    public var edition: String
    /// The branch production deploys from, and the default for the other environments.
    public var productionRef: String
    /// Branches per environment where they differ from `productionRef` (`--ref staging=develop`).
    public var refs: [String: String]

    public init(
        projectPath: String, gitlabURL: String, vaultURL: String, kvMount: String = "secret", edition: String = "premium",
        productionRef: String = "main", refs: [String: String] = [:]
    ) {
        self.refs = refs
        self.projectPath = projectPath
        self.gitlabURL = gitlabURL
        self.vaultURL = vaultURL
        self.kvMount = kvMount
        self.edition = edition
        self.productionRef = productionRef
    }
}

/// Builds the move-to-Vault plan (docs/vault-plan.md): which variables move where, least-privilege
/// policies and JWT roles per environment, a setup script, Terraform, and the `.gitlab-ci.yml`
/// changes. It never writes a secret value: values are read from the environment at run time.
public enum VaultPlanner {
    /// One secret on the move.
    struct Move {
        var key: String
        var scope: String
        var environment: String
        var kvPath: String  // under the mount, without data/
        var reason: String
        var flags: [String]
        /// The value's keyed hash (never the value), for `vault verify`.
        var valueHash: String? = nil

        /// The shell variable `setup.sh` reads the value from: `SECRETRADAR_VALUE_` and the key, plus
        /// the environment when the key has several scopes (SECRETRADAR_VALUE_DATABASE_PASSWORD__PRODUCTION).
        /// The prefix keeps a moved variable from colliding with the Vault CLI's own environment
        /// (a `VAULT_ADDR` or `VAULT_NAMESPACE` exported as the plan said would redirect `setup.sh`).
        var shellName: String {
            "SECRETRADAR_VALUE_" + (scope == "*" ? key : key + "__" + environment.uppercased().replacingOccurrences(of: "-", with: "_"))
        }
    }

    /// Variables the Vault CLI or GitLab's Vault integration read themselves. A `VAULT_TOKEN` is a
    /// long-lived credential the move makes unnecessary: it is retired (revoked), never copied into
    /// Vault where both roles could read it. The others configure the login and stay in GitLab.
    static let vaultOwnVariables: Set<String> = [
        "VAULT_TOKEN", "VAULT_ADDR", "VAULT_NAMESPACE", "VAULT_CACERT", "VAULT_CAPATH", "VAULT_CLIENT_CERT", "VAULT_CLIENT_KEY",
        "VAULT_SKIP_VERIFY", "VAULT_SERVER_URL", "VAULT_AUTH_ROLE", "VAULT_AUTH_PATH", "VAULT_ID_TOKEN", "VAULT_ROLE_ID", "VAULT_SECRET_ID",
    ]

    /// The KV v2 path (under the mount, without `data/`) of a project's secret in an environment:
    /// unique per project, so two projects' plans applied to one Vault never share a path.
    static func kvPath(project: String, env: String, key: String) -> String { "ci/\(project)/\(env)/\(key.lowercased())" }

    /// Where a variable's secret lives: under its owner, so a group's variable is stored once at the
    /// group's path (`ci/<group>/-group/…`), which every project of the group that reads it is
    /// granted, and an instance variable under `ci/-instance/…`; a project's own under the project.
    /// No GitLab path segment starts with `-`, so these never meet a project's path.
    static func owner(of a: VariableAssessment, _ options: PlanOptions) -> String {
        if a.owner.hasPrefix("group:") { return String(a.owner.dropFirst("group:".count)) + "/-group" }
        if a.owner == "instance" { return "-instance" }
        return options.projectPath
    }

    static func slug(_ s: String) -> String {
        String(s.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }).split(separator: "-").joined(separator: "-")
    }

    static func environment(ofScope scope: String) -> String { scope == "*" ? "shared" : slug(scope) }

    static func isProduction(_ environment: String) -> Bool { environment.hasPrefix("prod") }

    /// Files of the plan, by path relative to the output directory.
    public static func plan(assessments: [VariableAssessment], jobs: [CIAnalyzer.JobUse], options: PlanOptions) -> [String: String] {
        let project = slug(options.projectPath)
        let moves = assessments.filter { $0.kind == .secret && !vaultOwnVariables.contains($0.key) }.map { a in
            let env = environment(ofScope: a.environmentScope)
            return Move(
                key: a.key, scope: a.environmentScope, environment: env,
                kvPath: kvPath(project: owner(of: a, options), env: env, key: a.key),
                reason: a.reason, flags: a.flags, valueHash: a.valueHash)
        }.sorted { ($0.environment, $0.key) < ($1.environment, $1.key) }
        var environments = Set(moves.map(\.environment)).subtracting(["shared"])
        // A job without an environment that reads a moving secret logs in as `<project>-default`
        // (shared secrets only): that role must exist.
        let moving = Set(moves.map(\.key))
        for j in jobs {
            if let e = j.environment {
                environments.insert(slug(e))
            } else if !j.variables.isDisjoint(with: moving) {
                environments.insert("default")
            }
        }
        if environments.isEmpty { environments = ["default"] }
        let envs = environments.sorted()
        // The moves each environment's jobs may read: its own, and shared ones it does not override.
        func paths(for env: String) -> [Move] { visible(moves, in: env) }

        // What starts the jobs of an environment: the refs and sources its role must accept.
        func triggers(_ env: String) -> JobTriggers {
            var t = JobTriggers()
            for j in jobs where (j.environment.map(slug) ?? "default") == env { t.formUnion(j.triggers) }
            return t
        }
        func audiences(_ env: String) -> [String] {
            jobs.filter { ($0.environment.map(slug) ?? "default") == env }.flatMap(\.audiences)
        }
        var files: [String: String] = [:]
        for env in envs {
            let name = "\(project)-\(env)"
            let kept = Set(jobs.filter { ($0.environment.map(slug) ?? "default") == env }.flatMap(\.vaultReads)).sorted()
            files["vault/policies/\(name).hcl"] = policy(
                env: env, moves: paths(for: env), others: envs.filter { $0 != env }, options: options, kept: kept)
            let audiences = jobs.filter { ($0.environment.map(slug) ?? "default") == env }.flatMap(\.audiences)
            files["vault/roles/\(name).json"] = role(
                env: env, policy: name, options: options, triggers: triggers(env), audiences: audiences)
        }
        files["plan.json"] = manifest(envs: envs, project: project, moves: moves, options: options)
        files["vault/setup.sh"] = setup(envs: envs, project: project, moves: moves, options: options)
        files["terraform/vault.tf"] = terraform(envs: envs, project: project, options: options, triggers: triggers, audiences: audiences)
        files["gitlab-ci.patch.md"] = patch(moves: moves, jobs: jobs, project: project, options: options)
        files["PLAN.md"] = planText(moves: moves, assessments: assessments, envs: envs, project: project, options: options)
        return files
    }

    /// The moves a job in `env` sees, as GitLab resolves a key: the environment's own scope over `*`.
    static func visible(_ moves: [Move], in env: String) -> [Move] {
        let own = Set(moves.filter { $0.environment == env }.map(\.key))
        return moves.filter { $0.environment == env || ($0.environment == "shared" && !own.contains($0.key)) }
    }

    static func policy(env: String, moves: [Move], others: [String], options: PlanOptions, kept: [String] = []) -> String {
        var out = "# Least privilege for \(options.projectPath) jobs in environment \(env): read exactly the secrets they use.\n"
        if moves.isEmpty && kept.isEmpty { out += "# No secret moves into this environment yet.\n" }
        for m in moves {
            out += "\npath \"\(options.kvMount)/data/\(m.kvPath)\" {\n  capabilities = [\"read\"]\n}\n"
        }
        let moved = Set(moves.map { "\(options.kvMount)/data/\($0.kvPath)" })
        for path in kept where !moved.contains(path) {
            out += "\n# Read today by the job's secrets: vault: entry; kept so the pipeline keeps working.\n"
            out += "path \"\(path)\" {\n  capabilities = [\"read\"]\n}\n"
        }
        // Deny other environments' prefixes when a name overlaps (review vs review-apps).
        for other in others where other.hasPrefix(env) || env.hasPrefix(other) {
            out += "\npath \"\(options.kvMount)/data/ci/\(options.projectPath)/\(other)/*\" {\n  capabilities = [\"deny\"]\n}\n"
        }
        return out
    }

    /// A role's bound claims, and whether they need `glob` matching: the project; the refs its jobs
    /// run on (`--ref ENV=BRANCH`, else the branches their `rules:`/`only:` name, else
    /// `--production-ref`; tags when they run on tags, as globs such as `v*`, or any protected tag);
    /// the environment; and for production, a protected ref and the pipeline sources its jobs use.
    static func claims(env: String, triggers: JobTriggers, options: PlanOptions) -> (glob: Bool, claims: [(String, [String])]) {
        var refs: [String] = []
        var refTypes: [String] = []
        // Scheduled, web and API pipelines run on branches: a job with such a source is not tag-only.
        let tagOnly = triggers.tags && triggers.branches.isEmpty && triggers.sources.isEmpty && options.refs[env] == nil
        if !tagOnly {
            refTypes.append("branch")
            if let given = options.refs[env] {
                refs.append(given)
            } else if !triggers.branches.isEmpty {
                refs += triggers.branches.sorted()
            } else {
                refs.append(options.productionRef)
            }
        }
        if triggers.tags {
            refTypes.append("tag")
            refs += triggers.tagGlobs.isEmpty ? ["*"] : triggers.tagGlobs.sorted()
        }
        var claims: [(String, [String])] = [("project_path", [options.projectPath]), ("ref", refs), ("ref_type", refTypes)]
        if env != "default" && env != "shared" { claims.append(("environment", [env])) }
        if isProduction(env) { claims += [("ref_protected", ["true"]), ("pipeline_source", ["push"] + triggers.sources.sorted())] }
        return (refs.contains { $0.contains("*") }, claims)
    }

    static func role(env: String, policy: String, options: PlanOptions, triggers: JobTriggers = JobTriggers(), audiences: [String] = [])
        -> String
    {
        let (glob, claims) = self.claims(env: env, triggers: triggers, options: options)
        // The Vault URL (the audience the patch's id_tokens use), and any the jobs' id_tokens already ask for.
        let accepted = [options.vaultURL] + Set(audiences).subtracting([options.vaultURL]).sorted()
        let claimLines = claims.map { name, values in
            "    \"\(name)\": " + (values.count == 1 ? "\"\(values[0])\"" : "[" + values.map { "\"\($0)\"" }.joined(separator: ", ") + "]")
        }.joined(separator: ",\n")
        return """
            {
              "role_type": "jwt",
              "bound_audiences": [\(accepted.map { "\"\($0)\"" }.joined(separator: ", "))],
              "bound_claims_type": "\(glob ? "glob" : "string")",
              "bound_claims": {
            \(claimLines)
              },
              "user_claim": "user_email",
              "token_policies": ["\(policy)"],
              "token_ttl": "15m",
              "token_max_ttl": "15m",
              "token_explicit_max_ttl": "15m"
            }

            """
    }

    /// What `vault verify` checks the server against: each secret's path and keyed value hash, each
    /// policy and role by name (their content is in the plan's own files). No value.
    static func manifest(envs: [String], project: String, moves: [Move], options: PlanOptions) -> String {
        let names = envs.map { "\(project)-\($0)" }
        let manifest = PlanManifest(
            projectPath: options.projectPath, kvMount: options.kvMount,
            secrets: moves.map { PlanManifest.Secret(key: $0.key, scope: $0.scope, path: $0.kvPath, valueHash: $0.valueHash) },
            policies: names, roles: names)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(manifest)) ?? Data("{}".utf8), as: UTF8.self) + "\n"
    }

    static func setup(envs: [String], project: String, moves: [Move], options: PlanOptions) -> String {
        var out = """
            #!/bin/sh
            # Sets up Vault for \(options.projectPath): JWT auth trusting \(options.gitlabURL), one policy and one
            # role per environment, then the secrets. Secret values are read from this shell's environment
            # at run time (export them from GitLab first); none is written in this file.
            set -eu
            : "${VAULT_ADDR:?point VAULT_ADDR at \(options.vaultURL)}"
            cd "$(dirname "$0")"

            # The KV v2 mount, enabled once; an existing mount of another kind or KV version stops here.
            if mount=$(vault read -format=json sys/mounts/\(options.kvMount) 2>/dev/null); then
              printf '%s' "$mount" | grep -q '"type": *"kv"' || { echo "setup.sh: \(options.kvMount)/ is mounted, but not as a KV secrets engine" >&2; exit 2; }
              printf '%s' "$mount" | grep -q '"version": *"2"' || { echo "setup.sh: \(options.kvMount)/ is KV version 1; the plan needs KV version 2" >&2; exit 2; }
            else
              vault secrets enable -path=\(options.kvMount) -version=2 kv
            fi

            vault auth list -format=json | grep -q '"jwt/"' || vault auth enable jwt
            # Trust GitLab's ID tokens; a JWT mount already set up for this issuer (another project's plan,
            # or keys configured by hand) is left as it is.
            if [ "$(vault read -field=bound_issuer auth/jwt/config 2>/dev/null || true)" != "\(options.gitlabURL)" ]; then
              vault write auth/jwt/config oidc_discovery_url="\(options.gitlabURL)" bound_issuer="\(options.gitlabURL)"
            fi

            """
        for env in envs {
            out += "vault policy write \(project)-\(env) policies/\(project)-\(env).hcl\n"
            out += "vault write auth/jwt/role/\(project)-\(env) @roles/\(project)-\(env).json\n"
        }
        out +=
            "\n# The secrets: each value comes from a variable of this shell, SECRETRADAR_VALUE_KEY (or\n# SECRETRADAR_VALUE_KEY__ENVIRONMENT for a scoped one), a name the Vault CLI never reads.\n"
        for m in moves {
            out += ": \"${\(m.shellName):?export \(m.shellName) (the value of \(m.key) in GitLab, scope \(m.scope)) before running}\"\n"
            out += "printf '%s' \"$\(m.shellName)\" | vault kv put -mount=\(options.kvMount) \(m.kvPath) value=-\n"
        }
        return out
    }

    static func terraform(
        envs: [String], project: String, options: PlanOptions, triggers: (String) -> JobTriggers, audiences: (String) -> [String]
    ) -> String {
        var out = """
            # Terraform for the same KV v2 mount, JWT auth, policies and roles as vault/setup.sh (secret values stay out of Terraform state).
            resource "vault_mount" "kv" {
              path    = "\(options.kvMount)"
              type    = "kv"
              options = { version = "2" }
            }

            resource "vault_jwt_auth_backend" "gitlab" {
              path               = "jwt"
              oidc_discovery_url = "\(options.gitlabURL)"
              bound_issuer       = "\(options.gitlabURL)"
            }

            """
        for env in envs {
            let name = "\(project)-\(env)"
            let id = name.replacingOccurrences(of: "-", with: "_")
            // Terraform's provider takes one string per claim: several values are comma-separated.
            let (glob, bound) = self.claims(env: env, triggers: triggers(env), options: options)
            let claims = bound.map { "\($0.0) = \"\($0.1.joined(separator: ","))\"" }
            out += """

                resource "vault_policy" "\(id)" {
                  name   = "\(name)"
                  policy = file("${path.module}/../vault/policies/\(name).hcl")
                }

                resource "vault_jwt_auth_backend_role" "\(id)" {
                  backend                = vault_jwt_auth_backend.gitlab.path
                  role_name              = "\(name)"
                  role_type              = "jwt"
                  bound_audiences        = [\(([options.vaultURL] + Set(audiences(env)).subtracting([options.vaultURL]).sorted()).map { "\"\($0)\"" }.joined(separator: ", "))]
                  bound_claims_type      = "\(glob ? "glob" : "string")"
                  bound_claims           = { \(claims.joined(separator: ", ")) }
                  user_claim             = "user_email"
                  token_policies         = [vault_policy.\(id).name]
                  token_ttl              = 900
                  token_max_ttl          = 900
                  token_explicit_max_ttl = 900
                }

                """
        }
        return out
    }

    static func patch(moves: [Move], jobs: [CIAnalyzer.JobUse], project: String, options: PlanOptions) -> String {
        var out =
            "# .gitlab-ci.yml changes for \(options.projectPath) (\(options.edition == "ce" ? "Community Edition: Vault CLI" : "Premium: secrets:vault"))\n"
        let keys = Set(moves.map(\.key))
        for job in jobs.sorted(by: { $0.name < $1.name }) {
            let env = job.environment.map(slug) ?? "default"
            let used = visible(moves, in: env).filter { job.variables.contains($0.key) }
            guard !used.isEmpty else { continue }
            out +=
                "\n## \(job.name) (\((job.file as NSString).lastPathComponent):\(job.line), environment \(env))\n\n```yaml\n\(job.name):\n"
            if options.edition == "ce" {
                out +=
                    "  id_tokens:\n    VAULT_ID_TOKEN:\n      aud: \(options.vaultURL)\n  variables:\n    VAULT_ADDR: \(options.vaultURL)\n  before_script:\n"
                // Assignments on lines of their own: `export X="$(…)"` returns export's status, so a
                // failed login or read went unnoticed until a later step used the empty value.
                out +=
                    "    - VAULT_TOKEN=\"$(vault write -field=token auth/jwt/login role=\(project)-\(env) jwt=$VAULT_ID_TOKEN)\"\n    - export VAULT_TOKEN\n"
                for m in used {
                    out += "    - \(m.key)=\"$(vault kv get -mount=\(options.kvMount) -field=value \(m.kvPath))\"\n    - export \(m.key)\n"
                }
                out +=
                    "```\n\nNever `echo` these values, `set -x`, or run `env`/`printenv` in this job: GitLab does not mask values the job fetched itself.\n"
            } else {
                out +=
                    "  id_tokens:\n    VAULT_ID_TOKEN:\n      aud: \(options.vaultURL)\n  variables:\n    VAULT_SERVER_URL: \(options.vaultURL)\n    VAULT_AUTH_ROLE: \(project)-\(env)\n  secrets:\n"
                for m in used {
                    out +=
                        "    \(m.key):\n      vault: \(m.kvPath)/value@\(options.kvMount)\n      file: false\n      token: $VAULT_ID_TOKEN\n"
                }
                out += "```\n"
            }
        }
        out +=
            "\n## Once every job reads from Vault\nDelete these CI/CD variables in GitLab (Settings → CI/CD → Variables) and from any `variables:` block:\n\n"
        for k in keys.sorted() { out += "- `\(k)`\n" }
        return out
    }

    static func planText(moves: [Move], assessments: [VariableAssessment], envs: [String], project: String, options: PlanOptions) -> String
    {
        var out =
            "# Moving \(options.projectPath)'s CI/CD secrets into Vault\n\nVault: \(options.vaultURL) · GitLab: \(options.gitlabURL) · KV v2 mount: `\(options.kvMount)` · edition: \(options.edition)\n\n"
        out += "No secret value appears in this plan: values are read from the environment when `vault/setup.sh` runs.\n\n## What moves\n\n"
        out += "| variable | scope | why | Vault path | field | flags |\n|---|---|---|---|---|---|\n"
        for m in moves {
            out +=
                "| `\(m.key)` | `\(m.scope)` | \(m.reason) | `\(options.kvMount)/data/\(m.kvPath)` | `value` | \(m.flags.joined(separator: "; ")) |\n"
        }
        let retired = assessments.filter { $0.kind == .secret && $0.key == "VAULT_TOKEN" }
        if !retired.isEmpty {
            out += "\n## What is retired, not moved\n\n"
            out += retired.map {
                "- `\($0.key)` (`\($0.environmentScope)`): a long-lived Vault token. Jobs log in with their ID token now; revoke this token (`vault token revoke`) and delete the variable. It is not copied into Vault, where every role could read it.\n"
            }.joined()
        }
        let stays = assessments.filter {
            $0.kind == .notSecret || ($0.kind == .secret && vaultOwnVariables.contains($0.key) && $0.key != "VAULT_TOKEN")
        }
        out += "\n## What stays in GitLab\n\n"
        out += stays.isEmpty ? "Nothing.\n" : stays.map { "- `\($0.key)` (`\($0.environmentScope)`): \($0.reason)\n" }.joined()
        let check = assessments.filter { $0.kind == .cannotScan || $0.kind == .placeholder }
        out += "\n## What a person must check\n\n"
        out +=
            check.isEmpty
            ? "Nothing: every variable could be read.\n" : check.map { "- `\($0.key)` (`\($0.environmentScope)`): \($0.reason)\n" }.joined()
        out += """

            ## Order of work
            1. Review `vault/policies/` and `vault/roles/` (one pair per environment: \(envs.map { "`\(project)-\($0)`" }.joined(separator: ", "))); `secretradar vault lint vault/roles/*.json vault/policies/*.hcl` must print no problem.
            2. Export each moving variable's value into a shell as `SECRETRADAR_VALUE_<KEY>` (scoped ones `SECRETRADAR_VALUE_<KEY>__<ENVIRONMENT>`) and run `vault/setup.sh` (or apply `terraform/vault.tf`, then the `vault kv put` steps). It enables the KV v2 mount if needed.
            3. Change the jobs as `gitlab-ci.patch.md` shows; run a pipeline per environment.
            4. Once every job reads from Vault, delete the moved CI/CD variables in GitLab (only those under "What moves": the login's own settings, such as `VAULT_AUTH_ROLE`, stay).
            5. Rotate every moved credential: it sat in GitLab, and possibly in job logs.

            """
        return out
    }
}

/// `plan.json`: what `vault verify` checks the server against: each secret's path and keyed value
/// hash, each policy and role by name (their content is in the plan's own files). No value.
public struct PlanManifest: Codable, Sendable {
    public struct Secret: Codable, Sendable {
        public var key, scope, path: String
        public var valueHash: String?
        enum CodingKeys: String, CodingKey {
            case key, scope, path
            case valueHash = "value_hash"
        }
    }
    public var version = 1
    public var projectPath: String
    public var kvMount: String
    public var secrets: [Secret]
    public var policies: [String]
    public var roles: [String]
    enum CodingKeys: String, CodingKey {
        case version, secrets, policies, roles
        case projectPath = "project_path"
        case kvMount = "kv_mount"
    }
}
