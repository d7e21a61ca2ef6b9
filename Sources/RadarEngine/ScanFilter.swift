import RadarMatch
import RadarModel

/// What a scan leaves out by the user's choice (`--exclude`, `.secretradar.toml`,
/// `.secretradarignore`; docs/configuration.md): paths never scanned, and matches and findings
/// that are not reported. Left out before findings are stored, so the store's record of a blob
/// depends on it too (`digest`, part of the rules digest).
public struct ScanFilter: Sendable {
    /// Paths (relative to the scanned root) never scanned: `--exclude`, `[scan] exclude`.
    public var exclude: [PathGlob]
    /// Paths where findings are not reported: `[allowlist] paths`.
    public var allowPaths: [PathGlob]
    /// Rules whose findings are not reported.
    public var allowRules: Set<String>
    /// Secrets that are not reported.
    public var allowSecrets: SecretPatterns?
    /// Finding ids, or prefixes of them, that are not reported.
    public var allowFindings: [String]
    /// The above as text, for the store (`ScanRecorder`).
    public var digest: String

    public init(
        exclude: [PathGlob] = [], allowPaths: [PathGlob] = [], allowRules: Set<String> = [], allowSecrets: SecretPatterns? = nil,
        allowFindings: [String] = [], digest: String = ""
    ) {
        self.exclude = exclude
        self.allowPaths = allowPaths
        self.allowRules = allowRules
        self.allowSecrets = allowSecrets
        self.allowFindings = allowFindings
        self.digest = digest
    }

    /// Nothing is left out.
    public var isEmpty: Bool {
        exclude.isEmpty && allowPaths.isEmpty && allowRules.isEmpty && (allowSecrets?.isEmpty ?? true) && allowFindings.isEmpty
    }

    /// Whether a file or directory at `path` (relative to the scanned root) is not scanned.
    public func excludes(path: String) -> Bool { exclude.contains { $0.matches(path) } }

    /// Whether a place is left out: excluded or allowlisted.
    public func dropsPlace(_ path: String) -> Bool { excludes(path: path) || allowPaths.contains { $0.matches(path) } }

    /// Whether a match of `rule` with this secret is left out.
    public func dropsMatch(rule: String, secret: [UInt8]) -> Bool {
        allowRules.contains(rule) || (allowSecrets?.matches(secret) ?? false)
    }

    /// Whether a finding with this id is left out.
    public func dropsFinding(id: String) -> Bool { allowFindings.contains { id.hasPrefix($0) } }
}

extension ScanFilter {
    /// Leaves out of a finished result what the filter leaves out, by path, rule and id: a
    /// report read back from the store may hold findings recorded before the settings changed.
    /// (Secrets are not in a stored report, so allowlisted secrets were left out while matching.)
    /// `pathsRelative`: the locations' paths are relative to the scanned root (git scans).
    public func apply(to result: inout ScanResult, pathsRelative: Bool) {
        guard !isEmpty else { return }
        var kept: [Finding] = []
        for var finding in result.findings {
            if allowRules.contains(finding.rule) {
                result.filtered.places += finding.locations.count
                continue
            }
            if dropsFinding(id: finding.id) {
                result.filtered.findings += 1
                continue
            }
            if pathsRelative {
                let before = finding.locations.count
                finding.locations.removeAll { dropsPlace($0.path) }
                result.filtered.places += before - finding.locations.count
                if finding.locations.isEmpty { continue }
            }
            kept.append(finding)
        }
        result.findings = kept
        result.summary.findings = kept.count
    }
}
