import Foundation
import RadarModel
import RadarSupport
import Yams

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads rule YAML (`patterns/<provider>.yml`) into `Rule` values, with file:line in every error.
///
/// The YAML is composed into nodes rather than decoded with `Codable`, so that a missing or
/// mistyped field can be reported at the line where its rule starts. The format is documented in
/// `patterns/README.md`.
public enum RuleLoader {
    /// The keys a rule may have; anything else is a typo worth failing on.
    static let ruleKeys: Set<String> = [
        "id", "name", "pattern", "prefilter", "min_entropy", "value_filters", "weak_values", "decode", "filenames", "confidence",
        "categories",
        "description",
        "references", "examples", "negative_examples",
    ]

    /// Loads every `*.yml`/`*.yaml` file in a directory (sorted by name), or a single file.
    public static func load(path: String) throws(RuleLoadError) -> [Rule] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadable(path: path, reason: "no such file or directory")
        }
        guard isDirectory.boolValue else { return try loadFile(path) }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        let files = names.filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted()
        guard !files.isEmpty else { throw .noRules(path: path) }
        var rules: [Rule] = []
        for name in files {
            rules += try loadFile((path as NSString).appendingPathComponent(name))
        }
        try checkUniqueIDs(rules)
        return rules
    }

    /// Loads like `load(path:)`, through a cache of parsed rules in `cacheDirectory` (parsing the
    /// YAML pack takes ~15 ms, a third of a hook's start-up). A cache file holds the exact bytes of
    /// every rule file it was made from and is used only when they are byte-for-byte the same.
    public static func load(path: String, cacheDirectory: String?) throws(RuleLoadError) -> [Rule] {
        guard let cacheDirectory else { return try load(path: path) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return try load(path: path) }
        let files: [String]
        if isDirectory.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            files = names.filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted().map {
                (path as NSString).appendingPathComponent($0)
            }
        } else {
            files = [path]
        }
        // Read with plain system calls and compared as bytes: through FileManager and Data, reading
        // the 29 files of the pack and checking them against the cache was 1.5 ms of every run.
        var material = Array("secretradar-rules-cache 2\n".utf8)
        for file in files {
            guard let data = FileBytes.read(file) else { return try load(path: path) }
            material += Array("\(file)\n\(data.count)\n".utf8)
            material += data
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        material.withUnsafeBufferPointer { for b in $0 { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 } }
        let cacheFile = (cacheDirectory as NSString).appendingPathComponent("rules-" + Hex.fixed(hash) + ".cache")
        var header = [UInt8](repeating: 0, count: 8)
        header.withUnsafeMutableBytes { $0.storeBytes(of: UInt64(material.count).littleEndian, as: UInt64.self) }
        if let cached = FileBytes.read(cacheFile), cached.count > 8 + material.count, FileBytes.matches(cached, at: 0, header),
            FileBytes.matches(cached, at: 8, material),
            let rules = RuleCacheCodec.decode(Data(cached[(8 + material.count)...]))
        {
            return rules
        }
        let rules = try load(path: path)
        do {
            let encoded = RuleCacheCodec.encode(rules)
            try? FileManager.default.createDirectory(
                atPath: cacheDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let temporary = cacheFile + ".\(ProcessInfo.processInfo.processIdentifier).tmp"
            if FileManager.default.createFile(
                atPath: temporary, contents: Data(header + material) + encoded, attributes: [.posixPermissions: 0o600])
            {
                if rename(temporary, cacheFile) != 0 { unlink(temporary) }
            }
        }
        return rules
    }

    /// The pack at `path` and the rules added with `--extra-rules` (files or directories), each
    /// through the cache; an id that appears twice among them all is an error.
    public static func load(path: String, extra: [String], cacheDirectory: String?) throws(RuleLoadError) -> [Rule] {
        var rules = try load(path: path, cacheDirectory: cacheDirectory)
        guard !extra.isEmpty else { return rules }
        for more in extra { rules += try load(path: more, cacheDirectory: cacheDirectory) }
        try checkUniqueIDs(rules)
        return rules
    }

    /// Loads one rule file.
    public static func loadFile(_ file: String) throws(RuleLoadError) -> [Rule] {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw .unreadable(path: file, reason: "permission denied or not a regular file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(path: file, reason: "not valid UTF-8")
        }
        return try parse(yaml: text, file: file)
    }

    /// Parses rule YAML text; `file` names it in errors.
    public static func parse(yaml: String, file: String) throws(RuleLoadError) -> [Rule] {
        let root: Node?
        do {
            root = try SafeYAML.compose(yaml)
        } catch {
            throw .invalidYAML(file: file, message: "\(error.line):\(error.column): \(error.message)")
        }
        let top = SourcePosition(file: file, line: 1)
        guard let root, let mapping = root.mapping else {
            throw .invalidRule(at: top, rule: nil, message: "expected a mapping with a `rules:` list")
        }
        guard let list = mapping["rules"]?.sequence else {
            throw .invalidRule(
                at: position(mapping["rules"] ?? root, file), rule: nil,
                message: "expected `rules:` to be a list of rules")
        }
        var rules: [Rule] = []
        for node in list {
            rules.append(try parseRule(node, file: file))
        }
        try checkUniqueIDs(rules)
        return rules
    }

    /// Fails on the second rule that reuses an id.
    public static func checkUniqueIDs(_ rules: [Rule]) throws(RuleLoadError) {
        var seen: [String: SourcePosition?] = [:]
        for rule in rules {
            if let first = seen[rule.id] {
                throw .duplicateID(id: rule.id, first: first, second: rule.origin)
            }
            seen[rule.id] = rule.origin
        }
    }

    static func position(_ node: Node, _ file: String) -> SourcePosition {
        SourcePosition(file: file, line: node.mark?.line ?? 1)
    }

    static func parseRule(_ node: Node, file: String) throws(RuleLoadError) -> Rule {
        let at = position(node, file)
        guard let map = node.mapping else {
            throw .invalidRule(at: at, rule: nil, message: "expected a rule mapping")
        }
        let id = map["id"]?.string
        func fail(_ message: String, _ where_: Node? = nil) -> RuleLoadError {
            .invalidRule(at: where_.map { position($0, file) } ?? at, rule: id, message: message)
        }
        for (key, _) in map {
            guard let name = key.string, ruleKeys.contains(name) else {
                throw fail("unknown key `\(key.string ?? "?")`", key)
            }
        }
        func requiredString(_ key: String) throws(RuleLoadError) -> String {
            guard let value = map[key] else { throw fail("missing required key `\(key)`") }
            guard let string = value.scalar?.string, !string.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            else { throw fail("`\(key)` must be a non-empty string", value) }
            return string
        }
        func stringList(_ key: String) throws(RuleLoadError) -> [String] {
            guard let value = map[key] else { return [] }
            if let scalar = value.scalar { return [scalar.string] }
            guard let seq = value.sequence else { throw fail("`\(key)` must be a list of strings", value) }
            var out: [String] = []
            for item in seq {
                guard let s = item.scalar?.string else { throw fail("`\(key)` must be a list of strings", item) }
                out.append(s)
            }
            return out
        }
        let ruleID = try requiredString("id")
        let name = try requiredString("name")
        let pattern = try requiredString("pattern")
        let confidenceText = try requiredString("confidence")
        guard let confidence = Confidence(rawValue: confidenceText) else {
            throw fail("`confidence` must be low, medium or high, not `\(confidenceText)`", map["confidence"])
        }
        var prefilter: String?
        if let node = map["prefilter"] {
            guard let text = node.scalar?.string, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw fail("`prefilter` must be a non-empty string", node)
            }
            prefilter = text
        }
        var minEntropy: Double?
        if let node = map["min_entropy"] {
            guard let text = node.scalar?.string, let value = Double(text), value >= 0, value <= 8 else {
                throw fail("`min_entropy` must be a number of bits per byte between 0 and 8", node)
            }
            minEntropy = value
        }
        var valueFilters: [ValueFilter] = []
        for name in try stringList("value_filters") {
            guard let filter = ValueFilter(rawValue: name) else {
                let known = ValueFilter.allCases.map(\.rawValue).joined(separator: ", ")
                throw fail("unknown value filter `\(name)` (known: \(known))", map["value_filters"])
            }
            valueFilters.append(filter)
        }
        var weakValues = WeakValues.drop
        if let node = map["weak_values"] {
            guard let text = node.scalar?.string, let value = WeakValues(rawValue: text) else {
                throw fail("`weak_values` must be drop or report", node)
            }
            weakValues = value
        }
        var decode: Decoding?
        if let node = map["decode"] {
            guard let text = node.scalar?.string, let value = Decoding(rawValue: text) else {
                let known = Decoding.allCases.map(\.rawValue).joined(separator: ", ")
                throw fail("`decode` must be one of \(known)", node)
            }
            decode = value
        }
        let filenames = try stringList("filenames")
        for glob in filenames where glob.isEmpty || glob.contains("/") {
            throw fail("`filenames` are globs on a file's name, without `/`", map["filenames"])
        }
        var examples: [RuleExample] = []
        if let node = map["examples"] {
            guard let seq = node.sequence else { throw fail("`examples` must be a list", node) }
            for item in seq {
                let where_ = position(item, file)
                if let scalar = item.scalar {
                    examples.append(RuleExample(text: scalar.string, origin: where_))
                } else if let m = item.mapping, let text = m["text"]?.scalar?.string {
                    for (key, _) in m where key.string != "text" && key.string != "secret" {
                        throw fail("unknown example key `\(key.string ?? "?")`", key)
                    }
                    examples.append(RuleExample(text: text, secret: m["secret"]?.scalar?.string, origin: where_))
                } else {
                    throw fail("an example is a string or `{text:, secret:}`", item)
                }
            }
        }
        return Rule(
            id: ruleID, name: name, pattern: pattern, prefilter: prefilter, minEntropy: minEntropy,
            valueFilters: valueFilters, weakValues: weakValues, decode: decode, filenames: filenames,
            confidence: confidence, categories: try stringList("categories"),
            description: (map["description"]?.scalar?.string ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
            references: try stringList("references"), examples: examples,
            negativeExamples: try stringList("negative_examples"), origin: at)
    }
}
