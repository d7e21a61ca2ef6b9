import RadarModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Rules whose vectorscan matches are *local*: exact mode with a maximum width of at most
/// `LocalRules.maxMediumWidth`, so whether vectorscan reports an end `e` depends only on the bytes
/// `[e - width - 1, e + 2)` (one byte of look-behind for `\b`, two after the end for `\b` and a `$`
/// before a final newline). Their ends in a delta-derived buffer can be carried from the base.
///
/// They come in two tiers, each with its own database and windows: narrow rules (most, anchors
/// among them: width at most `maxWidth`) are matched in windows of their own small radius; the
/// few medium ones (command lines and connection strings up to `maxMediumWidth`) in wider windows,
/// instead of over the whole buffer. One radius for all (2048) made every window wide and the
/// history benchmark slower (1.7 s against 1.5 s); the medium rules over whole buffers cost 0.6 s
/// of its 1.5 s (2026-12-05, benchmarks/README.md).
struct LocalRules: Sendable {
    /// Widest vectorscan pattern of the narrow tier; the narrow windows' radius is its widest rule's.
    static let maxWidth = 512
    /// Widest vectorscan pattern still treated as local; wider ones are matched over the whole buffer.
    static let maxMediumWidth = 2048
    /// Rule indices of local rules, by slot.
    let rules: [Int]
    /// Vectorscan width of each slot.
    let widths: [Int]
    /// Slot of each rule index, or -1.
    let slot: [Int]
    /// Whether each slot is of the medium tier.
    let medium: [Bool]
    /// The narrow slots by whether their vectorscan matches may hold a line break besides at
    /// their first and last byte (`RequiredLiterals.lineBreaks`), each a tier with its own
    /// database and windows: `line` (none: windows stop at the line breaks around a change) and
    /// `spanning` (windows of the width alone). A third tier for matches of at most two line
    /// breaks (nine context rules) cost more in `hs_scan` calls than its smaller windows saved
    /// (docs/delta-matching.md).
    let tier: [Tier]
    enum Tier: Equatable {
        case line, spanning, medium
    }
    /// Half-width of the window matched around each changed region `[x, y)` for the line tier. An
    /// end not carried over has its zone `[e - w - 1, e + 2)` overlapping the change, so
    /// `x - 1 <= e <= y + w`, and its whole zone lies in `[x - w - 2, y + w + 2)`: a radius of `w + 2`
    /// is enough (plus slack). The line tier's windows also stop at the line breaks around the
    /// change (the line zone, above `lastLineBreak`).
    let radius: Int
    /// The same for the other tiers (0 when a tier has no rule).
    let spanningRadius: Int
    let mediumRadius: Int

    /// `lineBreaks[i]`: how many line breaks rule i's vectorscan matches may hold besides at their
    /// first and last byte (nil: unbounded or not known).
    init(modes: [PrefilterMode], lineBreaks: [Int?]) {
        var rules: [Int] = []
        var widths: [Int] = []
        var tier: [Tier] = []
        var slot = [Int](repeating: -1, count: modes.count)
        for (i, mode) in modes.enumerated() {
            if case .exact(let w?) = mode, w <= Self.maxMediumWidth {
                slot[i] = rules.count
                rules.append(i)
                widths.append(w)
                if w > Self.maxWidth {
                    tier.append(.medium)
                } else if lineBreaks[i] == 0 {
                    tier.append(.line)
                } else {
                    tier.append(.spanning)
                }
            }
        }
        self.rules = rules
        self.widths = widths
        self.slot = slot
        self.tier = tier
        medium = tier.map { $0 == .medium }
        func tierRadius(_ t: Tier) -> Int { widths.indices.filter { tier[$0] == t }.map { widths[$0] + 4 }.max() ?? 0 }
        radius = max(4, tierRadius(.line))
        spanningRadius = tierRadius(.spanning)
        mediumRadius = tierRadius(.medium)
    }

    /// Whether slot `i` is of the line tier: its windows and zones stop at line breaks.
    func isLine(_ i: Int) -> Bool { tier[i] == .line }
}

