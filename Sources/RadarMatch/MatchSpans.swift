import RadarModel

/// One PCRE2 match before filtering: rule index, whole match, secret.
struct RawMatch {
    var rule: Int
    var whole: Range<Int>
    var secret: Range<Int>
}

/// Converts increasing byte offsets into 1-based line and byte column with one forward pass.
struct LineCounter {
    let base: UnsafePointer<UInt8>
    let count: Int
    private var offset = 0
    private var line = 1
    private var lineStart = 0

    init(base: UnsafePointer<UInt8>, count: Int) {
        self.base = base
        self.count = count
    }

    /// Offsets must not decrease between calls.
    mutating func position(of target: Int) -> (line: Int, column: Int) {
        if target < offset {
            offset = 0
            line = 1
            lineStart = 0
        }
        while offset < target && offset < count {
            if base[offset] == 0x0a {
                line += 1
                lineStart = offset + 1
            }
            offset += 1
        }
        return (line, target - lineStart + 1)
    }
}

/// Answers "does any of these spans overlap this one?" in O(log n): spans sorted by start, with the
/// running maximum of their ends.
struct SpanIndex {
    private let starts: [Int]
    private let maxEnd: [Int]

    init<S: Sequence>(_ spans: S) where S.Element == Range<Int> {
        let sorted = spans.sorted { $0.lowerBound < $1.lowerBound }
        starts = sorted.map(\.lowerBound)
        var running = Int.min
        maxEnd = sorted.map { span in
            running = max(running, span.upperBound)
            return running
        }
    }

    func overlaps(_ span: Range<Int>) -> Bool {
        // Spans starting before `span` ends can overlap it; one does when the furthest of their ends passes its start.
        var lo = 0
        var hi = starts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if starts[mid] < span.upperBound { lo = mid + 1 } else { hi = mid }
        }
        return lo > 0 && maxEnd[lo - 1] > span.lowerBound
    }
}
