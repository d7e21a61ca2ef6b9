import RadarModel

/// Turns bytes into confirmed rule matches.
///
/// Every rule is compiled once into one vectorscan block-mode database: exactly where vectorscan
/// can express the pattern (every end offset reported), as an approximation (`HS_FLAG_PREFILTER`,
/// first hit only) where it cannot. On a buffer, PCRE2 JIT then runs only the rules that fired, in
/// windows around the reported ends, to extract the secret; then the entropy gate, the placeholder
/// filter, the rule's value filters and the inline ignore comment decide what is reported
/// (docs/matching.md).
///
/// The matcher is immutable and shared by all threads; each thread brings a `MatcherScratch`.
public final class Matcher: Sendable {
    /// The rules, in the order they were given; match ids index this array.
    public let rules: [Rule]
    let patterns: [PCRE2Pattern]
    let modes: [PrefilterMode]
    let database: VectorscanDatabase?
    /// Rules PCRE2 must run on every buffer because vectorscan cannot take them.
    let alwaysRun: [Int]
    let options: MatcherOptions
    let maxCaptures: Int
    /// Rules in the `generic` category; their matches yield to any specific rule's overlapping match.
    let isGeneric: [Bool]
    /// Rules vectorscan finds by their anchor literal rather than their pattern (`RequiredLiterals`).
    let anchored: [Bool]
    /// How far after a match's start an anchored rule's literal can end: the confirmation window.
    let anchorReach: [Int]
    /// For each rule confirmed in windows, what one confirmation reads around a vectorscan end `e`:
    /// `[e - before, e + after)` (its window's reach and the full pattern's width, plus the bytes
    /// `\b`, `^` and `$` look at); nil where the full pattern's width is unknown (unbounded, or
    /// lookarounds). An end whose zone a delta copied whole keeps its base's outcome.
    let confirmZone: [(before: Int, after: Int)?]
    /// Each anchored rule's literals, as vectorscan gets them, for `rules list`.
    let anchorExpressions: [String?]

    /// The anchor literals of a rule vectorscan finds by them (`rules list`), or nil.
    public func anchorDescription(ruleIndex: Int) -> String? {
        if !rules[ruleIndex].filenames.isEmpty, let fileRules, let inner = fileGlobs.firstIndex(where: { $0.ruleID == rules[ruleIndex].id })
        {
            return fileRules.anchorDescription(ruleIndex: inner)
        }
        return anchorExpressions[ruleIndex]
    }
    /// Whether any rule is a decoder rule (`decode:`), whose spans are decoded and matched again.
    let hasDecoders: Bool
    /// Rules with `decode`, by index.
    let isDecoder: [Bool]
    /// Generic rules by id, for matches found in decoded text (which carry only their rule's id).
    let genericIDs: Set<String>
    /// The split of rules for incremental matching of delta-derived buffers (docs/delta-matching.md).
    let local: LocalRules
    let localDatabase: VectorscanDatabase?
    /// The narrow local rules whose vectorscan matches may hold a line break inside
    /// (`LocalRules.Tier.spanning`); `localDatabase` holds the line tier.
    let spanningDatabase: VectorscanDatabase?
    /// The medium tier of local rules (`LocalRules`), matched in wider windows.
    let mediumDatabase: VectorscanDatabase?
    let wideDatabase: VectorscanDatabase?
    /// The rules with `filenames`, compiled on their own (without the restriction): they run only on
    /// a buffer whose path names a matching file (`Matcher+FileNames.swift`).
    let fileRules: Matcher?
    /// Each rule of `fileRules`: its id and its file-name globs.
    let fileGlobs: [(ruleID: String, globs: [String])]

    /// The inline comment that suppresses a finding on its line.
    public static let ignoreMarker = Array("secretradar:ignore".utf8)

