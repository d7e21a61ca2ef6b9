import Foundation
import RadarModel
import RadarSupport

/// A migration baseline: the findings a team already knows, as a versioned, diff-friendly JSON file
/// (docs/baseline.md). It holds finding ids (keyed hashes), rules, statuses and places — never a
/// secret — plus the fingerprint of the key the ids were made with and a keyed seal over the
/// content, so a baseline made with another key, or edited by hand, is refused instead of
/// silently turning every finding into "new" (or a new secret into "known").
public struct Baseline: Sendable, Equatable {
    /// The format version this secretradar reads and writes.
    public static let currentVersion = 1

    /// How the findings were gathered: the working files, the whole git history, or a store.
    public enum Kind: String, Sendable, Codable, Equatable {
        case files, git, store
    }

    /// Which repository the baseline belongs to (nil: a directory outside any repository).
    public struct Source: Sendable, Codable, Equatable {
        /// The `origin` remote, normalised (`host/group/project`), when there is one.
        public var remote: String?
        /// Parentless commits of the default branch, sorted: the same in every clone.
        public var rootCommits: [String]

        public init(remote: String?, rootCommits: [String]) {
            self.remote = remote
            self.rootCommits = rootCommits.sorted()
        }

        enum CodingKeys: String, CodingKey {
            case remote
            case rootCommits = "root_commits"
        }
    }

    /// Where a finding was first seen.
    public struct Place: Sendable, Codable, Equatable {
        public var path: String
        /// The commit that introduced it (git baselines).
        public var commit: String?
        public var line: Int

        public init(path: String, commit: String?, line: Int) {
            self.path = path
            self.commit = commit
            self.line = line
        }
    }

    /// One known finding.
    public struct Entry: Sendable, Codable, Equatable {
        /// The finding id: HMAC-SHA256(key, rule id ␀ secret), hex.
        public var id: String
        public var rule: String
        public var status: TriageStatus
        /// Every path the secret occurs in, sorted; repository-relative (or relative to the scanned directory).
        public var paths: [String]
        public var first: Place

        public init(id: String, rule: String, status: TriageStatus, paths: [String], first: Place) {
            self.id = id
            self.rule = rule
            self.status = status
            self.paths = Array(Set(paths)).sorted()
            self.first = first
        }
    }

    public var version: Int
    /// `hmac-sha256:` and 32 hex digits identifying the finding key (not revealing it).
    public var keyFingerprint: String
    public var kind: Kind
    public var source: Source?
    /// Sorted by rule, then id.
    public private(set) var entries: [Entry]

    public init(keyFingerprint: String, kind: Kind, source: Source?, entries: [Entry]) {
        version = Self.currentVersion
        self.keyFingerprint = keyFingerprint
        self.kind = kind
        self.source = source
        self.entries = []
        self.entries = Self.sorted(entries)
    }

    static func sorted(_ entries: [Entry]) -> [Entry] {
        var byID: [String: Entry] = [:]
        for e in entries { byID[e.id] = e }
        return byID.values.sorted { ($0.rule, $0.id) < ($1.rule, $1.id) }
    }

    /// The entry for a finding id.
    public func entry(_ id: String) -> Entry? { index[id].map { entries[$0] } }

    private var index: [String: Int] {
        Dictionary(entries.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// An entry per finding: its status (from the store, else `new`), the set of paths, and the
    /// earliest place (by commit date for git findings, else by path and line).
    /// `path` turns a location into the baseline's form of its path.
    public static func entries(from findings: [Finding], path: (Location) -> String) -> [Entry] {
        findings.compactMap { f in
            // Each place's path once (for file scans `path` resolves it on disk), not per comparison.
            let places = f.locations.map { (location: $0, path: path($0)) }
            guard
                let first = places.min(by: { a, b in
                    let (x, y) = (a.location, b.location)
                    return (x.date ?? "", a.path, x.line, x.column, x.commit ?? "") < (
                        y.date ?? "", b.path, y.line, y.column, y.commit ?? ""
                    )
                })
            else { return nil }
            return Entry(
                id: f.id, rule: f.rule, status: f.status ?? .new, paths: places.map(\.path),
                first: Place(path: first.path, commit: first.location.commit, line: first.location.line))
        }
    }

    /// `baseline update`: adds findings it does not know and paths it did not have; every existing
    /// status and first place is kept. Returns how many entries were added.
    @discardableResult
    public mutating func update(with current: [Entry]) -> Int {
        let index = self.index
        var merged = entries
        var added = 0
        for e in current {
            if let i = index[e.id] {
                merged[i].paths = Array(Set(merged[i].paths + e.paths)).sorted()
            } else {
                merged.append(e)
                added += 1
            }
        }
        entries = Self.sorted(merged)
        return added
    }

    /// `baseline prune`: drops the entries whose ids are not among `found`. Returns how many.
    @discardableResult
    public mutating func prune(keeping found: Set<String>) -> Int {
        let before = entries.count
        entries.removeAll { !found.contains($0.id) }
        return before - entries.count
    }

    // MARK: - File format

    /// The canonical text without the seal: a header, then one finding per line, sorted keys.
    /// The seal is computed over exactly these bytes, rebuilt from the parsed values on load, so
    /// whitespace changes (an editor, CRLF checkouts) do not break it but any change of content does.
    func body() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func json<T: Encodable>(_ value: T) -> String { String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self) }
        var text = "{\n"
        text += "  \"secretradar_baseline\": \(version),\n"
        text += "  \"key_fingerprint\": \(json(keyFingerprint)),\n"
        text += "  \"kind\": \(json(kind)),\n"
        text += "  \"source\": \(source.map(json) ?? "null"),\n"
        text += "  \"findings\": [\n"
        text += entries.map { "    " + json($0) }.joined(separator: ",\n")
        text += entries.isEmpty ? "  ],\n" : "\n  ],\n"
        return Data(text.utf8)
    }

