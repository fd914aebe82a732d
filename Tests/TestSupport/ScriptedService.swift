import Foundation

/// One service started by `scripts/services.sh start NAME` in a private runtime folder and
/// stopped (the folder removed) when released: the lifecycle every local test server
/// (Git over HTTP and SSH, registry, Helm repository, Prometheus) shares. The script's
/// `export` lines, with the keys asked for guaranteed present, are `values`.
public final class ScriptedService: @unchecked Sendable {
    /// The script failed, or did not export what the server needs.
    public struct StartFailed: Error, CustomStringConvertible {
        public let service: String
        public let status: Int32
        public let output: String
        public var description: String { "scripts/services.sh start \(service) exited \(status):\n\(output)" }
    }

    public let name: String
    /// The service's private folder (`FREIGHTLINE_SERVICES_DIR`), for scratch files beside it.
    public let runtime: URL
    public let values: [String: String]

    /// Starts `name` in a new folder `<tmp>/<folder>-<uuid>`; every key of `required` must be
    /// exported, else the service is stopped again and `StartFailed` thrown.
    public init(_ name: String, folder: String, requiring required: [String]) throws {
        let base = URL(fileURLWithPath: NSTemporaryDirectory()).resolvingSymlinksInPath()
        self.name = name
        runtime = base.appendingPathComponent("\(folder)-\(UUID().uuidString)", isDirectory: true)
        let (status, output) = GitServer.run(["start", name], runtime: runtime.path)
        values = ServiceExports.parse(output)
        guard status == 0, required.allSatisfy({ values[$0] != nil }) else {
            Self.stop(name, runtime)
            throw StartFailed(service: name, status: status, output: output)
        }
    }

    /// An exported value `init` made sure of.
    public subscript(key: String) -> String { values[key] ?? "" }

    deinit { Self.stop(name, runtime) }

    private static func stop(_ name: String, _ runtime: URL) {
        _ = GitServer.run(["stop", name], runtime: runtime.path)
        try? FileManager.default.removeItem(at: runtime)
    }
}
