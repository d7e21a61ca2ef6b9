import ArgumentParser
import Foundation
import RadarEngine
import RadarModel

/// `--config`, `--no-config` and `--exclude`: a repository's settings (docs/configuration.md), for
/// the scans and both hooks.
struct ConfigOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Settings file (default: .secretradar.toml at the scanned root — the work tree, or for a bare repository the default branch's tip — with .secretradarignore beside it).",
            valueName: "file"))
    var config: String?

    @Flag(name: .long, help: "Read no .secretradar.toml and no .secretradarignore.")
    var noConfig = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Do not scan (or report) paths matching this pattern, relative to the scanned root (repeatable): `vendor/**`, `*.min.js`, `test/fixtures`.",
            valueName: "glob"))
    var exclude: [String] = []

    func validate() throws {
        if noConfig && config != nil { throw ValidationError("--config and --no-config cannot be combined") }
        if exclude.contains(where: { PathGlob($0) == nil }) { throw ValidationError("--exclude: an empty pattern matches nothing") }
    }

    /// Where the settings are looked for.
    enum Place {
        /// File scans: the root of `BaselinePaths.files`.
        case files(root: String?)
        /// Git scans and hooks: the repository (nil: the environment's).
        case repository(String?)
    }

    /// The settings, or nil with `--no-config` or none found; exits 2 with file and line when bad.
    func load(_ place: Place) -> RepositoryConfig? {
        if noConfig { return nil }
        do {
            switch place {
            case .files(let root): return try RepositoryConfig.load(explicit: config, root: root)
            case .repository(let path): return try RepositoryConfig.load(explicit: config, repository: path)
            }
        } catch { fail(error.description) }
    }

    /// The scan's filter: the settings' and `--exclude`.
    func filter(_ settings: RepositoryConfig?) -> ScanFilter {
        let extra = exclude.compactMap(PathGlob.init)
        do { return try (settings ?? RepositoryConfig()).filter(extraExclude: extra) } catch { fail(error.description) }
    }
}

extension FilteredCounts {
    /// The closing note's words, nil when nothing was left out; `commandLine`: `--exclude` was given.
    func note(settings: RepositoryConfig?, commandLine: Bool) -> String? {
        guard !isEmpty else { return nil }
        var parts: [String] = []
        if excludedPaths > 0 { parts.append("\(excludedPaths) path\(excludedPaths == 1 ? "" : "s") not scanned") }
        if places > 0 { parts.append("\(places) match\(places == 1 ? "" : "es") allowlisted") }
        if findings > 0 { parts.append("\(findings) finding\(findings == 1 ? "" : "s") ignored by id") }
        let sources = (commandLine ? ["--exclude"] : []) + [settings?.file, settings?.ignoreFile].compactMap { $0 }
        return parts.joined(separator: ", ") + " (" + sources.joined(separator: ", ") + ")"
    }
}