    /// The file's bytes; `seal` is the keyed MAC of the canonical body (FindingKey.seal).
    public func encoded(seal: (Data) -> String) -> Data {
        let body = body()
        return body + Data("  \"seal\": \"\(seal(body))\"\n}\n".utf8)
    }

    /// Writes the file through a temporary file in the same directory and a rename, so a reader
    /// never sees half a baseline and a failed write leaves the old one.
    public func write(to path: String, seal: (Data) -> String) throws(BaselineError) {
        do {
            try OutputFile.write(encoded(seal: seal), to: path)
        } catch {
            throw .unwritable(path: path, reason: error.localizedDescription)
        }
    }

    struct Document: Decodable {
        var version: Int?
        var keyFingerprint: String?
        var kind: Kind?
        var source: Source?
        var findings: [Entry]?
        var seal: String?

        enum CodingKeys: String, CodingKey {
            case version = "secretradar_baseline"
            case keyFingerprint = "key_fingerprint"
            case kind, source, findings, seal
        }
    }

    /// The largest baseline read: 128 MiB, about half a million findings. Loading takes about six
    /// times the file in memory (the bytes, the decoder's map, the entries, the bytes the seal is
    /// checked over: 65 MB took 400 MB, benchmarks/README.md), so at most ~800 MB; a baseline is
    /// committed, and one a merge request inflates must not take CI down.
    public static let maximumSize: UInt64 = 128 << 20

    /// Reads and checks a baseline: a readable JSON file of a version this secretradar knows, made
    /// with the key whose fingerprint is `keyFingerprint`, whose seal matches its content.
    public static func load(path: String, keyFingerprint: String, seal: (Data) -> String) throws(BaselineError) -> Baseline {
        let data: Data
        // A hostile or mistaken path (a disk image, /dev/zero) must not be read whole.
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path) {
            if let type = attributes[.type] as? FileAttributeType, type != .typeRegular {
                throw .malformed(path: path, reason: "not a regular file")
            }
            if let size = attributes[.size] as? UInt64, size > maximumSize {
                throw .malformed(path: path, reason: "\(size) bytes; a baseline is at most \(maximumSize) bytes")
            }
        }
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            if !FileManager.default.fileExists(atPath: path) { throw .missing(path: path) }
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        // Decoded once, straight into entries: a separate validating parse into Foundation objects
        // first took ~20x the file in memory (a committed baseline is anyone's to make large).
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch let DecodingError.dataCorrupted(context) where context.codingPath.isEmpty {
            let trimmed = String(decoding: data.suffix(64), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let reason =
                data.isEmpty
                ? "the file is empty"
                : trimmed.hasSuffix("}") ? "not valid JSON" : "not valid JSON: the file ends early (truncated?)"
            throw .malformed(path: path, reason: reason + lineHint(data))
        } catch let DecodingError.dataCorrupted(context) {
            throw .malformed(path: path, reason: "\(where_(context.codingPath, data)): not a valid value here")
        } catch let DecodingError.typeMismatch(type, context) {
            throw .malformed(path: path, reason: "\(where_(context.codingPath, data)): expected \(typeName(type))")
        } catch let DecodingError.valueNotFound(_, context) {
            throw .malformed(path: path, reason: "\(where_(context.codingPath, data)): no value")
        } catch let DecodingError.keyNotFound(key, context) {
            throw .malformed(path: path, reason: "\(where_(context.codingPath, data)): missing \"\(key.stringValue)\"")
        } catch {
            throw .malformed(path: path, reason: "cannot be read as a baseline")
        }
        guard let version = document.version else { throw .notABaseline(path: path) }
        guard version == currentVersion else { throw .unknownVersion(path: path, version: version) }
        guard let fingerprint = document.keyFingerprint, let kind = document.kind, let findings = document.findings,
            let fileSeal = document.seal
        else {
            throw .malformed(path: path, reason: "missing one of key_fingerprint, kind, findings, seal")
        }
        guard fingerprint == keyFingerprint else {
            throw .otherKey(path: path, baseline: fingerprint, current: keyFingerprint)
        }
        var baseline = Baseline(keyFingerprint: fingerprint, kind: kind, source: document.source, entries: [])
        baseline.entries = findings
        guard constantTimeEqual(seal(baseline.body()), fileSeal) else { throw .tampered(path: path) }
        if Set(findings.map(\.id)).count != findings.count || sorted(findings) != findings {
            throw .tampered(path: path)
        }
        return baseline
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in x.indices { diff |= x[i] ^ y[i] }
        return diff == 0
    }

