import CPCRE2
import Foundation
import Synchronization

/// A PCRE2 pattern in byte mode (no `PCRE2_UTF`: blobs are bytes, not text), JIT-compiled the
/// first time it runs: a rescan that reads one small blob runs a handful of the ~100 rules, and
/// JIT-compiling them all up front was 1.2 ms of it. Compiling (and so rejecting a bad pattern)
/// still happens in `init`.
///
/// Shared by all workers; per-thread state lives in `PCRE2MatchState`.
final class PCRE2Pattern: @unchecked Sendable {
    private let code: OpaquePointer
    /// Whether `code` has been through the JIT compiler; set once, under `jitLock`.
    private let jitDone = Atomic<Bool>(false)
    private let jitLock = NSLock()
    /// Capture group holding the secret: named group `secret`, else group 1, else 0 (whole match).
    let secretGroup: Int
    /// Number of capture groups in the pattern.
    let captureCount: Int

    /// Whether the pattern was compiled to accept an offset limit (`nextMatch(…, limit:)`).
    let acceptsOffsetLimit: Bool

    /// - Parameter offsetLimit: compile with `PCRE2_USE_OFFSET_LIMIT`, for rules confirmed around
    ///   anchors, whose matches must start by a given offset.
    init(pattern: String, ruleID: String, offsetLimit: Bool = false) throws(MatchError) {
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        let bytes = Array(pattern.utf8)
        let options = offsetLimit ? UInt32(PCRE2_USE_OFFSET_LIMIT) : 0
        acceptsOffsetLimit = offsetLimit
        let compiled = bytes.withUnsafeBufferPointer { buf in
            pcre2_compile_8(buf.baseAddress, buf.count, options, &errorCode, &errorOffset, nil)
        }
        guard let compiled else {
            throw .invalidPattern(rule: ruleID, offset: errorOffset, message: PCRE2Pattern.message(errorCode))
        }
        code = compiled
        var count: UInt32 = 0
        _ = pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        captureCount = Int(count)
        let named = pcre2_substring_number_from_name_8(compiled, "secret")
        secretGroup = named > 0 ? Int(named) : (count >= 1 ? 1 : 0)
    }

    deinit { pcre2_code_free_8(code) }

    /// JIT-compiles the pattern once. pcre2_jit_compile must not run while another thread matches
    /// with the same code, so every match waits for it; after that the check is one atomic load.
    /// JIT failure (e.g. an unsupported platform) is not fatal: the interpreter still matches.
    @inline(__always) func prepareJIT() {
        if jitDone.load(ordering: .acquiring) { return }
        jitLock.lock()
        defer { jitLock.unlock() }
        if jitDone.load(ordering: .acquiring) { return }
        _ = pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE))
        jitDone.store(true, ordering: .releasing)
    }

    static func message(_ code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = pcre2_get_error_message_8(code, &buffer, buffer.count)
        return n > 0 ? String(decoding: buffer.prefix(Int(n)), as: UTF8.self) : "pcre2 error \(code)"
    }

    /// The next match at or after `start`: the whole match span and the secret group's span.
    /// Returns nil when there is no further match, or when matching stopped on a PCRE2 error (a
    /// match or depth limit hit on hostile input); the latter sets `state.stoppedEarly`.
    /// With `limit` (only for a pattern compiled with `offsetLimit`), the match must start at or
    /// before that offset, so PCRE2 tries only the start positions up to it.
    func nextMatch(
        in base: UnsafePointer<UInt8>, count: Int, from start: Int, state: PCRE2MatchState, limit: Int? = nil
    ) -> (whole: Range<Int>, secret: Range<Int>?)? {
        prepareJIT()
        if acceptsOffsetLimit { pcre2_set_offset_limit_8(state.context, limit ?? secretradar_pcre2_unset()) }
        let rc = pcre2_match_8(code, base, count, start, 0, state.matchData, state.context)
        // The context is shared by every rule of this thread; patterns without the option refuse a set limit.
        if acceptsOffsetLimit { pcre2_set_offset_limit_8(state.context, secretradar_pcre2_unset()) }
        guard rc > 0 else {
            if rc != PCRE2_ERROR_NOMATCH { state.stoppedEarly = true }
            return nil
        }
        let ovector = pcre2_get_ovector_pointer_8(state.matchData)!
        let whole = Int(ovector[0])..<Int(ovector[1])
        let unset = secretradar_pcre2_unset()
        var secret: Range<Int>?
        if secretGroup < Int(rc) {
            let lo = ovector[2 * secretGroup]
            let hi = ovector[2 * secretGroup + 1]
            if lo != unset && hi != unset && lo < hi { secret = Int(lo)..<Int(hi) }
        }
        return (whole, secret)
    }
}

/// Per-thread PCRE2 state: match data big enough for every rule, a match context with limits and
/// a JIT stack. Never shared between threads.
final class PCRE2MatchState {
    let matchData: OpaquePointer
    let context: OpaquePointer
    private let jitStack: OpaquePointer?
    /// Set when a match call ended on an error rather than "no match"; the caller clears it.
    var stoppedEarly = false

    /// - Parameter maxCaptures: the largest capture count of any pattern this state will run.
    init(maxCaptures: Int) throws(MatchError) {
        guard let data = pcre2_match_data_create_8(UInt32(maxCaptures + 1), nil),
            let ctx = pcre2_match_context_create_8(nil)
        else { throw .scratch(message: "pcre2 match data") }
        matchData = data
        context = ctx
        // Bounded time on hostile input: a rule that backtracks pathologically gives up on that blob.
        pcre2_set_match_limit_8(ctx, 5_000_000)
        pcre2_set_depth_limit_8(ctx, 10_000)
        jitStack = pcre2_jit_stack_create_8(64 * 1024, 4 * 1024 * 1024, nil)
        if let jitStack { pcre2_jit_stack_assign_8(ctx, nil, UnsafeMutableRawPointer(jitStack)) }
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        pcre2_match_context_free_8(context)
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
    }
}
