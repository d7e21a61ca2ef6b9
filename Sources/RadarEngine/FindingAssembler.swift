import Dispatch
import Foundation
import RadarGitLab
import RadarMatch
import RadarModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Folds matches into findings by (rule, secret): a secret in three places is one finding with three
/// locations, identified by the keyed hash (docs/finding-identity.md).
struct FindingAssembler {
    struct Key: Hashable {
        var rule: String
        var secret: [UInt8]
    }
    let matcher: Matcher
    let key: FindingKey
    let showSecrets: Bool
    /// Finding ids already computed, shared by the assemblers of one scan (a git scan folds the same
    /// matches twice: for its result and for what it stores), so each secret's HMAC is computed once.
    let ids: FindingIDs
    /// Values stored in Vault (`vault index`): keyed hash → `mount/path#field`.
    var vaultPaths: [String: String] = [:]
    var grouped: [Key: (match: Match, locations: [Location])] = [:]
    /// What is not reported; `filterPaths`: locations' paths are relative to the scanned root
    /// (git scans; a file scan's walk left excluded paths out already, and its paths are as given).
    var filter = ScanFilter()
    var filterPaths = false
    /// What the filter left out.
    var filtered = FilteredCounts()

    init(matcher: Matcher, key: FindingKey, showSecrets: Bool, ids: FindingIDs = FindingIDs()) {
        self.matcher = matcher
        self.key = key
        self.showSecrets = showSecrets
        self.ids = ids
    }

    /// An assembler with a scan's Vault index and filter; `pathsRelative`: see `filterPaths`.
    init(matcher: Matcher, key: FindingKey, options: ScanOptions, pathsRelative: Bool, ids: FindingIDs = FindingIDs()) {
        self.init(matcher: matcher, key: key, showSecrets: options.showSecrets, ids: ids)
        vaultPaths = options.vaultPaths
        filter = options.filter
        filterPaths = pathsRelative
    }

    /// Ids by (rule, secret), filled as they are computed. Used by one thread at a time.
    final class FindingIDs {
        var known: [Key: String] = [:]

        func id(_ key: Key, _ compute: () -> String) -> String {
            if let id = known[key] { return id }
            let id = compute()
            known[key] = id
            return id
        }
    }

    mutating func add(_ match: Match, at location: Location) {
        if !filter.isEmpty
            && ((filterPaths && filter.dropsPlace(location.path)) || filter.dropsMatch(rule: match.ruleID, secret: match.secret))
        {
            filtered.places += 1
            return
        }
        var location = location
        if match.ignored { location.ignored = true }
        grouped[Key(rule: match.ruleID, secret: match.secret), default: (match, [])].locations.append(location)
    }

    func result(summary: ScanSummary, errors: [EngineError]) -> ScanResult {
        var summary = summary
        var errors = errors
        let rulesByID = Dictionary(matcher.rules.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var findings: [Finding] = []
        var filtered = filtered
        for (key, value) in grouped {
            let rule = rulesByID[key.rule]
            let locations = Array(Set(value.locations)).sorted()
            let id = ids.id(key) { self.key.findingID(ruleID: key.rule, secret: key.secret) }
            if !filter.allowFindings.isEmpty && filter.dropsFinding(id: id) {
                filtered.findings += 1
                continue
            }
            var finding = Finding(
                id: id, rule: key.rule,
                ruleName: rule?.name ?? key.rule,
                confidence: value.match.confidence, secretRedacted: Redaction.redact(key.secret),
                secret: showSecrets ? PlaintextSecret(key.secret) : nil,
                entropy: (value.match.entropy * 1000).rounded() / 1000, locations: locations)
            if !vaultPaths.isEmpty { finding.vaultPath = vaultPaths[VaultIndex.valueHash(key.secret, key: self.key)] }
            findings.append(finding)
        }
        // Sort indices, not the (large) findings themselves: a hostile file can yield 10^5 findings.
        let order = findings.indices.sorted { a, b in
            let (x, y) = (findings[a], findings[b])
            return (x.locations[0], x.rule, x.id) < (y.locations[0], y.rule, y.id)
        }
        findings = order.map { findings[$0] }
        summary.findings = findings.count
        errors.sort { $0.description < $1.description }
        var result = ScanResult(findings: findings, summary: summary, errors: errors)
        result.filtered = filtered
        return result
    }
}