/// What PCRE2 found when it confirmed one vectorscan end `e` from its window's full start: nothing,
/// or a match (and its secret), as offsets from `e`. It depends only on the bytes of the rule's
/// `confirmZone` around `e`, so a derived buffer whose delta copied that zone whole has the same
/// outcome there, shifted: carried like the end itself, it spares PCRE2 most of its work on the
/// lines that did not change (docs/delta-matching.md).
struct ConfirmOutcome: Equatable, Sendable {
    var start: Int32
    var end: Int32
    var secretStart: Int32
    var secretEnd: Int32

    static let unknown = ConfirmOutcome(start: .min, end: 0, secretStart: 0, secretEnd: 0)
    static let none = ConfirmOutcome(start: .max, end: 0, secretStart: 0, secretEnd: 0)
    var isUnknown: Bool { start == .min }

    init(start: Int32, end: Int32, secretStart: Int32, secretEnd: Int32) {
        self.start = start
        self.end = end
        self.secretStart = secretStart
        self.secretEnd = secretEnd
    }

    /// The outcome of a PCRE2 result at end `e` (`.unknown` when an offset does not fit 32 bits).
    init(_ m: (whole: Range<Int>, secret: Range<Int>?)?, at e: Int) {
        guard let m else {
            self = .none
            return
        }
        let values = [m.whole.lowerBound - e, m.whole.upperBound - e, (m.secret?.lowerBound ?? e) - e, (m.secret?.upperBound ?? e) - e]
        guard values.allSatisfy({ $0 > Int(Int32.min) && $0 < Int(Int32.max) }) else {
            self = .unknown
            return
        }
        self.init(start: Int32(values[0]), end: Int32(values[1]), secretStart: Int32(values[2]), secretEnd: Int32(values[3]))
        if m.secret == nil { secretStart = .min }
    }

    /// The PCRE2 result it stands for at end `e` (nil for no match); not for `.unknown`.
    func match(at e: Int) -> (whole: Range<Int>, secret: Range<Int>?)? {
        if start == .max { return nil }
        let secret = secretStart == .min ? nil : (e + Int(secretStart))..<(e + Int(secretEnd))
        return ((e + Int(start))..<(e + Int(end)), secret)
    }
}

/// What the matcher keeps of a buffer so that a buffer derived from it by a delta can be matched
/// incrementally: the local rules' vectorscan end offsets. Immutable. Sparse: only the slots of
/// rules vectorscan reported (a handful of the ~800 local rules in a typical blob), ascending;
/// a dense array per blob cost more to allocate, fill and free than the rest of the bookkeeping.
/// Flat: every slot's ends in one array (an array per slot was three allocations per slot and
/// blob, ~6% of a git/git-shaped history's CPU in malloc and free).
public final class MatchMemory: @unchecked Sendable {
    let count: Int
    /// How many local-rule slots the matcher has (a memory from another matcher is not used).
    let slotCount: Int
    /// Slots with ends or an overflow, ascending, and their overflow flags.
    let slots: [Int]
    let overflowed: [Bool]
    /// Slot `slots[i]`'s ends (ascending) are `flatEnds[bounds[i]..<bounds[i + 1]]`.
    let bounds: [Int]
    let flatEnds: [Int]
    /// Whether PCRE2's outcome at each of slot i's ends was kept: then it is at the same index of
    /// `flatOutcomes` (`.unknown` elsewhere).
    let hasOutcomes: [Bool]
    let flatOutcomes: [ConfirmOutcome]

    fileprivate init(
        count: Int, slotCount: Int, slots: [Int], overflowed: [Bool], bounds: [Int], flatEnds: [Int], hasOutcomes: [Bool],
        flatOutcomes: [ConfirmOutcome]
    ) {
        self.count = count
        self.slotCount = slotCount
        self.slots = slots
        self.overflowed = overflowed
        self.bounds = bounds
        self.flatEnds = flatEnds
        self.hasOutcomes = hasOutcomes
        self.flatOutcomes = flatOutcomes
    }

    /// Slot i's ends.
    func ends(_ i: Int) -> ArraySlice<Int> { flatEnds[bounds[i]..<bounds[i + 1]] }

    /// Each slot's ends, for comparing two memories (tests).
    var endsBySlot: [Int: [Int]] {
        var out: [Int: [Int]] = [:]
        for (i, slot) in slots.enumerated() where bounds[i] < bounds[i + 1] { out[slot] = Array(ends(i)) }
        return out
    }

