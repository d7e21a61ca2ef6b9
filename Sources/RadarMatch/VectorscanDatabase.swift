import CVectorscan
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How a rule's pattern could be handed to vectorscan.
enum PrefilterMode: Sendable, Equatable {
    /// vectorscan matches the pattern exactly; `maxWidth` bounds a match's length when known.
    case exact(maxWidth: Int?)
    /// vectorscan only accepts a superset (`HS_FLAG_PREFILTER`): PCRE2 must search the whole blob.
    case prefilter
    /// vectorscan cannot take it at all: PCRE2 runs on every blob (slow; `rules check` warns).
    case unsupported(reason: String)
}

/// A compiled vectorscan block-mode database of many rules. Immutable and shareable.
final class VectorscanDatabase: @unchecked Sendable {
    let database: OpaquePointer

    /// Decides, without building a database, how vectorscan can take one pattern.
    static func mode(for pattern: String) -> PrefilterMode {
        let base = UInt32(HS_FLAG_SINGLEMATCH)
        if let width = expressionInfo(pattern, flags: base) { return .exact(maxWidth: width) }
        if expressionInfo(pattern, flags: base | UInt32(HS_FLAG_PREFILTER)) != nil { return .prefilter }
        return .unsupported(reason: lastError(pattern, flags: base | UInt32(HS_FLAG_PREFILTER)))
    }

    /// Max width of a match (nil when unbounded), or nil-nil when vectorscan rejects the pattern.
    private static func expressionInfo(_ pattern: String, flags: UInt32) -> Int?? {
        var info: UnsafeMutablePointer<hs_expr_info_t>?
        var error: UnsafeMutablePointer<hs_compile_error_t>?
        let rc = hs_expression_info(pattern, flags, &info, &error)
        if let error { hs_free_compile_error(error) }
        guard rc == HS_SUCCESS, let info else { return nil }
        defer { free(info) }
        let width = info.pointee.max_width
        return .some(width == UInt32.max ? nil : Int(width))
    }

    private static func lastError(_ pattern: String, flags: UInt32) -> String {
        var info: UnsafeMutablePointer<hs_expr_info_t>?
        var error: UnsafeMutablePointer<hs_compile_error_t>?
        _ = hs_expression_info(pattern, flags, &info, &error)
        if let info { free(info) }
        guard let error else { return "unknown error" }
        defer { hs_free_compile_error(error) }
        return String(cString: error.pointee.message)
    }

    /// Compiles `patterns` (with per-pattern flags) into one database; ids are the indices given.
    init(patterns: [String], flags: [UInt32], ids: [UInt32], ruleIDs: [String], cacheDirectory: String? = nil) throws(MatchError) {
        let cache = cacheDirectory.map { DatabaseCache(directory: $0, patterns: patterns, flags: flags, ids: ids) }
        if let cache, let serialized = cache.load(), let db = Self.deserialize(serialized) {
            database = db
            return
        }
        var cStrings = patterns.map { strdup($0) }
        defer { cStrings.forEach { free($0) } }
        var db: OpaquePointer?
        var error: UnsafeMutablePointer<hs_compile_error_t>?
        let rc = cStrings.withUnsafeMutableBufferPointer { exprs in
            exprs.withMemoryRebound(to: UnsafePointer<CChar>?.self) { exprs in
                hs_compile_multi(
                    exprs.baseAddress, flags, ids, UInt32(patterns.count), UInt32(HS_MODE_BLOCK), nil,
                    &db, &error)
            }
        }
        if rc != HS_SUCCESS || db == nil {
            var message = "compile failed (\(rc))"
            var rule: String?
            if let error {
                message = String(cString: error.pointee.message)
                let index = Int(error.pointee.expression)
                if index >= 0 && index < ruleIDs.count { rule = ruleIDs[index] }
                hs_free_compile_error(error)
            }
            throw .vectorscan(rule: rule, message: message)
        }
        database = db!
        if let cache, let serialized = Self.serialize(database) { cache.store(serialized) }
    }

