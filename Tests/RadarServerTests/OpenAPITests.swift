import Foundation
import Hummingbird
import RadarModel
import RadarStore
import RadarTestSupport
import XCTest
import Yams

@testable import RadarServer

/// docs/openapi.yaml describes every route the server has, and nothing else.
final class OpenAPITests: XCTestCase {
    func testEveryRouteIsDocumentedAndEveryDocumentedRouteExists() throws {
        let text = try String(contentsOf: GitFixture.root.appendingPathComponent("docs/openapi.yaml"), encoding: .utf8)
        let document = try XCTUnwrap(try Yams.load(yaml: text) as? [String: Any])
        XCTAssertEqual(document["openapi"] as? String, "3.1.0")
        let paths = try XCTUnwrap(document["paths"] as? [String: Any])
        var documented = Set<String>()
        for (path, item) in paths {
            for method in (item as? [String: Any] ?? [:]).keys { documented.insert("\(method.uppercased()) \(path)") }
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("openapi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let store = try Store(path: work.appendingPathComponent("r.db").path)
        let routes = ServiceRoutes(
            configuration: ServerConfiguration(), store: store, queue: store, metrics: ServerMetrics(), wake: {}, ready: { true })
        let served = Set(
            routes.router().routes.map { route in
                let path = route.path.description.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
                return "\(route.method.rawValue) /" + path.joined(separator: "/")
            })
        XCTAssertEqual(served.subtracting(documented), [], "routes missing from docs/openapi.yaml")
        XCTAssertEqual(documented.subtracting(served), [], "documented routes the server does not have")
        XCTAssertGreaterThanOrEqual(served.count, 11)
        // The enums the document lists are the code's.
        let schemas = try XCTUnwrap((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
        let job = (schemas["Job"] as? [String: Any])?["properties"] as? [String: Any]
        XCTAssertEqual((job?["state"] as? [String: Any])?["enum"] as? [String], Job.State.allCases.map(\.rawValue))
        let triage =
            ((paths["/api/v1/findings/{id}/triage"] as? [String: Any])?["post"] as? [String: Any])?["requestBody"] as? [String: Any]
        let body = (((triage?["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any])
        let status = (body?["properties"] as? [String: Any])?["status"] as? [String: Any]
        XCTAssertEqual(status?["enum"] as? [String], TriageStatus.allCases.map(\.rawValue))
    }
}