    /// Compiles every rule with PCRE2 and vectorscan. Throws on the first pattern that does not compile.
    public init(rules: [Rule], options: MatcherOptions = MatcherOptions()) throws(MatchError) {
        self.rules = rules
        self.options = options
        isGeneric = rules.map { $0.categories.contains("generic") }
        isDecoder = rules.map { $0.decode != nil }
        hasDecoders = isDecoder.contains(true)
        genericIDs = Set(rules.filter { $0.categories.contains("generic") }.map(\.id))
        var modes: [PrefilterMode] = []
        // What vectorscan's own pattern is for each rule, for incremental matching: a rule matched by
        // its anchor reports anchor ends, so its carried-end zone is the anchor's width.
        var vectorscanModes: [PrefilterMode] = []
        var anchored = [Bool](repeating: false, count: rules.count)
        var anchorExpressions = [String?](repeating: nil, count: rules.count)
        var anchorReach = [Int](repeating: 0, count: rules.count)
        // How many line breaks what vectorscan gets for each rule may match inside (nil: unbounded).
        var lineBreaks = [Int?](repeating: nil, count: rules.count)
        var expressions: [String] = []
        var flags: [UInt32] = []
        var ids: [UInt32] = []
        var names: [String] = []
        var alwaysRun: [Int] = []
        var modeCache = ModeCache(directory: options.databaseCache)
        for (index, rule) in rules.enumerated() {
            let vectorscanPattern = rule.prefilter ?? rule.pattern
            if !rule.filenames.isEmpty {
                // Matched by `fileRules`, only in the files it names; never on every buffer.
                let mode = PrefilterMode.unsupported(reason: "file names")
                modes.append(mode)
                vectorscanModes.append(mode)
                continue
            }
            let mode = options.usePrefilter ? modeCache.mode(for: vectorscanPattern) : .unsupported(reason: "prefilter disabled")
            modes.append(mode)
            vectorscanModes.append(mode)
            // A rule of bounded width with a selective literal in every match: vectorscan looks for
            // the literal, PCRE2 confirms around it (RequiredLiterals, docs/matching.md). Generic
            // and decoder rules too: those whose only literals are common words get no anchor.
            if options.usePrefilter, options.useAnchors,
                let anchor = modeCache.anchor(for: rule.pattern),
                let reach = anchor.reach
            {
                let literals = anchor.literals
                let (expression, caseless) = RequiredLiterals.expression(literals)
                anchorReach[index] = reach
                anchored[index] = true
                anchorExpressions[index] =
                    literals.map { RequiredLiterals.printable($0.bytes) }.sorted().joined(separator: "|")
                    + " within \(anchorReach[index])"
                vectorscanModes[index] = .exact(maxWidth: literals.map { $0.bytes.count }.max() ?? reach)
                expressions.append(expression)
                lineBreaks[index] = RequiredLiterals.lineBreaks(literals)
                flags.append(VectorscanFlags.exact | (caseless ? UInt32(HSFlag.caseless) : 0))
                ids.append(UInt32(index))
                names.append(rule.id)
                continue
            }
            switch mode {
            case .exact:
                // A `prefilter` pattern matches a prefix of every real match, so its width still
                // bounds how far before its first end PCRE2 must start. Vectorscan gets the pattern
                // with its repeats widened (compiles ~10x faster; reports a superset of the ends),
                // while the window keeps the original width (PatternRelaxation).
                expressions.append(
                    options.relaxRepeats ? Matcher.relaxedPattern(vectorscanPattern, exact: true, &modeCache) : vectorscanPattern)
                // Both the pattern and its widened form: vectorscan reports the latter's ends.
                lineBreaks[index] = RequiredLiterals.lineBreaks(vectorscanPattern).flatMap { a in
                    RequiredLiterals.lineBreaks(expressions[expressions.count - 1]).map { max(a, $0) }
                }
                flags.append(VectorscanFlags.exact)
            case .prefilter:
                expressions.append(
                    options.relaxRepeats ? Matcher.relaxedPattern(vectorscanPattern, exact: false, &modeCache) : vectorscanPattern)
                flags.append(VectorscanFlags.prefilter)
            case .unsupported:
                alwaysRun.append(index)
                continue
            }
            ids.append(UInt32(index))
            names.append(rule.id)
        }
        // What each windowed confirmation reads: its reach before the end, the full pattern after it.
        var confirmZone = [(before: Int, after: Int)?](repeating: nil, count: rules.count)
        for (index, rule) in rules.enumerated() where rule.filenames.isEmpty {
            let reach: Int
            if anchored[index] {
                reach = anchorReach[index]
            } else if case .exact(let w?) = modes[index] {
                reach = w
            } else {
                continue
            }
            // The pattern's own width: vectorscan's, or (behind a prefilter, whose full pattern
            // vectorscan never sees) read from the pattern's text.
            if rule.prefilter == nil {
                if case .exact(let width?) = modes[index] { confirmZone[index] = (reach + 1, width + 2) }
            } else if let width = RequiredLiterals.width(of: rule.pattern) {
                confirmZone[index] = (reach + 1, width + 2)
            }
        }
        self.confirmZone = confirmZone
        modeCache.save()
        self.modes = modes
        self.anchored = anchored
        self.anchorExpressions = anchorExpressions
        self.anchorReach = anchorReach
        self.alwaysRun = alwaysRun
        var patterns: [PCRE2Pattern] = []
        for (index, rule) in rules.enumerated() {
            // Anchored and exactly matched rules are confirmed in windows with an offset limit.
            var windowed = anchored[index]
            if case .exact(_?) = modes[index] { windowed = true }
            patterns.append(try PCRE2Pattern(pattern: rule.pattern, ruleID: rule.id, offsetLimit: windowed))
        }
        self.patterns = patterns
        maxCaptures = patterns.map(\.captureCount).max() ?? 0
        let local = LocalRules(modes: vectorscanModes, lineBreaks: lineBreaks)
        self.local = local
        let cache = options.databaseCache
        func compile(_ parts: [(String, UInt32, UInt32, String)]) throws(MatchError) -> VectorscanDatabase? {
            parts.isEmpty
                ? nil
                : try VectorscanDatabase(
                    patterns: parts.map(\.0), flags: parts.map(\.1), ids: parts.map(\.2), ruleIDs: parts.map(\.3), cacheDirectory: cache)
        }
        let named = rules.filter { !$0.filenames.isEmpty }
        fileGlobs = named.map { ($0.id, $0.filenames) }
        fileRules =
            named.isEmpty
            ? nil
            : try Matcher(
                rules: named.map {
                    var r = $0; r.filenames = []; return r
                }, options: options)
        let all = (0..<ids.count).map { (expressions[$0], flags[$0], ids[$0], names[$0]) }
        if options.incremental {
            database = nil
            func parts(_ tier: LocalRules.Tier) -> [(String, UInt32, UInt32, String)] {
                all.filter { local.slot[Int($0.2)] >= 0 && local.tier[local.slot[Int($0.2)]] == tier }
            }
            localDatabase = try compile(parts(.line))
            spanningDatabase = try compile(parts(.spanning))
            mediumDatabase = try compile(parts(.medium))
            wideDatabase = try compile(all.filter { local.slot[Int($0.2)] < 0 })
        } else {
            database = try compile(all)
            localDatabase = nil
            spanningDatabase = nil
            mediumDatabase = nil
            wideDatabase = nil
        }
    }

