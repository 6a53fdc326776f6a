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
        .library(name: "WeftConnectors", targets: ["WeftConnectors"]),
        .library(name: "WeftStore", targets: ["WeftStore"]),
        .library(name: "WeftStoreSQLite", targets: ["WeftStoreSQLite"]),
        .library(name: "WeftServer", targets: ["WeftServer"]),
        .library(name: "WeftOpenAPI", targets: ["WeftOpenAPI"]),
        .library(name: "WeftMapping", targets: ["WeftMapping"]),
        .library(name: "WeftCatalog", targets: ["WeftCatalog"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/vapor/sqlite-nio", from: "1.13.2"),
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
            name: "WeftOpenAPI",
            dependencies: [
                "WeftModel", "WeftJSON", .product(name: "Yams", package: "Yams"),
                .product(name: "Collections", package: "swift-collections"),
            ]
        ),
        .target(
            name: "WeftMapping",
            dependencies: [
                "WeftOpenAPI", "WeftModel", "WeftJSON", .product(name: "Collections", package: "swift-collections"),
            ]
        ),
        .target(
            name: "WeftCatalog",
            dependencies: ["WeftModel", "WeftJSON"],
            resources: [.copy("Apps")]
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
        .target(
            name: "WeftConnectors",
            dependencies: [
                "WeftRuntime", "WeftModel", "WeftJSON", "JSONata",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Collections", package: "swift-collections"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .target(
            name: "WeftStore",
            dependencies: ["WeftJSON", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "WeftStoreSQLite",
            dependencies: [
                "WeftStore", "WeftJSON", .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "WeftServer",
            dependencies: [
                "WeftConnectors", "WeftRuntime", "WeftModel", "WeftJSON", "WeftStore", "WeftCatalog", "WeftOpenAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "weft",
            dependencies: [
                "WeftJSON", "JSONata", "JSONataSuite", "WeftModel", "WeftRuntime", "WeftConnectors", "WeftServer",
                "WeftStore", "WeftStoreSQLite", "WeftOpenAPI", "WeftMapping", "WeftCatalog",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "WeftJSONTests", dependencies: ["WeftJSON"]),
        .testTarget(
            name: "WeftRuntimeTests", dependencies: ["WeftRuntime", "WeftModel", "WeftJSON", "WeftTestSupport"]
        ),
        .testTarget(
            name: "WeftConnectorsTests",
            dependencies: [
                "WeftConnectors", "WeftRuntime", "WeftModel", "WeftJSON", "WeftTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "WeftServerTests",
            dependencies: [
                "WeftServer", "WeftConnectors", "WeftRuntime", "WeftModel", "WeftJSON", "WeftStore", "WeftStoreSQLite",
                "WeftTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "WeftTestSupport",
            dependencies: [
                "WeftRuntime", "WeftModel", "WeftJSON",
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/WeftTestSupport"
        ),
        .testTarget(
            name: "WeftCLITests",
            dependencies: [
                "WeftTestSupport", "WeftJSON", .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "WeftStoreTests",
            dependencies: [
                "WeftStore", "WeftStoreSQLite", "WeftJSON", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "WeftOpenAPITests", dependencies: ["WeftOpenAPI", "WeftModel", "WeftJSON"]),
        .testTarget(name: "WeftMappingTests", dependencies: ["WeftMapping", "WeftModel", "WeftJSON"]),
        .testTarget(
            name: "WeftCatalogTests",
            dependencies: [
                "WeftCatalog", "WeftConnectors", "WeftRuntime", "WeftModel", "WeftJSON", "WeftTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(name: "WeftModelTests", dependencies: ["WeftModel", "WeftJSON"], exclude: ["Fixtures"]),
        .testTarget(
            name: "JSONataTests",
            dependencies: ["JSONata", "JSONataSuite", "WeftJSON"],
            exclude: ["Conformance/known-failures.txt"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
