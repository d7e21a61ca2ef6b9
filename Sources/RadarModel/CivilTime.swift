import Foundation

/// Timestamps as text by plain arithmetic: locations are many, and a date formatter per location
/// (with its ICU set-up) dominated history scans. Checked against Foundation in the engine's tests.
public enum CivilTime {
    /// `2026-11-29T05:21:28` for `seconds` since 1970 shifted by `offsetMinutes`, no zone suffix.
    public static func local(_ seconds: Int64, offsetMinutes: Int32 = 0) -> String {
        let local = seconds + Int64(offsetMinutes) * 60
        let days = local >= 0 ? local / 86400 : (local - 86399) / 86400
        let secondOfDay = local - days * 86400
        let (year, month, day) = civil(days)
        return "\(year)-\(two(month))-\(two(day))T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))"
    }

    /// ISO 8601 with the offset: `2026-11-29T05:21:28+01:00`, or `Z` for UTC.
    public static func iso8601(_ seconds: Int64, offsetMinutes: Int32) -> String {
        let text = local(seconds, offsetMinutes: offsetMinutes)
        if offsetMinutes == 0 { return text + "Z" }
        let m = Int64(abs(offsetMinutes))
        return text + (offsetMinutes < 0 ? "-" : "+") + two(m / 60) + ":" + two(m % 60)
    }

    /// UTC with milliseconds, the store's times: `2026-11-29T08:06:12.154Z` (a `Date` rounded to
    /// the millisecond, as ISO8601DateFormatter with fractional seconds writes it).
    public static func utcMilliseconds(_ date: Date) -> String {
        let ms = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
        let fraction = ms - seconds * 1000
        let digits = String(fraction)
        return local(seconds) + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }

    /// Days since 1970-01-01 to a proleptic Gregorian (year, month, day): Howard Hinnant's civil_from_days.
    static func civil(_ days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
