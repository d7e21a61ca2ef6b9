"""Recall cases for the devtools group: code hosts, CI/CD, code quality and package registries.

Every `make(f)` builds a fresh fake in the vendor's documented format from `f` (a Fakes) alone.
"""
import base64
import zlib

from recall_spec import Case

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PWCHARS = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!#%*+"


def _b64(s):
    return base64.b64encode(s.encode()).decode()


def _b64url(s):
    return base64.urlsafe_b64encode(s.encode()).decode().rstrip("=")


def _atlassian(f, prefix):
    # prefix, URL-safe body, '=', 8 upper-case hex checksum
    return prefix + f.urlsafe(171) + "=" + f.hex(8).upper()


def _jfrog_reference(f):
    return _b64("reftkn:01:" + f.digits(10) + ":" + f.alnum(27))


def _jfrog_access(f):
    header = _b64url('{"ver":"2","typ":"JWT","alg":"RS256","kid":"' + f.urlsafe(43) + '"}')
    return header + ".eyJ" + f.urlsafe(320) + "." + f.urlsafe(342)


def _teamcity(f):
    return "eyJ0eXAiOiAiVENWMiJ9." + _b64(f.urlsafe(27)) + "." + _b64(f.uuid())


def _packagist(f, kind):
    body = f.hex(60)
    return "packagist_%s_%s%08x" % (kind, body, zlib.crc32(body.encode()))


def _youtrack(f):
    return "perm:" + _b64(f.lower_alnum(8)) + "." + _b64("ci-" + f.lower_alnum(6)) + "." + f.alnum(30)


