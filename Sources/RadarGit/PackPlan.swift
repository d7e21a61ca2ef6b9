import CGit2
import Dispatch
import Foundation
import RadarModel

/// The object directories git would read: the repository's (or `GIT_OBJECT_DIRECTORY`), then
/// `GIT_ALTERNATE_OBJECT_DIRECTORIES`, then `objects/info/alternates`, followed recursively.
enum ObjectDirectories {
    static func list(gitDirectory: String, fromEnvironment: Bool) -> [String] {
        // The variables only inside a hook (`fromEnvironment`), read one by one (ProcessInfo copies
        // the whole environment).
        func variable(_ name: String) -> String? { fromEnvironment ? getenv(name).map { String(cString: $0) } : nil }
        var queue: [String] = []
        if let dir = variable("GIT_OBJECT_DIRECTORY"), !dir.isEmpty {
            queue.append(absolute(dir, relativeTo: FileManager.default.currentDirectoryPath))
        } else {
            queue.append((gitDirectory as NSString).appendingPathComponent("objects"))
        }
        if let alternates = variable("GIT_ALTERNATE_OBJECT_DIRECTORIES") {
            for dir in alternates.split(separator: ":") where !dir.isEmpty {
                queue.append(absolute(String(dir), relativeTo: FileManager.default.currentDirectoryPath))
            }
        }
        var seen: Set<String> = []
        var out: [String] = []
        while !queue.isEmpty, out.count < 32 {
            let dir = (queue.removeFirst() as NSString).standardizingPath
            guard seen.insert(dir).inserted else { continue }
            out.append(dir)
            let file = (dir as NSString).appendingPathComponent("info/alternates")
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n") where !line.isEmpty && !line.hasPrefix("#") {
                queue.append(absolute(String(line), relativeTo: dir))
            }
        }
        return out
    }

    static func absolute(_ path: String, relativeTo base: String) -> String {
        path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)
    }
}

/// One pack's entries arranged as a forest of delta trees, pruned to what wanted blobs need.
///
/// Memory: 15 bytes an entry while the plan lives (base, wanted position, children and their
/// starts as 32-bit indexes, a needed flag) and 2 more while it is built; an entry's header is
/// parsed again from the pack when it is rebuilt, which reads those bytes anyway. Keeping every
/// header and 64-bit indexes took 81 bytes an entry, 100 MB of the git/git shape's peak, for
/// the 1.2 million commits and trees of a pack whose blobs are a fifth of its entries.
struct PackPlan: @unchecked Sendable {
    let pack: PackFile

    /// For each pack-order entry: wanted position (or -1), children (CSR), needed.
    var wantedPosition: [Int32]
    var childStart: [Int32]
    var children: [Int32]
    var needed: [Bool]
    /// Needed whole blobs (delta-tree roots), in pack order.
    var roots: [Int]
    /// Needed entries whose base is outside this pack or unreadable: their wanted descendants go to libgit2.
    var orphans: [Int]
    /// Each entry's base (pack-order index), -1 for a whole object, -2 for a base outside the pack or unreadable.
    var base: [Int32]

    /// Whether a pack has few enough entries for 32-bit indexes (otherwise libgit2 reads it).
    static func fits(_ pack: PackFile) -> Bool { pack.count < Int(Int32.max) - 1 }

    /// Plans the wanted blobs of `positions` that no earlier pack took (`done`).
    init(pack: PackFile, positions: [ObjectID: Int], done: inout [Bool]) {
        var taken = done
        self.init(pack: pack, rootKind: 3) { e, _ in
            guard let p = positions[pack.ids[e]], !taken[p] else { return nil }
            taken[p] = true
            return p
        }
        done = taken
    }

