// swift-tools-version: 6.0
// secretradar: secret scanner for GitLab → Vault migrations. Module layout: docs/architecture.md.
import PackageDescription

let package = Package(
    name: "secretradar",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "secretradar", targets: ["secretradar"]),
        // Libraries for the benchmark harness in benchmarks/ (a separate package, outside the default build).
        .library(name: "RadarModel", targets: ["RadarModel"]),
        .library(name: "RadarRules", targets: ["RadarRules"]),
        .library(name: "RadarMatch", targets: ["RadarMatch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.100.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.30.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // `.secretradar.toml` (docs/configuration.md).
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .systemLibrary(name: "CPCRE2", pkgConfig: "libpcre2-8", providers: [.apt(["libpcre2-dev"])]),
        .systemLibrary(name: "CVectorscan", pkgConfig: "libhs", providers: [.apt(["libhyperscan-dev"])]),
        // libgit2 is linked as a system library (docs/git-loading.md says why the dlopen layer went).
        .systemLibrary(name: "CGit2", pkgConfig: "libgit2", providers: [.apt(["libgit2-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "RadarModel"),
        .target(name: "RadarSupport"),
        // The rule pack is embedded at build time (Plugins/EmbedRules), so the binary carries it.
        .target(
            name: "RadarRules", dependencies: ["RadarModel", "RadarSupport", .product(name: "Yams", package: "Yams")],
            plugins: [.plugin(name: "EmbedRules")]),
        .executableTarget(name: "EmbedRulesTool"),
        .plugin(name: "EmbedRules", capability: .buildTool(), dependencies: ["EmbedRulesTool"]),
        .target(name: "RadarMatch", dependencies: ["RadarModel", "RadarSupport", "RadarRules", "CPCRE2", "CVectorscan"]),
        .target(name: "RadarGit", dependencies: ["RadarModel", "RadarSupport", "CGit2", "CZlib"]),
        .target(name: "RadarGitLab", dependencies: ["RadarModel", "RadarRules", "RadarMatch", .product(name: "Yams", package: "Yams")]),
        .target(name: "RadarReport", dependencies: ["RadarModel"]),
        // Vault's HTTP API (docs/vault-plan.md): `vault verify`; the service will use it too.
        .target(
            name: "RadarVault",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]),
        .target(name: "RadarStore", dependencies: ["RadarModel", "RadarSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "RadarEngine",
            dependencies: [
                "RadarModel", "RadarSupport", "RadarRules", "RadarMatch", "RadarGit", "RadarStore", "RadarGitLab", "RadarVault",
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "TOMLKit", package: "TOMLKit"),
            ]),
        // `secretradar serve` (docs/service.md): GitLab webhooks, the job queue's workers, the findings API.
        .target(
            name: "RadarServer",
            dependencies: [
                "RadarModel", "RadarSupport", "RadarRules", "RadarMatch", "RadarGit", "RadarStore", "RadarEngine",
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"), .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Yams", package: "Yams"), "RadarReport", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        .executableTarget(
            name: "secretradar",
            dependencies: [
                "RadarModel", "RadarSupport", "RadarRules", "RadarMatch", "RadarReport", "RadarEngine", "RadarGit", "RadarStore",
                "RadarGitLab", "RadarVault", "RadarServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"), .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(name: "RadarModelTests", dependencies: ["RadarModel"]),
        .testTarget(name: "RadarSupportTests", dependencies: ["RadarSupport"]),
        .testTarget(name: "RadarRulesTests", dependencies: ["RadarRules"]),
        .testTarget(name: "RadarMatchTests", dependencies: ["RadarMatch", "RadarRules", "RadarSupport", "RadarTestSupport"]),
        .testTarget(name: "RadarGitTests", dependencies: ["RadarGit", "RadarTestSupport"]),
        .testTarget(
            name: "RadarStoreTests", dependencies: ["RadarStore", .product(name: "GRDB", package: "GRDB.swift")], exclude: ["Golden"]),
        .testTarget(
            name: "RadarGitLabTests",
            dependencies: ["RadarGitLab", "RadarRules", "RadarReport", .product(name: "Yams", package: "Yams")], exclude: ["Golden"]),
        .testTarget(name: "RadarReportTests", dependencies: ["RadarReport"]),
        .target(name: "RadarTestSupport", path: "Tests/RadarTestSupport"),
        .testTarget(name: "RadarEngineTests", dependencies: ["RadarEngine", "RadarRules", "RadarStore", "RadarTestSupport"]),
        .testTarget(
            name: "RadarServerTests",
            dependencies: [
                "RadarServer", "RadarStore", "RadarEngine", "RadarTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"), .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"), .product(name: "Yams", package: "Yams"), "RadarModel",
            ]),
        .testTarget(
            name: "secretradarTests",
            dependencies: [
                "secretradar", "RadarTestSupport", .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)
