/// One copy instruction of a git delta: `length` bytes at `source` in the base buffer land at
/// `target` in the derived buffer. The bytes a delta inserts are the gaps between segments.
public struct CopySegment: Sendable, Hashable {
    public var target: Int
    public var source: Int
    public var length: Int

    public init(target: Int, source: Int, length: Int) {
        self.target = target
        self.source = source
        self.length = length
    }
}
