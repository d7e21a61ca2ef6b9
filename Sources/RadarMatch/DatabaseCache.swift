import CVectorscan
import Foundation
import RadarModel
import RadarSupport

/// Keeps compiled vectorscan databases between runs: compiling the pack takes about 0.3 s, loading
/// a serialized database a few milliseconds, which matters for hooks and short git scans.
///
/// A cache file holds the exact key (vectorscan version, every pattern, flag and id) followed by the
/// serialized database; a file is used only when its key equals the current one byte for byte, so
/// a changed rule can never run against a stale database. Files are written through a temporary
/// name and a rename, mode 0600. Any failure just means compiling again.
struct DatabaseCache {
    let directory: String
    let key: [UInt8]

    init(directory: String, patterns: [String], flags: [UInt32], ids: [UInt32]) {
        self.directory = directory
        var text = "secretradar-vectorscan-cache 1\n" + String(cString: hs_version()) + "\n"
        for i in patterns.indices { text += "\(ids[i]) \(flags[i]) \(patterns[i].utf8.count) \(patterns[i])\n" }
        key = Array(text.utf8)
    }

    /// File name from a 64-bit FNV-1a of the key; the key inside the file is what is trusted.
    var path: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in key { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
        return (directory as NSString).appendingPathComponent(Hex.fixed(hash) + ".hsdb")
    }

    /// The serialized database stored under this key, or nil. (Bytes only: the database handle
    /// stays inside `VectorscanDatabase`, which deserializes and frees it.)
    func load() -> ArraySlice<UInt8>? {
        guard let bytes = FileBytes.read(path), bytes.count > key.count + 8 else { return nil }
        let keyLength = bytes.withUnsafeBytes { Int(UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self))) }
        guard keyLength == key.count, FileBytes.matches(bytes, at: 8, key) else { return nil }
        return bytes[(8 + keyLength)...]
    }

    /// Stores a serialized database under this key.
    func store(_ serialized: Data) {
        var data = Data()
        var keyLength = UInt64(key.count).littleEndian
        withUnsafeBytes(of: &keyLength) { data.append(contentsOf: $0) }
        data.append(contentsOf: key)
        data.append(serialized)
        let fm = FileManager.default
        guard (try? fm.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])) != nil
        else { return }
        let temporary = path + ".\(getpid()).tmp"
        guard fm.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]) else { return }
        if rename(temporary, path) != 0 { unlink(temporary) }
    }
}

/// How vectorscan takes each pattern (exact with a width, prefilter, unsupported), remembered
/// between runs: asking `hs_expression_info` for the whole pack costs about 10 ms per start-up.
/// Keyed by the vectorscan version and the exact pattern text; no directory, no cache.
struct ModeCache {
    let path: String?
    var known: [String: String] = [:]
    var changed = false

