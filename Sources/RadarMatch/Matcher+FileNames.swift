import Foundation
import RadarModel

/// Rules limited to files by name (`filenames:`): a `.pgpass` line, a `.netrc` entry with a weak
/// password or an rclone section say nothing outside those files, and the same text in
/// documentation (`machine example.com login me password secret`) is no credential. These rules are
/// kept out of the vectorscan databases that run on every buffer and matched by a matcher of their
/// own, only when the buffer's path names such a file; documented in docs/matching.md.
extension Matcher {
    /// Whether `name` (a file's last path component) matches one of `globs` (fnmatch(3), no flags).
    static func fileName(_ name: String, matchesAny globs: [String]) -> Bool {
        globs.contains { fnmatch($0, name, 0) == 0 }
    }

    /// The ids of the rules with `filenames` that apply to a file at `path`.
    public func fileRuleIDs(forPath path: String) -> Set<String> {
        guard !fileGlobs.isEmpty else { return [] }
        let name = Matcher.lastComponent(path)
        return Set(fileGlobs.filter { Matcher.fileName(name, matchesAny: $0.globs) }.map(\.ruleID))
    }

    /// A path's last component (what `filenames` globs are matched against), without splitting it.
    static func lastComponent(_ path: String) -> String {
        var end = path.endIndex
        while end > path.startIndex, path[path.index(before: end)] == "/" { end = path.index(before: end) }
        let start = path[..<end].lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        return String(path[start..<end])
    }

    /// Whether a finding of rule `ruleID` belongs at `path`: always, unless the rule is limited to
    /// file names and `path` is not one of them. A blob stored under several names (a copy in the
    /// documentation of a `.pgpass` line) is matched once; its findings of limited rules are placed
    /// only at the names they apply to.
    public func rule(_ ruleID: String, appliesAt path: String) -> Bool {
        guard let globs = fileGlobs.first(where: { $0.ruleID == ruleID })?.globs else { return true }
        return Matcher.fileName(Matcher.lastComponent(path), matchesAny: globs)
    }

    /// `matches` of the rules that run everywhere, plus those of the rules limited to files named
    /// like `path`'s last component, settled as one buffer's matches are: generic matches yield to
    /// an overlapping specific one, and one finding is kept per secret span.
    func addingFileRules(to matches: [Match], buffer: UnsafeBufferPointer<UInt8>, scratch: MatcherScratch, path: String?)
        -> [Match]
    {
        guard let fileRules, let path, let files = scratch.files else { return matches }
        let wanted = fileRuleIDs(forPath: path)
        guard !wanted.isEmpty else { return matches }
        let found = fileRules.scan(buffer, scratch: files, remember: false).matches.filter { wanted.contains($0.ruleID) }
        scratch.incompleteRules += files.incompleteRules.filter { wanted.contains($0) }
        guard !found.isEmpty else { return matches }
        let specific = SpanIndex(found.filter { !genericIDs.contains($0.ruleID) }.map(\.secretSpan))
        var all = matches.filter { !(genericIDs.contains($0.ruleID) && specific.overlaps($0.secretSpan)) } + found
        all.sort { ($0.secretSpan.lowerBound, $0.ruleID) < ($1.secretSpan.lowerBound, $1.ruleID) }
        return Matcher.collapseSameSecretSpan(all)
    }
}
