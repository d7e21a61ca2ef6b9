import Foundation
import RadarGitLab
import RadarMatch
import RadarModel
import RadarSupport

/// What `gitlab variables` and `gitlab plan` share: variables classified with the rules, values
/// compared by keyed hash (never kept), and the plan's files written to disk.
public enum VaultMove {
    /// Every variable classified: a secret, not a secret, or one that cannot be scanned. Equal values
    /// are found by their HMAC under `key`, as finding ids are, so no value is held for comparison.
    public static func assess(_ variables: [CIVariable], matcher: Matcher, key: FindingKey) throws(MatchError) -> [VariableAssessment] {
        try VariableClassifier(matcher: matcher) { bytes in key.findingID(ruleID: "gitlab.ci_variable_value", secret: bytes) }
            .classify(variables)
    }

    /// Variables from several exports (instance, group, project) merged as GitLab resolves them: for
    /// one key and environment scope, a project's variable wins over a group's, a group's over the
    /// instance's. (Between scopes, a job's own environment wins over `*`: the plan applies that.)
    public static func merged(_ variables: [CIVariable]) -> [CIVariable] {
        func rank(_ v: CIVariable) -> Int { v.owner.hasPrefix("group:") ? 1 : v.owner == "instance" ? 2 : 0 }
        var best: [String: CIVariable] = [:]
        var order: [String] = []
        for v in variables {
            let id = v.key + "\u{0}" + v.environmentScope
            guard let held = best[id] else {
                best[id] = v
                order.append(id)
                continue
            }
            if rank(v) < rank(held) { best[id] = v }
        }
        return order.compactMap { best[$0] }
    }

    /// `--ref env=branch` pairs as a map; nil when one is not `env=branch` (empty parts included).
    public static func refs(_ pairs: [String]) -> [String: String]? {
        var out: [String: String] = [:]
        for pair in pairs {
            let parts = pair.split(separator: "=", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
            out[String(parts[0])] = String(parts[1])
        }
        return out
    }

    /// A plan file that could not be written.
    public struct WriteFailure: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path): cannot write: \(message)" }
    }

    /// Writes each plan file (relative path → content) under `directory`, creating directories and
    /// replacing existing files atomically; shell scripts are made executable. Returns the paths
    /// written, in order. A relative path that would leave `directory` is refused.
    public static func write(plan files: [String: String], to directory: String) throws(WriteFailure) -> [String] {
        var written: [String] = []
        for (relative, content) in files.sorted(by: { $0.key < $1.key }) {
            let path = (directory as NSString).appendingPathComponent(relative)
            guard !relative.hasPrefix("/"), !relative.split(separator: "/").contains("..") else {
                throw WriteFailure(path: path, message: "outside the plan directory")
            }
            do {
                try FileManager.default.createDirectory(
                    atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try OutputFile.write(Data(content.utf8), to: path)
                if relative.hasSuffix(".sh") { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path) }
            } catch {
                throw WriteFailure(path: path, message: error.localizedDescription)
            }
            written.append(path)
        }
        return written
    }
}