    /// The slots that overflowed.
    var overflowedSlots: Set<Int> { Set(zip(slots, overflowed).filter(\.1).map(\.0)) }
}

/// Builds a `MatchMemory` slot by slot, in ascending slot order.
struct MatchMemoryBuilder {
    private var slots: [Int] = []
    private var overflowed: [Bool] = []
    private var bounds: [Int] = [0]
    private var flatEnds: [Int] = []
    private var hasOutcomes: [Bool] = []
    private var flatOutcomes: [ConfirmOutcome] = []

    init(slots capacity: Int, ends endCapacity: Int) {
        slots.reserveCapacity(capacity)
        overflowed.reserveCapacity(capacity)
        bounds.reserveCapacity(capacity + 1)
        hasOutcomes.reserveCapacity(capacity)
        flatEnds.reserveCapacity(endCapacity)
        flatOutcomes.reserveCapacity(endCapacity)
    }

    /// Adds a slot: its ends and, when parallel to them, what PCRE2 found at each.
    mutating func add(slot: Int, ends: some Collection<Int>, overflowed flag: Bool, outcomes: [ConfirmOutcome]) {
        slots.append(slot)
        overflowed.append(flag)
        flatEnds.append(contentsOf: ends)
        bounds.append(flatEnds.count)
        let kept = outcomes.count == ends.count
        hasOutcomes.append(kept)
        if kept {
            flatOutcomes.append(contentsOf: outcomes)
        } else {
            flatOutcomes.append(contentsOf: repeatElement(.unknown, count: ends.count))
        }
    }

    func build(count: Int, slotCount: Int) -> MatchMemory {
        MatchMemory(
            count: count, slotCount: slotCount, slots: slots, overflowed: overflowed, bounds: bounds, flatEnds: flatEnds,
            hasOutcomes: hasOutcomes, flatOutcomes: flatOutcomes)
    }
}

extension Matcher {
    /// Matches `buffer`, which a delta built from the buffer `base` remembers: `copies` are the
    /// delta's copy instructions in target order; every other byte was inserted.
    ///
    /// Gives exactly what `scan(_:scratch:)` gives (docs/delta-matching.md): the vectorscan pass — the
    /// cost of a scan — runs only over windows around the changed regions; ends of local rules
    /// elsewhere are carried over from the base; wide rules get a vectorscan pass over the whole
    /// buffer; PCRE2 confirmation, filters and positions then run on the real buffer as always.
    /// Falls back to a whole scan when the windows would cover half the buffer.
    public func scan(
        _ buffer: UnsafeBufferPointer<UInt8>, scratch: MatcherScratch, derivedFrom memory: MatchMemory, copies: [CopySegment],
        path: String? = nil
    ) -> (matches: [Match], memory: MatchMemory?) {
        let (matches, memory) = scanIncrementally(buffer, scratch: scratch, derivedFrom: memory, copies: copies)
        return (addingFileRules(to: matches, buffer: buffer, scratch: scratch, path: path), memory)
    }

    /// Line windows at most this far apart are scanned as one (docs/delta-matching.md).
    static let windowGap = 64

