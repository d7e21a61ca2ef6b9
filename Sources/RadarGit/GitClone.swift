import CGit2
import Foundation
import RadarModel

/// Clones (or refreshes) a mirror of a remote repository for `scan git --clone`.
///
/// The clone is bare with the mirror refspec `+refs/*:refs/*`, so every branch, tag and other ref
/// the server publishes is scanned, not just the default branch. A token for https comes from the
/// caller (the CLI reads `SECRETRADAR_GIT_TOKEN`); it is handed to libgit2 in memory only, never
/// written into the clone's config or its directory name.
public enum GitClone {
    /// Returns the path of the bare clone of `url` under `cache`, fetching again if it exists.
    public static func mirror(url given: String, cache: String, token given_token: String?) throws(GitError) -> String {
        GitRepository.setUp()
        // A password inside the URL is moved out of it: the URL is stored in the clone's config.
        let (url, urlPassword) = splitPassword(given)
        let token = given_token ?? urlPassword
        let target = (cache as NSString).appendingPathComponent(directoryName(for: url))
        do {
            try FileManager.default.createDirectory(
                atPath: cache, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .libgit2(operation: "creating the clone cache \(cache)", message: error.localizedDescription)
        }
        let payload = CredentialPayload(token: token)
        let unmanaged = Unmanaged.passRetained(payload)
        defer { unmanaged.release() }
        let shown = redactedURL(url)
        if FileManager.default.fileExists(atPath: (target as NSString).appendingPathComponent("HEAD")) {
            let repo = try GitHandle.make("opening the cached clone \(target)", free: git_repository_free) {
                git_repository_open_bare(&$0, target)
            }
            let remote = try GitHandle.make("fetching \(shown)", free: git_remote_free) { git_remote_lookup(&$0, repo.pointer, "origin") }
            var fetch = git_fetch_options()
            try LibGit2.check(git_fetch_options_init(&fetch, UInt32(GIT_FETCH_OPTIONS_VERSION)), "fetching \(shown)")
            fetch.prune = GIT_FETCH_PRUNE
            fetch.callbacks.credentials = credentialCallback
            fetch.callbacks.payload = unmanaged.toOpaque()
            try LibGit2.check(git_remote_fetch(remote.pointer, nil, &fetch, nil)) {
                .libgit2(operation: "fetching \(shown)", message: redact($0, token: token))
            }
            pointHead(repo, remote: remote, payload: payload, unmanaged: unmanaged)
            return target
        }
        var options = git_clone_options()
        try LibGit2.check(git_clone_options_init(&options, UInt32(GIT_CLONE_OPTIONS_VERSION)), "cloning \(shown)")
        options.bare = 1
        options.remote_cb = { out, repo, name, url, _ in
            git_remote_create_with_fetchspec(out, repo, name, url, "+refs/*:refs/*")
        }
        options.fetch_opts.callbacks.credentials = credentialCallback
        options.fetch_opts.callbacks.payload = unmanaged.toOpaque()
        do {
            let repo = try GitHandle.make(
                failure: { .libgit2(operation: "cloning \(shown)", message: redact($0, token: token)) }, free: git_repository_free
            ) {
                git_clone(&$0, url, target, &options)
            }
            if let remote = try? GitHandle.make(
                "opening the clone's remote", free: git_remote_free, { git_remote_lookup(&$0, repo.pointer, "origin") })
            {
                pointHead(repo, remote: remote, payload: payload, unmanaged: unmanaged)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: target)
            throw error
        }
        return target
    }

    /// Points the mirror's HEAD at the remote's default branch (a clone with the mirror refspec
    /// leaves it at `master`, and "in the latest version" is judged at HEAD). Best effort: on
    /// any failure HEAD stays as it was.
    static func pointHead(
        _ repo: GitHandle, remote: GitHandle, payload: CredentialPayload,
        unmanaged: Unmanaged<CredentialPayload>
    ) {
        var callbacks = git_remote_callbacks()
        guard git_remote_init_callbacks(&callbacks, UInt32(GIT_REMOTE_CALLBACKS_VERSION)) == 0 else { return }
        callbacks.credentials = credentialCallback
        callbacks.payload = unmanaged.toOpaque()
        payload.attempts = 0
        guard git_remote_connect(remote.pointer, GIT_DIRECTION_FETCH, &callbacks, nil, nil) == 0 else { return }
        defer { git_remote_disconnect(remote.pointer) }
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        guard git_remote_default_branch(&buffer, remote.pointer) == 0, let name = buffer.ptr else { return }
        _ = git_repository_set_head(repo.pointer, name)
    }

    /// A directory name from the URL without its credentials: host and path, made safe, plus a short hash.
    static func directoryName(for url: String) -> String {
        let clean = redactedURL(url)
        var safe = ""
        for ch in clean.unicodeScalars {
            safe.unicodeScalars.append(CharacterSet.alphanumerics.contains(ch) || ch == "-" || ch == "." ? ch : "_")
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a, only to keep distinct URLs apart
        for b in clean.utf8 {
            hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3
        }
        return String(safe.suffix(80)) + "-" + String(hash, radix: 16)
    }

    /// `https://user:secret@host/x` → (`https://user@host/x`, `secret`); other URLs unchanged.
    static func splitPassword(_ url: String) -> (String, String?) {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else { return (url, nil) }
        let slash = url[scheme.upperBound...].firstIndex(of: "/") ?? url.endIndex
        guard at < slash, let colon = url[scheme.upperBound..<at].firstIndex(of: ":") else { return (url, nil) }
        let password = String(url[url.index(after: colon)..<at]).removingPercentEncoding
        return (String(url[..<colon]) + String(url[at...]), password)
    }

    /// The URL with any `user:password@` removed, for messages and directory names.
    public static func redactedURL(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else { return url }
        let slash = url[scheme.upperBound...].firstIndex(of: "/") ?? url.endIndex
        guard at < slash else { return url }
        return String(url[..<scheme.upperBound]) + String(url[url.index(after: at)...])
    }

    static func redact(_ message: String, token: String?) -> String {
        guard let token, !token.isEmpty else { return message }
        return message.replacingOccurrences(of: token, with: Redaction.redact(Array(token.utf8)))
    }
}

final class CredentialPayload {
    let token: String?
    var attempts = 0
    init(token: String?) { self.token = token }
}

/// Offers the token once as an https password (user from the URL, else `oauth2`, which GitLab accepts).
private let credentialCallback: git_credential_acquire_cb = { out, _, username, allowed, payload in
    guard let payload else { return GIT_PASSTHROUGH.rawValue }
    let state = Unmanaged<CredentialPayload>.fromOpaque(payload).takeUnretainedValue()
    guard let token = state.token, !token.isEmpty, allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT.rawValue != 0, state.attempts == 0 else {
        return GIT_PASSTHROUGH.rawValue
    }
    state.attempts += 1
    let user = username.map { String(cString: $0) } ?? "oauth2"
    return git_credential_userpass_plaintext_new(out, user, token)
}
