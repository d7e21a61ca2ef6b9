import Foundation
import RadarMatch
import RadarModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Large files matched in chunks, so memory stays bounded and time linear whatever the file's size
/// (issue 16 item 3). A chunk ends at a line break; the next starts there, and each chunk is
/// matched with `overlap` more bytes after it, so a match that starts in a chunk is found whole if
/// it is shorter than the overlap (1 MiB; no rule's match comes near). A match is kept by the chunk
/// it starts in, so none is counted twice; lines and columns are the file's.
enum ChunkedFile {
    /// Files larger than this are read in chunks (smaller ones whole).
    static let threshold = 64 << 20
    static let chunk = 16 << 20
    static let overlap = 1 << 20

    enum Outcome {
        /// Matched: the matches, the bytes read, the rules that stopped early in some chunk.
        case matched([Match], bytes: Int, incomplete: [String])
        /// A NUL in the first `sniff` bytes: not text to match in chunks.
        case binary
        case failed(String)
    }

    static func scan(
        path: String, display: String, matcher: Matcher, scratch: MatcherScratch, sniff: Int, chunk: Int = chunk, overlap: Int = overlap
    ) -> Outcome {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failed(String(cString: strerror(errno))) }
        defer { close(fd) }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(chunk + overlap)
        var eof = false
        var lineBase = 0  // lines before buffer[0]
        var carry = 0  // bytes of buffer[0]'s line before it (a line longer than a chunk)
        var total = 0
        var matches: [Match] = []
        var incomplete: Set<String> = []
        var sniffed = false
        var block = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            // Fill to a chunk and its overlap.
            while !eof, buffer.count < chunk + overlap {
                let n = block.withUnsafeMutableBytes { read(fd, $0.baseAddress!, min($0.count, chunk + overlap - buffer.count)) }
                if n < 0 {
                    if errno == EINTR { continue }
                    return .failed(String(cString: strerror(errno)))
                }
                if n == 0 { eof = true } else { buffer.append(contentsOf: block[0..<n]) }
            }
            if !sniffed {
                sniffed = true
                if buffer.prefix(sniff).contains(0) { return .binary }
            }
            // Where this chunk ends: after the last line break within it (or at the end of the file).
            var cut = buffer.count
            if !eof {
                cut = (buffer[0..<min(chunk, buffer.count)].lastIndex(of: 0x0A).map { $0 + 1 }) ?? min(chunk, buffer.count)
            }
            for var m in matcher.scan(buffer, scratch: scratch, path: display) where m.span.lowerBound < cut || eof {
                if m.line == 1 { m.column += carry }
                m.line += lineBase
                matches.append(m)
            }
            incomplete.formUnion(scratch.incompleteRules)
            if eof { return .matched(matches, bytes: total + buffer.count, incomplete: incomplete.sorted()) }
            let newlines = buffer[0..<cut].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            carry = buffer[cut - 1] == 0x0A ? 0 : (newlines == 0 ? carry + cut : cut - (buffer[0..<cut].lastIndex(of: 0x0A)! + 1))
            lineBase += newlines
            total += cut
            buffer.removeFirst(cut)
        }
    }
}