    /// A database from `hs_serialize_database`'s bytes (a cache file), or nil when they are not one.
    static func deserialize(_ bytes: ArraySlice<UInt8>) -> OpaquePointer? {
        var db: OpaquePointer?
        let rc = bytes.withUnsafeBytes { raw in
            hs_deserialize_database(raw.baseAddress!.assumingMemoryBound(to: CChar.self), raw.count, &db)
        }
        return rc == HS_SUCCESS ? db : nil
    }

    /// The database as bytes for the cache, or nil when vectorscan could not serialize it.
    static func serialize(_ database: OpaquePointer) -> Data? {
        var bytes: UnsafeMutablePointer<CChar>?
        var length = 0
        guard hs_serialize_database(database, &bytes, &length) == HS_SUCCESS, let bytes else { return nil }
        defer { free(bytes) }
        return Data(bytes: bytes, count: length)
    }

    deinit { hs_free_database(database) }
}

/// Per-thread vectorscan scratch space.
final class VectorscanScratch {
    var scratch: OpaquePointer?

    init(database: VectorscanDatabase) throws(MatchError) {
        let rc = hs_alloc_scratch(database.database, &scratch)
        guard rc == HS_SUCCESS else { throw .scratch(message: "hs_alloc_scratch returned \(rc)") }
    }

    /// A copy of `other` for another thread (`hs_clone_scratch`: no second pass over the database,
    /// whose checksum `hs_alloc_scratch` verifies each time).
    init(cloning other: VectorscanScratch) throws(MatchError) {
        let rc = hs_clone_scratch(other.scratch, &scratch)
        guard rc == HS_SUCCESS else { throw .scratch(message: "hs_clone_scratch returned \(rc)") }
    }

    deinit { if let scratch { hs_free_scratch(scratch) } }
}

/// Callback state for one `hs_scan`: for every rule that fired, the end offsets vectorscan
/// reported (ascending), up to `cap` per rule; past the cap the rule is marked `overflowed`.
final class FiredRules {
    /// Most end offsets kept per rule and buffer; a rule past it is confirmed by a plain PCRE2 scan.
    static let cap = 65_536
    var ends: [[Int]]
    var overflowed: [Bool]
    var fired: [Int32] = []

    init(count: Int) {
        ends = Array(repeating: [], count: count)
        overflowed = Array(repeating: false, count: count)
    }

    func reset() {
        for index in fired {
            ends[Int(index)].removeAll(keepingCapacity: true)
            overflowed[Int(index)] = false
        }
        fired.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    func record(rule: Int, end: Int) {
        if ends[rule].isEmpty && !overflowed[rule] { fired.append(Int32(rule)) }
        if ends[rule].count < FiredRules.cap {
            ends[rule].append(end)
        } else {
            overflowed[rule] = true
        }
    }
}

/// `@convention(c)` handler: records every end offset per rule id.
let vectorscanOnMatch: match_event_handler = { id, _, to, _, context in
    let state = Unmanaged<FiredRules>.fromOpaque(context!).takeUnretainedValue()
    state.record(rule: Int(id), end: Int(to))
    return 0
}

extension VectorscanDatabase {
    /// Runs the database over a buffer and fills `fired`. Returns false when the buffer is too big
    /// for one `hs_scan` (32-bit length); the caller then treats every rule as fired.
    func scan(_ base: UnsafePointer<UInt8>, count: Int, scratch: VectorscanScratch, into fired: FiredRules) -> Bool {
        guard count <= Int(UInt32.max) else { return false }
        let context = Unmanaged.passUnretained(fired).toOpaque()
        let rc = base.withMemoryRebound(to: CChar.self, capacity: count) { p in
            hs_scan(database, p, UInt32(count), 0, scratch.scratch, vectorscanOnMatch, context)
        }
        return rc == HS_SUCCESS
    }
}

/// vectorscan's flag constants as the API wants them (they import as `Int32`).
enum HSFlag {
    static let singleMatch = UInt32(HS_FLAG_SINGLEMATCH)
    static let prefilter = UInt32(HS_FLAG_PREFILTER)
    static let caseless = UInt32(HS_FLAG_CASELESS)
}