    /// What a value should have been, in JSON's words. Never the decoder's own description, which
    /// quotes the value found (a baseline is committed: its content is anyone's to write).
    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is [Any].Type: "a list"
        default: "an object"
        }
    }

    /// `findings[3].status (line 9)`: a JSON path, and the line when it is a finding's (one per line).
    static func where_(_ path: [CodingKey], _ data: Data) -> String {
        var text = ""
        var findingIndex: Int?
        for (n, key) in path.enumerated() {
            if let i = key.intValue {
                text += "[\(i)]"
                if n == 1, path.first?.stringValue == "findings" { findingIndex = i }
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        if let findingIndex, let line = lineOfFinding(findingIndex, data) { text += " (line \(line))" }
        return text.isEmpty ? "top level" : text
    }

    /// The line of the n-th finding in the canonical layout, found by counting lines after `"findings": [`.
    static func lineOfFinding(_ n: Int, _ data: Data) -> Int? {
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.contains("\"findings\"") }), start + 1 + n < lines.count else { return nil }
        return start + 2 + n
    }

    /// ", near line N" from Foundation's parser message, when it names one.
    static func lineHint(_ data: Data) -> String {
        do { _ = try JSONSerialization.jsonObject(with: data) } catch {
            let message = String(describing: error)
            if let r = message.range(of: "line ") {
                let digits = message[r.upperBound...].prefix { $0.isNumber }
                if !digits.isEmpty { return " (near line \(digits))" }
            }
        }
        return ""
    }
}

/// Why a baseline cannot be used; each names the file. Every case is exit 2: a baseline that cannot
/// be trusted must never let a scan pass.
public enum BaselineError: Error, Sendable, Equatable, CustomStringConvertible {
    case missing(path: String)
    case unreadable(path: String, reason: String)
    case unwritable(path: String, reason: String)
    case malformed(path: String, reason: String)
    case notABaseline(path: String)
    case unknownVersion(path: String, version: Int)
    case otherKey(path: String, baseline: String, current: String)
    case tampered(path: String)
    case otherRepository(path: String, reason: String)

    public var description: String {
        switch self {
        case .missing(let path):
            "\(path): no such baseline file (create one with `secretradar baseline create`)"
        case .unreadable(let path, let reason): "\(path): cannot read the baseline: \(reason)"
        case .unwritable(let path, let reason): "\(path): cannot write the baseline: \(reason)"
        case .malformed(let path, let reason): "\(path): not a usable baseline: \(reason)"
        case .notABaseline(let path): "\(path): not a secretradar baseline (no \"secretradar_baseline\" version)"
        case .unknownVersion(let path, let version):
            "\(path): baseline format version \(version) is not one this secretradar reads (it reads version \(Baseline.currentVersion)); upgrade secretradar or recreate the baseline"
        case .otherKey(let path, let baseline, let current):
            "\(path): the baseline was made with another finding key (\(baseline); this run uses \(current)), so no finding id would match; pass the team's key with --hash-key-file or $SECRETRADAR_HASH_KEY"
        case .tampered(let path):
            "\(path): the baseline's content does not match its seal (edited by hand?); change it only with `secretradar baseline update|prune`, or recreate it"
        case .otherRepository(let path, let reason): "\(path): the baseline belongs to another repository: \(reason)"
        }
    }
}
