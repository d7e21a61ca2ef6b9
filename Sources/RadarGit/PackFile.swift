import CZlib
import Foundation
import RadarModel

/// A pack (`.pack`) and its version-2 index (`.idx`), memory-mapped.
///
/// Only what bulk blob reading needs: every entry's id and offset, the entry headers, and the
/// delta links between entries. See docs/git-reading.md for why secretradar reads packs itself.
final class PackFile: @unchecked Sendable {
    let pack: MappedFile
    let index: MappedFile
    /// Entry count.
    let count: Int
    /// Entries sorted by pack offset: ids and offsets (pack order).
    private(set) var ids: [ObjectID] = []
    private(set) var offsets: [Int] = []

    private static let registry = SharedByPath<PackFile>()

    /// The pack another reader holds open (its id and offset tables are 28 bytes per object:
    /// 64 MB on the git/git shape, once per reader), or a newly opened one. A pack's name is its
    /// content's hash, so one open per name is always right.
    static func shared(basePath: String) throws(GitError) -> PackFile {
        try registry.get(basePath) { () throws(GitError) in try PackFile(basePath: basePath) }
    }

    /// Opens `path.pack` and `path.idx` (give the path without extension).
    init(basePath: String) throws(GitError) {
        index = try MappedFile.shared(path: basePath + ".idx")
        pack = try MappedFile.shared(path: basePath + ".pack")
        let idx = index
        guard idx.bytes.count >= 8 + 1024 + 40, idx.u32(0) == 0xff74_4f63, idx.u32(4) == 2 else {
            throw .badPack(path: idx.path, message: "not a version-2 pack index")
        }
        count = Int(idx.u32(8 + 255 * 4))
        let shaStart = 8 + 1024
        let offStart = shaStart + 24 * count  // 20-byte ids, then 4-byte CRCs
        let bigStart = offStart + 4 * count
        guard bigStart + 40 <= idx.bytes.count else { throw .badPack(path: idx.path, message: "index shorter than its object count") }
        let p = pack
        guard p.bytes.count >= 32, p.u32(0) == 0x5041_434b, [2, 3].contains(p.u32(4)), Int(p.u32(8)) == count else {
            throw .badPack(path: p.path, message: "not a pack, or its object count differs from the index")
        }
        var entryOffsets = [Int](repeating: 0, count: count)
        for i in 0..<count {
            let raw = idx.u32(offStart + 4 * i)
            var offset: Int
            if raw & 0x8000_0000 != 0 {
                let slot = bigStart + 8 * Int(raw & 0x7fff_ffff)
                guard slot + 8 <= idx.bytes.count - 40 else { throw .badPack(path: idx.path, message: "large offset out of range") }
                offset = Int(idx.u64(slot))
            } else {
                offset = Int(raw)
            }
            guard offset >= 12, offset < p.bytes.count - 20 else { throw .badPack(path: idx.path, message: "entry offset out of range") }
            entryOffsets[i] = offset
        }
        // Pack order: the index's entries (in id order) sorted by offset.
        let order = Self.orderByOffset(entryOffsets)
        ids = order.map { ObjectID(bytes: idx.bytes.baseAddress! + shaStart + 20 * $0) }
        offsets = order.map { entryOffsets[$0] }
        // Everything the index holds is in `ids` and `offsets` now.
        idx.releaseAll()
    }

    /// The indices of `offsets` in ascending order of offset (offsets are distinct): a radix sort of
    /// offset and index packed in one word, 11 bits a pass (a comparison sort of 1.2 million
    /// (offset, id) pairs was a fifth of the start of a git/git-sized scan); a plain sort when
    /// they do not fit in 64 bits.
    static func orderByOffset(_ offsets: [Int]) -> [Int] {
        let n = offsets.count
        let indexBits = max(1, Int.bitWidth - n.leadingZeroBitCount)
        let largest = offsets.max() ?? 0
        let offsetBits = max(1, Int.bitWidth - largest.leadingZeroBitCount)
        guard indexBits + offsetBits <= 64 else { return offsets.indices.sorted { offsets[$0] < offsets[$1] } }
        var keys = offsets.enumerated().map { UInt64($0.element) << UInt64(indexBits) | UInt64($0.offset) }
        radixSort(&keys, bits: indexBits + offsetBits)
        let mask = (UInt64(1) << UInt64(indexBits)) - 1
        return keys.map { Int($0 & mask) }
    }