    func scanIncrementally(
        _ buffer: UnsafeBufferPointer<UInt8>, scratch: MatcherScratch, derivedFrom memory: MatchMemory, copies: [CopySegment]
    ) -> (matches: [Match], memory: MatchMemory?) {
        let count = buffer.count
        guard let base = buffer.baseAddress, count > 0, !local.rules.isEmpty, memory.slotCount == local.rules.count
        else { return scan(buffer, scratch: scratch, remember: true) }
        // Copies that continue one another are one segment: no change lies between them.
        var segments: [CopySegment] = []
        for c in copies where c.length > 0 {
            guard c.source >= 0, c.source + c.length <= memory.count, c.target >= 0, c.target + c.length <= count else {
                return scan(buffer, scratch: scratch, remember: true)
            }
            if let last = segments.last, last.target + last.length == c.target, last.source + last.length == c.source {
                segments[segments.count - 1].length += c.length
            } else {
                segments.append(c)
            }
        }
        // Changed regions: inserted bytes, the seams between segments, and both ends of the buffer.
        var dirty: [Range<Int>] = [0..<0]
        var covered = 0
        for s in segments {
            dirty.append(covered < s.target ? covered..<s.target : s.target..<s.target)
            covered = s.target + s.length
        }
        dirty.append(covered < count ? covered..<count : count..<count)
        /// The windows of a tier whose rules are `r - 4` bytes wide at most; for the line tier
        /// (`lines`) cut at the lines around each change: an end whose line zone overlaps `[x, y)`
        /// lies at most one byte past the first line break after y, and its zone starts no earlier
        /// than that of the end at x - 1 (docs/delta-matching.md).
        func windows(radius r: Int, lines: Bool) -> [Range<Int>] {
            var windows: [Range<Int>] = []
            let gap = lines ? Self.windowGap : 0
            for d in dirty {
                var w = max(0, d.lowerBound - r)..<min(count, d.upperBound + r)
                if lines {
                    // A window that would reach the last one is merged with it whatever its start:
                    // the line break before the change is only looked for after the last window.
                    let width = r - 4
                    var lower = w.lowerBound
                    let x = d.lowerBound
                    let floor = max(0, x - 1 - width, (windows.last?.upperBound ?? 0) + gap)
                    if x - 2 > floor, let q = lastLineBreak(base, in: floor..<(x - 2)) { lower = max(lower, q - 1) }
                    var upper = w.upperBound
                    if d.upperBound + 1 < w.upperBound, let m = firstLineBreak(base, in: (d.upperBound + 1)..<w.upperBound) {
                        upper = min(upper, m + 3)
                    }
                    w = lower..<max(lower, upper)
                }
                // Windows close together are one: an `hs_scan` call costs about what 75 bytes do.
                if let last = windows.last, last.upperBound + gap >= w.lowerBound {
                    windows[windows.count - 1] = last.lowerBound..<max(last.upperBound, w.upperBound)
                } else {
                    windows.append(w)
                }
            }
            return windows
        }
        let narrow = windows(radius: local.radius, lines: true)
        if narrow.reduce(0, { $0 + $1.count }) * 2 > count { return scan(buffer, scratch: scratch, remember: true) }
        // Each tier: its database, its windows and whether they are line windows. The spanning and
        // medium tiers' windows are of their width alone; past half the buffer, one pass over all of it.
        var tiers: [(VectorscanDatabase, VectorscanScratch, [Range<Int>], Bool)] = []
        if let localDatabase, let localScratch = scratch.localVectorscan { tiers.append((localDatabase, localScratch, narrow, true)) }
        for (database, tierScratch, r) in [
            (spanningDatabase, scratch.spanningVectorscan, local.spanningRadius),
            (mediumDatabase, scratch.mediumVectorscan, local.mediumRadius),
        ] {
            guard let database, let tierScratch else { continue }
            var wide = windows(radius: r, lines: false)
            if wide.reduce(0, { $0 + $1.count }) * 2 > count { wide = [0..<count] }
            tiers.append((database, tierScratch, wide, false))
        }

        scratch.incompleteRules.removeAll(keepingCapacity: true)
        // Per-slot ends and overflow flags, dense for appending, borrowed from the scratch (all empty
        // between calls); `touched` lists the slots used, which are emptied again at the end.
        if scratch.deltaEnds.count != local.rules.count {
            scratch.deltaEnds = Array(repeating: [], count: local.rules.count)
            scratch.deltaOutcomes = Array(repeating: [], count: local.rules.count)
            scratch.deltaOverflow = Array(repeating: false, count: local.rules.count)
            scratch.deltaTouched = Array(repeating: false, count: local.rules.count)
        }
        var ends = scratch.deltaEnds
        var carried = scratch.deltaOutcomes
        var overflowed = scratch.deltaOverflow
        var isTouched = scratch.deltaTouched
        scratch.deltaEnds = []
        scratch.deltaOutcomes = []
        scratch.deltaOverflow = []
        scratch.deltaTouched = []
        var touched: [Int] = []
        func touch(_ slot: Int) {
            if !isTouched[slot] {
                isTouched[slot] = true
                touched.append(slot)
            }
        }
        func giveBack() {
            // Emptied, keeping their storage for the next buffer (the memory holds copies).
            for slot in touched {
                ends[slot].removeAll(keepingCapacity: true)
                carried[slot].removeAll(keepingCapacity: true)
                overflowed[slot] = false
                isTouched[slot] = false
            }
            scratch.deltaEnds = ends
            scratch.deltaOutcomes = carried
            scratch.deltaOverflow = overflowed
            scratch.deltaTouched = isTouched
        }
        for (i, slot) in memory.slots.enumerated() where memory.overflowed[i] {
            touch(slot)
            overflowed[slot] = true
        }
        // For the line tier: where in this buffer each segment's first line break after its first
        // byte lies (its end when it has none), found when an end first needs it.
        var segmentLineBreaks = [Int](repeating: -1, count: segments.count)
        // Carried: an end whose whole zone lies inside one segment's source sees the same bytes.
        // Its PCRE2 outcome too, when the copy also holds the zone that confirmation reads.
        let baseEnds = memory.flatEnds
        let baseOutcomes = memory.flatOutcomes
        for (i, slot) in memory.slots.enumerated() where memory.bounds[i] < memory.bounds[i + 1] {
            let range = memory.bounds[i]..<memory.bounds[i + 1]
            let width = local.widths[slot]
            let line = local.isLine(slot)
            let zone = memory.hasOutcomes[i] ? confirmZone[local.rules[slot]] : nil
            for (k, s) in segments.enumerated() {
                // A line-tier end nearer the segment's start than its width is carried too when a
                // line break inside the segment bounds its line zone (above `lastLineBreak`): when
                // the first line break after the segment's first byte lies at least two bytes before it.
                let plain = s.source + width + 1
                var lo = plain
                if line {
                    if segmentLineBreaks[k] < 0 {
                        segmentLineBreaks[k] =
                            s.length > 1
                            ? firstLineBreak(base, in: (s.target + 1)..<(s.target + s.length)) ?? s.target + s.length : s.target + s.length
                    }
                    lo = min(plain, max(s.source + 1, segmentLineBreaks[k] - s.target + s.source + 2))
                }
                let hi = s.source + s.length - 2
                guard lo <= hi else { continue }
                var j = lowerBound(baseEnds, lo, in: range)
                while j < range.upperBound, baseEnds[j] <= hi {
                    let e = baseEnds[j]
                    touch(slot)
                    ends[slot].append(e - s.source + s.target)
                    if let zone, e - zone.before >= s.source, e + zone.after <= s.source + s.length {
                        carried[slot].append(baseOutcomes[j])
                    } else {
                        carried[slot].append(.unknown)
                    }
                    j += 1
                }
            }
        }
        // Windows: each tier's vectorscan over each of its windows; keep ends whose zone lies inside.
        let fired = scratch.fired
        for (database, tierScratch, windows, lines) in tiers {
            for w in windows {
                // Ends from here on have their line zone inside the window (above `lastLineBreak`).
                var lineBound = Int.max
                if lines && w.count > 1 { lineBound = (firstLineBreak(base, in: (w.lowerBound + 1)..<w.upperBound) ?? count) + 2 }
                fired.reset()
                guard database.scan(base + w.lowerBound, count: w.count, scratch: tierScratch, into: fired) else {
                    giveBack()
                    return scan(buffer, scratch: scratch, remember: true)
                }
                for id in fired.fired {
                    let rule = Int(id)
                    let slot = local.slot[rule]
                    let width = local.widths[slot]
                    if fired.overflowed[rule] {
                        touch(slot)
                        overflowed[slot] = true
                    }
                    for relative in fired.ends[rule] {
                        let e = w.lowerBound + relative
                        let zoneInside = e - width - 1 >= w.lowerBound || w.lowerBound == 0 || e >= lineBound
                        if zoneInside && (e + 2 <= w.upperBound || w.upperBound == count) {
                            touch(slot)
                            ends[slot].append(e)
                            carried[slot].append(.unknown)
                        }
                    }
                }
            }
        }
        var raw: [RawMatch] = []
        touched.sort()
        var kept = MatchMemoryBuilder(slots: touched.count, ends: touched.reduce(0) { $0 + ends[$1].count })
        for slot in touched {
            if ends[slot].count > 1 && !isStrictlyAscending(ends[slot]) {
                // Ascending and unique; of two equal ends (carried, and found again in a window) the
                // one with a known outcome stays (both outcomes, when known, are the same).
                let order = ends[slot].indices.sorted {
                    (ends[slot][$0], carried[slot][$0].isUnknown ? 1 : 0) < (ends[slot][$1], carried[slot][$1].isUnknown ? 1 : 0)
                }
                var unique: [Int] = []
                var outcomes: [ConfirmOutcome] = []
                unique.reserveCapacity(order.count)
                outcomes.reserveCapacity(order.count)
                for k in order where unique.last != ends[slot][k] {
                    unique.append(ends[slot][k])
                    outcomes.append(carried[slot][k])
                }
                ends[slot] = unique
                carried[slot] = outcomes
            }
            if ends[slot].count > FiredRules.cap { overflowed[slot] = true }
            let outcomes = confirm(
                local.rules[slot], ends: ends[slot], overflowed: overflowed[slot], base: base, count: count, scratch: scratch,
                into: &raw, known: carried[slot], record: true)
            kept.add(slot: slot, ends: ends[slot], overflowed: overflowed[slot], outcomes: outcomes)
        }
        let next = kept.build(count: count, slotCount: local.rules.count)
        giveBack()
        for rule in alwaysRun { confirm(rule, ends: [], overflowed: true, base: base, count: count, scratch: scratch, into: &raw) }
        if let wideDatabase, let wideScratch = scratch.wideVectorscan {
            fired.reset()
            if wideDatabase.scan(base, count: count, scratch: wideScratch, into: fired) {
                for id in fired.fired {
                    let rule = Int(id)
                    confirm(
                        rule, ends: fired.ends[rule], overflowed: fired.overflowed[rule], base: base, count: count, scratch: scratch,
                        into: &raw)
                }
            } else {
                return scan(buffer, scratch: scratch, remember: true)
            }
        }
        return (finish(raw, buffer: buffer, scratch: scratch, depth: 0), next)
    }
}

