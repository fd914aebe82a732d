import Foundation
import Pipeline

/// Argo Rollouts' `job` provider without Kubernetes: the containers of the Job's pod
/// template (`spec.template.spec.initContainers`, then `containers`, one after another)
/// run as local processes, and the Job succeeds when every one exits 0.
///
/// Each runs `command` + `args` with the parent's `PATH` and `HOME` plus the container's
/// `env` (`valueFrom` is refused), in a fresh temporary folder removed afterwards, all
/// within `spec.activeDeadlineSeconds` (default 600; then the process group is killed and
/// the Job fails). There is no isolation: the image is not used and the command runs on
/// this machine as this user. With a container runtime (`FREIGHTLINE_CONTAINER_RUNTIME`,
/// e.g. `docker` or `podman`, handed in as `containerRuntime`) each container runs as
/// `<runtime> run --rm <image>` instead, its `command` as the entrypoint.
///
/// The reading decides the phase itself (`Successful` or `Failed`); `metadata` carries
/// `exitCode`, and on failure a short `reason` and the end of standard error (`stderr`,
/// at most `stderrLimit` bytes).
public struct JobMetricProvider: MetricProviding {
    public static let runtimeEnvironmentVariable = "FREIGHTLINE_CONTAINER_RUNTIME"
    public static let defaultActiveDeadlineSeconds: Int64 = 600
    public static let stderrLimit = 2048

    private let containerRuntime: String?
    private let environment: [String: String]
    private let temporaryDirectory: URL

    /// `environment`: the parent's environment. Local commands see only its `PATH` and
    /// `HOME`; a container runtime's CLI sees all of it (it may need `DOCKER_HOST`,
    /// `XDG_RUNTIME_DIR`), the containers only their own `env`.
    public init(containerRuntime: String? = nil, environment: [String: String],
                temporaryDirectory: URL = FileManager.default.temporaryDirectory) {
        self.containerRuntime = (containerRuntime ?? "").isEmpty ? nil : containerRuntime
        self.environment = environment
        self.temporaryDirectory = temporaryDirectory
    }

