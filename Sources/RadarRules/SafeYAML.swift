import Yams

/// YAML (and JSON, which is YAML) from files an attacker may control — a `.gitlab-ci.yml`, a
/// variables export, a role — parsed with two guarantees (docs/threat-model.md):
///
/// - **Bounded expansion.** An alias is a reference to an anchored node, so a 551-byte document of
///   nested aliases ("billion laughs") stands for billions of nodes. Parsing it is cheap; walking it
///   is not. The document's size with every alias expanded is counted, stopping at `maxNodes`, and
///   a larger one is refused before any caller walks it.
/// - **No input in messages.** Yams's errors carry the document (and a duplicate key's name, which
///   may be a secret); a `Failure` holds only the line, the column and libyaml's fixed description.
public enum SafeYAML {
    /// Nodes a document may expand to. GitLab caps a CI configuration's size; a real one with every
    /// anchor expanded is thousands of nodes.
    public static let maxNodes = 1_000_000

    /// Why a document was refused: where, and a description that quotes none of it.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String
        public var description: String { "line \(line), column \(column): \(message)" }
    }

    /// The document's root (nil for an empty document).
    public static func compose(_ text: String, maxNodes: Int = maxNodes) throws(Failure) -> Node? {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch { throw failure(error) }
        guard let root else { return nil }
        var budget = maxNodes
        guard fits(root, budget: &budget) else {
            throw Failure(
                line: root.mark?.line ?? 1, column: root.mark?.column ?? 1,
                message: "more than \(maxNodes) nodes once its aliases are expanded (an alias bomb?): not read")
        }
        return root
    }

    /// Whether `node`, expanded, fits in `budget` nodes; stops as soon as it does not.
    static func fits(_ node: Node, budget: inout Int) -> Bool {
        budget -= 1
        if budget < 0 { return false }
        switch node {
        case .scalar, .alias: return true
        case .sequence(let items):
            for item in items where !fits(item, budget: &budget) { return false }
            return true
        case .mapping(let pairs):
            for (key, value) in pairs where !fits(key, budget: &budget) || !fits(value, budget: &budget) { return false }
            return true
        }
    }

    /// A Yams error reduced to its position and libyaml's own description of the problem.
    public static func failure(_ error: Error) -> Failure {
        guard let yaml = error as? YamlError else { return Failure(line: 1, column: 1, message: "not valid YAML") }
        switch yaml {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return Failure(line: mark.line, column: mark.column, message: problem)
        case .reader(let problem, let offset, _, _):
            return Failure(line: 1, column: 1, message: problem + (offset.map { " at byte \($0)" } ?? ""))
        case .duplicatedKeysInMapping(_, let context):
            return Failure(line: context.mark.line, column: context.mark.column, message: "a key appears twice in one mapping")
        case .memory: return Failure(line: 1, column: 1, message: "out of memory")
        default: return Failure(line: 1, column: 1, message: "not valid YAML")
        }
    }
}
