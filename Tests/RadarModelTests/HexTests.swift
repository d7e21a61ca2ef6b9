import RadarModel
import XCTest

final class HexTests: XCTestCase {
    func testHexDigits() {
        XCTAssertEqual(Hex.fixed(0), "0000000000000000")
        XCTAssertEqual(Hex.fixed(0xdead_beef), "00000000deadbeef")
        XCTAssertEqual(Hex.fixed(UInt64.max), "ffffffffffffffff")
        XCTAssertEqual(Hex.fixed(0x0123_4567_89ab_cdef), "0123456789abcdef")
        XCTAssertEqual(Hex.lower([0x00, 0xff, 0x1a, 0xa1]), "00ff1aa1")
        XCTAssertEqual(Hex.lower([UInt8]()), "")
    }
}