    /// Sorts `keys` by their low `bits` bits (the rest must be zero), least significant digit first.
    static func radixSort(_ keys: inout [UInt64], bits: Int) {
        let digit = 11
        var other = keys
        var counts = [Int](repeating: 0, count: 1 << digit)
        var shift = 0
        while shift < bits {
            for k in 0..<counts.count { counts[k] = 0 }
            let mask = UInt64((1 << digit) - 1)
            for key in keys { counts[Int((key >> UInt64(shift)) & mask)] += 1 }
            var total = 0
            for k in 0..<counts.count {
                let c = counts[k]
                counts[k] = total
                total += c
            }
            keys.withUnsafeBufferPointer { from in
                other.withUnsafeMutableBufferPointer { to in
                    for key in from {
                        let d = Int((key >> UInt64(shift)) & mask)
                        to[counts[d]] = key
                        counts[d] += 1
                    }
                }
            }
            swap(&keys, &other)
            shift += digit
        }
    }

    /// The object count of a pack, from its index header alone; nil if the index is unreadable.
    static func objectCount(basePath: String) -> Int? {
        guard let idx = try? MappedFile(path: basePath + ".idx"), idx.bytes.count >= 8 + 1024, idx.u32(0) == 0xff74_4f63 else { return nil }
        return Int(idx.u32(8 + 255 * 4))
    }

    /// The pack-order position of the entry at `offset`, by binary search.
    func position(ofOffset offset: Int) -> Int? {
        var lo = 0
        var hi = offsets.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if offsets[mid] < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo < offsets.count && offsets[lo] == offset ? lo : nil
    }

    /// An entry's header: type (1-4 whole objects, 6 offset delta, 7 reference delta), the inflated
    /// size, where the zlib data starts and, for deltas, the base (offset or id).
    struct EntryHeader {
        var type: Int
        var size: Int
        var dataStart: Int
        var baseOffset: Int?
        var baseID: ObjectID?
    }

    func header(at offset: Int) -> EntryHeader? {
        let b = pack.bytes
        let limit = b.count - 20
        var i = offset
        guard i < limit else { return nil }
        var c = Int(b[i])
        i += 1
        let type = (c >> 4) & 7
        var size = c & 15
        var shift = 4
        while c & 0x80 != 0 {
            guard i < limit, shift < 57 else { return nil }
            c = Int(b[i])
            i += 1
            size |= (c & 0x7f) << shift
            shift += 7
        }
        var header = EntryHeader(type: type, size: size, dataStart: i)
        switch type {
        case 1, 2, 3, 4:
            break
        case 6:
            guard i < limit else { return nil }
            c = Int(b[i])
            i += 1
            var distance = c & 0x7f
            while c & 0x80 != 0 {
                guard i < limit, distance < (1 << 50) else { return nil }
                c = Int(b[i])
                i += 1
                distance = ((distance + 1) << 7) | (c & 0x7f)
            }
            guard distance > 0, distance <= offset else { return nil }
            header.baseOffset = offset - distance
            header.dataStart = i
        case 7:
            guard i + 20 <= limit else { return nil }
            header.baseID = ObjectID(bytes: b.baseAddress! + i)
            header.dataStart = i + 20
        default:
            return nil
        }
        return header
    }
}

/// Per-thread zlib state and buffers for rebuilding entries.
final class Inflater {
    private var stream = z_stream()
    private var ready = false

    init() {
        ready = secretradar_inflate_init(&stream) == Z_OK
    }

    deinit { if ready { inflateEnd(&stream) } }

