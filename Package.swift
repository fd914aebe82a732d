// swift-tools-version: 6.1
// Freightline: Kargo's promotion model without Kargo's control plane.
// Layers (DESIGN §4): Pipeline (pure domain) ← Manifests (YAML) / GitStore (libgit2) ← commands ← executable.
import PackageDescription

let package = Package(
    name: "Freightline",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "freightline", targets: ["freightline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        .target(name: "Pipeline"),
        .target(
            name: "Manifests",
            dependencies: ["Pipeline", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "GitStore", dependencies: ["CLibGit2"]),
        .target(
            name: "FreightlineCommands",
            dependencies: [
                "Pipeline", "Manifests", "GitStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "freightline", dependencies: ["FreightlineCommands"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline"]),
        .testTarget(name: "ManifestsTests", dependencies: ["Manifests", "Pipeline"]),
        .testTarget(name: "GitStoreTests", dependencies: ["GitStore"]),
        .testTarget(name: "CLITests", dependencies: ["FreightlineCommands"]),
    ],
    swiftLanguageModes: [.v6]
)
