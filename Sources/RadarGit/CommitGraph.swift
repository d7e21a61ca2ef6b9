import Dispatch
import Foundation
import RadarModel

/// The whole commit objects of the packs, found by the tree store's pass over the pack headers:
/// where each one's zlib data starts and its size.
struct PackedCommits {
    /// A commit larger than this is left to libgit2 (no real commit comes near it).
    static let largest = 1 << 20
    var packs: [PackFile] = []
    var ids: [ObjectID] = []
    var places: [(pack: Int32, dataStart: Int, size: Int32)] = []

    mutating func add(_ pack: PackFile, _ found: [(ObjectID, Int, Int32)]) {
        guard !found.isEmpty else { return }
        let p = Int32(packs.count)
        packs.append(pack)
        for (id, start, size) in found {
            ids.append(id)
            places.append((p, start, size))
        }
    }
}

/// Reads a raw commit of git's usual form; anything else is left to libgit2 (`parse` gives nil).
enum CommitText {
    /// The commit, when its headers are exactly `tree`, any `parent`s, `author` and `committer`,
    /// each signature `name <email> seconds ±hhmm` with nothing to trim, as git writes them. On
    /// those, libgit2's parser gives the same name, e-mail, times and offset; on any other form
    /// (extra spaces, a missing time zone, a NUL, an unusual header order) the caller asks libgit2.
    static func parse(_ id: ObjectID, _ raw: UnsafeRawBufferPointer) -> CommitInfo? {
        let n = raw.count
        var i = 0
        func nextLine() -> Range<Int>? {
            guard i < n, let base = raw.baseAddress, let nl = memchr(base + i, 0x0a, n - i) else { return nil }
            let end = base.distance(to: UnsafeRawPointer(nl))
            defer { i = end + 1 }
            return i..<end
        }
        func starts(_ line: Range<Int>, with prefix: StaticString) -> Bool {
            let count = prefix.utf8CodeUnitCount
            guard line.count >= count else { return false }
            return memcmp(raw.baseAddress! + line.lowerBound, prefix.utf8Start, count) == 0
        }
        guard let treeLine = nextLine(), treeLine.count == 45, starts(treeLine, with: "tree "),
            let tree = hexID(raw, at: treeLine.lowerBound + 5)
        else { return nil }
        var parents: [ObjectID] = []
        var line = nextLine()
        while let l = line, starts(l, with: "parent ") {
            guard l.count == 47, let p = hexID(raw, at: l.lowerBound + 7) else { return nil }
            parents.append(p)
            line = nextLine()
        }
        guard let authorLine = line, starts(authorLine, with: "author "),
            let author = signature(raw, authorLine.lowerBound + 7..<authorLine.upperBound),
            // libgit2 refuses a commit whose committer it cannot read: so does this.
            let committerLine = nextLine(), starts(committerLine, with: "committer "),
            signature(raw, committerLine.lowerBound + 10..<committerLine.upperBound) != nil
        else { return nil }
        return CommitInfo(
            id: id, tree: tree, parents: parents, authorName: author.name, authorEmail: author.email, authorTime: author.time,
            authorOffset: author.offset)
    }

    /// `name <email> seconds ±hhmm`: one space before `<` and after `>`, no space to trim inside
    /// the brackets or around the name, no NUL, an offset of at most 14 hours 59 minutes.
    static func signature(_ raw: UnsafeRawBufferPointer, _ range: Range<Int>) -> (name: String, email: String, time: Int64, offset: Int32)?
    {
        var lt = -1
        var gt = -1
        for k in range {
            switch raw[k] {
            case 0x3c: lt = k
            case 0x3e: gt = k
            case 0: return nil
            default: break
            }
        }
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || (0x09...0x0d).contains(c) }
        guard lt > range.lowerBound, gt > lt, raw[lt - 1] == 0x20 else { return nil }
        let name = range.lowerBound..<(lt - 1)
        let email = (lt + 1)..<gt
        for part in [name, email] where !part.isEmpty {
            guard !isSpace(raw[part.lowerBound]), !isSpace(raw[part.upperBound - 1]) else { return nil }
        }
        // `> 1700000000 +0100`
        var k = gt + 1
        guard k < range.upperBound, raw[k] == 0x20 else { return nil }
        k += 1
        var time: Int64 = 0
        var digits = 0
        while k < range.upperBound, (0x30...0x39).contains(raw[k]) {
            time = time * 10 + Int64(raw[k] - 0x30)
            digits += 1
            k += 1
        }
        guard (1...18).contains(digits), k + 6 == range.upperBound, raw[k] == 0x20 else { return nil }
        let sign = raw[k + 1]
        guard sign == 0x2b || sign == 0x2d else { return nil }
        var zone = 0
        for d in (k + 2)..<(k + 6) {
            guard (0x30...0x39).contains(raw[d]) else { return nil }
            zone = zone * 10 + Int(raw[d] - 0x30)
        }
        let (hours, minutes) = (zone / 100, zone % 100)
        guard hours <= 14, minutes <= 59 else { return nil }
        let offset = Int32(sign == 0x2d ? -(hours * 60 + minutes) : hours * 60 + minutes)
        func text(_ r: Range<Int>) -> String { String(decoding: UnsafeRawBufferPointer(rebasing: raw[r]), as: UTF8.self) }
        return (text(name), text(email), time, offset)
    }

    /// Forty lower-case hex digits at `start` (git writes ids lower-case), or nil.
    static func hexID(_ raw: UnsafeRawBufferPointer, at start: Int) -> ObjectID? {
        guard start + 40 <= raw.count else { return nil }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { out -> ObjectID? in
            for j in 0..<20 {
                guard let hi = lowerHex(raw[start + 2 * j]), let lo = lowerHex(raw[start + 2 * j + 1]) else { return nil }
                out[j] = hi << 4 | lo
            }
            return ObjectID(bytes: UnsafeRawPointer(out.baseAddress!))
        }
    }

    private static func lowerHex(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x61...0x66: c - 0x61 + 10
        default: nil
        }
    }
}