    /// The pattern with its repeats widened, or as written when vectorscan would not take the widened
    /// form (a bounded repeat inside a construct that needs bounds): a rule that compiles as written
    /// must never make the database fail to compile.
    private static func relaxedPattern(_ pattern: String, exact: Bool, _ modes: inout ModeCache) -> String {
        let widened = PatternRelaxation.relaxed(pattern)
        guard widened != pattern else { return pattern }
        switch modes.mode(for: widened) {
        case .exact: return widened
        case .prefilter: return exact ? pattern : widened
        case .unsupported: return pattern
        }
    }

    /// How vectorscan took each rule, for `rules check` and `rules list`: `anchor` (a literal every
    /// match holds), `exact`, `prefilter pattern`, `prefilter`, or `pcre2-only: reason`.
    public func prefilterDescription(ruleIndex: Int) -> String {
        if anchored[ruleIndex] { return "anchor" }
        let globs = rules[ruleIndex].filenames
        if !globs.isEmpty, let fileRules, let inner = fileGlobs.firstIndex(where: { $0.ruleID == rules[ruleIndex].id }) {
            return fileRules.prefilterDescription(ruleIndex: inner)
        }
        return switch modes[ruleIndex] {
        case .exact: rules[ruleIndex].prefilter == nil ? "exact" : "prefilter pattern"
        case .prefilter: "prefilter"
        case .unsupported(let reason): "pcre2-only: \(reason)"
        }
    }

