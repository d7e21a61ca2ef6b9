import RadarModel

/// Options that change what the matcher reports.
public struct MatcherOptions: Sendable, Hashable {
    /// Run the vectorscan prefilter (true) or PCRE2 alone over every rule (false, for benchmarks).
    public var usePrefilter: Bool
    /// Drop matches whose line carries `secretradar:ignore`.
    public var honourIgnoreComments: Bool
    /// With `honourIgnoreComments`: keep those matches, flagged `ignored`, instead of dropping them
    /// (`--include-ignored`: reported at severity info).
    public var reportIgnored: Bool = false
    /// Build the split databases that incremental matching of delta-derived buffers needs (git
    /// history scans) instead of the single database whole-buffer scans use.
    public var incremental: Bool
    /// Directory where compiled vectorscan databases are kept between runs (nil: always compile).
    public var databaseCache: String?
    /// Give vectorscan each pattern with its bounded repeats widened (`PatternRelaxation`): the
    /// same matches, a database compiled about ten times faster. Off only to compare (tests, benchmarks).
    public var relaxRepeats: Bool = true
    /// Give vectorscan the anchor literals of specific rules that have them instead of their
    /// patterns (`RequiredLiterals`): the same matches, a database that compiles and scans several
    /// times faster. Off only to compare (tests, benchmarks).
    public var useAnchors: Bool = true

    public init(usePrefilter: Bool = true, honourIgnoreComments: Bool = true, incremental: Bool = false, databaseCache: String? = nil) {
        self.usePrefilter = usePrefilter
        self.honourIgnoreComments = honourIgnoreComments
        self.incremental = incremental
        self.databaseCache = databaseCache
    }
}
