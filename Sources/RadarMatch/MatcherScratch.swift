import RadarModel

/// vectorscan flag sets used for rules.
enum VectorscanFlags {
    /// Every end offset is reported, so PCRE2 can confirm in windows.
    static let exact = UInt32(0)
    static let prefilter = UInt32(HSFlag.singleMatch) | UInt32(HSFlag.prefilter)
}

/// Per-thread scratch for `Matcher.scan`: vectorscan scratch, PCRE2 match data, callback state.
public final class MatcherScratch {
    let vectorscan: VectorscanScratch?
    let localVectorscan: VectorscanScratch?
    let spanningVectorscan: VectorscanScratch?
    let mediumVectorscan: VectorscanScratch?
    let wideVectorscan: VectorscanScratch?
    let pcre2: PCRE2MatchState
    let fired: FiredRules
    /// The scratch of the matcher's `fileRules`, when it has any.
    let files: MatcherScratch?
    /// Rules whose matching stopped early (PCRE2 limit) on the last buffer scanned with this
    /// scratch: their findings in that buffer may be incomplete, and callers must say so.
    public internal(set) var incompleteRules: [String] = []
    /// Incremental matching's per-slot working arrays (all empty between calls).
    var deltaEnds: [[Int]] = []
    var deltaOutcomes: [[ConfirmOutcome]] = []
    var deltaOverflow: [Bool] = []
    var deltaTouched: [Bool] = []

    init(matcher: Matcher) throws(MatchError) {
        vectorscan = try matcher.database.map { db throws(MatchError) in try VectorscanScratch(database: db) }
        localVectorscan = try matcher.localDatabase.map { db throws(MatchError) in try VectorscanScratch(database: db) }
        spanningVectorscan = try matcher.spanningDatabase.map { db throws(MatchError) in try VectorscanScratch(database: db) }
        mediumVectorscan = try matcher.mediumDatabase.map { db throws(MatchError) in try VectorscanScratch(database: db) }
        wideVectorscan = try matcher.wideDatabase.map { db throws(MatchError) in try VectorscanScratch(database: db) }
        pcre2 = try PCRE2MatchState(maxCaptures: matcher.maxCaptures)
        fired = FiredRules(count: matcher.rules.count)
        files = try matcher.fileRules.map { m throws(MatchError) in try MatcherScratch(matcher: m) }
    }

    /// Another thread's scratch for the same matcher, its vectorscan parts cloned from `other`'s.
    init(cloning other: MatcherScratch, matcher: Matcher) throws(MatchError) {
        vectorscan = try other.vectorscan.map { s throws(MatchError) in try VectorscanScratch(cloning: s) }
        localVectorscan = try other.localVectorscan.map { s throws(MatchError) in try VectorscanScratch(cloning: s) }
        spanningVectorscan = try other.spanningVectorscan.map { s throws(MatchError) in try VectorscanScratch(cloning: s) }
        mediumVectorscan = try other.mediumVectorscan.map { s throws(MatchError) in try VectorscanScratch(cloning: s) }
        wideVectorscan = try other.wideVectorscan.map { s throws(MatchError) in try VectorscanScratch(cloning: s) }
        pcre2 = try PCRE2MatchState(maxCaptures: matcher.maxCaptures)
        fired = FiredRules(count: matcher.rules.count)
        files = try other.files.map { s throws(MatchError) in try MatcherScratch(cloning: s, matcher: matcher.fileRules!) }
    }
}
