import Foundation
import GitStore
import Testing

/// A real smart-HTTP git server (nginx + fcgiwrap + git http-backend, basic
/// auth) started with `scripts/services.sh start git` in a private runtime
/// folder, and stopped (folder removed) when released. Each test gets its own,
/// on its own free loopback port, so tests run in parallel without sharing state.
public final class GitServer: @unchecked Sendable {
    /// e.g. http://127.0.0.1:PORT/git
    public let baseURL: String
    /// Folder of the bare repositories the server serves.
    public let repositories: String
    public let credentials: GitCredentials
    /// The generated password, for checking it never leaks into messages.
    public let password: String
    private let service: ScriptedService
    private var runtime: URL { service.runtime }

    public static let projectRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static let script = projectRoot.appendingPathComponent("scripts/services.sh").path

    public init() throws {
        service = try ScriptedService("git", folder: "gitstore-server", requiring: [
            "FREIGHTLINE_GIT_URL",
            "FREIGHTLINE_GIT_REPOS",
            "FREIGHTLINE_GIT_USERNAME",
            "FREIGHTLINE_GIT_PASSWORD",
        ])
        baseURL = service["FREIGHTLINE_GIT_URL"]
        repositories = service["FREIGHTLINE_GIT_REPOS"]
        credentials = GitCredentials(username: service["FREIGHTLINE_GIT_USERNAME"], password: service["FREIGHTLINE_GIT_PASSWORD"])
        password = service["FREIGHTLINE_GIT_PASSWORD"]
    }

    /// A new bare repository `name`.git with push enabled; returns its URL.
    /// With `seed`, `main` gets one commit holding those files (made with the git CLI).
    @discardableResult
    public func makeRepository(_ name: String, seed: [String: String]? = nil) throws -> String {
        let path = repositoryPath(name)
        try GitCLI.makeBareRepository(path, seed: seed, work: runtime.appendingPathComponent("seed-\(name)").path)
        try GitCLI.run(["config", "http.receivepack", "true"], in: path)
        return url(name)
    }

    public func url(_ name: String) -> String { baseURL + "/" + name + ".git" }
    public func repositoryPath(_ name: String) -> String { repositories + "/" + name + ".git" }

    /// A fresh folder (not created) for a cache clone.
    public func cacheFolder(_ name: String) -> String {
        runtime.appendingPathComponent("cache-\(name)-\(UUID().uuidString)").path
    }

    /// Runs git on the server's bare repository `name` (the server-side truth).
    @discardableResult
    public func gitOnServer(_ name: String, _ arguments: String...) throws -> String {
        try GitCLI.run(arguments, in: repositoryPath(name))
    }

    /// Runs scripts/services.sh with a runtime folder; (exit status, stdout + stderr).
    public static func run(_ arguments: [String], runtime: String?) -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script] + arguments
        var environment = ProcessInfo.processInfo.environment
        if let runtime { environment["FREIGHTLINE_SERVICES_DIR"] = runtime }
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return (-1, "cannot run \(script): \(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// Whether the server tests run. Under `CI=true` they always run, so a server
/// that cannot start FAILS them with the script's output; elsewhere they are
/// skipped (reported as skipped, never as passed) when `services.sh check git`
/// says something is missing, and the reason is printed.
public enum GitServerAvailability {
    public static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    public static let available = serviceAvailable("git", tests: "git server tests")

    /// Whether the tests of `service` run: always under `CI=true` (a service that cannot
    /// start then fails them); elsewhere only when `services.sh check <service>` passes,
    /// printing why `tests` are skipped when it does not. Each service's availability is
    /// this, evaluated once.
    public static func serviceAvailable(_ service: String, tests: String) -> Bool {
        if isCI { return true }
        let (status, output) = GitServer.run(["check", service], runtime: nil)
        if status != 0 {
            FileHandle.standardError.write(Data(
                "skipping \(tests): \(output.trimmingCharacters(in: .whitespacesAndNewlines))\n".utf8))
        }
        return status == 0
    }
}
