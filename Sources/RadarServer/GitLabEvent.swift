import Foundation
import RadarStore

/// A GitLab webhook delivery reduced to what a scan needs: the project, where to fetch it, and
/// the range of commits it introduced. Push Hook, Tag Push Hook, System Hook push events and
/// merge request events (docs/service.md); others are not ours to scan.
public struct GitLabEvent: Sendable, Equatable {
    public var project: String
    public var cloneURL: String
    public var push: PushRange

    public enum Rejection: Error, Sendable, Equatable, CustomStringConvertible {
        /// Not JSON, or not the shape GitLab sends: 400. The text never quotes the body.
        case malformed(String)
        /// An event we do not scan: 204.
        case ignored(String)

        public var description: String {
            switch self {
            case .malformed(let why), .ignored(let why): why
            }
        }
    }

    static let pushHeaders: Set<String> = ["Push Hook", "Tag Push Hook", "System Hook", "Merge Request Hook"]

    /// Parses `body` delivered with the `X-Gitlab-Event` header `event`.
    public static func parse(event: String, body: [UInt8]) throws(Rejection) -> GitLabEvent {
        guard pushHeaders.contains(event) else { throw .ignored("event \(event.count > 40 ? "(long name)" : event) is not scanned") }
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)), let root = object as? [String: Any] else {
            throw .malformed("the body is not a JSON object")
        }
        let kind = root["object_kind"] as? String ?? root["event_name"] as? String ?? ""
        guard let project = root["project"] as? [String: Any] else {
            if event == "System Hook" { throw .ignored("system event \(kind.count > 40 ? "(long name)" : kind) is not scanned") }
            throw .malformed("no project object")
        }
        guard let path = project["path_with_namespace"] as? String, isProjectPath(path) else {
            throw .malformed("project.path_with_namespace is missing or not a project path")
        }
        guard let url = project["git_http_url"] as? String ?? project["http_url"] as? String, isCloneURL(url) else {
            throw .malformed("project.git_http_url is missing or not a URL")
        }
        switch kind {
        case "push", "tag_push":
            guard let before = root["before"] as? String, isCommit(before), let after = root["after"] as? String, isCommit(after) else {
                throw .malformed("before and after must be commit ids")
            }
            guard let ref = root["ref"] as? String, isRef(ref) else { throw .malformed("ref is missing or not a ref name") }
            return GitLabEvent(project: path, cloneURL: url, push: PushRange(ref: ref, before: before, after: after))
        case "merge_request":
            guard let attributes = root["object_attributes"] as? [String: Any],
                let iid = attributes["iid"] as? Int, iid > 0,
                let last = (attributes["last_commit"] as? [String: Any])?["id"] as? String, isCommit(last)
            else { throw .malformed("object_attributes.iid and last_commit.id are required") }
            let before: String
            if let old = attributes["oldrev"] as? String, isCommit(old) {
                before = old
            } else if let target = attributes["target_branch"] as? String, isRef("refs/heads/" + target) {
                before = "refs/heads/" + target
            } else {
                throw .malformed("object_attributes.target_branch is missing or not a branch name")
            }
            return GitLabEvent(
                project: path, cloneURL: url, push: PushRange(ref: "refs/merge-requests/\(iid)/head", before: before, after: last))
        default:
            throw .ignored("object_kind \(kind.count > 40 ? "(long name)" : kind) is not scanned")
        }
    }

    static func isCommit(_ s: String) -> Bool {
        (s.utf8.count == 40 || s.utf8.count == 64) && s.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }

    /// A ref name git accepts, roughly (`git check-ref-format`): no control characters, spaces,
    /// `..`, `~^:?*[\`, and bounded.
    static func isRef(_ s: String) -> Bool {
        guard s.hasPrefix("refs/"), s.utf8.count <= 1024, !s.contains(".."), !s.hasSuffix("/"), !s.hasSuffix(".lock") else { return false }
        return s.utf8.allSatisfy { $0 > 0x20 && $0 != 0x7f && !"~^:?*[\\".utf8.contains($0) }
    }

    static func isProjectPath(_ s: String) -> Bool {
        guard !s.isEmpty, s.utf8.count <= 512, !s.hasPrefix("/"), !s.contains("..") else { return false }
        return s.utf8.allSatisfy { $0 > 0x20 && $0 != 0x7f }
    }

    /// A URL to fetch, without credentials: GitLab never puts any in `git_http_url`, and the job
    /// keeps the URL in the store and shows it in the API, where a password must never be.
    static func isCloneURL(_ s: String) -> Bool {
        guard s.utf8.count <= 2048, s.utf8.allSatisfy({ $0 > 0x20 && $0 != 0x7f }) else { return false }
        if let scheme = s.range(of: "://") {
            let authority = s[scheme.upperBound...].prefix { $0 != "/" }
            if authority.contains("@") { return false }
        }
        return s.hasPrefix("http://") || s.hasPrefix("https://") || s.hasPrefix("file://") || s.hasPrefix("/")
    }
}
