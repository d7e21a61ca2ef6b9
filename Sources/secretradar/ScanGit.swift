import ArgumentParser
import Foundation
import RadarEngine
import RadarGit
import RadarModel
import RadarSupport

/// `secretradar scan git REPO...`
struct ScanGit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "git",
        abstract: "Scan the whole history of git repositories (every blob of every branch, tag and remote-tracking ref).",
        discussion: """
            REPO is a work tree or a bare repository (the path itself, not a directory inside one). Each distinct blob is read and matched once, however many commits or paths hold it, reading pack files in pack order on all cores. For every finding, each location names the path, line and column, the commit that introduced that blob at that path, its author and date, and whether the default branch's tip still has it (in_latest) or only history does.

            Blobs that are binary (a NUL in the first 8 KiB), larger than --max-file-size, Git LFS pointers, symbolic links and submodule entries are skipped and counted. An object that cannot be read is reported with its id and the commit that needed it, and the scan goes on.

            --range OLD..NEW scans only blobs introduced by commits reachable from NEW and not from OLD, new over the commits they were built on (a moved file is not new; one copied from another branch is). An all-zero OLD, as git gives for a new branch, means: commits not reachable from any other ref. --since-commit REV scans what every ref reaches and REV does not.

            Settings: .secretradar.toml and .secretradarignore of the first repository, read from its work tree, or for a bare repository from its default branch's tip (docs/configuration.md); --config, --no-config and --exclude as for scan path. Paths are the repository's.

            With --baseline FILE (one repository), each finding is new, known or new_location: a known secret at a path the baseline lacks is new_location when the commit that put it there still has it at a baseline path (a copy), and known when it does not (a rename or move). Only new and new_location findings are listed unless --show-known.

            Exit codes: 0 no findings (with --baseline: nothing new); 1 findings (with --baseline: new ones, see --fail-on); 2 usage or input error (not a repository, an empty repository, a bad revision, an unreadable object, a missing, damaged or foreign baseline) when nothing was found; 3 internal error.
            """
    )

    @Argument(
        help: ArgumentHelp(
            "Repositories to scan (work trees or bare repositories). With none and no --clone, scans demo repositories built from corpus/repos.",
            valueName: "repo"))
    var repositories: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Clone this URL (file://, https://) into the cache first and scan the clone; $SECRETRADAR_GIT_TOKEN, if set, is the password for https.",
            valueName: "url"))
    var clone: [String] = []

    @Option(
        name: .long, help: ArgumentHelp("Where --clone keeps its clones (default: $XDG_CACHE_HOME/secretradar/repos).", valueName: "dir"))
    var cacheDir: String?

    @Option(name: .long, help: ArgumentHelp("Scan only blobs introduced by commits in OLD..NEW.", valueName: "old..new"))
    var range: String?

    @Option(name: .long, help: ArgumentHelp("Scan only blobs introduced after this commit.", valueName: "rev"))
    var sinceCommit: String?

    @Flag(name: .long, help: "Also scan unreachable and dangling blobs (what git fsck --unreachable lists).")
    var allObjects = false

    @Flag(
        name: .long,
        help: ArgumentHelp("Read every blob through libgit2 instead of the pack reader (slower; for comparison).", visibility: .hidden))
    var noPackReader = false

    @Flag(
        name: .long,
        help: ArgumentHelp(
            "Match every blob whole instead of only around what each delta changed (same findings, slower; for comparison).",
            visibility: .hidden))
    var noIncremental = false

    @OptionGroup var common: CommonScanOptions

    func validate() throws {
        if range != nil && sinceCommit != nil { throw ValidationError("--range and --since-commit cannot be combined") }
        if let range, Self.splitRange(range) == nil {
            throw ValidationError("--range: expected OLD..NEW, got '\(range)'")
        }
    }

    static func splitRange(_ text: String) -> (String, String)? {
        guard let r = text.range(of: ".."), !text.contains("...") else { return nil }
        let old = String(text[..<r.lowerBound])
        let new = String(text[r.upperBound...])
        return old.isEmpty || new.isEmpty ? nil : (old, new)
    }

    func run() throws {
        var scope = GitScanScope.all
        if let range, let (old, new) = Self.splitRange(range) { scope = .range(old: old, new: new) }
        if let sinceCommit { scope = .since(sinceCommit) }
        var targets = repositories.map { RepositoryTarget(path: $0, label: $0) }
        for url in clone {
            do {
                targets.append(
                    RepositoryTarget(
                        path: try GitClone.mirror(
                            url: url, cache: cacheDir ?? Resources.cloneCache(), token: Resources.variable("SECRETRADAR_GIT_TOKEN")),
                        label: GitClone.redactedURL(url)))
            } catch {
                fail(String(describing: error))
            }
        }
        if targets.isEmpty {
            do {
                guard let streams = Resources.demoRepositoryStreams() else {
                    fail("corpus/repos was not found next to the secretradar binary")
                }
                targets = try DemoRepositories.build(streams: streams, cache: Resources.demoRepositoryCache())
            } catch {
                fail("no repository given and the demo repositories could not be built: \(error)")
            }
        }
        // The settings of the first repository (docs/configuration.md).
        let prepared = common.prepare(
            incremental: !noIncremental, files: false, settings: common.configuration.load(.repository(targets.first?.path)))
        if common.baseline.baseline != nil && targets.count != 1 {
            fail("--baseline compares one repository with its baseline; give exactly one repository")
        }
        let classifier = common.classifier(
            prepared, targets: targets.map(\.path), exact: true, paths: .repository, snapshot: .git(repository: targets.first?.path))
        let scanner = GitScanner(
            matcher: prepared.matcher, key: prepared.key,
            options: GitScanOptions(
                scope: scope, allObjects: allObjects, usePackReader: !noPackReader, incremental: !noIncremental, common: prepared.options))
        let progress = common.progressLine(unit: "blobs")
        var result: ScanResult
        do {
            result = try scanner.scan(targets: targets, recorder: prepared.recorder, progress: progress.scanCallback)
        } catch {
            fail(String(describing: error), status: ExitStatus.internal)
        }
        Trace.mark("scanned")
        if let recorder = prepared.recorder {
            let filtered = result.filtered
            result = recorder.report(
                result, scope: scope, sources: targets.map { ($0.locator, $0.label) }, includeTriaged: common.includeTriaged,
                showSecrets: common.showSecrets)
            result.filtered = filtered
        }
        Trace.mark("stored report")
        common.finish(
            result, progress: progress, baseline: classifier, prepared: prepared,
            title: "secretradar: " + targets.map(\.label).joined(separator: ", "), files: false)
    }
}
