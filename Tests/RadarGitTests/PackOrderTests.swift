import XCTest

@testable import RadarGit

/// The sorts that put a pack's index in pack order and the trees' ids in id order give what a
/// comparison sort gives, ties (which only a damaged index has) included.
final class PackOrderTests: XCTestCase {
    func testOrderByOffsetIsAStableSortByOffset() {
        var rng = SplitMix(seed: 77)
        for (count, range) in [(0, 1), (1, 10), (5_000, 1 << 20), (20_000, 1 << 34), (3_000, 500)] {
            // The last case has many equal offsets: ties keep the index order.
            let offsets = (0..<count).map { _ in 12 + rng.next(range) }
            let expected = offsets.indices.sorted { offsets[$0] < offsets[$1] }
            XCTAssertEqual(PackFile.orderByOffset(offsets), expected, "\(count) offsets below \(range)")
        }
        // Too wide for one word: the plain sort.
        XCTAssertEqual(PackFile.orderByOffset([Int.max - 1, 12, Int.max - 5]), [1, 2, 0])
    }

    func testTreeLocationsSortByIDThenPack() {
        var rng = SplitMix(seed: 78)
        var found: [(id: ObjectID, pack: Int32, entry: Int32)] = []
        for k in 0..<30_000 {
            var bytes = (0..<20).map { _ in UInt8(rng.next(256)) }
            // Ids sharing their first two bytes (one bucket), and ids in two packs.
            if k % 7 == 0 { bytes[0] = 0xab; bytes[1] = 0xcd }
            let id = bytes.withUnsafeBytes { ObjectID(bytes: $0.baseAddress!) }
            found.append((id, Int32(rng.next(3)), Int32(k)))
            if k % 11 == 0 { found.append((id, Int32(3 + rng.next(2)), Int32(k))) }
        }
        let expected = found.sorted { ($0.id, $0.pack) < ($1.id, $1.pack) }
        let sorted = TreeLocations.sortedByID(found)
        XCTAssertEqual(sorted.map(\.id), expected.map(\.id))
        XCTAssertEqual(sorted.map(\.pack), expected.map(\.pack))
        XCTAssertEqual(sorted.map(\.entry), expected.map(\.entry))
        XCTAssertTrue(TreeLocations.sortedByID([]).isEmpty)
    }

    /// Provenance's runs cut the history where the work (blobs brought in, plus two a commit) is
    /// halved, not where the commits are.
    func testProvenanceRunsHaveTheSameWorkNotTheSameCommits() {
        func index(_ commitsOfBlobs: [Int]) -> HistoryIndex {
            HistoryIndex(
                commits: [], commitPosition: [:], blobs: [], firstSeen: commitsOfBlobs.map { ("f", $0) }, references: [], problems: [])
        }
        // No blobs: equal halves.
        XCTAssertEqual(GitRepository.balancedRuns(count: 10, parts: 2, index: index([])), [0..<5, 5..<10])
        // The last commit brings 30 blobs: it is a run of its own.
        XCTAssertEqual(GitRepository.balancedRuns(count: 10, parts: 2, index: index(Array(repeating: 9, count: 30))), [0..<9, 9..<10])
        // The later half brings a blob a commit: the cut moves later than the middle.
        let later = GitRepository.balancedRuns(count: 1_000, parts: 2, index: index(Array(500..<1_000)))
        XCTAssertEqual(later.count, 2)
        XCTAssertEqual(later[0].lowerBound, 0)
        XCTAssertEqual(later[1].upperBound, 1_000)
        XCTAssertEqual(later[0].upperBound, later[1].lowerBound)
        XCTAssertEqual(later[0].upperBound, 583, accuracy: 1)  // 500 × 2 + 83 × 3 = half of 2,500
        // Three runs, each non-empty, covering every commit in order.
        let three = GitRepository.balancedRuns(count: 7, parts: 3, index: index(Array(repeating: 0, count: 100)))
        XCTAssertEqual(three.count, 3)
        XCTAssertEqual(three.first?.lowerBound, 0)
        XCTAssertEqual(three.last?.upperBound, 7)
        XCTAssertTrue(zip(three, three.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound } && three.allSatisfy { !$0.isEmpty })
        XCTAssertEqual(GitRepository.balancedRuns(count: 1, parts: 2, index: index([])), [0..<1])
    }
}
