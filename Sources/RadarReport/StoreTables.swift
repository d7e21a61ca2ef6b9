import Foundation
import RadarModel

/// The text tables of `scans list` and `sources list`: one row per record, fixed columns. Padded
/// in Swift: Foundation on Linux ignores the width of `%-11@`, which left these columns ragged.
public enum StoreTables {
    /// `   id  status       started  …  source`, newest scan first as given.
    public static func scans(_ scans: [ScanRecord]) -> String {
        var out = "   id  status       started                        blobs  known  findings  new  source\n"
        for s in scans {
            out +=
                [
                    right(String(s.id), 5), left(s.status, 11), left(s.startedAt, 29), right(String(s.blobs), 5),
                    right(String(s.skippedKnownBlobs), 5), right(String(s.findings), 8), right(String(s.newFindings), 3),
                    TerminalText.line(s.source),
                ].joined(separator: "  ") + "\n"
        }
        return out
    }

    /// `   id  kind  scans  findings  source`.
    public static func sources(_ sources: [SourceRecord]) -> String {
        var out = "   id  kind  scans  findings  source\n"
        for s in sources {
            out +=
                [
                    right(String(s.id), 5), left(s.kind, 4), right(String(s.scans), 5), right(String(s.findings), 8),
                    TerminalText.line(s.locator),
                ]
                .joined(separator: "  ") + "\n"
        }
        return out
    }

    /// `text` followed by spaces up to `width` characters (longer text is kept whole).
    static func left(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }

    /// Spaces, then `text`, up to `width` characters.
    static func right(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
}