    public func measure(_ metric: Metric) async throws(MeasurementError) -> ProviderReading {
        guard let job = metric.provider?.job else {
            throw MeasurementError("metric '\(metric.name)' has no job provider")
        }
        let spec = try JobSpec(job.spec)
        let scratch = temporaryDirectory.appendingPathComponent("freightline-job-\(UUID().uuidString)", isDirectory: true)
        var invocations: [Invocation] = []
        for (index, container) in spec.containers.enumerated() {
            invocations.append(try invocation(for: container, envFile: scratch.appendingPathComponent("env-\(index)")))
        }
        let work = scratch.appendingPathComponent("work", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        } catch {
            throw MeasurementError("cannot create the job's working folder: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: scratch) }

        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(spec.activeDeadlineSeconds)
        for (index, invocation) in invocations.enumerated() {
            let container = spec.containers[index]
            let remaining = clock.now.duration(to: deadline)
            let seconds = Double(remaining.components.seconds) + Double(remaining.components.attoseconds) / 1e18
            let stderr = scratch.appendingPathComponent("stderr-\(index)")
            let process = JobProcess(executable: invocation.executable, arguments: invocation.arguments,
                                     environment: invocation.environment, workingDirectory: work,
                                     standardOutput: scratch.appendingPathComponent("stdout-\(index)"),
                                     standardError: stderr)
            if let envFile = invocation.envFile { try Self.writeEnvFile(envFile.values, to: envFile.path) }
            let outcome = seconds > 0 ? try await process.run(timeout: seconds) : .timedOut
            var metadata: [String: String] = [:]
            let tail = Self.tail(of: stderr, limit: Self.stderrLimit)
            if !tail.isEmpty { metadata["stderr"] = tail }
            switch outcome {
            case .exited(0):
                continue
            case .exited(let code):
                metadata["exitCode"] = String(code)
                metadata["reason"] = "container '\(container.name)' exited with code \(code)"
            case .killedBySignal(let signal):
                metadata["exitCode"] = String(128 + signal)
                metadata["reason"] = "container '\(container.name)' was killed by signal \(signal)"
            case .timedOut:
                if let name = invocation.runtimeContainerName { await removeRuntimeContainer(name, scratch: scratch) }
                metadata["reason"] = "DeadlineExceeded: the job was active longer than its deadline (\(spec.activeDeadlineSeconds)s); "
                    + "container '\(container.name)' was killed"
            }
            return ProviderReading(result: .null, text: "", metadata: metadata, phase: .failed)
        }
        return ProviderReading(result: .null, text: "", metadata: ["exitCode": "0"], phase: .successful)
    }

    // MARK: Deciding how to run a container

    /// How one container runs: the executable and its arguments, and its environment.
    struct Invocation: Sendable, Hashable {
        var executable: String
        var arguments: [String]
        var environment: [String: String]
        /// With a runtime: the container's env goes to a file (not the command line, where
        /// any user could read it), written just before the runtime runs.
        var envFile: EnvFile?
        /// With a runtime: `--name`, for removing the container after a timeout.
        var runtimeContainerName: String?
    }

    struct EnvFile: Sendable, Hashable {
        var path: URL
        var values: [JobSpec.Variable]
    }

    /// `envFile`: where a runtime's env file for this container goes.
    func invocation(for container: JobSpec.Container, envFile: URL) throws(MeasurementError) -> Invocation {
        if let runtime = containerRuntime {
            return try runtimeInvocation(for: container, runtime: runtime, envFile: envFile)
        }
        guard let command = container.command, let program = command.first else {
            throw MeasurementError(
                "job container '\(container.name)' has no command: without a container runtime "
                    + "(\(Self.runtimeEnvironmentVariable)) Freightline runs commands locally and cannot know the image's entrypoint")
        }
        var processEnvironment: [String: String] = [:]
        for name in ["PATH", "HOME"] { processEnvironment[name] = environment[name] }
        for variable in container.env { processEnvironment[variable.name] = variable.value }
        guard let executable = Self.find(program, searchPath: processEnvironment["PATH"] ?? "") else {
            throw MeasurementError("job container '\(container.name)': command '\(program)' not found on PATH")
        }
        return Invocation(executable: executable, arguments: Array(command.dropFirst()) + container.args,
                          environment: processEnvironment)
    }

    private func runtimeInvocation(for container: JobSpec.Container, runtime: String, envFile: URL)
        throws(MeasurementError) -> Invocation {
        guard let image = container.image, !image.isEmpty else {
            throw MeasurementError("job container '\(container.name)' has no image")
        }
        guard let executable = Self.find(runtime, searchPath: environment["PATH"] ?? "") else {
            throw MeasurementError("container runtime '\(runtime)' (\(Self.runtimeEnvironmentVariable)) not found on PATH")
        }
        for variable in container.env where variable.value.contains("\n") {
            throw MeasurementError("job container '\(container.name)': env \(variable.name) has a line break, "
                + "which a container runtime's env file cannot carry")
        }
        let name = "freightline-job-\(UUID().uuidString.lowercased())"
        var arguments = ["run", "--rm", "--name", name, "--env-file", envFile.path]
        if let workingDir = container.workingDir, !workingDir.isEmpty { arguments += ["-w", workingDir] }
        var rest = container.args
        if let command = container.command, let entrypoint = command.first {
            arguments += ["--entrypoint", entrypoint]
            rest = Array(command.dropFirst()) + rest
        }
        arguments.append(image)
        arguments += rest
        return Invocation(executable: executable, arguments: arguments, environment: environment,
                          envFile: EnvFile(path: envFile, values: container.env),
                          runtimeContainerName: name)
    }

    /// `program` itself when it names a path, else the first executable file of that name
    /// on `searchPath`.
    static func find(_ program: String, searchPath: String) -> String? {
        if program.contains("/") {
            return FileManager.default.isExecutableFile(atPath: program) ? program : nil
        }
        for folder in searchPath.split(separator: ":") where !folder.isEmpty {
            let candidate = folder + "/" + program
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate) {
                return candidate
            }
        }
        return nil
    }

    // MARK: Doing

    private static func writeEnvFile(_ variables: [JobSpec.Variable], to file: URL) throws(MeasurementError) {
        let text = variables.map { "\($0.name)=\($0.value)\n" }.joined()
        do {
            _ = FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600])
            try Data(text.utf8).write(to: file)
        } catch {
            throw MeasurementError("cannot write the job's env file: \(error.localizedDescription)")
        }
    }

    /// Best effort: a runtime CLI killed on timeout may leave its container running.
    private func removeRuntimeContainer(_ name: String, scratch: URL) async {
        guard let runtime = containerRuntime, let executable = Self.find(runtime, searchPath: environment["PATH"] ?? "")
        else { return }
        let process = JobProcess(executable: executable, arguments: ["rm", "-f", name], environment: environment,
                                 workingDirectory: scratch,
                                 standardOutput: scratch.appendingPathComponent("rm-stdout"),
                                 standardError: scratch.appendingPathComponent("rm-stderr"))
        _ = try? await process.run(timeout: 30)
    }

    /// The last `limit` bytes of a file, from a line start where one falls inside, trimmed.
    static func tail(of file: URL, limit: Int) -> String {
        guard let data = try? Data(contentsOf: file), !data.isEmpty else { return "" }
        var bytes = Array(data.suffix(limit))
        if data.count > limit, let newline = bytes.firstIndex(of: UInt8(ascii: "\n")), newline + 1 < bytes.count {
            bytes.removeFirst(newline + 1)
        }
        return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
