import Foundation

/// A JSON value written byte for byte as `JSONEncoder` writes it with `.sortedKeys` and
/// `.withoutEscapingSlashes` (and `.prettyPrinted` when asked), without the encoder's generic
/// machinery: encoding the findings of a rescan (17 findings, 520 places) through `JSONEncoder`
/// took 2.7 ms of a 35 ms run. The equality with `JSONEncoder` is tested on hostile values.
enum JSONText {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case array([JSONText])
    /// Members in any order; written sorted by key (byte order).
    case object([(String, JSONText)])
    /// An already encoded value (from `JSONEncoder` with the same options), re-indented.
    case encoded(String)
    /// Bytes already written for the depth this value sits at (`JSONMembers`), copied as they are.
    case written([UInt8])

    /// An object without the members whose value is nil (as synthesized `Encodable` omits them).
    static func members(_ members: [(String, JSONText?)]) -> JSONText {
        .object(members.compactMap { key, value in value.map { (key, $0) } })
    }

    func bytes(pretty: Bool, depth: Int = 0) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(into: &out, pretty: pretty, depth: depth)
        return out
    }

    private func write(into out: inout [UInt8], pretty: Bool, depth: Int) {
        switch self {
        case .string(let s): Self.quote(s, into: &out)
        case .int(let n): Self.integer(n, into: &out)
        case .double(let d):
            var text = d.description
            if text.hasSuffix(".0") { text.removeLast(2) }
            out.append(contentsOf: text.utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .written(let bytes): out.append(contentsOf: bytes)
        case .encoded(let text):
            guard pretty, depth > 0 else {
                out.append(contentsOf: text.utf8)
                return
            }
            let pad = [UInt8](repeating: 0x20, count: 2 * depth)
            for byte in text.utf8 {
                out.append(byte)
                if byte == 0x0a { out.append(contentsOf: pad) }
            }
        case .array(let items):
            Self.writeArray(items, into: &out, pretty: pretty, depth: depth) { item, out, depth in
                item.write(into: &out, pretty: pretty, depth: depth)
            }
        case .object(let members):
            out.append(0x7b)
            if members.isEmpty {
                if pretty { Self.newline(into: &out, depth: depth, blank: true) }
            } else {
                let inOrder = zip(members, members.dropFirst()).allSatisfy { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
                let sorted = inOrder ? members : members.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
                for (i, (key, value)) in sorted.enumerated() {
                    if i > 0 { out.append(0x2c) }
                    if pretty { Self.newline(into: &out, depth: depth + 1) }
                    Self.quote(key, into: &out)
                    out.append(contentsOf: pretty ? [0x20, 0x3a, 0x20] : [0x3a])
                    value.write(into: &out, pretty: pretty, depth: depth + 1)
                }
                if pretty { Self.newline(into: &out, depth: depth) }
            }
            out.append(0x7d)
        }
    }

    /// `[element, ...]` with the array at `depth`; `element` appends one element (at `depth + 1`).
    static func writeArray<T>(
        _ items: [T], into out: inout [UInt8], pretty: Bool, depth: Int, _ element: (T, inout [UInt8], Int) -> Void
    ) {
        out.append(0x5b)
        if items.isEmpty {
            if pretty { newline(into: &out, depth: depth, blank: true) }
        } else {
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(0x2c) }
                if pretty { newline(into: &out, depth: depth + 1) }
                element(item, &out, depth + 1)
            }
            if pretty { newline(into: &out, depth: depth) }
        }
        out.append(0x5d)
    }

    /// A line break and the indentation of `depth`; an empty container's blank line comes first.
    static func newline(into out: inout [UInt8], depth: Int, blank: Bool = false) {
        out.append(0x0a)
        if blank { out.append(0x0a) }
        // Copied from a row of spaces (appending `repeatElement` went one element at a time).
        var remaining = 2 * depth
        spaces.withUnsafeBufferPointer { row in
            while remaining > 0 {
                let n = min(remaining, row.count)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: row[..<n]))
                remaining -= n
            }
        }
    }

    private static let spaces = [UInt8](repeating: 0x20, count: 64)

    private static let hex = Array("0123456789abcdef".utf8)

    /// `s` quoted and escaped. Runs of bytes that need no escape are copied whole from the
    /// string's contiguous UTF-8 (appending a `String.UTF8View` went byte by byte: a third of the
    /// report's rendering time).
    static func quote(_ s: String, into out: inout [UInt8]) {
        var s = s
        s.withUTF8 { quote($0, into: &out) }
    }

    static func quote(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        out.append(0x22)
        var start = 0
        for i in bytes.indices {
            let byte = bytes[i]
            guard byte < 0x20 || byte == 0x22 || byte == 0x5c else { continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
            start = i + 1
            switch byte {
            case 0x22: out.append(contentsOf: [0x5c, 0x22])
            case 0x5c: out.append(contentsOf: [0x5c, 0x5c])
            case 0x0a: out.append(contentsOf: [0x5c, 0x6e])
            case 0x0d: out.append(contentsOf: [0x5c, 0x72])
            case 0x09: out.append(contentsOf: [0x5c, 0x74])
            case 0x08: out.append(contentsOf: [0x5c, 0x62])
            case 0x0c: out.append(contentsOf: [0x5c, 0x66])
            default: out.append(contentsOf: [0x5c, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xf)]])
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        out.append(0x22)
    }

    /// The decimal digits of `n` (what `String(n)` spells), without making the string.
    static func integer(_ n: Int, into out: inout [UInt8]) {
        if n < 0 { out.append(0x2d) }
        var magnitude = n.magnitude
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(20 - count)...]))
        }
    }
}

