import Dispatch
import Foundation
import RadarGit
import RadarGitLab
import RadarMatch
import RadarModel
import RadarStore
import RadarSupport

/// What a store remembers of a repository: which blobs were already matched under the current
/// rules (asked for the candidates of this scan only), and the tips its last completed scan covered.
public struct RepositoryMemory: Sendable {
    public var known: @Sendable ([ObjectID]) throws(StoreError) -> Set<ObjectID>
    public var previousTips: [ObjectID]
    /// Where the store's findings for this repository sit in these blobs (asked only by a rescan of
    /// new commits, for the blobs those commits hold again or that the store had already matched).
    public var knownPlaces: @Sendable (Set<ObjectID>) throws(StoreError) -> [KnownPlace]
    /// The stored findings with these ids, without locations.
    public var findings: @Sendable ([String]) throws(StoreError) -> [Finding]

    public init(
        known: @escaping @Sendable ([ObjectID]) throws(StoreError) -> Set<ObjectID> = { _ in [] }, previousTips: [ObjectID] = [],
        knownPlaces: @escaping @Sendable (Set<ObjectID>) throws(StoreError) -> [KnownPlace] = { _ in [] },
        findings: @escaping @Sendable ([String]) throws(StoreError) -> [Finding] = { _ in [] }
    ) {
        self.known = known
        self.previousTips = previousTips
        self.knownPlaces = knownPlaces
        self.findings = findings
    }
}
