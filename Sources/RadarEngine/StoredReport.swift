import Foundation
import RadarModel
import RadarStore

/// What `report` renders from the store without scanning: the findings of every source, of one,
/// or as they stood after one scan, with the time span and title the report formats carry.
public enum StoredReport {
    /// A scan or source the request names that the store does not have, or a store that cannot be read.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        case noSuchScan(Int64, store: String)
        case noSuchSource(String, store: String)
        case store(StoreError)

        public var description: String {
            switch self {
            case .noSuchScan(let id, let store): "no scan \(id) in \(store) (see `secretradar scans list`)"
            case .noSuchSource(let name, let store): "no source \(name) in \(store) (see `secretradar sources list`)"
            case .store(let e): e.description
            }
        }
    }

    /// The findings (triaged false_positive and ignored ones only with `includeTriaged`), when the
    /// scan started and ended (nil without `scan`), and a title naming what is reported.
    public static func load(_ store: Store, source: String?, scan: Int64?, includeTriaged: Bool) throws(Failure) -> (
        findings: [Finding], start: Date?, end: Date?, title: String
    ) {
        var start: Date?
        var end: Date?
        var title = "secretradar: all sources"
        var findings: [Finding]
        do {
            if let scan {
                guard let record = try store.scans().first(where: { $0.id == scan }) else {
                    throw Failure.noSuchScan(scan, store: store.path)
                }
                start = date(record.startedAt)
                end = record.endedAt.flatMap(date) ?? start
                title = "secretradar: \(record.source), scan \(scan)"
            }
            if let source {
                guard let record = try store.source(named: source) else { throw Failure.noSuchSource(source, store: store.path) }
                if scan == nil { title = "secretradar: \(record.locator)" }
            }
            findings = try store.findings(FindingFilter(source: source, asOfScan: scan))
        } catch let failure as Failure {
            throw failure
        } catch let error as StoreError {
            throw .store(error)
        } catch {
            throw .store(.database(operation: "reading findings", message: "\(error)"))
        }
        if !includeTriaged { findings.removeAll { $0.status?.silencesReports == true } }
        return (findings, start, end, title)
    }

    /// The store's ISO 8601 UTC times (`2026-11-29T08:06:12.154Z`, or without the fraction).
    public static func date(_ text: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = f.date(from: text) { return d }
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: text)
    }
}
