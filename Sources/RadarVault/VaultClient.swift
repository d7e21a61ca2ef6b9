import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// Why a Vault request failed: never the response body (it may hold a secret), only the path,
/// the status and Vault's own error strings.
public enum VaultError: Error, Sendable, CustomStringConvertible {
    case configuration(String)
    case unreachable(address: String, message: String)
    case status(path: String, code: Int, errors: [String])
    case malformed(path: String)

    public var description: String {
        switch self {
        case .configuration(let message): message
        case .unreachable(let address, let message): "\(address): cannot reach Vault: \(message)"
        case .status(let path, let code, let errors):
            "\(path): Vault answered \(code)\(errors.isEmpty ? "" : " (\(errors.joined(separator: "; ")))")"
        case .malformed(let path): "\(path): Vault's answer is not the JSON expected"
        }
    }
}

/// A small client for Vault's (and OpenBao's) HTTP API over AsyncHTTPClient: TLS with
/// `VAULT_CACERT`, `VAULT_NAMESPACE`, a timeout on every request. Reads only.
public final class VaultClient: @unchecked Sendable {
    public let address: String
    let token: String
    let namespace: String?
    let timeout: TimeAmount
    let http: HTTPClient

    /// From `VAULT_ADDR`, `VAULT_TOKEN`, `VAULT_NAMESPACE` and `VAULT_CACERT` (or OpenBao's `BAO_*`).
    public convenience init(environment: [String: String], timeout seconds: Int64 = 30) throws(VaultError) {
        func value(_ name: String) -> String? {
            (environment["VAULT_" + name] ?? environment["BAO_" + name]).flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let address = value("ADDR") else { throw .configuration("VAULT_ADDR is not set: point it at the Vault server") }
        guard let token = value("TOKEN") else { throw .configuration("VAULT_TOKEN is not set: a token that can read the plan's paths") }
        try self.init(address: address, token: token, namespace: value("NAMESPACE"), caCertificate: value("CACERT"), timeout: seconds)
    }

    public init(address: String, token: String, namespace: String? = nil, caCertificate: String? = nil, timeout seconds: Int64 = 30)
        throws(VaultError)
    {
        self.address = address.hasSuffix("/") ? String(address.dropLast()) : address
        self.token = token
        self.namespace = namespace
        timeout = .seconds(seconds)
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caCertificate {
            do { tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caCertificate)) } catch {
                throw .configuration("\(caCertificate): cannot read the CA certificate (VAULT_CACERT): \(error)")
            }
        }
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(10), read: .seconds(seconds))
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    deinit { try? http.syncShutdown() }

    /// `GET /v1/<path>`: the JSON object, or nil when Vault says there is nothing there (404).
    public func read(_ path: String) throws(VaultError) -> [String: Any]? {
        let (code, body) = try send(path)
        if code == 404 { return nil }
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
            throw code == 200 ? .malformed(path: path) : .status(path: path, code: code, errors: [])
        }
        guard code == 200 else { throw .status(path: path, code: code, errors: object["errors"] as? [String] ?? []) }
        return object
    }

    /// `LIST /v1/<path>`: the keys, or nil when there are none (404). `after` and `limit` ask for
    /// one page (OpenBao 2.0 and later; Vault ignores them and answers every key).
    public func list(_ path: String, after: String? = nil, limit: Int? = nil) throws(VaultError) -> [String]? {
        var query: [String] = []
        if let limit { query.append("limit=\(limit)") }
        if let after { query.append("after=" + Self.encoded(after)) }
        let (code, body) = try send(path, query: query.joined(separator: "&"), method: .RAW(value: "LIST"))
        if code == 404 { return nil }
        guard code == 200, let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
            throw .status(path: path, code: code, errors: [])
        }
        return (object["data"] as? [String: Any])?["keys"] as? [String] ?? []
    }

    /// Every key of a `LIST`, a page of `pageSize` at a time, so a folder of a million keys is not
    /// one answer held in memory by both sides. A server that ignores paging (Vault) answers
    /// everything at once: a page that repeats a key seen before ends the walk.
    public func listAll(_ path: String, pageSize: Int = 1000) throws(VaultError) -> [String] {
        var keys: [String] = []
        var seen = Set<String>()
        var after: String?
        while true {
            guard let page = try list(path, after: after, limit: pageSize), !page.isEmpty else { break }
            let fresh = page.filter { seen.insert($0).inserted }
            keys += fresh
            if fresh.count < page.count || page.count < pageSize { break }
            after = page.last
        }
        return keys
    }

    /// A path segment or query value, percent-encoded (a key may hold spaces, `#`, `?` or `%`).
    static func encoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// A Vault path with each segment percent-encoded and its slashes kept.
    public static func encodedPath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { encoded(String($0)) }.joined(separator: "/")
    }

    func send(_ path: String, query: String = "", method: HTTPMethod = .GET) throws(VaultError) -> (Int, Data) {
        var request = HTTPClientRequest(url: address + "/v1/" + Self.encodedPath(path) + (query.isEmpty ? "" : "?" + query))
        request.method = method
        request.headers.add(name: "X-Vault-Token", value: token)
        if let namespace { request.headers.add(name: "X-Vault-Namespace", value: namespace) }
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        let (http, timeout, address) = (self.http, self.timeout, self.address)
        Task {
            do {
                let response = try await http.execute(request, timeout: timeout)
                let body = try await response.body.collect(upTo: 64 << 20)
                box.result = .success((Int(response.status.code), Data(body.readableBytesView)))
            } catch {
                box.result = .failure(.unreachable(address: address, message: "\(error)"))
            }
            done.signal()
        }
        done.wait()
        switch box.result! {
        case .success(let value): return value
        case .failure(let error): throw error
        }
    }

    final class ResultBox: @unchecked Sendable {
        var result: Result<(Int, Data), VaultError>?
    }
}
