import Foundation
import RadarTestSupport
import XCTest

/// Runs the built `secretradar` binary with a private config, cache and key, for end-to-end tests.
class CLITestCase: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// A fixed finding key so that finding ids in the golden file are stable.
    static let keyHex = String(repeating: "5a", count: 32)
    /// One compiled-database cache for every run of this test process: the pack's database takes
    /// about two seconds to compile cold in a debug build, and a cache entry is used only for the
    /// exact rules it was built from, so sharing it changes no result. Tests that are about the
    /// cache set their own `SECRETRADAR_CACHE_DIR`.
    static let sharedCache = FileManager.default.temporaryDirectory.appendingPathComponent("secretradar-cli-cache-\(getpid())")
    var work: URL!

    override func setUpWithError() throws {
        work = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try (Self.keyHex + "\n").write(to: work.appendingPathComponent("test.key"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: work) }

    /// The shared cache goes with the last test of each class, so no run leaves it behind.
    override class func tearDown() {
        try? FileManager.default.removeItem(at: sharedCache)
        super.tearDown()
    }

    static var binary: URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("secretradar"),
            Bundle.main.bundleURL.appendingPathComponent("secretradar"),
            root.appendingPathComponent(".build/debug/secretradar"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[2]
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    @discardableResult
    func run(
        _ arguments: [String], stdin: String? = nil, environment extra: [String: String] = [:], executable: URL? = nil,
        directory: URL? = nil
    ) throws -> Run {
        let process = Process()
        process.executableURL = executable ?? Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? Self.root
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CONFIG_HOME"] = work.appendingPathComponent("config").path
        environment["NO_COLOR"] = "1"
        environment["SECRETRADAR_CACHE_DIR"] = Self.sharedCache.path
        environment["XDG_CACHE_HOME"] = work.appendingPathComponent("xdg-cache").path
        environment["XDG_DATA_HOME"] = work.appendingPathComponent("data").path
        environment["SECRETRADAR_STORE"] = nil
        for (k, v) in extra { environment[k] = v }
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        // Standard input is written, and standard error read, on threads of their own while this one
        // reads standard output: one pipe at a time deadlocks as soon as the child fills another
        // (64 KiB of stderr while we wait for stdout's end, or stdout while we still write stdin).
        let errData = PipeData()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { errData.value = err.fileHandleForReading.readDataToEndOfFile() }
        let stdinBytes = stdin.map { Data($0.utf8) }
        let writer = input.fileHandleForWriting
        DispatchQueue.global().async(group: group) {
            if let stdinBytes { try? writer.write(contentsOf: stdinBytes) }
            try? writer.close()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData.value, as: UTF8.self))
    }

    /// What a reader thread read, handed over through `DispatchGroup.wait()`.
    final class PipeData: @unchecked Sendable { var value = Data() }

    /// A bare server repository whose pre-receive hook runs the built binary.
    func server(hookArguments: String = "") throws -> (server: String, client: String) {
        let server = work.appendingPathComponent("server.git").path
        try GitFixture.git(["init", "-q", "--bare", server], in: work.path)
        let hook = """
            #!/bin/sh
            export XDG_CONFIG_HOME='\(work.appendingPathComponent("config").path)'
            export SECRETRADAR_CACHE_DIR='\(work.appendingPathComponent("cache").path)'
            export XDG_DATA_HOME='\(work.appendingPathComponent("data").path)'
            exec '\(Self.binary.path)' hook pre-receive \(hookArguments)

            """
        let hookPath = server + "/hooks/pre-receive"
        try hook.write(toFile: hookPath, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hookPath)
        let client = work.appendingPathComponent("client").path
        try GitFixture.git(["init", "-q", "-b", "main", client], in: work.path)
        try "# demo\n".write(toFile: client + "/README.md", atomically: true, encoding: .utf8)
        try GitFixture.git(["add", "."], in: client)
        try GitFixture.git(["commit", "-q", "-m", "initial"], in: client)
        return (server, client)
    }

    func push(_ client: String, _ server: String, _ refspec: String = "main") throws -> (ok: Bool, output: String) {
        do {
            let out = try GitFixture.git(["push", server, refspec], in: client)
            return (true, out)
        } catch {
            return (false, "\(error)")
        }
    }

    var keyArgs: [String] { ["--key-file", work.appendingPathComponent("test.key").path] }

    func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

}