// The line zone of an end `e` of the line tier (docs/delta-matching.md): a match `[s, e)` of at
// most `width` bytes holds no line break but at its first and last byte, so it starts at or after
// the last line break `q` in `[e - width, e - 2]`, and what vectorscan reports at `e` depends on
// `[s - 1, e + 1)`. The zone starts at `max(e - width - 1, q - 1)`. It lies inside a region
// starting at `a` (a copy segment, a window) when `e - width - 1 >= a`, or when a line break lies
// in `[a + 1, e - 2]`: when the first line break after `a` is at most `e - 2`.

/// The last `\n` in `base[range]`, or nil. Eight bytes at a time: a word with no `\n` is skipped
/// whole (the zero-byte test below never misses one and may only over-report, so a hit is looked
/// at byte by byte).
func lastLineBreak(_ base: UnsafePointer<UInt8>, in range: Range<Int>) -> Int? {
    let raw = UnsafeRawPointer(base)
    var i = range.upperBound
    while true {
        while i - range.lowerBound >= 8 {
            let word = raw.loadUnaligned(fromByteOffset: i - 8, as: UInt64.self) ^ 0x0a0a_0a0a_0a0a_0a0a
            if (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0 { break }
            i -= 8
        }
        let stop = max(range.lowerBound, i - 8)
        while i > stop {
            i -= 1
            if base[i] == 0x0a { return i }
        }
        if i <= range.lowerBound { return nil }
    }
}

/// The first `\n` in `base[range]`, or nil.
func firstLineBreak(_ base: UnsafePointer<UInt8>, in range: Range<Int>) -> Int? {
    guard !range.isEmpty else { return nil }
    let start = UnsafeRawPointer(base + range.lowerBound)
    guard let p = memchr(start, 0x0a, range.count) else { return nil }
    return range.lowerBound + start.distance(to: UnsafeRawPointer(p))
}

/// Whether each value is greater than the one before (the usual case: one copy, no window).
func isStrictlyAscending(_ values: [Int]) -> Bool {
    var i = 1
    while i < values.count {
        if values[i] <= values[i - 1] { return false }
        i += 1
    }
    return true
}

/// First index in the sorted `values[range]` whose element is at least `x` (`range.upperBound` if none).
func lowerBound(_ values: [Int], _ x: Int, in range: Range<Int>? = nil) -> Int {
    var lo = range?.lowerBound ?? 0
    var hi = range?.upperBound ?? values.count
    while lo < hi {
        let mid = (lo + hi) / 2
        if values[mid] < x { lo = mid + 1 } else { hi = mid }
    }
    return lo
}