    /// Plans every object of kind `rootKind` for which `select(entry, kind)` gives a position
    /// (kind is the type of the entry's delta root: 1 commit, 2 tree, 3 blob, 4 tag, -1 broken).
    /// `header` hears of each entry's header (nil when unreadable) and base, in pack order.
    init(
        pack: PackFile, rootKind: Int, header onHeader: ((Int, PackFile.EntryHeader?, Int32) -> Void)? = nil,
        select: (Int, Int) -> Int?
    ) {
        self.pack = pack
        let n = pack.count
        precondition(Self.fits(pack))
        wantedPosition = [Int32](repeating: -1, count: n)
        // Base of each entry (pack-order index), -1 for whole objects, -2 for a base outside the pack.
        var base = [Int32](repeating: -1, count: n)
        // The type of each whole entry (0 unreadable; deltas take their root's).
        var type = [Int8](repeating: 0, count: n)
        var idPosition: [ObjectID: Int] = [:]
        // The headers are read in pack order: the pages behind are given back as the pass goes,
        // or the whole pack would be resident on top of the plan being built.
        var released = 0
        for e in 0..<n {
            if pack.offsets[e] - released >= 8 << 20 {
                pack.pack.release(released..<pack.offsets[e])
                released = pack.offsets[e] & ~4095
            }
            guard let h = pack.header(at: pack.offsets[e]) else {
                base[e] = -2
                onHeader?(e, nil, -2)
                continue
            }
            type[e] = Int8(truncatingIfNeeded: h.type)
            if let offset = h.baseOffset {
                base[e] = pack.position(ofOffset: offset).map { Int32($0) } ?? -2
            } else if let id = h.baseID {
                if idPosition.isEmpty { for (i, x) in pack.ids.enumerated() { idPosition[x] = i } }
                base[e] = idPosition[id].map { Int32($0) } ?? -2
            }
            onHeader?(e, h, base[e])
        }
        idPosition = [:]
        // Kind of each entry's root: follow bases (memoised); 0 unknown, -1 broken. Reuses `type`:
        // a whole entry's kind is its type, so only deltas are rewritten.
        var kind = type
        for e in 0..<n where base[e] == -1 && type[e] == 0 { kind[e] = -1 }
        var done = [Bool](repeating: false, count: n)
        for e in 0..<n where base[e] == -1 { done[e] = true }
        var chain: [Int] = []
        for e in 0..<n where !done[e] {
            chain.removeAll(keepingCapacity: true)
            var x = e
            var k: Int8 = 0
            while true {
                if done[x] { k = kind[x]; break }
                chain.append(x)
                if chain.count > 10_000 { k = -1; break }
                let b = Int(base[x])
                if b == -2 { k = -1; break }
                x = b
            }
            for c in chain {
                kind[c] = k
                done[c] = true
            }
        }
        done = []
        for e in 0..<n {
            if let p = select(e, Int(kind[e])) { wantedPosition[e] = Int32(p) }
        }
        // A wanted entry that is not a blob (an id collision cannot happen; a bad header can) goes to libgit2.
        var counts = [Int32](repeating: 0, count: n + 1)
        for e in 0..<n where base[e] >= 0 { counts[Int(base[e]) + 1] += 1 }
        for i in 0..<n { counts[i + 1] += counts[i] }
        childStart = counts
        var fill = counts
        children = [Int32](repeating: 0, count: Int(counts[n]))
        for e in 0..<n where base[e] >= 0 {
            let b = Int(base[e])
            children[Int(fill[b])] = Int32(e)
            fill[b] += 1
        }
        fill = []
        var needed = [Bool](repeating: false, count: n)
        var orphanSet: Set<Int> = []
        for e in 0..<n where wantedPosition[e] >= 0 {
            var x = e
            while x >= 0, !needed[x] {
                needed[x] = true
                if base[x] == -2 || kind[x] == -1 { orphanSet.insert(x) }
                x = Int(base[x])
            }
        }
        roots = (0..<n).filter { needed[$0] && base[$0] == -1 && kind[$0] == rootKind }
        // Roots of another kind with wanted descendants are orphans too (libgit2 will say what is wrong).
        orphanSet.formUnion((0..<n).filter { needed[$0] && base[$0] == -1 && Int(kind[$0]) != rootKind })
        let tops = orphanSet.filter { e in base[e] < 0 || !orphanSet.contains(Int(base[e])) }
        orphans = tops.sorted()
        self.needed = needed
        self.base = base
    }

    /// What rebuilding needs of an entry's header, parsed again from the pack.
    func header(_ e: Int) -> PackFile.EntryHeader? { pack.header(at: pack.offsets[e]) }

    /// Wanted positions in the subtree under entry `e` (including `e`).
    func wantedBelow(_ e: Int) -> [Int] {
        var out: [Int] = []
        var stack = [e]
        while let x = stack.popLast() {
            if wantedPosition[x] >= 0 { out.append(Int(wantedPosition[x])) }
            for c in Int(childStart[x])..<Int(childStart[x + 1]) where needed[Int(children[c])] { stack.append(Int(children[c])) }
        }
        return out
    }