    /// Inflates the zlib stream at `start` in `pack` into exactly `size` bytes; nil if the data is
    /// corrupt or its length differs from the header's.
    func inflate(_ pack: UnsafeRawBufferPointer, from start: Int, size: Int) -> [UInt8]? {
        guard ready, start < pack.count else { return nil }
        guard inflateReset(&stream) == Z_OK else { return nil }
        var out = [UInt8](unsafeUninitializedCapacity: size) { _, n in n = size }
        let ok: Bool = out.withUnsafeMutableBytes { dst in
            stream.next_in = UnsafeMutablePointer(mutating: (pack.baseAddress! + start).assumingMemoryBound(to: UInt8.self))
            stream.avail_in = UInt32(clamping: pack.count - start)
            // zlib wants a non-null output pointer even for an empty object.
            var dummy: UInt8 = 0
            return withUnsafeMutablePointer(to: &dummy) { dummyPointer in
                stream.next_out = size > 0 ? dst.baseAddress!.assumingMemoryBound(to: UInt8.self) : dummyPointer
                stream.avail_out = UInt32(clamping: size)
                var rc = CZlib.inflate(&stream, Z_FINISH)
                // Objects over 4 GiB (avail_out is 32-bit) are refused by the size limit long before.
                while rc == Z_OK, stream.avail_out > 0 { rc = CZlib.inflate(&stream, Z_FINISH) }
                if size == 0, rc == Z_BUF_ERROR { rc = CZlib.inflate(&stream, Z_FINISH) }
                return rc == Z_STREAM_END && Int(stream.total_out) == size
            }
        }
        return ok ? out : nil
    }
}

/// Applies a git delta (`copy`/`insert` instructions) to `base`; nil if the delta is malformed.
/// With `copies`, also lists the copy instructions (target order), which incremental matching needs.
func applyDelta(_ delta: [UInt8], to base: [UInt8], copies: UnsafeMutablePointer<[CopySegment]>? = nil) -> [UInt8]? {
    delta.withUnsafeBufferPointer { d -> [UInt8]? in
        var i = 0
        func varint() -> Int? {
            var value = 0
            var shift = 0
            while i < d.count {
                let c = Int(d[i])
                i += 1
                value |= (c & 0x7f) << shift
                if c & 0x80 == 0 { return value }
                shift += 7
                if shift > 56 { return nil }
            }
            return nil
        }
        guard let sourceSize = varint(), sourceSize == base.count, let targetSize = varint() else { return nil }
        var ok = true
        let out = [UInt8](unsafeUninitializedCapacity: targetSize) { dst, written in
            base.withUnsafeBufferPointer { src in
                var o = 0
                while i < d.count {
                    let op = Int(d[i])
                    i += 1
                    if op & 0x80 != 0 {
                        var offset = 0
                        var size = 0
                        for bit in 0..<4 where op & (1 << bit) != 0 {
                            guard i < d.count else { ok = false; return }
                            offset |= Int(d[i]) << (8 * bit)
                            i += 1
                        }
                        for bit in 0..<3 where op & (0x10 << bit) != 0 {
                            guard i < d.count else { ok = false; return }
                            size |= Int(d[i]) << (8 * bit)
                            i += 1
                        }
                        if size == 0 { size = 0x10000 }
                        guard offset + size <= src.count, o + size <= targetSize else { ok = false; return }
                        (dst.baseAddress! + o).update(from: src.baseAddress! + offset, count: size)
                        copies?.pointee.append(CopySegment(target: o, source: offset, length: size))
                        o += size
                    } else if op != 0 {
                        guard i + op <= d.count, o + op <= targetSize else { ok = false; return }
                        (dst.baseAddress! + o).update(from: d.baseAddress! + i, count: op)
                        i += op
                        o += op
                    } else {
                        ok = false
                        return
                    }
                }
                if o != targetSize { ok = false }
            }
            written = ok ? targetSize : 0
        }
        return ok ? out : nil
    }
}
