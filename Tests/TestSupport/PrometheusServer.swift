import Foundation

/// A real Prometheus (Debian's 2.42) started with `scripts/services.sh start prometheus`
/// in a private runtime folder, and stopped (folder removed) when released. It scrapes
/// itself (job `prometheus`) and a static exporter (job `freightline-exporter`, nginx
/// serving a file) every second, so `up{job="prometheus"}` is real data, and a test chooses
/// what a query returns by `publish`ing samples. Each test gets its own, on free loopback
/// ports. Starting takes about 5 s: Prometheus applies its first targets after 5 s.
public final class PrometheusServer: @unchecked Sendable {
    public struct Failed: Error, CustomStringConvertible {
        public let command: String
        public let status: Int32
        public let output: String
        public var description: String { "\(command) exited \(status):\n\(output)" }
    }

    /// http://127.0.0.1:PORT, the HTTP API's base (`$url/api/v1/query`).
    public let url: String
    /// http://127.0.0.1:PORT2, the exporter (`$exporterURL/metrics`).
    public let exporterURL: String
    /// The file the exporter serves.
    public let metricsFile: String
    private let service: ScriptedService
    private var runtime: URL { service.runtime }

    public init() throws {
        service = try ScriptedService("prometheus", folder: "prometheus-server", requiring: [
            "FREIGHTLINE_PROMETHEUS_URL",
            "FREIGHTLINE_PROMETHEUS_EXPORTER_URL",
            "FREIGHTLINE_PROMETHEUS_METRICS_FILE",
        ])
        url = service["FREIGHTLINE_PROMETHEUS_URL"]
        exporterURL = service["FREIGHTLINE_PROMETHEUS_EXPORTER_URL"]
        metricsFile = service["FREIGHTLINE_PROMETHEUS_METRICS_FILE"]
    }

    /// Makes the exporter serve exactly `samples` (series selector such as `name` or
    /// `name{label="x"}` → value; NaN and ±Inf allowed), then waits until an instant query
    /// of each selector answers its value: once this returns, queries see them.
    public func publish(_ samples: [String: Double], timeout: Duration = .seconds(20)) async throws {
        var text = "# Written by PrometheusServer.publish\n"
        for selector in samples.keys.sorted() {
            text += "\(selector) \(Self.exposition(samples[selector]!))\n"
        }
        let file = URL(fileURLWithPath: metricsFile)
        let temporary = file.deletingLastPathComponent().appendingPathComponent(".metrics-\(UUID().uuidString)")
        try Data(text.utf8).write(to: temporary)
        // A rename, so a scrape never reads half a file.
        guard rename(temporary.path, file.path) == 0 else {
            throw Failed(command: "rename \(temporary.path) \(file.path)", status: errno, output: "")
        }

        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var pending = samples
        while !pending.isEmpty {
            for (selector, expected) in pending {
                if let values = try? values(of: selector), values.count == 1, Self.same(values[0], expected) {
                    pending.removeValue(forKey: selector)
                }
            }
            if pending.isEmpty { break }
            guard clock.now < deadline else {
                throw Failed(command: "waiting for Prometheus to scrape \(pending.keys.sorted())", status: -1,
                             output: "last answer: \((try? query(pending.keys.sorted()[0])) ?? "none")")
            }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    /// The raw JSON answer of an instant query, as Prometheus sent it (fetched with curl).
    public func query(_ promql: String) throws -> String {
        try Self.curl(["-sS", "--get", "--data-urlencode", "query=\(promql)", url + "/api/v1/query"])
    }

    /// The sample values of an instant query's vector or scalar answer.
    public func values(of promql: String) throws -> [Double] {
        let answer = try query(promql)
        guard let object = try JSONSerialization.jsonObject(with: Data(answer.utf8)) as? [String: Any],
              let data = object["data"] as? [String: Any]
        else { throw Failed(command: "query \(promql)", status: -1, output: answer) }
        func value(_ pair: Any?) -> Double? {
            guard let pair = pair as? [Any], pair.count == 2, let text = pair[1] as? String else { return nil }
            switch text {
            case "NaN": return .nan
            case "+Inf": return .infinity
            case "-Inf": return -.infinity
            default: return Double(text)
            }
        }
        switch data["resultType"] as? String {
        case "scalar": return value(data["result"]).map { [$0] } ?? []
        case "vector": return (data["result"] as? [[String: Any]] ?? []).compactMap { value($0["value"]) }
        default: throw Failed(command: "query \(promql)", status: -1, output: answer)
        }
    }

    private static func exposition(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        return "\(value)"
    }

    private static func same(_ a: Double, _ b: Double) -> Bool {
        a == b || (a.isNaN && b.isNaN)
    }

    private static func curl(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl", "--max-time", "10"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw Failed(command: "curl \(arguments.joined(separator: " "))", status: process.terminationStatus, output: output)
        }
        return output
    }
}

/// Whether the Prometheus tests run. Under `CI=true` they always run, so a Prometheus that
/// cannot start FAILS them with the script's output; elsewhere they are skipped (reported
/// as skipped, never as passed) when `services.sh check prometheus` says something is missing.
public enum PrometheusAvailability {
    public static let available = GitServerAvailability.serviceAvailable("prometheus", tests: "prometheus tests")
}
