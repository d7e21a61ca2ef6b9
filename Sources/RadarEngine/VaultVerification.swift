import Foundation
import RadarGitLab
import RadarModel
import RadarVault

/// `vault verify --plan DIR`: after the move, against the live server, every planned secret exists
/// at its path with the same value (compared by keyed hash: no value is printed or kept), every
/// policy and role exists and equals the plan's file, and (given the exports) what still sits in
/// GitLab is listed.
public enum VaultVerification {
    public struct Report: Sendable {
        /// Each thing that differs from the plan, one line each (paths and names, never values).
        public var problems: [String] = []
        /// What was checked and found as planned.
        public var verified: [String] = []
        /// Planned variables the exports still hold (to delete in GitLab once the move is verified).
        public var stillInGitLab: [String] = []
    }

    public enum Failure: Error, Sendable, CustomStringConvertible {
        case plan(String)
        case vault(VaultError)
        public var description: String {
            switch self {
            case .plan(let message): message
            case .vault(let error): error.description
            }
        }
    }

    public static func verify(plan directory: String, client: VaultClient, key: FindingKey, exports: [CIVariable] = []) throws(Failure)
        -> Report
    {
        let manifestPath = (directory as NSString).appendingPathComponent("plan.json")
        guard let data = FileManager.default.contents(atPath: manifestPath),
            let manifest = try? JSONDecoder().decode(PlanManifest.self, from: data)
        else { throw .plan("\(manifestPath): not a plan written by `secretradar gitlab plan` (plan.json missing or unreadable)") }
        var report = Report()
        do {
            for secret in manifest.secrets {
                let shown = "\(manifest.kvMount)/\(secret.path)"
                guard let body = try client.read("\(manifest.kvMount)/data/\(secret.path)"),
                    let value = ((body["data"] as? [String: Any])?["data"] as? [String: Any])?["value"] as? String
                else {
                    report.problems.append("secret \(shown) (\(secret.key), scope \(secret.scope)): missing, or no field `value`")
                    continue
                }
                if let expected = secret.valueHash,
                    key.findingID(ruleID: "gitlab.ci_variable_value", secret: Array(value.utf8)) != expected
                {
                    report.problems.append("secret \(shown) (\(secret.key), scope \(secret.scope)): the value differs from GitLab's")
                } else {
                    report.verified.append("secret \(shown)")
                }
            }
            for name in manifest.policies {
                let file = (directory as NSString).appendingPathComponent("vault/policies/\(name).hcl")
                let planned = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
                let live = (try client.read("sys/policies/acl/\(name)")?["data"] as? [String: Any])?["policy"] as? String
                if live == nil {
                    report.problems.append("policy \(name): missing")
                } else if live?.trimmingCharacters(in: .whitespacesAndNewlines) != planned.trimmingCharacters(in: .whitespacesAndNewlines) {
                    report.problems.append("policy \(name): differs from vault/policies/\(name).hcl")
                } else {
                    report.verified.append("policy \(name)")
                }
            }
            for name in manifest.roles {
                let file = (directory as NSString).appendingPathComponent("vault/roles/\(name).json")
                guard
                    let planned = FileManager.default.contents(atPath: file).flatMap({ try? JSONSerialization.jsonObject(with: $0) })
                        as? [String: Any]
                else { throw Failure.plan("\(file): missing or not JSON") }
                guard let live = try client.read("auth/jwt/role/\(name)")?["data"] as? [String: Any] else {
                    report.problems.append("role \(name): missing")
                    continue
                }
                let differing = roleDifferences(planned: planned, live: live)
                if differing.isEmpty {
                    report.verified.append("role \(name)")
                } else {
                    report.problems.append("role \(name): \(differing.joined(separator: ", ")) differ from vault/roles/\(name).json")
                }
            }
        } catch let failure as Failure {
            throw failure
        } catch let error as VaultError {
            throw .vault(error)
        } catch {
            throw .plan("\(error)")
        }
        let planned = Set(manifest.secrets.map { $0.key + "\u{0}" + $0.scope })
        report.stillInGitLab = exports.filter { planned.contains($0.key + "\u{0}" + $0.environmentScope) }.map {
            "\($0.key) (scope \($0.environmentScope), \($0.owner))"
        }
        return report
    }

    /// The fields of a role that differ between the plan and the server, compared as Vault stores
    /// them: lists as sets of strings, durations in seconds.
    static func roleDifferences(planned: [String: Any], live: [String: Any]) -> [String] {
        func strings(_ value: Any?) -> Set<String> {
            if let list = value as? [Any] { return Set(list.map { "\($0)" }) }
            if let text = value as? String { return text.isEmpty ? [] : [text] }
            return value.map { ["\($0)"] } ?? []
        }
        func seconds(_ value: Any?) -> Int? {
            if let n = value as? Int { return n }
            if let n = value as? Double { return Int(n) }
            guard let s = value as? String else { return nil }
            let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600]
            if let unit = s.last, let factor = units[unit], let n = Int(s.dropLast()) { return n * factor }
            return Int(s)
        }
        var out: [String] = []
        for field in ["role_type", "user_claim", "bound_claims_type"] where strings(planned[field]) != strings(live[field]) {
            out.append(field)
        }
        for field in ["bound_audiences", "token_policies"] where strings(planned[field]) != strings(live[field]) { out.append(field) }
        for field in ["token_ttl", "token_max_ttl", "token_explicit_max_ttl"] where planned[field] != nil {
            if seconds(planned[field]) != seconds(live[field]) { out.append(field) }
        }
        let plannedClaims = planned["bound_claims"] as? [String: Any] ?? [:]
        let liveClaims = live["bound_claims"] as? [String: Any] ?? [:]
        if Set(plannedClaims.keys) != Set(liveClaims.keys)
            || plannedClaims.contains(where: { strings($0.value) != strings(liveClaims[$0.key]) })
        {
            out.append("bound_claims")
        }
        return out
    }
}
