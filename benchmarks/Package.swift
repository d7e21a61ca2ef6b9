// swift-tools-version: 6.0
// Throughput harness for secretradar; not part of the default build or the tests.
import PackageDescription

let package = Package(
    name: "secretradar-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "secretradar", path: "..")],
    targets: [
        .executableTarget(
            name: "MatcherBench",
            dependencies: [
                .product(name: "RadarModel", package: "secretradar"),
                .product(name: "RadarRules", package: "secretradar"),
                .product(name: "RadarMatch", package: "secretradar"),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
