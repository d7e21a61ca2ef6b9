import RadarModel
import XCTest

final class LocationOrderTests: XCTestCase {
    /// The order the report has always used: repository (none as empty), path, line, column,
    /// then date and commit, as one tuple comparison.
    func reference(_ a: Location, _ b: Location) -> Bool {
        let l = (a.repository ?? "", a.path, a.line, a.column)
        let r = (b.repository ?? "", b.path, b.line, b.column)
        if l != r { return l < r }
        return (a.date ?? "", a.commit ?? "") < (b.date ?? "", b.commit ?? "")
    }

    func testOrderIsTheReportsOrderOnEveryPair() {
        var generator = SystemRandomNumberGenerator()
        let repositories: [String?] = [nil, "", "/r/a", "/r/b"]
        let paths = ["a", "b", "a/b", "Ä", "é", "e\u{301}"]
        let dates: [String?] = [nil, "", "2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z"]
        let commits: [String?] = [nil, "", "c1", "c2"]
        let locations = (0..<300).map { _ in
            Location(
                repository: repositories.randomElement(using: &generator)!, path: paths.randomElement(using: &generator)!,
                line: Int.random(in: 1...3, using: &generator), column: Int.random(in: 1...2, using: &generator),
                commit: commits.randomElement(using: &generator)!, date: dates.randomElement(using: &generator)!)
        }
        for a in locations {
            for b in locations {
                XCTAssertEqual(a < b, reference(a, b), "\(a) < \(b)")
            }
        }
        XCTAssertEqual(locations.sorted(), locations.sorted(by: reference))
    }
}
