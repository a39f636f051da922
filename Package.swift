// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "reportsite",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "ReportSite", targets: ["ReportSite"]),
        .executable(name: "reportsite", targets: ["reportsite"]),
        .executable(name: "reportsite-serve", targets: ["reportsite-serve"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // cmark-gfm from the system (Debian: libcmark-gfm-dev, libcmark-gfm-extensions-dev).
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(
            name: "ReportSite",
            dependencies: [
                "CCmarkGFM",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The preview server: only `reportsite serve` needs it.
        .target(
            name: "ReportSiteServer",
            dependencies: [
                "ReportSite",
                .product(name: "FlyingFox", package: "FlyingFox"),
            ]
        ),
        // What both commands share: bad arguments exit 2.
        .target(
            name: "CommandLineExit",
            dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "reportsite",
            dependencies: [
                "ReportSite",
                "CommandLineExit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `reportsite serve`, a program of its own: the server's HTTP library
        // brings Foundation's networking and libcurl with some thirty shared
        // libraries, whose loading was half of every other command's start.
        .executableTarget(
            name: "reportsite-serve",
            dependencies: [
                "ReportSite",
                "ReportSiteServer",
                "CommandLineExit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "ReportSiteTests",
            dependencies: [
                "ReportSite", "ReportSiteServer",
                // Only as the reference the site's own template engine is compared with.
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            exclude: ["Fixtures", "Snapshots"]
        ),
    ]
)