    /// Fresh per-thread state for `scan`.
    public func makeScratch() throws(MatchError) -> MatcherScratch {
        try MatcherScratch(matcher: self)
    }

    /// `count` scratches, one per thread: the first made against the databases, the others cloned
    /// from it (cheaper: vectorscan verifies a database's checksum for every scratch it allocates).
    public func makeScratches(_ count: Int) throws(MatchError) -> [MatcherScratch] {
        guard count > 0 else { return [] }
        let first = try makeScratch()
        var scratches = [first]
        for _ in 1..<count { scratches.append(try MatcherScratch(cloning: first, matcher: self)) }
        return scratches
    }

    /// Matches one buffer. Results are sorted by secret offset, then rule order. `path` is where
    /// the bytes come from: rules with `filenames` run only when its last component matches.
    public func scan(_ bytes: [UInt8], scratch: MatcherScratch, path: String? = nil) -> [Match] {
        bytes.withUnsafeBufferPointer { scan($0, scratch: scratch, path: path) }
    }

    /// Matches one buffer. Results are sorted by secret offset, then rule order.
    public func scan(_ buffer: UnsafeBufferPointer<UInt8>, scratch: MatcherScratch, path: String? = nil) -> [Match] {
        scan(buffer, scratch: scratch, remember: false, path: path).matches
    }

    /// Matches one buffer and, with `remember`, keeps what a later incremental scan of a buffer
    /// derived from this one needs (`scan(_:scratch:derivedFrom:copies:)`).
    public func scan(_ buffer: UnsafeBufferPointer<UInt8>, scratch: MatcherScratch, remember: Bool, path: String? = nil) -> (
        matches: [Match], memory: MatchMemory?
    ) {
        scratch.incompleteRules.removeAll(keepingCapacity: true)
        let (matches, memory) = scan(buffer, scratch: scratch, remember: remember, depth: 0)
        return (addingFileRules(to: matches, buffer: buffer, scratch: scratch, path: path), memory)
    }

    /// `scan(_:scratch:remember:)` at a decoding depth: 0 for the blob itself, 1 and 2 for text
    /// decoded from it (`Matcher+Decoding.swift`).
    func scan(_ buffer: UnsafeBufferPointer<UInt8>, scratch: MatcherScratch, remember: Bool, depth: Int) -> (
        matches: [Match], memory: MatchMemory?
    ) {
        guard let base = buffer.baseAddress, buffer.count > 0 else {
            return (
                [],
                remember ? MatchMemoryBuilder(slots: 0, ends: 0).build(count: 0, slotCount: local.rules.count) : nil
            )
        }
        let count = buffer.count
        var raw: [RawMatch] = []
        var memory: MatchMemory?
        for rule in alwaysRun { confirm(rule, ends: [], overflowed: true, base: base, count: count, scratch: scratch, into: &raw) }
        // One database, or (incremental mode) the local and the wide one: together the same rules.
        var passes: [(VectorscanDatabase, VectorscanScratch)] = []
        if let database, let vs = scratch.vectorscan { passes.append((database, vs)) }
        if let localDatabase, let vs = scratch.localVectorscan { passes.append((localDatabase, vs)) }
        if let spanningDatabase, let vs = scratch.spanningVectorscan { passes.append((spanningDatabase, vs)) }
        if let mediumDatabase, let vs = scratch.mediumVectorscan { passes.append((mediumDatabase, vs)) }
        if let wideDatabase, let vs = scratch.wideVectorscan { passes.append((wideDatabase, vs)) }
        var complete = true
        // What a derived buffer needs, in the order the passes report it; the ends' copies in one array.
        var remembered: [(slot: Int, ends: Range<Int>, overflowed: Bool, outcomes: [ConfirmOutcome])] = []
        var rememberedEnds: [Int] = []
        let alwaysCount = raw.count
        let fired = scratch.fired
        for (db, vs) in passes {
            fired.reset()
            guard db.scan(base, count: count, scratch: vs, into: fired) else {
                complete = false
                break
            }
            for id in fired.fired {
                let rule = Int(id)
                let keep = remember && local.slot[rule] >= 0
                let outcomes = confirm(
                    rule, ends: fired.ends[rule], overflowed: fired.overflowed[rule], base: base, count: count, scratch: scratch,
                    into: &raw, record: keep)
                // What a buffer derived from this one needs: the local rules' ends and what PCRE2
                // found at each, from whichever pass (one database, or the narrow and medium tiers).
                if keep {
                    // Copied: the pass's own list is emptied for the next buffer, keeping its storage.
                    let start = rememberedEnds.count
                    rememberedEnds.append(contentsOf: fired.ends[rule])
                    remembered.append((local.slot[rule], start..<rememberedEnds.count, fired.overflowed[rule], outcomes))
                }
            }
        }
        if remember && complete {
            remembered.sort { $0.slot < $1.slot }
            var builder = MatchMemoryBuilder(slots: remembered.count, ends: rememberedEnds.count)
            for r in remembered {
                builder.add(slot: r.slot, ends: rememberedEnds[r.ends], overflowed: r.overflowed, outcomes: r.outcomes)
            }
            memory = builder.build(count: count, slotCount: local.rules.count)
        }
        if !complete {
            // Too big for one hs_scan: fall back to PCRE2 over every prefiltered rule.
            raw.removeSubrange(alwaysCount...)
            memory = nil
            for (rule, mode) in modes.enumerated() {
                if case .unsupported = mode { continue }
                confirm(rule, ends: [], overflowed: true, base: base, count: count, scratch: scratch, into: &raw)
            }
        }
        return (finish(raw, buffer: buffer, scratch: scratch, depth: depth), memory)
    }