    /// Rebuilds the delta tree under `root` depth-first, handing each needed blob to `emit` (wanted
    /// ones with their position). Entries that cannot be rebuilt (corrupt data, over `maxSize`) pass
    /// their wanted descendants to `lost`, for libgit2 to read or to report.
    /// `consumed` hears of each entry whose data has been read (its pages may be given back).
    func rebuild(
        root: Int, inflater: Inflater, maxSize: Int, lost: inout [Int], consumed: (Int) -> Void = { _ in },
        emit: (RebuiltBlob) -> AnyObject?
    ) {
        struct Frame {
            var entry: Int
            var bytes: [UInt8]
            var memory: AnyObject?
            var next: Int
        }
        let data = pack.pack.bytes
        guard let rootHeader = header(root) else { lost += wantedBelow(root); return }
        if rootHeader.size > maxSize {
            if let p = position(root) { _ = emit(.whole(p, .tooLarge(size: rootHeader.size))) }
            for c in childRange(root) where needed[Int(children[c])] { lost += wantedBelow(Int(children[c])) }
            return
        }
        let inflated = inflater.inflate(data, from: rootHeader.dataStart, size: rootHeader.size)
        consumed(root)
        guard let bytes = inflated else {
            lost += wantedBelow(root)
            return
        }
        let rootHasChildren = hasNeededChildren(root)
        let memory = bytes.withUnsafeBytes { buffer in
            emit(
                RebuiltBlob(
                    position: position(root), content: .bytes(buffer), parent: nil, copies: nil, hasChildren: rootHasChildren))
        }
        guard rootHasChildren else { return }
        var stack = [Frame(entry: root, bytes: bytes, memory: memory, next: Int(childStart[root]))]
        var copies: [CopySegment] = []
        while !stack.isEmpty {
            let top = stack.count - 1
            let parent = stack[top].entry
            guard stack[top].next < Int(childStart[parent + 1]) else {
                stack.removeLast()
                continue
            }
            let child = Int(children[stack[top].next])
            stack[top].next += 1
            guard needed[child], let h = header(child) else { continue }
            // A delta is never much larger than its result; a header claiming more is hostile or corrupt.
            guard h.size <= maxSize + 4096 else {
                lost += wantedBelow(child)
                continue
            }
            // The delta itself is small; its result size is in the delta's own header.
            let inflatedDelta = inflater.inflate(data, from: h.dataStart, size: h.size)
            consumed(child)
            guard let delta = inflatedDelta,
                let target = Self.deltaTargetSize(delta), target <= maxSize || position(child) != nil
            else {
                lost += wantedBelow(child)
                continue
            }
            if target > maxSize, let p = position(child) {
                _ = emit(.whole(p, .tooLarge(size: target)))
                for c in childRange(child) where needed[Int(children[c])] { lost += wantedBelow(Int(children[c])) }
                continue
            }
            copies.removeAll(keepingCapacity: true)
            guard let rebuilt = applyDelta(delta, to: stack[top].bytes, copies: &copies) else {
                lost += wantedBelow(child)
                continue
            }
            let childHasChildren = hasNeededChildren(child)
            let memory = rebuilt.withUnsafeBytes { buffer in
                emit(
                    RebuiltBlob(
                        position: position(child), content: .bytes(buffer), parent: stack[top].memory, copies: copies,
                        hasChildren: childHasChildren))
            }
            if childHasChildren {
                stack.append(Frame(entry: child, bytes: rebuilt, memory: memory, next: Int(childStart[child])))
            }
        }
    }

    func position(_ entry: Int) -> Int? { wantedPosition[entry] >= 0 ? Int(wantedPosition[entry]) : nil }

    func childRange(_ entry: Int) -> Range<Int> { Int(childStart[entry])..<Int(childStart[entry + 1]) }

    func hasNeededChildren(_ entry: Int) -> Bool {
        childRange(entry).contains { needed[Int(children[$0])] }
    }

    /// The result size a delta declares (its second varint).
    static func deltaTargetSize(_ delta: [UInt8]) -> Int? {
        var i = 0
        var result = 0
        for _ in 0..<2 {
            result = 0
            var shift = 0
            while true {
                guard i < delta.count, shift <= 56 else { return nil }
                let c = Int(delta[i])
                i += 1
                result |= (c & 0x7f) << shift
                if c & 0x80 == 0 { break }
                shift += 7
            }
        }
        return result
    }
}
