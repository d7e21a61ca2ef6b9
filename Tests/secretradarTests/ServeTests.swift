import Foundation
import XCTest

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `secretradar serve` as a user runs it: the binary on 127.0.0.1 and a free port, with its own
/// HOME and caches, fed GitLab webhooks over real HTTP, killed with SIGKILL in the middle of a job
/// and started again (issue 18).
/// The all-zero commit id of a new branch.
enum PushZero {
    static let zero = String(repeating: "0", count: 40)
}

final class ServeTests: CLITestCase {
    static let webhookToken = "serve-test-webhook-token"
    var servers: [Process] = []
    var hanging: Int32 = -1

    override func tearDownWithError() throws {
        for server in servers where server.isRunning {
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
        }
        if hanging >= 0 { close(hanging) }
        try super.tearDownWithError()
    }

    /// Starts `secretradar serve ARGS` and waits for "listening on"; returns the process and its port.
    func serve(_ arguments: [String], log: String) throws -> (Process, Int) {
        let port = try OpenBaoServer.freePort()
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["serve", "--listen", "127.0.0.1:\(port)"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = work.appendingPathComponent("home").path
        environment["XDG_CACHE_HOME"] = work.appendingPathComponent("xdg-cache").path
        environment["SECRETRADAR_CACHE_DIR"] = Self.sharedCache.path
        environment["SECRETRADAR_WEBHOOK_TOKEN"] = Self.webhookToken
        environment["SECRETRADAR_STORE"] = nil
        process.environment = environment
        let logPath = work.appendingPathComponent(log).path
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: logPath)
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        servers.append(process)
        for _ in 0..<300 {
            if let text = try? String(contentsOfFile: logPath, encoding: .utf8), text.contains("listening on 127.0.0.1:\(port)") {
                return (process, port)
            }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw NSError(
            domain: "serve", code: 1,
            userInfo: [NSLocalizedDescriptionKey: "serve did not start: \((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "")"])
    }

    /// One HTTP request over loopback: status and body.
    func http(_ method: String, _ url: String, headers: [String: String] = [:], body: String? = nil) throws -> (Int, String) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        for (k, v) in headers { request.setValue(v, forHTTPHeaderField: k) }
        request.httpBody = body.map { Data($0.utf8) }
        request.timeoutInterval = 10
        let box = Answer()
        let done = DispatchSemaphore(value: 0)
        let task = URLSession.shared.dataTask(with: request) { data, response, _ in
            box.body = data ?? Data()
            box.status = (response as? HTTPURLResponse)?.statusCode ?? 0
            done.signal()
        }
        task.resume()
        done.wait()
        return (box.status, String(decoding: box.body, as: UTF8.self))
    }

    final class Answer: @unchecked Sendable {
        var status = 0
        var body = Data()
    }