extension GitRepository {
    /// Every commit reachable from `tips` in the order of libgit2's topological walk, reversed
    /// (`GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE`, what `commits(reachableFrom:notFrom:)` gives
    /// for a whole history), with each commit parsed: the commits of the packs are read on
    /// `workers` threads, the others from libgit2. nil when a commit cannot be read: the caller
    /// then takes libgit2's walk, which says what is wrong the way it always has.
    ///
    /// libgit2 reads each commit through its object database on one thread, about 12 µs a
    /// commit (0.5 s of curl's history, 1 s of the git/git shape), and the index then asks it
    /// for every commit again. The order below is libgit2's (revwalk.c, version 1.5; later
    /// versions keep the tips in the reverse order): children before parents, a commit emitted
    /// once all its children are, the pending ones on a stack, starting from the tips in the
    /// order pushed. `HistoryWalkTests.testTheOrderFromThePacksIsLibgit2s` compares the two on a
    /// history made to tell orders apart (equal dates, dates out of order, merges of up to four
    /// parents, 300 refs).
    func orderedCommits(tips: [ObjectID], packed: PackedCommits, workers: Int) -> [CommitInfo]? {
        guard !tips.isEmpty else { return [] }
        let parsed = Self.parseAll(packed, workers: workers)
        var slot: [ObjectID: Int32] = [:]
        slot.reserveCapacity(packed.ids.count)
        for (k, id) in packed.ids.enumerated() where parsed[k] != nil { slot[id] = Int32(k) }
        // The reachable commits as nodes 0..<count, and each node's parents as nodes.
        var nodes: [CommitInfo] = []
        var node: [ObjectID: Int32] = [:]
        var parentNodes: [[Int32]] = []
        var expanded: [Bool] = []
        func add(_ id: ObjectID) -> Int32? {
            if let known = node[id] { return known }
            let read: CommitInfo
            if let k = slot[id], let c = parsed[Int(k)] {
                read = c
            } else if let c = try? commit(id) {
                read = c
            } else {
                return nil
            }
            let n = Int32(nodes.count)
            node[id] = n
            nodes.append(read)
            parentNodes.append([])
            expanded.append(false)
            return n
        }
        var pending: [Int32] = []
        for tip in tips {
            guard let n = add(tip) else { return nil }
            pending.append(n)
        }
        while let n = pending.popLast() {
            if expanded[Int(n)] { continue }
            expanded[Int(n)] = true
            var ps: [Int32] = []
            for p in nodes[Int(n)].parents {
                guard let m = add(p) else { return nil }
                ps.append(m)
                pending.append(m)
            }
            parentNodes[Int(n)] = ps
        }
        return Self.libgit2Order(tips: tips.map { node[$0]! }, parents: parentNodes).map { nodes[Int($0)] }
    }

    /// libgit2's order (see `orderedCommits`) over the nodes given by their parents, every node
    /// reachable from `tips` (no id twice).
    ///
    /// libgit2 first lists the commits: the tips in the order pushed, then each commit's parents
    /// inserted by committer date. That list matters only through the order of the commits with
    /// no child, which start the topological pass; those are tips, and parents inserted between
    /// them never reorder them. So the dates drop out and the pass starts from the childless tips
    /// in the order pushed.
    static func libgit2Order(tips: [Int32], parents: [[Int32]]) -> [Int32] {
        // Each commit's count of children still to emit, plus one.
        var degree = [Int32](repeating: 1, count: parents.count)
        for ps in parents {
            for p in ps { degree[Int(p)] += 1 }
        }
        // A stack, the first tip on top.
        var stack: [Int32] = tips.filter { degree[Int($0)] == 1 }.reversed()
        var out: [Int32] = []
        out.reserveCapacity(parents.count)
        while let next = stack.popLast() {
            for p in parents[Int(next)] where degree[Int(p)] != 0 {
                degree[Int(p)] -= 1
                if degree[Int(p)] == 1 { stack.append(p) }
            }
            degree[Int(next)] = 0
            out.append(next)
        }
        return out.reversed()
    }

    /// Every packed commit parsed, on `workers` threads; nil where it could not be.
    static func parseAll(_ packed: PackedCommits, workers: Int) -> [CommitInfo?] {
        let count = packed.ids.count
        var out = [CommitInfo?](repeating: nil, count: count)
        let threads = max(1, min(workers, count / 2_000))
        out.withUnsafeMutableBufferPointer { buffer in
            let results = UncheckedSendable(buffer)
            DispatchQueue.concurrentPerform(iterations: threads) { t in
                let inflater = Inflater()
                for k in (count * t / threads)..<(count * (t + 1) / threads) {
                    let place = packed.places[k]
                    let data = packed.packs[Int(place.pack)].pack.bytes
                    guard let raw = inflater.inflate(data, from: place.dataStart, size: Int(place.size)) else { continue }
                    results.value[k] = raw.withUnsafeBytes { CommitText.parse(packed.ids[k], $0) }
                }
            }
        }
        return out
    }
}
