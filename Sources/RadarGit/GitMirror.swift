import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The mirrors `serve` keeps, fetched with the `git` command rather than libgit2: git's fetch
/// negotiation sends a pushed commit's objects only (curl's history, one new commit over git://:
/// 0.16 s and a few kilobytes, where libgit2 1.5 took 0.95 s and a 3.4 MB pack, and 12 s from a
/// local path; docs/service.md), and a child process can be stopped when a server stops
/// answering, which libgit2 1.5 (no server timeout) cannot.
///
/// The token reaches git through its environment (`GIT_CONFIG_*`: an `http.extraHeader`), never a
/// URL, a file or an argument another user could read in `ps`.
public enum GitMirror {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The bare mirror of `url` under `cache` (the same directory `GitClone` uses), cloned or
    /// fetched, with HEAD on the remote's default branch. Stopped after `timeout` seconds.
    public static func mirror(url given: String, cache: String, token: String?, timeout: Double = 600) throws(Failure) -> String {
        let (url, urlPassword) = GitClone.splitPassword(given)
        let token = token ?? urlPassword
        let shown = GitClone.redactedURL(url)
        let target = (cache as NSString).appendingPathComponent(GitClone.directoryName(for: url))
        do {
            try FileManager.default.createDirectory(
                atPath: cache, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw Failure(description: "creating the mirror cache \(cache): \(error.localizedDescription)")
        }
        var environment = ["GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "/bin/false", "SSH_ASKPASS": "/bin/false", "LC_ALL": "C"]
        for name in ["PATH", "HOME", "TMPDIR"] { environment[name] = ProcessInfo.processInfo.environment[name] }
        var settings = [("http.lowSpeedLimit", "1000"), ("http.lowSpeedTime", "60"), ("core.askPass", "/bin/false")]
        if let token, !token.isEmpty, url.hasPrefix("http") {
            settings.append(("http.extraHeader", "Authorization: Basic " + Data("oauth2:\(token)".utf8).base64EncodedString()))
        }
        environment["GIT_CONFIG_COUNT"] = String(settings.count)
        for (i, (key, value)) in settings.enumerated() {
            environment["GIT_CONFIG_KEY_\(i)"] = key
            environment["GIT_CONFIG_VALUE_\(i)"] = value
        }
        let deadline = Date().addingTimeInterval(timeout)
        func git(_ arguments: [String], _ what: String) throws(Failure) -> String {
            let (status, output) = run(arguments, environment: environment, deadline: deadline)
            guard let status else { throw Failure(description: "\(what) \(shown): no answer within \(Int(timeout)) s; stopped") }
            guard status == 0 else {
                let message = GitClone.redact(output, token: token).split(separator: "\n").last.map(String.init) ?? ""
                throw Failure(description: "\(what) \(shown): git exited \(status): \(String(message.prefix(300)))")
            }
            return output
        }
        if FileManager.default.fileExists(atPath: (target as NSString).appendingPathComponent("HEAD")) {
            _ = try git(["-C", target, "fetch", "--quiet", "--prune", "origin"], "fetching")
            // The default branch may have changed: one ref advertisement says.
            let symref = try git(["-C", target, "ls-remote", "--symref", "origin", "HEAD"], "reading the default branch of")
            if let line = symref.split(separator: "\n").first(where: { $0.hasPrefix("ref: ") }),
                let ref = line.dropFirst(5).split(separator: "\t").first, ref.hasPrefix("refs/heads/")
            {
                _ = try? git(["-C", target, "symbolic-ref", "HEAD", String(ref)], "pointing HEAD of")
            }
            return target
        }
        let partial = target + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        do {
            _ = try git(["clone", "--quiet", "--mirror", url, partial], "cloning")
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
        do { try FileManager.default.moveItem(atPath: partial, toPath: target) } catch {
            throw Failure(description: "cloning \(shown): cannot move the clone into place: \(error.localizedDescription)")
        }
        return target
    }

    /// The git processes running now, so that a stopping service stops them too (they are in
    /// process groups of their own, which a signal to the service does not reach).
    static let running = LockedSet()

    final class LockedSet: @unchecked Sendable {
        private let lock = NSLock()
        private var pids = Set<pid_t>()
        func withLock<T>(_ body: (inout Set<pid_t>) -> T) -> T {
            lock.lock()
            defer { lock.unlock() }
            return body(&pids)
        }
    }

    /// Kills every git this process started that is still running, with its helpers.
    public static func stopAll() {
        for pid in running.withLock({ $0 }) { kill(-pid, SIGKILL) }
    }

    typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's Glibc
    /// module does not declare.
    static let closeFrom: CloseFrom? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: CloseFrom.self)
    }()

    /// Runs git in a process group of its own; nil status when the deadline passed (the group —
    /// git and the transport helpers it started — is killed). Spawned and waited for directly:
    /// Foundation's `Process` notices a child's end through descriptors a surviving helper would
    /// hold, and waited a minute after the kill. Output goes to a private temporary file.
    static func run(_ arguments: [String], environment: [String: String], deadline: Date) -> (Int32?, String) {
        let log = NSTemporaryDirectory() + "secretradar-git-\(UUID().uuidString).log"
        guard FileManager.default.createFile(atPath: log, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            return (127, "cannot create a temporary file for git's output")
        }
        defer { try? FileManager.default.removeItem(atPath: log) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_APPEND, 0)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Nothing else of ours reaches git: not the store's database, not a listening socket, not
        // the descriptor a parent watches for this process's exit.
        guard let closeFrom = Self.closeFrom, closeFrom(&actions, 3) == 0 else {
            return (127, "cannot keep the service's descriptors from git (glibc 2.34 or later is needed)")
        }
        let argv = (["git"] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, "git", &actions, &attributes, argv, envp)
        guard spawned == 0 else { return (127, "cannot run git: \(String(cString: strerror(spawned)))") }
        running.withLock { $0.insert(pid) }
        defer { running.withLock { _ = $0.remove(pid) } }
        var status: Int32 = 0
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { break }
            if r < 0 && errno != EINTR { return (127, "lost track of git") }
            if Date() >= deadline {
                kill(-pid, SIGKILL)
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                return (nil, "")
            }
            usleep(20_000)
        }
        let code: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let output = FileManager.default.contents(atPath: log) ?? Data()
        return (code, String(decoding: output.prefix(64 << 10), as: UTF8.self))
    }
}