    /// A port that accepts connections and never answers: a GitLab that hangs mid-fetch.
    func hangingPort() throws -> Int {
        hanging = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(hanging, $0, len) == 0 && getsockname(hanging, $0, &len) == 0 }
        }
        XCTAssertTrue(ok && listen(hanging, 16) == 0)
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    /// The project repository of these tests, `work/app`: writes `files`, commits them, returns the commit.
    var repo: String { work.appendingPathComponent("app").path }

    @discardableResult
    func commit(_ files: [String: String], _ subject: String) throws -> String {
        if !FileManager.default.fileExists(atPath: repo) {
            try FileManager.default.createDirectory(atPath: repo, withIntermediateDirectories: true)
            try git(["init", "-q", "-b", "main"])
        }
        for (name, text) in files { try text.write(toFile: repo + "/" + name, atomically: true, encoding: .utf8) }
        try git(["add", "."])
        try git(["commit", "-qm", subject])
        return try git(["rev-parse", "HEAD"])
    }

    @discardableResult
    func git(_ args: [String]) throws -> String {
        let r = try run(
            ["-c", "user.name=t", "-c", "user.email=t@example.com"] + args, executable: URL(fileURLWithPath: "/usr/bin/git"),
            directory: URL(fileURLWithPath: repo))
        XCTAssertEqual(r.status, 0, r.stderr)
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func job(_ port: Int, token: String, id: Int = 1) throws -> [String: Any] {
        let (status, body) = try http("GET", "http://127.0.0.1:\(port)/api/v1/jobs/\(id)", headers: ["Authorization": "Bearer \(token)"])
        XCTAssertEqual(status, 200, body)
        return (try? json(body)) ?? [:]
    }

    func waitForJob(_ port: Int, token: String, state: String) throws -> [String: Any] {
        var last: [String: Any] = [:]
        for _ in 0..<400 {
            last = try job(port, token: token)
            if last["state"] as? String == state { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTFail("job never reached \(state): \(last)")
        return last
    }

    func testAPushWebhookIsScannedOnceEvenWhenTheServerIsKilledMidJob() throws {
        // A project with one old and one newly pushed secret.
        let before = try commit(["old.env": "TOKEN=glpat-Rk7mQ2xW9pL4vT8nZ3sY\n"], "old")
        let store = work.appendingPathComponent("radar.db").path
        // The migration baseline knows the old token.
        let baseline = work.appendingPathComponent("baseline.json").path
        let made = try run(["baseline", "create", "--git", repo, "--store", store, "-o", baseline])
        XCTAssertEqual(made.status, 0, made.stderr)
        let config = work.appendingPathComponent("serve.yml").path
        try "baselines:\n  g: \(baseline)\nlease_seconds: 30\n".write(toFile: config, atomically: true, encoding: .utf8)
        // The push adds a new key, and copies the known token to a second file.
        let after = try commit(
            [
                "new.env": "STRIPE=sk_live_4eC39HqLyjWDarjtT1zdp7dcXk\n",
                "copy.env": "# copied from old.env\nTOKEN=glpat-Rk7mQ2xW9pL4vT8nZ3sY\n",
            ], "new")
        let created = try run(["token", "create", "--name", "ci", "--scope", "read", "--store", store])
        XCTAssertEqual(created.status, 0, created.stderr)
        let token = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(token.hasPrefix("srt_"))
        XCTAssertEqual(try run(["token", "list", "--store", store]).stdout.contains(token), false, "a token is shown only once")

        // First server: its GitLab hangs, so the job is still running when the server is killed.
        let gitlab = "https://gitlab.example.com/g/app.git"
        let (first, port) = try serve(
            ["--config", config, "--store", store, "--clone-url-rewrite", "\(gitlab)=http://127.0.0.1:\(try hangingPort())/g/app.git"],
            log: "first.log")
        let body = """
            {"object_kind": "push", "before": "\(before)", "after": "\(after)", "ref": "refs/heads/main",
             "project": {"path_with_namespace": "g/app", "git_http_url": "\(gitlab)"}}
            """
        let hook = ["X-Gitlab-Token": Self.webhookToken, "X-Gitlab-Event": "Push Hook", "X-Gitlab-Event-UUID": "delivery-1"]
        let (status, answer) = try http("POST", "http://127.0.0.1:\(port)/hooks/gitlab", headers: hook, body: body)
        XCTAssertEqual(status, 202, answer)
        XCTAssertEqual(
            try http(
                "POST", "http://127.0.0.1:\(port)/hooks/gitlab",
                headers: ["X-Gitlab-Token": "wrong-token-value", "X-Gitlab-Event": "Push Hook"], body: body
            ).0, 401)
        XCTAssertEqual(try http("GET", "http://127.0.0.1:\(port)/healthz").0, 200)
        XCTAssertEqual(try http("GET", "http://127.0.0.1:\(port)/readyz").1, #"{"status":"ready"}"#)
        XCTAssertEqual(try http("GET", "http://127.0.0.1:\(port)/api/v1/jobs").0, 401, "the API needs a token")
        _ = try waitForJob(port, token: token, state: "running")
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()

        // Second server, fetching from the repository itself: the killed server's job runs again, once.
        let (second, port2) = try serve(
            ["--config", config, "--store", store, "--clone-url-rewrite", "\(gitlab)=\(repo)"], log: "second.log")
        let done = try waitForJob(port2, token: token, state: "done")
        XCTAssertEqual(done["attempts"] as? Int, 2, "\(done)")
        XCTAssertEqual(done["new_findings"] as? Int, 2, "the pushed Stripe key, and the known token's copy: \(done)")
        // The replayed delivery queues nothing.
        XCTAssertEqual(
            try http("POST", "http://127.0.0.1:\(port2)/hooks/gitlab", headers: hook, body: body).1, #"{"job":1,"status":"duplicate"}"#)
        let (listed, jobs) = try http("GET", "http://127.0.0.1:\(port2)/api/v1/jobs", headers: ["Authorization": "Bearer \(token)"])
        XCTAssertEqual(listed, 200)
        XCTAssertEqual((try json(jobs)["jobs"] as? [[String: Any]])?.count, 1, "one job: nothing doubled")
        let (_, findings) = try http("GET", "http://127.0.0.1:\(port2)/api/v1/findings", headers: ["Authorization": "Bearer \(token)"])
        let list = try json(findings)["findings"] as? [[String: Any]] ?? []
        XCTAssertEqual(
            Set(list.map { "\($0["rule"] as? String ?? "") \($0["baseline"] as? String ?? "-")" }),
            ["stripe.secret_key new", "gitlab.personal_access_token new_location"], findings)
        let (_, fresh) = try http(
            "GET", "http://127.0.0.1:\(port2)/api/v1/findings?baseline=new", headers: ["Authorization": "Bearer \(token)"])
        XCTAssertEqual((try json(fresh)["findings"] as? [[String: Any]])?.map { $0["rule"] as? String }, ["stripe.secret_key"], fresh)
        XCTAssertFalse(findings.contains("4eC39HqLyjWDarjtT1zdp7dcXk"), "no plaintext secret")
        let stripe = list.first { $0["rule"] as? String == "stripe.secret_key" }
        XCTAssertEqual((stripe?["locations"] as? [[String: Any]])?.first?["in_latest"] as? Bool, true, "in the default branch's tip")
        let (_, metrics) = try http("GET", "http://127.0.0.1:\(port2)/metrics")
        XCTAssertTrue(metrics.contains(#"secretradar_jobs{state="done"} 1"#), metrics)
        // SIGTERM stops it cleanly.
        kill(second.processIdentifier, SIGTERM)
        second.waitUntilExit()
        XCTAssertEqual(second.terminationStatus, 0)
        let logs =
            (try String(contentsOfFile: work.appendingPathComponent("first.log").path, encoding: .utf8))
            + (try String(contentsOfFile: work.appendingPathComponent("second.log").path, encoding: .utf8))
        XCTAssertTrue(logs.contains("jobs of a stopped server queued again"), logs)
        for secret in [Self.webhookToken, token, "4eC39HqLyjWDarjtT1zdp7dcXk"] {
            XCTAssertFalse(logs.contains(secret), "the log holds no secret")
        }
    }

    /// SIGTERM while a job is running: the server stops within its grace period and hands the job
    /// back (its attempt not counted), and the next server runs it once.
    func testSIGTERMHandsARunningJobBack() throws {
        let after = try commit(["new.env": "STRIPE=sk_live_4eC39HqLyjWDarjtT1zdp7dcXk\n"], "new")
        let store = work.appendingPathComponent("radar.db").path
        let token = try run(["token", "create", "--name", "ops", "--scope", "read", "--store", store]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let config = work.appendingPathComponent("serve.yml").path
        try "shutdown_grace_seconds: 1\n".write(toFile: config, atomically: true, encoding: .utf8)
        let gitlab = "https://gitlab.example.com/g/app.git"
        let (first, port) = try serve(
            [
                "--config", config, "--store", store, "--json-logs", "--clone-url-rewrite",
                "\(gitlab)=http://127.0.0.1:\(try hangingPort())/g/app.git",
            ],
            log: "first.log")
        let body = """
            {"object_kind": "push", "before": "\(PushZero.zero)", "after": "\(after)", "ref": "refs/heads/main",
             "project": {"path_with_namespace": "g/app", "git_http_url": "\(gitlab)"}}
            """
        let hook = ["X-Gitlab-Token": Self.webhookToken, "X-Gitlab-Event": "Push Hook"]
        XCTAssertEqual(try http("POST", "http://127.0.0.1:\(port)/hooks/gitlab", headers: hook, body: body).0, 202)
        XCTAssertEqual(try waitForJob(port, token: token, state: "running")["attempts"] as? Int, 1)
        let stopping = Date()
        kill(first.processIdentifier, SIGTERM)
        first.waitUntilExit()
        XCTAssertEqual(first.terminationStatus, 0)
        XCTAssertLessThan(Date().timeIntervalSince(stopping), 20, "the grace period bounds the stop")
        let log = try String(contentsOfFile: work.appendingPathComponent("first.log").path, encoding: .utf8)
        XCTAssertTrue(log.contains("job handed back at shutdown"), log)
        // --json-logs: every log line is a JSON object; requests carry their id.
        let objects = log.split(separator: "\n").filter { $0.hasPrefix("{") }.compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        XCTAssertEqual(objects.count, log.split(separator: "\n").filter { $0.hasPrefix("{") }.count, "each line parses")
        XCTAssertTrue(
            objects.contains {
                $0["message"] as? String == "request" && $0["request_id"] != nil && $0["path"] as? String == "/hooks/gitlab"
            })
        XCTAssertTrue(objects.contains { $0["message"] as? String == "job started" && $0["project"] as? String == "g/app" })
        let (_, port2) = try serve(["--config", config, "--store", store, "--clone-url-rewrite", "\(gitlab)=\(repo)"], log: "second.log")
        let done = try waitForJob(port2, token: token, state: "done")
        XCTAssertEqual(done["attempts"] as? Int, 1, "the handed-back attempt is not counted: \(done)")
        XCTAssertEqual(done["new_findings"] as? Int, 1)
    }

    func testMissingSettingsAreNamed() throws {
        var r = try run(["serve", "--store", work.appendingPathComponent("r.db").path], environment: ["SECRETRADAR_WEBHOOK_TOKEN": ""])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("SECRETRADAR_WEBHOOK_TOKEN"), r.stderr)
        let config = work.appendingPathComponent("serve.yml").path
        try "listen: 127.0.0.1:0\ngitlab_token: glpat-in-a-file\n".write(toFile: config, atomically: true, encoding: .utf8)
        r = try run(["serve", "--config", config], environment: ["SECRETRADAR_WEBHOOK_TOKEN": Self.webhookToken])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("serve.yml:2: gitlab_token is a secret"), r.stderr)
        XCTAssertFalse(r.stderr.contains("glpat-in-a-file"))
    }
}
