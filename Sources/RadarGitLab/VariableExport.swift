import Foundation
import RadarModel
import RadarRules
import Yams

/// Errors reading GitLab exports, each naming the file and line.
public enum GitLabError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case malformed(file: String, line: Int, message: String)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason): "\(file): \(reason)"
        case .malformed(let file, let line, let message): "\(file):\(line): \(message)"
        }
    }
}

/// Reads exports of GitLab's CI/CD variables API (FORMATS.md), with line numbers.
///
/// Accepted shapes (docs/gitlab-variables.md):
/// - an array of variable objects, as `GET /projects/:id/variables` returns (owner: the file name);
/// - `{"project": "group/app", "variables": [...]}` (or `"group"`; neither means instance-level);
/// - `{"projects": {"group/app": [...]}, "groups": {"group": [...]}, "instance": [...]}`, any subset.
public enum VariableExport {
    public static func load(file: String) throws(GitLabError) -> [CIVariable] {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw .unreadable(file: file, reason: FileManager.default.fileExists(atPath: file) ? "permission denied" : "no such file")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw .unreadable(file: file, reason: "not valid UTF-8") }
        return try parse(text, file: file)
    }

    public static func parse(_ text: String, file: String) throws(GitLabError) -> [CIVariable] {
        let root: Node?
        do { root = try SafeYAML.compose(text) } catch {
            throw .malformed(file: file, line: error.line, message: "not valid JSON: \(error.message)")
        }
        guard let root else { throw .malformed(file: file, line: 1, message: "empty file") }
        let name = (file as NSString).lastPathComponent
        switch root {
        case .sequence(let items):
            return try variables(items, owner: name, file: file)
        case .mapping(let mapping):
            var out: [CIVariable] = []
            if let list = mapping["variables"] {
                guard case .sequence(let items) = list else {
                    throw .malformed(file: file, line: line(list), message: "\"variables\" must be an array")
                }
                let owner =
                    mapping["project"]?.string.map { "project:" + $0 } ?? mapping["group"]?.string.map { "group:" + $0 } ?? "instance"
                out += try variables(items, owner: owner, file: file)
            }
            for (kind, label) in [("projects", "project"), ("groups", "group")] {
                guard let node = mapping[kind] else { continue }
                guard case .mapping(let owners) = node else {
                    throw .malformed(file: file, line: line(node), message: "\"\(kind)\" must map names to arrays")
                }
                for (nameNode, list) in owners {
                    guard let ownerName = nameNode.string, case .sequence(let items) = list else {
                        throw .malformed(file: file, line: line(list), message: "\"\(kind)\" must map names to arrays of variables")
                    }
                    out += try variables(items, owner: "\(label):\(ownerName)", file: file)
                }
            }
            if let node = mapping["instance"] {
                guard case .sequence(let items) = node else {
                    throw .malformed(file: file, line: line(node), message: "\"instance\" must be an array")
                }
                out += try variables(items, owner: "instance", file: file)
            }
            if out.isEmpty && mapping["variables"] == nil && mapping["projects"] == nil && mapping["groups"] == nil
                && mapping["instance"] == nil
            {
                throw .malformed(
                    file: file, line: 1,
                    message:
                        "expected an array of variables, {\"project\": ..., \"variables\": [...]}, or {\"projects\", \"groups\", \"instance\"}"
                )
            }
            return out
        case .scalar, .alias:
            throw .malformed(file: file, line: line(root), message: "expected an array or an object of variables")
        }
    }

    static func variables(_ items: Node.Sequence, owner: String, file: String) throws(GitLabError) -> [CIVariable] {
        var out: [CIVariable] = []
        for item in items {
            guard case .mapping(let m) = item else {
                throw .malformed(file: file, line: line(item), message: "a variable must be an object")
            }
            guard let key = m["key"]?.string, !key.isEmpty else {
                throw .malformed(file: file, line: line(item), message: "a variable without \"key\"")
            }
            var value: String?
            if let v = m["value"], v.null == nil, case .scalar(let scalar) = v { value = scalar.string }
            func flag(_ name: String) -> Bool { m[name]?.bool ?? false }
            out.append(
                CIVariable(
                    owner: owner, key: key, value: value, variableType: m["variable_type"]?.string ?? "env_var",
                    protected: flag("protected"),
                    masked: flag("masked"), hidden: flag("hidden"), environmentScope: m["environment_scope"]?.string ?? "*", file: file,
                    line: line(item)))
        }
        return out
    }

    /// Yams marks are 1-based already.
    static func line(_ node: Node) -> Int { node.mark?.line ?? 1 }
}
