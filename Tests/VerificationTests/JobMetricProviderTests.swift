import Foundation
import Pipeline
import Testing
@testable import Verification

/// A job metric whose pod runs `containers` (each a JSON object), with an optional deadline.
private func jobMetric(_ containers: [JSONValue], initContainers: [JSONValue]? = nil, deadline: Int64? = nil) -> Metric {
    var podSpec: [String: JSONValue] = ["containers": .array(containers), "restartPolicy": .string("Never")]
    if let initContainers { podSpec["initContainers"] = .array(initContainers) }
    var spec: [String: JSONValue] = ["backoffLimit": .int(0), "template": .object(["spec": .object(podSpec)])]
    if let deadline { spec["activeDeadlineSeconds"] = .int(deadline) }
    return Metric(name: "job-check", provider: MetricProvider(job: JobMetric(spec: .object(spec))))
}

/// A container running `script` with /bin/sh.
private func shell(_ name: String, _ script: String, env: [(String, String)] = [], image: String = "busybox:1.36") -> JSONValue {
    var container: [String: JSONValue] = [
        "name": .string(name), "image": .string(image),
        "command": .array([.string("/bin/sh"), .string("-c")]), "args": .array([.string(script)]),
    ]
    if !env.isEmpty {
        container["env"] = .array(env.map { .object(["name": .string($0.0), "value": .string($0.1)]) })
    }
    return .object(container)
}

/// A private temporary folder for one test, removed by `remove()`.
private struct Scratch {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("verification-job-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func remove() { try? FileManager.default.removeItem(at: url) }
}

private let parentEnvironment: [String: String] = [
    "PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": "/home/freightline-test", "SECRET_TOKEN": "not-for-jobs",
]

/// The job provider running real local processes (/bin/sh).
struct JobMetricProviderTests {
    @Test func exitZeroSucceeds() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let provider = JobMetricProvider(environment: parentEnvironment, temporaryDirectory: scratch.url)
        let reading = try await provider.measure(jobMetric([shell("check", "exit 0")]))
        #expect(reading == ProviderReading(result: .null, text: "", metadata: ["exitCode": "0"], phase: .successful))
    }

