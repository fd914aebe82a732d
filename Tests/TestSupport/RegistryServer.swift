import Foundation

/// Two real OCI registries (Debian's `docker-registry`) sharing one storage folder, one
/// anonymous and one with htpasswd basic auth, started with `scripts/services.sh start
/// registry` in a private runtime folder and stopped (folder removed) when released. Each
/// test gets its own, on free loopback ports. Images are built by hand as OCI layouts
/// (an empty layer tarball, a config with `created`, a manifest, optionally an index) and
/// pushed with `skopeo copy` to the anonymous registry.
public final class RegistryServer: @unchecked Sendable {
    public struct Failed: Error, CustomStringConvertible {
        public let command: String
        public let status: Int32
        public let output: String
        public var description: String { "\(command) exited \(status):\n\(output)" }
    }

    /// `127.0.0.1:PORT`, no credentials needed.
    public let host: String
    /// `127.0.0.1:PORT2`, basic auth with `username` / `password`; same repositories.
    public let authHost: String
    public let username: String
    /// The generated password, also for checking it never leaks into messages.
    public let password: String
    private let service: ScriptedService
    private var runtime: URL { service.runtime }

    public init() throws {
        service = try ScriptedService("registry", folder: "registry-server", requiring: [
            "FREIGHTLINE_REGISTRY_HOST",
            "FREIGHTLINE_REGISTRY_AUTH_HOST",
            "FREIGHTLINE_REGISTRY_USERNAME",
            "FREIGHTLINE_REGISTRY_PASSWORD",
        ])
        host = service["FREIGHTLINE_REGISTRY_HOST"]
        authHost = service["FREIGHTLINE_REGISTRY_AUTH_HOST"]
        username = service["FREIGHTLINE_REGISTRY_USERNAME"]
        password = service["FREIGHTLINE_REGISTRY_PASSWORD"]
    }

    /// One platform of an image to push.
    public struct Platform: Sendable, Hashable {
        public var os: String
        public var architecture: String
        public var variant: String?

        public init(os: String = "linux", architecture: String, variant: String? = nil) {
            self.os = os
            self.architecture = architecture
            self.variant = variant
        }

        public static let amd64 = Platform(architecture: "amd64")
        public static let arm64 = Platform(architecture: "arm64")
    }

    /// Builds an image whose config says it was `created` (RFC 3339) and pushes it as
    /// `repository:tag` to the anonymous registry: a single manifest for one platform, an
    /// OCI image index for several. `annotations` go on the manifest (or index). Returns
    /// the digest the registry serves the tag under.
    @discardableResult
    public func push(
        repository: String,
        tag: String,
        created: String = "2026-01-01T00:00:00Z",
        platforms: [Platform] = [.amd64],
        annotations: [String: String]? = nil
    ) throws -> String {
        let layout = runtime.appendingPathComponent("layouts/\(UUID().uuidString)", isDirectory: true)
        let blobs = layout.appendingPathComponent("blobs/sha256", isDirectory: true)
        try FileManager.default.createDirectory(at: blobs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: layout) }

        func blob(_ bytes: [UInt8], _ mediaType: String, extra: [String: Any] = [:]) throws -> [String: Any] {
            let hex = SHA256Digest.hex(bytes)
            try Data(bytes).write(to: blobs.appendingPathComponent(hex))
            var descriptor: [String: Any] = ["mediaType": mediaType, "digest": "sha256:\(hex)", "size": bytes.count]
            descriptor.merge(extra) { $1 }
            return descriptor
        }
        func json(_ object: [String: Any]) throws -> [UInt8] {
            Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
        }

