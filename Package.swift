// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "weft",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "weft", targets: ["weft"]),
        .library(name: "WeftJSON", targets: ["WeftJSON"]),
        .library(name: "JSONata", targets: ["JSONata"]),
        .library(name: "JSONataSuite", targets: ["JSONataSuite"]),
        .library(name: "WeftModel", targets: ["WeftModel"]),
        .library(name: "WeftRuntime", targets: ["WeftRuntime"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .target(
            name: "WeftJSON",
            dependencies: [.product(name: "Collections", package: "swift-collections")]
        ),
        .target(
            name: "JSONata",
            dependencies: ["WeftJSON", "CStackBounds", .product(name: "Collections", package: "swift-collections")]
        ),
        .target(name: "CStackBounds"),
        .target(
            name: "WeftModel",
            dependencies: [
                "WeftJSON", "JSONata", .product(name: "Yams", package: "Yams"),
                .product(name: "Collections", package: "swift-collections"),
            ]
        ),
        .target(
            name: "JSONataSuite",
            dependencies: ["JSONata", "WeftJSON"]
        ),
        .target(
            name: "WeftRuntime",
            dependencies: [
                "WeftModel", "WeftJSON", "JSONata", .product(name: "Collections", package: "swift-collections"),
            ]
        ),
        .executableTarget(
            name: "weft",
            dependencies: [
                "WeftJSON", "JSONata", "JSONataSuite", "WeftModel", "WeftRuntime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "WeftJSONTests", dependencies: ["WeftJSON"]),
        .testTarget(name: "WeftModelTests", dependencies: ["WeftModel", "WeftJSON"], exclude: ["Fixtures"]),
        .testTarget(
            name: "JSONataTests",
            dependencies: ["JSONata", "JSONataSuite", "WeftJSON"],
            exclude: ["Conformance/known-failures.txt"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