CASES = [
    # ---- GitHub
    Case(family="github", rule="github.oauth_client_secret", name="GITHUB_CLIENT_SECRET",
         make=lambda f: f.hex(40)),
    Case(family="github", rule="github.legacy_token", name="GITHUB_TOKEN",
         make=lambda f: f.hex(40)),
    Case(family="github", rule="github.actions_runner_registration_token", name="ACTIONS_RUNNER_TOKEN",
         make=lambda f: f.b32(29)),
    Case(family="github", rule="github.actions_runner_registration_token", name="runner",
         make=lambda f: f.b32(29),
         line=lambda f, s: "./config.sh --url https://github.com/acme/app --token %s --unattended" % s),

    # ---- GitLab
    Case(family="gitlab", rule="gitlab.session_cookie", name="_gitlab_session",
         make=lambda f: f.hex(32),
         line=lambda f, s: 'curl --cookie "_gitlab_session=%s" https://gitlab.example.com/api/v4/user' % s),
    Case(family="gitlab", rule="gitlab.legacy_access_token", name="GITLAB_TOKEN",
         make=lambda f: f.urlsafe(20)),
    Case(family="gitlab", rule="gitlab.legacy_access_token", name="PRIVATE-TOKEN",
         make=lambda f: f.urlsafe(20),
         line=lambda f, s: 'curl --header "PRIVATE-TOKEN: %s" https://gitlab.example.com/api/v4/projects' % s),

    # ---- Bitbucket / Atlassian
    Case(family="bitbucket", rule="bitbucket.access_token", name="BITBUCKET_ACCESS_TOKEN",
         make=lambda f: _atlassian(f, "ATCTT3xFfGN0")),
    Case(family="bitbucket", rule="bitbucket.app_password", name="BITBUCKET_APP_PASSWORD",
         make=lambda f: "ATBB" + f.alnum(32)),
    Case(family="bitbucket", rule="bitbucket.credential_in_context", name="BITBUCKET_APP_PASSWORD",
         make=lambda f: f.alnum(20)),
    Case(family="bitbucket", rule="bitbucket.credential_in_context", name="BITBUCKET_TOKEN",
         make=lambda f: f.b64(33)),
    Case(family="atlassian", rule="atlassian.api_token", name="JIRA_API_TOKEN",
         make=lambda f: _atlassian(f, "ATATT3xFfGF0")),
    Case(family="atlassian", rule="atlassian.legacy_api_token", name="CONFLUENCE_API_TOKEN",
         make=lambda f: f.alnum(24)),
    Case(family="atlassian", rule="atlassian.datacenter_personal_access_token", name="JIRA_PAT",
         make=lambda f: f.b64(33)),

    # ---- CircleCI / Travis CI / Buildkite
    Case(family="circleci", rule="circleci.personal_api_token", name="CIRCLE_TOKEN",
         make=lambda f: "CCIPAT_" + f.b58(22) + "_" + f.hex(40)),
    Case(family="circleci", rule="circleci.project_api_token", name="CIRCLECI_PROJECT_TOKEN",
         make=lambda f: "CCIPRJ_" + f.b58(22) + "_" + f.hex(40)),
    Case(family="circleci", rule="circleci.legacy_api_token", name="CIRCLECI_API_TOKEN",
         make=lambda f: f.hex(40)),
    Case(family="travisci", rule="travisci.api_token", name="TRAVIS_API_TOKEN",
         make=lambda f: f.alnum(22)),
    Case(family="buildkite", rule="buildkite.api_access_token", name="BUILDKITE_API_TOKEN",
         make=lambda f: "bkua_MTA." + f.hex(40)),
    Case(family="buildkite", rule="buildkite.api_access_token", name="BUILDKITE_TOKEN",
         make=lambda f: "bkua_" + f.hex(40)),
    Case(family="buildkite", rule="buildkite.agent_session_token", name="BUILDKITE_AGENT_ACCESS_TOKEN",
         make=lambda f: "bkaa_MTA." + f.b58(77)),
    Case(family="buildkite", rule="buildkite.agent_job_token", name="BUILDKITE_AGENT_ACCESS_TOKEN",
         make=lambda f: "bkaj_eyJhbGciOiJIUzUxMiJ9.eyJ" + f.urlsafe(300) + "." + f.urlsafe(86)),
    Case(family="buildkite", rule="buildkite.agent_registration_token", name="BUILDKITE_AGENT_TOKEN",
         make=lambda f: "bkar_MTA." + f.b58(64)),
    Case(family="buildkite", rule="buildkite.legacy_token", name="BUILDKITE_AGENT_TOKEN",
         make=lambda f: f.lower_alnum(50)),

    # ---- code quality and security
    Case(family="codecov", rule="codecov.upload_token", name="CODECOV_TOKEN",
         make=lambda f: f.uuid()),
    Case(family="sonarqube", rule="sonarqube.user_token", name="SONAR_TOKEN",
         make=lambda f: "squ_" + f.hex(40)),
    Case(family="sonarqube", rule="sonarqube.project_analysis_token", name="SONAR_TOKEN",
         make=lambda f: "sqp_" + f.hex(40)),
    Case(family="sonarqube", rule="sonarqube.global_analysis_token", name="SONAR_TOKEN",
         make=lambda f: "sqa_" + f.hex(40)),
    Case(family="sonarqube", rule="sonarqube.legacy_token", name="SONAR_TOKEN",
         make=lambda f: f.hex(40)),
    Case(family="snyk", rule="snyk.api_token", name="SNYK_TOKEN",
         make=lambda f: f.uuid()),
    Case(family="snyk", rule="snyk.api_token", name="snyk auth",
         make=lambda f: f.uuid(),
         line=lambda f, s: "snyk auth %s" % s),
    Case(family="sourcegraph", rule="sourcegraph.access_token", name="SRC_ACCESS_TOKEN",
         make=lambda f: "sgp_" + f.hex(16) + "_" + f.hex(40)),
    Case(family="sourcegraph", rule="sourcegraph.access_token", name="SOURCEGRAPH_TOKEN",
         make=lambda f: "sgp_" + f.hex(40)),
    Case(family="sourcegraph", rule="sourcegraph.legacy_access_token", name="SRC_ACCESS_TOKEN",
         make=lambda f: f.hex(40)),
    Case(family="dependencytrack", rule="dependencytrack.api_key", name="DTRACK_API_KEY",
         make=lambda f: "odt_" + f.alnum(8) + "_" + f.alnum(32)),
    Case(family="dependencytrack", rule="dependencytrack.api_key", name="DEPENDENCY_TRACK_API_KEY",
         make=lambda f: "odt_" + f.alnum(32)),
    Case(family="dependencytrack", rule="dependencytrack.legacy_api_key", name="DEPENDENCY_TRACK_API_KEY",
         make=lambda f: f.alnum(32)),
    Case(family="codacy", rule="codacy.token", name="CODACY_PROJECT_TOKEN",
         make=lambda f: f.hex(32)),
    Case(family="deepsource", rule="deepsource.dsn", name="DEEPSOURCE_DSN",
         make=lambda f: f.hex(32),
         line=lambda f, s: "DEEPSOURCE_DSN=https://%s@app.deepsource.com" % s),
    Case(family="coveralls", rule="coveralls.repo_token", name="COVERALLS_REPO_TOKEN",
         make=lambda f: f.alnum(33)),
    Case(family="percy", rule="percy.token", name="PERCY_TOKEN",
         make=lambda f: "web_" + f.hex(64)),
    Case(family="cypress", rule="cypress.record_key", name="CYPRESS_RECORD_KEY",
         make=lambda f: f.uuid()),

    # ---- package registries
    Case(family="npm", rule="npm.legacy_token", name="NPM_TOKEN",
         make=lambda f: f.uuid()),
    Case(family="postman", rule="postman.collection_access_key", name="POSTMAN_ACCESS_KEY",
         make=lambda f: "PMAT-01" + f.chars(CROCKFORD, 24)),
    Case(family="rubygems", rule="rubygems.api_key", name="GEM_HOST_API_KEY",
         make=lambda f: "rubygems_" + f.hex(48)),
    Case(family="rubygems", rule="rubygems.legacy_api_key", name="GEM_HOST_API_KEY",
         make=lambda f: f.hex(32)),
    Case(family="rubygems", rule="rubygems.legacy_api_key", name=":rubygems_api_key",
         make=lambda f: f.hex(32),
         line=lambda f, s: "---\n:rubygems_api_key: %s" % s),
    Case(family="nuget", rule="nuget.api_key", name="NUGET_API_KEY",
         make=lambda f: "oy2" + f.lower_alnum(43)),
    Case(family="clojars", rule="clojars.deploy_token", name="CLOJARS_PASSWORD",
         make=lambda f: "CLOJARS_" + f.hex(60)),
    Case(family="maven", rule="maven.settings_password", name="settings.xml",
         make=lambda f: f.chars(PWCHARS, 18),
         line=lambda f, s: "<server>\n  <id>ossrh</id>\n  <username>deployer</username>\n  <password>%s</password>\n</server>" % s),
    Case(family="maven", rule="maven.master_password", name="settings-security.xml",
         make=lambda f: f.b64(32),
         line=lambda f, s: "<settingsSecurity>\n  <master>{%s}</master>\n</settingsSecurity>" % s),
    Case(family="gradle", rule="gradle.properties_password", name="ossrhPassword",
         make=lambda f: f.chars(PWCHARS, 18),
         line=lambda f, s: "ossrhUsername=deployer\nossrhPassword=%s" % s),
    Case(family="gradle", rule="gradle.properties_password", name="signing.password",
         make=lambda f: f.chars(PWCHARS, 16),
         line=lambda f, s: "signing.keyId=%s\nsigning.password=%s" % (f.hex(8).upper(), s)),
    Case(family="gradle", rule="gradle.plugin_portal_secret", name="GRADLE_PUBLISH_SECRET",
         make=lambda f: f.alnum(32)),
    Case(family="gradle", rule="gradle.develocity_access_key", name="DEVELOCITY_ACCESS_KEY",
         make=lambda f: f.lower_alnum(52),
         line=lambda f, s: "DEVELOCITY_ACCESS_KEY=develocity.example.com=%s" % s),
    Case(family="jfrog", rule="jfrog.api_key", name="ARTIFACTORY_API_KEY",
         make=lambda f: "AKCp8" + f.alnum(68)),
    Case(family="jfrog", rule="jfrog.reference_token", name="JFROG_ACCESS_TOKEN",
         make=_jfrog_reference),
    Case(family="jfrog", rule="jfrog.access_token", name="JFROG_ACCESS_TOKEN",
         make=_jfrog_access),
    Case(family="cloudsmith", rule="cloudsmith.api_key", name="CLOUDSMITH_API_KEY",
         make=lambda f: f.hex(40)),
    Case(family="packagist", rule="packagist.token", name="PACKAGIST_TOKEN",
         make=lambda f: _packagist(f, "uut")),
    Case(family="packagist", rule="packagist.token", name="COMPOSER_PACKAGIST_TOKEN",
         make=lambda f: _packagist(f, "ort")),
    Case(family="cratesio", rule="cratesio.api_token", name="CARGO_REGISTRY_TOKEN",
         make=lambda f: "cio" + f.alnum(32)),
    Case(family="hexpm", rule="hexpm.api_key", name="HEX_API_KEY",
         make=lambda f: f.hex(32)),
    Case(family="cocoapods", rule="cocoapods.trunk_token", name="COCOAPODS_TRUNK_TOKEN",
         make=lambda f: f.hex(32)),

    # ---- CI/CD and deployment servers
    Case(family="harness", rule="harness.personal_access_token", name="HARNESS_API_KEY",
         make=lambda f: "pat." + f.urlsafe(22) + "." + f.hex(24) + "." + f.alnum(20)),
    Case(family="harness", rule="harness.service_account_token", name="HARNESS_PLATFORM_API_KEY",
         make=lambda f: "sat." + f.urlsafe(22) + "." + f.hex(24) + "." + f.alnum(20)),
    Case(family="jenkins", rule="jenkins.api_token", name="JENKINS_API_TOKEN",
         make=lambda f: "11" + f.hex(32)),
    Case(family="teamcity", rule="teamcity.access_token", name="TEAMCITY_TOKEN",
         make=_teamcity),
    Case(family="octopusdeploy", rule="octopusdeploy.api_key", name="OCTOPUS_API_KEY",
         make=lambda f: "API-" + f.upper_alnum(26) + f.digits(1)),
    Case(family="bitrise", rule="bitrise.access_token", name="BITRISE_API_TOKEN",
         make=lambda f: f.urlsafe(86)),
    Case(family="semaphore", rule="semaphore.api_token", name="SEMAPHORE_API_TOKEN",
         make=lambda f: f.alnum(20)),
    Case(family="drone", rule="drone.token", name="DRONE_TOKEN",
         make=lambda f: f.alnum(32)),
    Case(family="drone", rule="drone.token", name="DRONE_RPC_SECRET",
         make=lambda f: f.hex(32)),

    # ---- other code hosts and trackers
    Case(family="gitea", rule="gitea.access_token", name="GITEA_TOKEN",
         make=lambda f: f.hex(40)),
    Case(family="gitea", rule="gitea.access_token", name="FORGEJO_TOKEN",
         make=lambda f: f.hex(40)),
    Case(family="gitee", rule="gitee.access_token", name="GITEE_TOKEN",
         make=lambda f: f.hex(32)),
    Case(family="youtrack", rule="youtrack.permanent_token", name="YOUTRACK_TOKEN",
         make=_youtrack),
]