    /// How many ends vectorscan reports for each rule in one buffer, before PCRE2 confirms any:
    /// what `MatcherBench --hits` sums over a corpus to show which rules fire most on real code.
    public func vectorscanEnds(_ bytes: [UInt8], scratch: MatcherScratch) -> [String: Int] {
        var counts: [String: Int] = [:]
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, let database, let vs = scratch.vectorscan else { return }
            let fired = scratch.fired
            fired.reset()
            guard database.scan(base, count: buffer.count, scratch: vs, into: fired) else { return }
            for id in fired.fired { counts[rules[Int(id)].id] = fired.ends[Int(id)].count }
        }
        return counts
    }

    /// Filters, positions and settles overlaps of the raw PCRE2 matches of one buffer.
    func finish(_ raw: [RawMatch], buffer: UnsafeBufferPointer<UInt8>, scratch: MatcherScratch, depth: Int) -> [Match] {
        guard !raw.isEmpty, let base = buffer.baseAddress else { return [] }
        let count = buffer.count
        var raw = raw
        raw.sort { ($0.secret.lowerBound, $0.rule) < ($1.secret.lowerBound, $1.rule) }
        var decoded: [DecodedMatch] = []
        if hasDecoders && raw.contains(where: { isDecoder[$0.rule] }) {
            decoded = self.decoded(raw.filter { isDecoder[$0.rule] }, buffer: buffer, scratch: scratch, depth: depth)
            raw.removeAll { isDecoder[$0.rule] }
        }
        var results: [Match] = []
        var lines = LineCounter(base: base, count: count)
        let specificSpans = raw.lazy.filter { !self.isGeneric[$0.rule] }.map(\.secret)
        let specific =
            raw.contains { isGeneric[$0.rule] }
            ? SpanIndex(Array(specificSpans) + decoded.filter { !$0.generic }.map(\.match.secretSpan)) : SpanIndex([])
        for r in raw {
            let rule = rules[r.rule]
            let secretBytes = Array(UnsafeBufferPointer(rebasing: buffer[r.secret]))
            let entropy = Entropy.shannon(secretBytes)
            if let minimum = rule.minEntropy, entropy < Entropy.gate(minimum, for: secretBytes) { continue }
            switch rule.weakValues {
            case .drop: if PlaceholderFilter.isPlaceholder(secretBytes) { continue }
            case .report: if PlaceholderFilter.isReference(secretBytes) { continue }
            }
            if rule.valueFilters.contains(where: { $0.rejects(secretBytes) }) { continue }
            let ignored = options.honourIgnoreComments && lineHasIgnoreMarker(base, count: count, span: r.whole)
            if ignored && !options.reportIgnored { continue }
            let (line, column) = lines.position(of: r.secret.lowerBound)
            if isGeneric[r.rule] && specific.overlaps(r.secret) { continue }
            results.append(
                Match(
                    ruleID: rule.id, span: r.whole, secretSpan: r.secret, secret: secretBytes, line: line,
                    column: column, entropy: entropy, confidence: rule.confidence, ignored: ignored))
        }
        if !decoded.isEmpty {
            let outerSpecific = SpanIndex(Array(specificSpans))
            results += placed(decoded.filter { !($0.generic && outerSpecific.overlaps($0.match.secretSpan)) }, buffer: buffer)
            results.sort { ($0.secretSpan.lowerBound, $0.ruleID) < ($1.secretSpan.lowerBound, $1.ruleID) }
        }
        return Matcher.collapseSameSecretSpan(results)
    }

    /// Runs PCRE2 for one rule over the parts of the buffer where vectorscan saw it end.
    ///
    /// For a rule vectorscan matches exactly with a bounded width `w`, every real match that ends
    /// at `e` starts in `[e - w, e]`, and vectorscan reports every end (of the widened pattern too:
    /// it matches a superset). So PCRE2 looks for a match starting in that window only, with an
    /// offset limit, exactly as around an anchor (`confirmAnchored`): a reported end that no real
    /// match has costs one short search instead of a scan to the end of the buffer. This finds
    /// exactly the matches of a whole-buffer PCRE2 scan (tested against `usePrefilter: false`).
    /// Rules without that guarantee (approximate prefilter, unbounded width, too many ends) are
    /// scanned by PCRE2 from the start.
    /// PCRE2 for one rule that vectorscan reported in a buffer. With `record`, returns what PCRE2
    /// found at each end it looked from with the window's full start (`ConfirmOutcome`, parallel to
    /// `ends`; empty when the rule is not confirmed in windows); `known` gives such outcomes carried
    /// from a base buffer (`.unknown` where not), which stand in for PCRE2.
    @discardableResult
    func confirm(
        _ rule: Int, ends: [Int], overflowed: Bool, base: UnsafePointer<UInt8>, count: Int, scratch: MatcherScratch,
        into raw: inout [RawMatch], known: [ConfirmOutcome] = [], record: Bool = false
    ) -> [ConfirmOutcome] {
        let pattern = patterns[rule]
        if anchored[rule], !overflowed {
            return confirmAnchored(
                rule, ends: ends, reach: anchorReach[rule], base: base, count: count, scratch: scratch, into: &raw, known: known,
                record: record)
        }
        if case .exact(let width?) = modes[rule], !overflowed {
            return confirmAnchored(
                rule, ends: ends, reach: width, base: base, count: count, scratch: scratch, into: &raw, known: known, record: record)
        }
        var offset = 0
        while offset <= count {
            guard let m = pattern.nextMatch(in: base, count: count, from: offset, state: scratch.pcre2) else {
                if scratch.pcre2.stoppedEarly {
                    scratch.pcre2.stoppedEarly = false
                    scratch.incompleteRules.append(rules[rule].id)
                }
                return []
            }
            offset = m.whole.isEmpty ? m.whole.upperBound + 1 : m.whole.upperBound
            if let secret = m.secret { raw.append(RawMatch(rule: rule, whole: m.whole, secret: secret)) }
        }
        return []
    }

    /// PCRE2 around each anchor end `e` of a rule whose anchor ends at most `reach` bytes after a
    /// match's start: a match holding that anchor starts in `[e - reach, e]`, so PCRE2 looks for a
    /// match starting there and nowhere else (an offset limit). Taking the anchors in order and
    /// resuming after each match gives exactly the matches of a whole-buffer PCRE2 scan: a match
    /// that starts before `e - reach` holds an earlier anchor, whose window already covered its
    /// start (docs/matching.md).
    ///
    /// Looking from `e - reach` (not cut short by an earlier match), the outcome depends only on the
    /// bytes of `confirmZone` around `e`; `known` outcomes (carried from a base buffer whose copy
    /// held that whole zone) are used instead of PCRE2 there, and `record` returns them all.
    func confirmAnchored(
        _ rule: Int, ends: [Int], reach: Int, base: UnsafePointer<UInt8>, count: Int, scratch: MatcherScratch,
        into raw: inout [RawMatch], known: [ConfirmOutcome] = [], record: Bool = false
    ) -> [ConfirmOutcome] {
        let pattern = patterns[rule]
        let carries = confirmZone[rule] != nil
        var outcomes: [ConfirmOutcome] = record && carries ? Array(repeating: .unknown, count: ends.count) : []
        let reuse = carries && known.count == ends.count
        var offset = 0
        var next = 0
        while true {
            while next < ends.count && ends[next] <= offset { next += 1 }
            guard next < ends.count else { return outcomes }
            let e = ends[next]
            let fromFullStart = e - reach >= 0 && offset <= e - reach
            let start = max(offset, e - reach)
            let m: (whole: Range<Int>, secret: Range<Int>?)?
            if fromFullStart && reuse && !known[next].isUnknown {
                m = known[next].match(at: e)
            } else {
                m = pattern.nextMatch(in: base, count: count, from: start, state: scratch.pcre2, limit: e)
                if m == nil && scratch.pcre2.stoppedEarly {
                    scratch.pcre2.stoppedEarly = false
                    scratch.incompleteRules.append(rules[rule].id)
                    return outcomes
                }
            }
            if fromFullStart && !outcomes.isEmpty { outcomes[next] = ConfirmOutcome(m, at: e) }
            if let m {
                offset = m.whole.isEmpty ? m.whole.upperBound + 1 : m.whole.upperBound
                if let secret = m.secret { raw.append(RawMatch(rule: rule, whole: m.whole, secret: secret)) }
            } else {
                next += 1
            }
        }
    }

    /// When several rules capture the very same bytes, one finding is enough: keep the match of the
    /// highest confidence, and among equals the earliest rule. Input is sorted by secret offset, so
    /// equal spans sit in the run of matches with the same start; only that run is searched.
    static func collapseSameSecretSpan(_ matches: [Match]) -> [Match] {
        guard matches.count > 1 else { return matches }
        var kept: [Match] = []
        kept.reserveCapacity(matches.count)
        var runStart = 0
        for m in matches {
            if kept.last?.secretSpan.lowerBound != m.secretSpan.lowerBound { runStart = kept.count }
            // Decoded secrets share the span of their encoded text: only the same bytes collapse.
            if let i = kept[runStart...].firstIndex(where: { $0.secretSpan == m.secretSpan && $0.secret == m.secret }) {
                if m.confidence > kept[i].confidence { kept[i] = m }
                continue
            }
            kept.append(m)
        }
        return kept
    }

    /// How far before and after a match, on its line, the ignore marker is looked for. Bounded so
    /// that a multi-megabyte single-line file (minified JS, JSON test vectors) with many matches
    /// is not re-read from its start for every match.
    static let ignoreWindow = 1024

    /// True when a line touched by `span` contains `secretradar:ignore` within `ignoreWindow` bytes.
    func lineHasIgnoreMarker(_ base: UnsafePointer<UInt8>, count: Int, span: Range<Int>) -> Bool {
        let floor = max(0, span.lowerBound - Matcher.ignoreWindow)
        var lo = span.lowerBound
        while lo > floor && base[lo - 1] != 0x0a { lo -= 1 }
        let ceiling = min(count, max(span.upperBound, span.lowerBound) + Matcher.ignoreWindow)
        var hi = max(span.upperBound, span.lowerBound)
        while hi < ceiling && base[hi] != 0x0a { hi += 1 }
        let marker = Matcher.ignoreMarker
        guard hi - lo >= marker.count else { return false }
        var i = lo
        while i + marker.count <= hi {
            if base[i] == marker[0] {
                var j = 1
                while j < marker.count && base[i + j] == marker[j] { j += 1 }
                if j == marker.count { return true }
            }
            i += 1
        }
        return false
    }
}
