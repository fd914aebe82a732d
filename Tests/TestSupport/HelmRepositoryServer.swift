import Foundation

/// A real classic Helm chart repository (nginx serving static files, basic auth under
/// `/private/`) started with `scripts/services.sh start helm` in a private runtime folder,
/// and stopped (folder removed) when released. Each test gets its own, on its own free
/// loopback port. Charts are made with `tar czf` (helm itself is not needed).
public final class HelmRepositoryServer: @unchecked Sendable {
    public struct StartFailed: Error, CustomStringConvertible {
        public let status: Int32
        public let output: String
        public var description: String { "scripts/services.sh start helm exited \(status):\n\(output)" }
    }

    /// One version of a chart in an index: `Chart.yaml`'s name and version.
    public struct ChartVersion: Sendable, Hashable {
        public var name: String
        public var version: String
        public init(_ name: String, _ version: String) {
            self.name = name
            self.version = version
        }
    }

    /// http://127.0.0.1:PORT (public files)
    public let url: String
    /// http://127.0.0.1:PORT/private (basic auth)
    public let privateURL: String
    /// The folder served at `url`; `private/` in it is served at `privateURL`.
    public let folder: String
    public let username: String
    /// The generated password, for checking it never leaks into messages.
    public let password: String
    private let service: ScriptedService
    private var runtime: URL { service.runtime }
    private let lock = NSLock()
    private var lastIndexDates: [String: Date] = [:]

    public init() throws {
        service = try ScriptedService("helm", folder: "helm-server", requiring: [
            "FREIGHTLINE_HELM_URL",
            "FREIGHTLINE_HELM_PRIVATE_URL",
            "FREIGHTLINE_HELM_DIR",
            "FREIGHTLINE_HELM_USERNAME",
            "FREIGHTLINE_HELM_PASSWORD",
        ])
        url = service["FREIGHTLINE_HELM_URL"]
        privateURL = service["FREIGHTLINE_HELM_PRIVATE_URL"]
        folder = service["FREIGHTLINE_HELM_DIR"]
        username = service["FREIGHTLINE_HELM_USERNAME"]
        password = service["FREIGHTLINE_HELM_PASSWORD"]
    }

    /// Publishes `charts`: a `.tgz` per version (`<name>/Chart.yaml` inside, made with
    /// `tar czf`) and an `index.yaml` listing them, in `folder` (or `folder/private` when
    /// `private`). The index's modification time always moves forward by at least a
    /// second, so nginx's ETag and Last-Modified change with every publication.
    public func publish(_ charts: [ChartVersion], private isPrivate: Bool = false) throws {
        let directory = isPrivate ? folder + "/private" : folder
        var entries: [String: [(version: String, digest: String, file: String)]] = [:]
        for chart in charts {
            let file = "\(chart.name)-\(chart.version).tgz"
            let path = directory + "/" + file
            if !FileManager.default.fileExists(atPath: path) {
                try Self.makeArchive(chart, at: path, scratch: runtime.appendingPathComponent("build-\(UUID().uuidString)"))
            }
            entries[chart.name, default: []].append((chart.version, try Self.sha256(of: path), file))
        }
        var text = "apiVersion: v1\nentries:\n"
        for name in entries.keys.sorted() {
            text += "  \(name):\n"
            for entry in entries[name]! {
                text += """
                  - apiVersion: v2
                    name: \(name)
                    version: "\(entry.version)"
                    created: "2024-01-02T03:04:05Z"
                    digest: \(entry.digest)
                    urls:
                    - \(entry.file)

                """
            }
        }
        text += "generated: \"2024-01-02T03:04:05Z\"\n"
        try writeIndex(text, private: isPrivate)
    }

    /// Writes `text` as the index verbatim (for malformed indexes), moving its modification
    /// time forward as `publish` does.
    public func writeIndex(_ text: String, private isPrivate: Bool = false) throws {
        let path = (isPrivate ? folder + "/private" : folder) + "/index.yaml"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let date: Date = lock.withLock {
            let now = Date()
            let next = lastIndexDates[path].map { max(now, $0.addingTimeInterval(1)) } ?? now
            lastIndexDates[path] = next
            return next
        }
        try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: path)
    }

    /// One request as nginx logged it.
    public struct LoggedRequest: Sendable, Hashable {
        public var status: Int
        public var method: String
        public var uri: String
        /// Bytes of the body sent (0 for a 304).
        public var bodyBytes: Int
        /// The basic-auth user name sent, if any.
        public var user: String?
    }

    /// Every request nginx has logged so far (its access log), oldest first. nginx writes a
    /// request's line after answering it, so a finished request is always there.
    public func requests() -> [LoggedRequest] {
        let log = runtime.appendingPathComponent("helm/logs/access.log")
        guard let text = try? String(contentsOf: log, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: false)
            guard fields.count >= 5, let status = Int(fields[0]), let bytes = Int(fields[3]) else { return nil }
            let user = fields[4] == "-" ? nil : String(fields[4])
            return LoggedRequest(status: status, method: String(fields[1]), uri: String(fields[2]), bodyBytes: bytes, user: user)
        }
    }

    /// The requests for one path (`/index.yaml`, `/private/index.yaml`).
    public func requests(for uri: String) -> [LoggedRequest] {
        requests().filter { $0.uri == uri }
    }

    static func makeArchive(_ chart: ChartVersion, at path: String, scratch: URL) throws {
        let chartFolder = scratch.appendingPathComponent(chart.name, isDirectory: true)
        try FileManager.default.createDirectory(at: chartFolder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let manifest = """
        apiVersion: v2
        name: \(chart.name)
        version: "\(chart.version)"
        description: A chart published by Freightline's tests
        type: application

        """
        try Data(manifest.utf8).write(to: chartFolder.appendingPathComponent("Chart.yaml"))
        try Data("replicaCount: 1\n".utf8).write(to: chartFolder.appendingPathComponent("values.yaml"))
        try run("/usr/bin/env", ["tar", "czf", path, "-C", scratch.path, chart.name])
    }

    static func sha256(of path: String) throws -> String {
        let output = try run("/usr/bin/env", ["sha256sum", path])
        return String(output.prefix { !$0.isWhitespace })
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw StartFailed(status: process.terminationStatus, output: "\(arguments.joined(separator: " ")): \(output)")
        }
        return output
    }
}

/// Whether the Helm repository tests run. Under `CI=true` they always run, so a server that
/// cannot start FAILS them with the script's output; elsewhere they are skipped (reported as
/// skipped, never as passed) when `services.sh check helm` says something is missing.
public enum HelmRepositoryAvailability {
    public static let available = GitServerAvailability.serviceAvailable("helm", tests: "helm repository tests")
}
