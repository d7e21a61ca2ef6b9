import Dispatch
import Foundation
import RadarGit
import RadarGitLab
import RadarMatch
import RadarModel
import RadarStore
import RadarSupport

/// Rescans of a range: secrets the store already knows, put at new places by the range.
extension GitScanner {
    /// New places of secrets the store already knows: a blob with findings that a new commit puts
    /// at another path (a rename, a copy) is not read again, but its new location must be recorded.
    /// Only `candidates` are asked about: blobs the range's changed trees hold again or that the
    /// store had already matched; a blob in an unchanged tree keeps the places it had.
    func placesOfKnownSecrets(
        _ memory: RepositoryMemory, among candidates: Set<ObjectID>, repo: GitRepository, index: HistoryIndex, trees: TreeStore,
        shown: String
    ) throws(StoreError) -> [Finding] {
        guard !index.commits.isEmpty, !candidates.isEmpty else { return [] }
        var byBlob: [ObjectID: [KnownPlace]] = [:]
        for place in try memory.knownPlaces(candidates) {
            guard let blob = ObjectID(hex: place.blob), candidates.contains(blob) else { continue }
            byBlob[blob, default: []].append(place)
        }
        guard !byBlob.isEmpty else { return [] }
        let moved = repo.provenance(of: Set(byBlob.keys), in: index, trees: trees)
        guard !moved.isEmpty else { return [] }
        let ids = Set(moved.keys.flatMap { byBlob[$0]?.map(\.finding) ?? [] })
        let stored = Dictionary(try memory.findings(Array(ids)).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [Finding] = []
        for (blob, places) in moved {
            for place in places {
                let c = index.commits[place.commit]
                for known in byBlob[blob] ?? [] {
                    guard var f = stored[known.finding], matcher.rule(f.rule, appliesAt: place.path) else { continue }
                    f.locations = [
                        Location(
                            repository: shown, path: place.path, line: known.line, column: known.column, blob: blob.hex, commit: c.id.hex,
                            author: c.authorName, email: c.authorEmail, date: Self.isoDate(c.authorTime, offsetMinutes: c.authorOffset),
                            inLatest: place.inLatest, decoded: known.decoded)
                    ]
                    out.append(f)
                }
            }
        }
        return out
    }

    /// Findings with the same id merged into one, locations together.
    func merge(_ a: [Finding], _ b: [Finding]) -> [Finding] {
        var byID: [String: Finding] = [:]
        var order: [String] = []
        for f in a + b {
            if byID[f.id] == nil {
                byID[f.id] = f
                order.append(f.id)
            } else {
                byID[f.id]!.locations += f.locations
            }
        }
        return order.map { byID[$0]! }
    }
}