/// Writes one JSON object straight into a buffer, members in the order given (callers give them
/// sorted by key), with the same layout as `JSONText`: the report's findings, hundreds of places
/// each, without building a tree of values first.
struct JSONMembers {
    var out: [UInt8]
    let pretty: Bool
    let depth: Int
    private var count = 0

    /// Starts an object at `depth` (its members at `depth + 1`), taking over `out` (left empty, so
    /// that appending never copies the buffer) until `finish` gives it back.
    init(taking out: inout [UInt8], pretty: Bool, depth: Int) {
        self.out = out
        out = []
        self.pretty = pretty
        self.depth = depth
        self.out.append(0x7b)
    }

    mutating func key(_ key: String) {
        if count > 0 { out.append(0x2c) }
        count += 1
        if pretty { JSONText.newline(into: &out, depth: depth + 1) }
        JSONText.quote(key, into: &out)
        if pretty { out.append(contentsOf: [0x20, 0x3a, 0x20]) } else { out.append(0x3a) }
    }

    mutating func string(_ key: String, _ value: String?) {
        guard let value else { return }
        self.key(key)
        JSONText.quote(value, into: &out)
    }

    mutating func int(_ key: String, _ value: Int) {
        self.key(key)
        JSONText.integer(value, into: &out)
    }

    mutating func bool(_ key: String, _ value: Bool?) {
        guard let value else { return }
        self.key(key)
        out.append(contentsOf: (value ? "true" : "false").utf8)
    }

    mutating func value(_ key: String, _ value: JSONText?) {
        guard let value else { return }
        self.key(key)
        out.append(contentsOf: value.bytes(pretty: pretty, depth: depth + 1))
    }

    /// An array member whose elements `write` appends, each after the separator and indentation
    /// it is given (elements sit at `depth + 2`).
    mutating func array<T>(_ key: String, _ items: [T], _ write: (T, inout [UInt8], Int) -> Void) {
        self.key(key)
        JSONText.writeArray(items, into: &out, pretty: pretty, depth: depth + 1, write)
    }

    /// Closes the object and returns the buffer.
    mutating func finish() -> [UInt8] {
        if count == 0 {
            if pretty { JSONText.newline(into: &out, depth: depth, blank: true) }
        } else if pretty {
            JSONText.newline(into: &out, depth: depth)
        }
        out.append(0x7d)
        return out
    }
}
