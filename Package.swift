// swift-tools-version: 6.1
// Freightline: Kargo's promotion model without Kargo's control plane.
// Layers (DESIGN §4): Pipeline (pure domain) ← Manifests (YAML via libyaml) / GitStore (libgit2) ← Reconciler ← commands ← executable.
import PackageDescription

let package = Package(
    name: "Freightline",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "freightline", targets: ["freightline"]),
        .executable(name: "freightline-bench", targets: ["freightline-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .target(name: "Pipeline", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "Manifests",
            dependencies: ["Pipeline", "Expressions", "CLibYAML"]
        ),
        .target(name: "GitStore", dependencies: ["CLibGit2"]),
        .target(name: "Expressions", dependencies: ["Pipeline"]),
        .target(name: "Steps", dependencies: [
            "Pipeline", "Manifests", "GitStore", "Expressions", "HTTPSupport", "GitHosting", "ArgoCD",
        ]),
        .target(name: "HTTPSupport"),
        .target(name: "Discovery", dependencies: ["Pipeline", "Manifests", "Expressions", "GitStore", "HTTPSupport"]),
        .target(name: "Verification", dependencies: ["Pipeline", "Expressions", "HTTPSupport"]),
        .target(name: "GitHosting", dependencies: ["Pipeline", "HTTPSupport"]),
        .target(name: "ArgoCD", dependencies: ["Pipeline", "HTTPSupport"]),
        .target(name: "Promotions", dependencies: ["Pipeline", "Manifests", "Expressions", "GitStore", "Steps", "GitHosting", "ArgoCD"]),
        .target(name: "Reconciler", dependencies: [
            "Pipeline", "Manifests", "GitStore", "Discovery", "Verification", "ArgoCD", "GitHosting",
        ]),
        .target(
            name: "FreightlineCommands",
            dependencies: [
                "Pipeline", "Manifests", "GitStore", "Reconciler", "Promotions", "Steps", "Discovery", "Verification",
                "GitHosting", "ArgoCD",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "freightline", dependencies: ["FreightlineCommands"]),
        .executableTarget(
            name: "freightline-bench",
            dependencies: ["Pipeline", "Manifests", "Reconciler", "GitStore", "Steps", "Discovery", "CLibYAML",
                           .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(name: "PipelineTests", dependencies: [
            "Pipeline", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "ManifestsTests", dependencies: ["Manifests", "Pipeline"]),
        .target(name: "TestSupport", dependencies: ["GitStore", .product(name: "FlyingFox", package: "FlyingFox")],
                path: "Tests/TestSupport"),
        .testTarget(name: "GitStoreTests", dependencies: ["GitStore", "TestSupport"]),
        .testTarget(name: "ExpressionsTests", dependencies: ["Expressions", "Pipeline"]),
        .testTarget(name: "StepsTests", dependencies: ["Steps", "Pipeline", "GitStore", "TestSupport"]),
        .testTarget(name: "DiscoveryTests", dependencies: ["Discovery", "Pipeline", "Manifests", "GitStore", "TestSupport"]),
        .testTarget(name: "PromotionsTests", dependencies: ["Promotions", "Steps", "Expressions", "Manifests", "Pipeline"]),
        .testTarget(name: "VerificationTests", dependencies: ["Verification", "Pipeline", "Expressions", "HTTPSupport", "TestSupport"]),
        .testTarget(name: "ReconcilerTests", dependencies: ["Reconciler", "Discovery", "Manifests", "Pipeline", "GitStore", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["FreightlineCommands", "Pipeline", "Reconciler", "TestSupport"]),
        .testTarget(name: "GitHostingTests", dependencies: ["GitHosting", "HTTPSupport", "Steps", "Pipeline", "TestSupport"]),
        .testTarget(name: "ArgoCDTests", dependencies: ["ArgoCD", "HTTPSupport", "Steps", "Pipeline", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
