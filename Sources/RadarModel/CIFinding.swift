/// A problem in a `.gitlab-ci.yml` on the way to Vault (docs/gitlab-ci.md).
public struct CIFinding: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A secret written into `variables:`.
        case hardcodedVariable = "hardcoded_variable"
        /// A credential inside a script line (`curl -u user:pass`, `docker login -p`, a URL with a password).
        case inlineCredential = "inline_credential"
        /// `CI_JOB_JWT` / `CI_JOB_JWT_V2`, removed in GitLab 17.0.
        case removedJobJWT = "removed_ci_job_jwt"
        /// An `id_tokens` entry without `aud`.
        case idTokenWithoutAudience = "id_token_without_aud"
        /// A `secrets:` entry that cannot get a token (no `id_tokens`, or several and no `token:`).
        case unresolvableSecret = "unresolvable_secret"
        /// A Vault CLI job that may print a secret into the job log.
        case logExposure = "log_exposure"
        /// An include that was not followed (remote, project, template, component): named, not fetched.
        case unfollowedInclude = "unfollowed_include"
    }

    public var kind: Kind
    public var file: String
    public var line: Int
    /// The job (or template, or `default`); nil for top-level entries.
    public var job: String?
    public var message: String
    /// The rule that matched, when one did.
    public var rule: String?
    /// The secret, redacted, when there is one.
    public var secretRedacted: String?

    public init(kind: Kind, file: String, line: Int, job: String?, message: String, rule: String? = nil, secretRedacted: String? = nil) {
        self.kind = kind
        self.file = file
        self.line = line
        self.job = job
        self.message = message
        self.rule = rule
        self.secretRedacted = secretRedacted
    }

    enum CodingKeys: String, CodingKey {
        case kind, file, line, job, message, rule
        case secretRedacted = "secret_redacted"
    }

    /// Informational kinds do not make the exit code 1.
    public var isInformational: Bool { kind == .unfollowedInclude }
}