    @Test func aNonZeroExitFailsWithTheCodeAndTheEndOfStderr() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let provider = JobMetricProvider(environment: parentEnvironment, temporaryDirectory: scratch.url)
        let reading = try await provider.measure(jobMetric([shell("check", "echo starting; echo 'error rate 7%' >&2; exit 3")]))
        #expect(reading.phase == .failed)
        #expect(reading.metadata == ["exitCode": "3", "reason": "container 'check' exited with code 3", "stderr": "error rate 7%"])
    }

    @Test func stderrIsBoundedToItsLastLines() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let provider = JobMetricProvider(environment: parentEnvironment, temporaryDirectory: scratch.url)
        let script = "i=0; while [ $i -lt 500 ]; do echo \"line $i of the log\" >&2; i=$((i+1)); done; exit 1"
        let reading = try await provider.measure(jobMetric([shell("noisy", script)]))
        let stderr = try #require(reading.metadata["stderr"])
        #expect(stderr.utf8.count <= JobMetricProvider.stderrLimit)
        #expect(stderr.hasSuffix("line 499 of the log"))
        #expect(stderr.hasPrefix("line "), "starts at a line start: \(stderr.prefix(30))")
    }

    @Test func theContainersEnvReachesTheProcessAndNothingElseOfTheParents() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let provider = JobMetricProvider(environment: parentEnvironment, temporaryDirectory: scratch.url)
        let script = """
        [ "$GREETING" = "hello world" ] || { echo "GREETING=$GREETING" >&2; exit 4; }
        [ "$HOME" = /home/freightline-test ] || { echo "HOME=$HOME" >&2; exit 5; }
        [ -z "$SECRET_TOKEN" ] || { echo "SECRET_TOKEN leaked" >&2; exit 6; }
        exit 0
        """
        let passing = try await provider.measure(jobMetric([shell("env", script, env: [("GREETING", "hello world")])]))
        #expect(passing.phase == .successful, "\(passing.metadata)")
        // The same script fails when the value differs, so it really reads it.
        let failing = try await provider.measure(jobMetric([shell("env", script, env: [("GREETING", "bye")])]))
        #expect(failing.metadata["exitCode"] == "4")
        #expect(failing.metadata["stderr"] == "GREETING=bye")
    }

    @Test func eachJobRunsInAFreshFolderRemovedAfterwards() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let provider = JobMetricProvider(environment: parentEnvironment, temporaryDirectory: scratch.url)
        let script = "[ -z \"$(ls -A)\" ] || exit 9; echo data > file; pwd >&2; exit 1"
        let first = try await provider.measure(jobMetric([shell("where", script)]))
        let second = try await provider.measure(jobMetric([shell("where", script)]))
        let folder = try #require(first.metadata["stderr"])
        #expect(first.metadata["exitCode"] == "1" && second.metadata["exitCode"] == "1")
        #expect(folder.hasPrefix(scratch.url.resolvingSymlinksInPath().path + "/freightline-job-"), "\(folder)")
        #expect(second.metadata["stderr"] != folder)
        #expect(!FileManager.default.fileExists(atPath: folder))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).isEmpty)
    }

    @Test func theDeadlineKillsTheJobAndWhatItStarted() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let provider = JobMetricProvider(environment: parentEnvironment, temporaryDirectory: scratch.url)
        let clock = ContinuousClock()
        let started = clock.now
        let reading = try await provider.measure(jobMetric([shell("slow", "sleep 30 & echo $! >&2; sleep 30")], deadline: 1))
        let elapsed = clock.now - started
        // No upper bound on the wall time: under a full parallel test run the test's own
        // continuation can wait long for a thread. `DeadlineExceeded` below is set only when
        // the deadline fired and killed the job.
        #expect(elapsed >= .seconds(1))
        #expect(reading.phase == .failed)
        #expect(reading.metadata["reason"]?.hasPrefix("DeadlineExceeded: ") == true, "\(reading.metadata)")
        // The background sleep was in the job's process group and went with it.
        let child = try #require(reading.metadata["stderr"].flatMap { Int32($0) })
        try await Task.sleep(for: .milliseconds(200))
        let stat = (try? String(contentsOfFile: "/proc/\(child)/stat", encoding: .utf8)) ?? ""
        let state = stat.split(separator: ")").last?.split(separator: " ").first
        #expect(stat.isEmpty || state == "Z", "background sleep \(child) still running: \(stat)")
    }

    @Test func containersRunInOrderInitContainersFirst() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let provider = JobMetricProvider(environment: parentEnvironment, temporaryDirectory: scratch.url)
        let ordered = try await provider.measure(jobMetric(
            [shell("main", "[ \"$(cat steps)\" = \"$(printf 'init\\nfirst')\" ] || { cat steps >&2; exit 8; }")],
            initContainers: [shell("init", "echo init > steps")]))
        #expect(ordered.phase == .failed, "main sees only init's step")
        #expect(ordered.metadata["stderr"] == "init")

        let both = try await provider.measure(jobMetric(
            [shell("first", "echo first >> steps"), shell("second", "[ \"$(cat steps)\" = \"$(printf 'init\\nfirst')\" ]")],
            initContainers: [shell("init", "echo init > steps")]))
        #expect(both.phase == .successful, "\(both.metadata)")

        let stopped = try await provider.measure(jobMetric(
            [shell("first", "exit 2"), shell("second", "echo ran >&2; exit 0")]))
        #expect(stopped.metadata["reason"] == "container 'first' exited with code 2")
    }

    @Test func unrunnableJobsAreErrors() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let provider = JobMetricProvider(environment: parentEnvironment, temporaryDirectory: scratch.url)
        let noCommand: JSONValue = .object(["name": .string("app"), "image": .string("ghcr.io/acme/check:1"),
                                            "args": .array([.string("--fast")])])
        let entrypoint = await measurementError { () async throws(MeasurementError) in try await provider.measure(jobMetric([noCommand])) }
        #expect(entrypoint?.contains("has no command") == true && entrypoint?.contains("entrypoint") == true, "\(entrypoint ?? "")")

        let secretRef: JSONValue = .object(["name": .string("app"), "command": .array([.string("true")]),
                                            "env": .array([.object(["name": .string("TOKEN"), "valueFrom": .object([:])])])])
        let valueFrom = await measurementError { () async throws(MeasurementError) in try await provider.measure(jobMetric([secretRef])) }
        #expect(valueFrom?.contains("valueFrom is not supported") == true, "\(valueFrom ?? "")")

        let unknown: JSONValue = .object(["name": .string("app"), "command": .array([.string("freightline-no-such-tool")])])
        let notFound = await measurementError { () async throws(MeasurementError) in try await provider.measure(jobMetric([unknown])) }
        #expect(notFound == "job container 'app': command 'freightline-no-such-tool' not found on PATH")

        let empty = await measurementError { () async throws(MeasurementError) in try await provider.measure(jobMetric([])) }
        #expect(empty == "job metric has no spec.template.spec.containers")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).isEmpty)
    }

    @Test func aContainerRuntimeRunsTheImage() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        // A stand-in runtime that records its arguments and the env file it was given.
        let record = scratch.url.appendingPathComponent("record")
        let runtime = scratch.url.appendingPathComponent("fake-docker")
        let script = """
        #!/bin/sh
        for argument in "$@"; do printf '%s\\n' "$argument"; done > "\(record.path)"
        while [ $# -gt 0 ]; do [ "$1" = --env-file ] && cat "$2" > "\(record.path).env"; shift; done
        exit 0
        """
        // Written here, installed as an executable by another process: a child that another
        // test spawns at the wrong moment would inherit a write handle this process held on
        // the executable itself, and running it would then fail with ETXTBSY.
        let source = scratch.url.appendingPathComponent("fake-docker.txt")
        try Data(script.utf8).write(to: source)
        let install = Process()
        install.executableURL = URL(fileURLWithPath: "/usr/bin/install")
        install.arguments = ["-m", "755", source.path, runtime.path]
        try install.run()
        install.waitUntilExit()
        #expect(install.terminationStatus == 0)

        let provider = JobMetricProvider(containerRuntime: runtime.path, environment: parentEnvironment,
                                         temporaryDirectory: scratch.url)
        let reading = try await provider.measure(jobMetric([shell("check", "exit 0", env: [("RATIO", "0.99"), ("NOTE", "a b")])]))
        #expect(reading.phase == .successful)
        let arguments = try String(contentsOf: record, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(arguments.count == 11, "\(arguments)")
        #expect(Array(arguments.prefix(3)) == ["run", "--rm", "--name"])
        #expect(arguments[3].hasPrefix("freightline-job-"))
        #expect(arguments[4] == "--env-file")
        #expect(Array(arguments.suffix(5)) == ["--entrypoint", "/bin/sh", "busybox:1.36", "-c", "exit 0"])
        #expect(try String(contentsOf: URL(fileURLWithPath: record.path + ".env"), encoding: .utf8) == "RATIO=0.99\nNOTE=a b\n")
        #expect(!arguments.contains { $0.contains("0.99") }, "env values stay off the command line")

        let imageless: JSONValue = .object(["name": .string("app"), "command": .array([.string("true")])])
        let error = await measurementError { () async throws(MeasurementError) in try await provider.measure(jobMetric([imageless])) }
        #expect(error == "job container 'app' has no image")
    }
}
