import Foundation
import RadarModel

/// The parsed-rules cache's own binary form: length-prefixed fields in a fixed order. A
/// `JSONDecoder` of the same rules took 4 ms of every start (a tenth of a rescan); this reads them in
/// a fraction of that. Any malformed or truncated input decodes to nil, and the caller re-parses
/// the YAML: the cache is never trusted over the rule files.
enum RuleCacheCodec {
    static let magic = Array("srrules5".utf8)

    static func encode(_ rules: [Rule]) -> Data {
        var w = Writer()
        w.bytes += magic
        w.int(rules.count)
        for r in rules {
            w.string(r.id)
            w.string(r.name)
            w.string(r.pattern)
            w.optional(r.prefilter)
            w.optional(r.minEntropy.map { String($0.bitPattern) })
            w.strings(r.valueFilters.map(\.rawValue))
            w.string(r.weakValues.rawValue)
            w.optional(r.decode?.rawValue)
            w.strings(r.filenames)
            w.string(r.confidence.rawValue)
            w.strings(r.categories)
            w.string(r.description)
            w.strings(r.references)
            w.int(r.examples.count)
            for e in r.examples {
                w.string(e.text)
                w.optional(e.secret)
                w.position(e.origin)
            }
            w.strings(r.negativeExamples)
            w.position(r.origin)
        }
        return Data(w.bytes)
    }

    static func decode(_ data: Data) -> [Rule]? {
        data.withUnsafeBytes { raw -> [Rule]? in
            var r = Reader(bytes: raw.bindMemory(to: UInt8.self))
            guard r.take(magic.count).map(Array.init) == magic, let count = r.int(), count < 100_000 else { return nil }
            var rules: [Rule] = []
            rules.reserveCapacity(count)
            for _ in 0..<count {
                guard let id = r.string(), let name = r.string(), let pattern = r.string(), let prefilter = r.optional(),
                    let entropy = r.optional(), let filters = r.strings(), let weakText = r.string(),
                    let weakValues = WeakValues(rawValue: weakText), let decodeText = r.optional(),
                    decodeText.map({ Decoding(rawValue: $0) != nil }) ?? true, let filenames = r.strings(),
                    let confidenceText = r.string(),
                    let confidence = Confidence(rawValue: confidenceText), let categories = r.strings(), let description = r.string(),
                    let references = r.strings(), let exampleCount = r.int(), exampleCount < 10_000
                else { return nil }
                var examples: [RuleExample] = []
                for _ in 0..<exampleCount {
                    guard let text = r.string(), let secret = r.optional(), let origin = r.position() else { return nil }
                    examples.append(RuleExample(text: text, secret: secret, origin: origin))
                }
                guard let negatives = r.strings(), let origin = r.position() else { return nil }
                let valueFilters = filters.compactMap(ValueFilter.init(rawValue:))
                guard valueFilters.count == filters.count else { return nil }
                rules.append(
                    Rule(
                        id: id, name: name, pattern: pattern, prefilter: prefilter,
                        minEntropy: entropy.flatMap { UInt64($0) }.map(Double.init(bitPattern:)), valueFilters: valueFilters,
                        weakValues: weakValues, decode: decodeText.flatMap(Decoding.init(rawValue:)), filenames: filenames,
                        confidence: confidence,
                        categories: categories, description: description, references: references,
                        examples: examples, negativeExamples: negatives, origin: origin))
            }
            return r.atEnd ? rules : nil
        }
    }

    struct Writer {
        var bytes: [UInt8] = []
        mutating func int(_ n: Int) {
            var v = UInt32(truncatingIfNeeded: n).littleEndian
            withUnsafeBytes(of: &v) { bytes += $0 }
        }
        mutating func string(_ s: String) {
            int(s.utf8.count)
            bytes += s.utf8
        }
        mutating func strings(_ list: [String]) {
            int(list.count)
            for s in list { string(s) }
        }
        /// A presence byte, then the string.
        mutating func optional(_ s: String?) {
            bytes.append(s == nil ? 0 : 1)
            if let s { string(s) }
        }
        mutating func position(_ p: SourcePosition?) {
            optional(p?.file)
            int(p?.line ?? 0)
        }
    }

    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var offset = 0
        var atEnd: Bool { offset == bytes.count }

        mutating func take(_ n: Int) -> UnsafeBufferPointer<UInt8>.SubSequence? {
            guard n >= 0, n <= bytes.count - offset else { return nil }
            defer { offset += n }
            return bytes[offset..<offset + n]
        }
        mutating func int() -> Int? {
            guard let b = take(4) else { return nil }
            return b.reversed().reduce(0) { $0 << 8 | Int($1) }
        }
        mutating func string() -> String? {
            guard let n = int(), let b = take(n) else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: b), as: UTF8.self)
        }
        mutating func strings() -> [String]? {
            guard let n = int(), n < 100_000 else { return nil }
            var out: [String] = []
            for _ in 0..<n {
                guard let s = string() else { return nil }
                out.append(s)
            }
            return out
        }
        /// `.some(nil)` when absent, nil when malformed.
        mutating func optional() -> String?? {
            guard let flag = take(1)?.first else { return nil }
            if flag == 0 { return .some(nil) }
            guard flag == 1, let s = string() else { return nil }
            return .some(s)
        }
        mutating func position() -> SourcePosition?? {
            guard let file = optional(), let line = int() else { return nil }
            return .some(file.map { SourcePosition(file: $0, line: line) })
        }
    }
}
