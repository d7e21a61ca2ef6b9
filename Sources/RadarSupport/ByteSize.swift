/// Parses `25M`-style sizes.
public enum ByteSize {
    /// ASCII only: digits and an optional unit, case-insensitive, blanks around them ignored.
    /// (`uppercased()` and a Foundation character set cost a third of a millisecond on first use.)
    public static func parse(_ text: String) -> Int? {
        var t = text.utf8.map { $0 >= 0x61 && $0 <= 0x7a ? $0 - 0x20 : $0 }
        while let c = t.last, c == 0x20 || c == 0x09 { t.removeLast() }
        while let c = t.first, c == 0x20 || c == 0x09 { t.removeFirst() }
        let units: [(String, Int)] = [
            ("KIB", 1 << 10), ("MIB", 1 << 20), ("GIB", 1 << 30), ("K", 1 << 10), ("M", 1 << 20), ("G", 1 << 30), ("B", 1),
        ]
        var factor = 1
        for (suffix, f) in units where t.count >= suffix.utf8.count && t.suffix(suffix.utf8.count).elementsEqual(suffix.utf8) {
            t.removeLast(suffix.utf8.count)
            factor = f
            break
        }
        guard let n = Int(String(decoding: t, as: UTF8.self)), n >= 0 else { return nil }
        let (product, overflow) = n.multipliedReportingOverflow(by: factor)
        return overflow ? nil : product
    }
}
