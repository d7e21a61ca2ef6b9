import Foundation
import RadarModel
import XCTest

@testable import RadarEngine

final class ISODateTests: XCTestCase {
    /// The arithmetic formatter agrees with Foundation's on many instants and offsets.
    func testIsoDateAgreesWithFoundation() {
        let instants: [Int64] = [
            0, 1, 86_399, 86_400, 951_782_400, 1_700_007_200, 1_709_164_799, 4_102_444_800, -1, -86_401, 2_147_483_648,
        ]
        let offsets: [Int32] = [0, 60, -300, 330, 345, -570, 840, -720]
        for t in instants {
            for o in offsets {
                let f = ISO8601DateFormatter()
                f.timeZone = TimeZone(secondsFromGMT: Int(o) * 60)
                f.formatOptions = [.withInternetDateTime]
                XCTAssertEqual(
                    GitScanner.isoDate(t, offsetMinutes: o), f.string(from: Date(timeIntervalSince1970: TimeInterval(t))), "\(t) \(o)")
            }
        }
    }

    /// The store's UTC times with milliseconds agree with Foundation's formatter, before 1970 too.
    func testUTCMillisecondsAgreesWithFoundation() {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let instants: [Double] = [
            0, 0.001, 0.0004, 0.0006, 0.9996, -0.0006, 0.999, 1.5, 86_399.9994, 1_764_403_572.154, 4_102_444_800.25, -0.5, -1.001,
            -86_401.75,
        ]
        for t in instants {
            let date = Date(timeIntervalSince1970: t)
            XCTAssertEqual(CivilTime.utcMilliseconds(date), f.string(from: date), "\(t)")
        }
    }
}