        // An empty tar archive (two zero blocks) is a valid layer.
        let layer = try blob([UInt8](repeating: 0, count: 1024), "application/vnd.oci.image.layer.v1.tar")
        var manifests: [[String: Any]] = []
        for platform in platforms {
            var config: [String: Any] = [
                "created": created, "architecture": platform.architecture, "os": platform.os,
                "rootfs": ["type": "layers", "diff_ids": [layer["digest"]!]],
                "config": ["Labels": ["dev.freightline.test.tag": tag]],
            ]
            if let variant = platform.variant { config["variant"] = variant }
            let configBlob = try blob(try json(config), "application/vnd.oci.image.config.v1+json")
            var manifest: [String: Any] = [
                "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                "config": configBlob, "layers": [layer],
            ]
            if platforms.count == 1, let annotations { manifest["annotations"] = annotations }
            var platformObject: [String: Any] = ["os": platform.os, "architecture": platform.architecture]
            if let variant = platform.variant { platformObject["variant"] = variant }
            manifests.append(try blob(try json(manifest), "application/vnd.oci.image.manifest.v1+json",
                                      extra: ["platform": platformObject]))
        }
        var top: [String: Any]
        if manifests.count == 1 {
            top = manifests[0]
            top["platform"] = nil
        } else {
            var index: [String: Any] = [
                "schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": manifests,
            ]
            if let annotations { index["annotations"] = annotations }
            top = try blob(try json(index), "application/vnd.oci.image.index.v1+json")
        }
        top["annotations"] = ["org.opencontainers.image.ref.name": tag]
        try Data(try json(["schemaVersion": 2, "manifests": [top]])).write(to: layout.appendingPathComponent("index.json"))
        try Data(#"{"imageLayoutVersion":"1.0.0"}"#.utf8).write(to: layout.appendingPathComponent("oci-layout"))

        let digestFile = layout.appendingPathComponent("pushed-digest").path
        try Self.skopeo(["copy", "-q", "--all", "--dest-tls-verify=false", "--digestfile", digestFile,
                         "oci:\(layout.path):\(tag)", "docker://\(host)/\(repository):\(tag)"])
        return try String(contentsOfFile: digestFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func skopeo(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["skopeo", "--insecure-policy"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failed(command: "skopeo " + arguments.joined(separator: " "), status: process.terminationStatus,
                         output: String(decoding: data, as: UTF8.self))
        }
    }
}

/// Whether the registry tests run. Under `CI=true` they always run, so a registry that
/// cannot start FAILS them with the script's output; elsewhere they are skipped (reported
/// as skipped) when `services.sh check registry` says something is missing.
public enum RegistryServerAvailability {
    public static let available = GitServerAvailability.serviceAvailable("registry", tests: "registry tests")
}

/// SHA-256 (FIPS 180-4), for the digests of hand-built OCI blobs; TestSupport has no
/// crypto library and the sizes are tiny.
enum SHA256Digest {
    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    static func hex(_ message: [UInt8]) -> String {
        var h: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
        var data = message
        data.append(0x80)
        while data.count % 64 != 56 { data.append(0) }
        let bits = UInt64(message.count) * 8
        for shift in stride(from: 56, through: 0, by: -8) { data.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
        var w = [UInt32](repeating: 0, count: 64)
        for chunk in stride(from: 0, to: data.count, by: 64) {
            for i in 0..<16 {
                w[i] = (0..<4).reduce(UInt32(0)) { $0 << 8 | UInt32(data[chunk + i * 4 + $1]) }
            }
            for i in 16..<64 {
                let s0 = rotate(w[i - 15], 7) ^ rotate(w[i - 15], 18) ^ (w[i - 15] >> 3)
                let s1 = rotate(w[i - 2], 17) ^ rotate(w[i - 2], 19) ^ (w[i - 2] >> 10)
                w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, hh) = (h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7])
            for i in 0..<64 {
                let s1 = rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)
                let choice = (e & f) ^ (~e & g)
                let t1 = hh &+ s1 &+ choice &+ k[i] &+ w[i]
                let s0 = rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)
                let majority = (a & b) ^ (a & c) ^ (b & c)
                let t2 = s0 &+ majority
                (hh, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
            }
            for (i, value) in [a, b, c, d, e, f, g, hh].enumerated() { h[i] = h[i] &+ value }
        }
        return h.map { word in
            let text = String(word, radix: 16)
            return String(repeating: "0", count: 8 - text.count) + text
        }.joined()
    }

    private static func rotate(_ value: UInt32, _ count: UInt32) -> UInt32 {
        (value >> count) | (value << (32 - count))
    }
}