    init(directory: String?) {
        guard let directory else {
            path = nil
            return
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in String(cString: hs_version()).utf8 { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
        path = (directory as NSString).appendingPathComponent("modes-" + Hex.fixed(hash) + ".bin")
        if let path, let bytes = FileBytes.read(path), let decoded = Self.decodeFile(bytes) { known = decoded }
    }

    /// The file: a header line, then for each pattern its length (4 bytes, little-endian) and
    /// bytes, and the same for its mode. (It was JSON; JSONDecoder's first use alone cost half a
    /// millisecond of every run.) Anything malformed reads as no cache.
    static let header = Array("secretradar-modes 1\n".utf8)

    static func encodeFile(_ known: [String: String]) -> [UInt8] {
        var out = header
        func add(_ s: String) {
            withUnsafeBytes(of: UInt32(s.utf8.count).littleEndian) { out += $0 }
            out += s.utf8
        }
        for key in known.keys.sorted() {
            add(key)
            add(known[key]!)
        }
        return out
    }

    static func decodeFile(_ bytes: [UInt8]) -> [String: String]? {
        guard FileBytes.matches(bytes, at: 0, header) else { return nil }
        var offset = header.count
        func next() -> String? {
            guard bytes.count - offset >= 4 else { return nil }
            let n = bytes.withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self))) }
            guard bytes.count - offset - 4 >= n else { return nil }
            defer { offset += 4 + n }
            return String(decoding: bytes[(offset + 4)..<(offset + 4 + n)], as: UTF8.self)
        }
        var out: [String: String] = [:]
        while offset < bytes.count {
            guard let key = next(), let value = next() else { return nil }
            out[key] = value
        }
        return out
    }

    mutating func mode(for pattern: String) -> PrefilterMode {
        if let text = known[pattern], let mode = Self.decode(text) { return mode }
        let mode = VectorscanDatabase.mode(for: pattern)
        if path != nil {
            known[pattern] = Self.encode(mode)
            changed = true
        }
        return mode
    }

    /// A pattern's anchor (`RequiredLiterals.anchor`), remembered like its mode: analysing the
    /// 800-rule pack took 35 ms of every start, four times the rest of building the matcher. The
    /// key carries the analysis' version, so a changed analysis never reads an older answer.
    mutating func anchor(for pattern: String) -> RequiredLiterals.Anchor? {
        let key = "anchor \(RequiredLiterals.version)\n" + pattern
        if let text = known[key], let cached = Self.decodeAnchor(text) { return cached }
        let anchor = RequiredLiterals.anchor(of: pattern)
        if path != nil {
            known[key] = Self.encodeAnchor(anchor)
            changed = true
        }
        return anchor
    }

    /// `-` for none; else the reach (or `-`), then each literal as `i` or `c` (caseless or not)
    /// and its bytes in hex, space-separated.
    static func encodeAnchor(_ anchor: RequiredLiterals.Anchor?) -> String {
        guard let anchor else { return "-" }
        let literals = anchor.literals.map { ($0.caseless ? "i" : "c") + Hex.lower($0.bytes) }.sorted()
        return ([anchor.reach.map(String.init) ?? "-"] + literals).joined(separator: " ")
    }

    /// The anchor `encodeAnchor` wrote: `.some(nil)` for none, nil when the text is malformed.
    static func decodeAnchor(_ text: String) -> RequiredLiterals.Anchor?? {
        if text == "-" { return .some(nil) }
        let parts = text.split(separator: " ")
        guard let first = parts.first, parts.count > 1 else { return nil }
        let reach: Int?
        if first == "-" { reach = nil } else if let r = Int(first) { reach = r } else { return nil }
        var literals: Set<RequiredLiterals.Literal> = []
        for part in parts.dropFirst() {
            guard let kind = part.first, kind == "i" || kind == "c", part.count % 2 == 1 else { return nil }
            var bytes: [UInt8] = []
            var digits = part.utf8.dropFirst().makeIterator()
            while let hi = digits.next(), let lo = digits.next() {
                guard let h = Decoders.hex(hi), let l = Decoders.hex(lo) else { return nil }
                bytes.append(h << 4 | l)
            }
            literals.insert(RequiredLiterals.Literal(bytes: bytes, caseless: kind == "i"))
        }
        return .some(RequiredLiterals.Anchor(literals: literals, reach: reach))
    }

    func save() {
        guard changed, let path else { return }
        let data = Data(Self.encodeFile(known))
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let temporary = path + ".\(getpid()).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]) else { return }
        if rename(temporary, path) != 0 { unlink(temporary) }
    }

    static func encode(_ mode: PrefilterMode) -> String {
        switch mode {
        case .exact(let width): "e:" + (width.map(String.init) ?? "-")
        case .prefilter: "p"
        case .unsupported(let reason): "u:" + reason
        }
    }

    static func decode(_ text: String) -> PrefilterMode? {
        if text == "p" { return .prefilter }
        if text.hasPrefix("u:") { return .unsupported(reason: String(text.dropFirst(2))) }
        guard text.hasPrefix("e:") else { return nil }
        let rest = text.dropFirst(2)
        if rest == "-" { return .exact(maxWidth: nil) }
        return Int(rest).map { .exact(maxWidth: $0) }
    }
}
