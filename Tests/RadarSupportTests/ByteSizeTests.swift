import RadarSupport
import XCTest

final class ByteSizeTests: XCTestCase {
    func testSizesWithAndWithoutUnits() {
        XCTAssertEqual(ByteSize.parse("1048576"), 1_048_576)
        XCTAssertEqual(ByteSize.parse("25M"), 25 << 20)
        XCTAssertEqual(ByteSize.parse(" 500k "), 500 << 10)
        XCTAssertEqual(ByteSize.parse("2GiB"), 2 << 30)
        XCTAssertEqual(ByteSize.parse("7b"), 7)
        XCTAssertNil(ByteSize.parse("-1M"))
        XCTAssertNil(ByteSize.parse("25 MB"))
        XCTAssertNil(ByteSize.parse(""))
        XCTAssertNil(ByteSize.parse("99999999999999999999G"), "overflow is refused, not wrapped")
        XCTAssertNil(ByteSize.parse("9000000000000G"), "a product that overflows is refused")
    }
}
