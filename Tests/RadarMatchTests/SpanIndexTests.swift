import Testing

@testable import RadarMatch

@Suite("Span index")
struct SpanIndexTests {
    @Test func answersOverlapQueries() {
        let index = SpanIndex([10..<20, 30..<35, 12..<14])
        #expect(index.overlaps(19..<25))
        #expect(index.overlaps(0..<11))
        #expect(index.overlaps(33..<34))
        #expect(!index.overlaps(20..<30))
        #expect(!index.overlaps(35..<40))
        #expect(!index.overlaps(0..<10))
        #expect(!SpanIndex([Range<Int>]()).overlaps(0..<5))
    }

    @Test func aLongSpanFoundBeforeShortOnesStillCounts() {
        let index = SpanIndex([0..<100, 10..<11, 20..<21])
        #expect(index.overlaps(50..<60))
    }
}
