import Foundation
import Manifests
import Pipeline
import Reconciler
import Testing

/// The shipped deployment files (deploy/kubernetes, Dockerfile) read with Freightline's own
/// YAML reader and held against the real CLI: the kinds and fields that make a CronJob
/// safe to run, and only flags `freightline reconcile` actually has.
@Suite struct DeploymentManifestTests {
    static let folder = CLI.packageRoot.appendingPathComponent("deploy/kubernetes")

    /// Every document of one file under deploy/kubernetes, as plain values.
    private func documents(_ name: String) throws -> [JSONValue] {
        let bytes = try Array(Data(contentsOf: Self.folder.appendingPathComponent(name)))
        var sink = DiagnosticSink()
        let documents = YAMLReader.documents(from: bytes, file: name, sink: &sink)
        #expect(!sink.hasErrors, "\(name): \(sink.sorted)")
        return documents.map(\.root.jsonValue)
    }

    private func cronJob(_ name: String) throws -> JSONValue {
        let all = try documents(name)
        #expect(all.count == 1, "\(name) holds \(all.count) documents")
        let job = try #require(all.first)
        #expect(job["apiVersion"]?.stringValue == "batch/v1" && job["kind"]?.stringValue == "CronJob", "\(name)")
        return job
    }

    private func container(of cronJob: JSONValue) throws -> JSONValue {
        let containers = try #require(cronJob["spec"]?["jobTemplate"]?["spec"]?["template"]?["spec"]?["containers"]?.arrayValue)
        #expect(containers.count == 1)
        return try #require(containers.first)
    }

    private func arguments(of container: JSONValue) -> [String] {
        (container["args"]?.arrayValue ?? []).compactMap(\.stringValue)
    }

    /// The value after `flag` in `arguments`.
    private func value(of flag: String, in arguments: [String]) -> String? {
        arguments.firstIndex(of: flag).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
    }

    static let manifestFiles = ["cronjob.yaml", "cronjob-sharded.yaml"]

    @Test func theFolderHoldsExactlyTheFilesTestedHere() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(names == (Self.manifestFiles + ["credentials-secret.example.yaml"]).sorted())
    }

    @Test(arguments: manifestFiles)
    func aCronJobRunsOneReconcileAtATimeSafely(file: String) throws {
        let job = try cronJob(file)
        let spec = try #require(job["spec"])
        #expect(spec["concurrencyPolicy"]?.stringValue == "Forbid")
        #expect(spec["schedule"]?.stringValue == "*/5 * * * *")
        if case .int(let kept) = spec["successfulJobsHistoryLimit"] { #expect(kept >= 1 && kept <= 5) } else {
            Issue.record("\(file): successfulJobsHistoryLimit is not a number")
        }
        let pod = try #require(spec["jobTemplate"]?["spec"]?["template"]?["spec"])
        #expect(pod["restartPolicy"]?.stringValue == "Never")
        #expect(pod["securityContext"]?["runAsNonRoot"] == .bool(true))
        let user = Int64(try dockerUser())
        #expect(pod["securityContext"]?["runAsUser"] == .int(user), "the pod runs as the image's user")

        let container = try container(of: job)
        let args = arguments(of: container)
        #expect(args.first == "reconcile")
        #expect(value(of: "--config-path", in: args) == "kargo")
        #expect(value(of: "--repo", in: args)?.hasPrefix("https://") == true)
        #expect(container["securityContext"]?["readOnlyRootFilesystem"] == .bool(true))
        #expect(container["securityContext"]?["allowPrivilegeEscalation"] == .bool(false))
        #expect(container["resources"]?["requests"]?["memory"] != nil && container["resources"]?["limits"]?["memory"] != nil)
        let runID = (container["env"]?.arrayValue ?? []).first { $0["name"]?.stringValue == "FREIGHTLINE_RUN_ID" }
        #expect(runID?["valueFrom"]?["fieldRef"]?["fieldPath"]?.stringValue == "metadata.name")

        // Where the flags point is what the pod mounts: the Secret, and emptyDirs for the
        // cache and /tmp (the root filesystem is read-only).
        let volumes = Dictionary(uniqueKeysWithValues: (pod["volumes"]?.arrayValue ?? []).compactMap { volume in
            volume["name"]?.stringValue.map { ($0, volume) }
        })
        let mounts = Dictionary(uniqueKeysWithValues: (container["volumeMounts"]?.arrayValue ?? []).compactMap { mount in
            mount["mountPath"]?.stringValue.map { ($0, volumes[mount["name"]?.stringValue ?? ""]) }
        })
        let credentials = try #require(value(of: "--credentials", in: args))
        #expect(mounts[credentials]??["secret"]?["secretName"]?.stringValue == "freightline-credentials", "\(credentials)")
        let cache = try #require(value(of: "--cache-dir", in: args))
        #expect(mounts[cache]??["emptyDir"] != nil, "\(cache)")
        #expect(mounts["/tmp"]??["emptyDir"] != nil)
    }

    @Test func theShardedJobRunsOneIndexedPodPerShard() throws {
        let job = try cronJob("cronjob-sharded.yaml")
        let spec = try #require(job["spec"]?["jobTemplate"]?["spec"])
        #expect(spec["completionMode"]?.stringValue == "Indexed")
        let args = arguments(of: try container(of: job))
        let shard = try #require(value(of: "--shard", in: args))
        let parts = shard.split(separator: "/")
        #expect(parts.count == 2 && parts[0] == "$(JOB_COMPLETION_INDEX)", "\(shard)")
        let count = try #require(Int64(parts.last ?? ""))
        #expect(spec["completions"] == .int(count) && spec["parallelism"] == .int(count), "--shard …/\(count)")
        // Every index is a valid shard of that count.
        for index in 0..<count { #expect(throws: Never.self) { try Shard(parsing: "\(index)/\(count)") } }
        let env = try container(of: job)["env"]?.arrayValue ?? []
        let index = env.first { $0["name"]?.stringValue == "JOB_COMPLETION_INDEX" }
        #expect(index?["valueFrom"]?["fieldRef"]?["fieldPath"]?.stringValue
                == "metadata.annotations['batch.kubernetes.io/job-completion-index']")
    }

    @Test func everyFlagTheJobsPassIsAFlagOfReconcile() throws {
        let help = try CLI.run(["reconcile", "--help"])
        #expect(help.status == 0, "\(help.output)")
        var flags: Set<String> = []
        for file in Self.manifestFiles {
            flags.formUnion(arguments(of: try container(of: try cronJob(file))).filter { $0.hasPrefix("--") })
        }
        #expect(flags.isSuperset(of: ["--repo", "--config-path", "--credentials", "--cache-dir", "--shard"]))
        for flag in flags.sorted() {
            #expect(help.stdout.contains(flag + " "), "`freightline reconcile` has no \(flag)")
        }
    }

    @Test func theExampleCredentialsAreKargoSecretsFreightlineReads() throws {
        let all = try documents("credentials-secret.example.yaml")
        let secret = try #require(all.first)
        #expect(all.count == 1 && secret["kind"]?.stringValue == "Secret")
        #expect(secret["metadata"]?["name"]?.stringValue == "freightline-credentials")
        let files = try #require(secret["stringData"]?.objectValue)
        #expect(!files.isEmpty && files.keys.allSatisfy { $0.hasSuffix(".yaml") })

        // Mounted, each key is a file of the folder --credentials names.
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in files {
            let contents = try #require(text.stringValue)
            #expect(!contents.contains("${"), "\(name) should hold plain placeholders")
            try contents.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let store = try CredentialStore.load(path: folder.path, environment: [:])
        let repository = try #require(value(of: "--repo", in: arguments(of: try container(of: try cronJob("cronjob.yaml")))))
        #expect(store.git(for: repository)?.username == "freightline-bot")
        #expect(store.basicAuth(for: "ghcr.io/example/app", type: .image)?.username == "freightline-bot")
    }

    // MARK: - Dockerfile

    private func dockerfile() throws -> [String] {
        let text = try String(contentsOf: CLI.packageRoot.appendingPathComponent("Dockerfile"), encoding: .utf8)
        // Continuation lines joined, comments dropped: one instruction per line.
        return text.replacingOccurrences(of: "\\\n", with: " ").split(separator: "\n").map(String.init)
            .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    /// The instructions of the last stage (the image that ships).
    private func runtimeStage() throws -> [String] {
        let lines = try dockerfile()
        let start = try #require(lines.lastIndex { $0.hasPrefix("FROM ") })
        return Array(lines[start...])
    }

    /// The numeric user the image runs as.
    private func dockerUser() throws -> Int {
        let user = try #require(try runtimeStage().last { $0.hasPrefix("USER ") })
        return try #require(Int(user.dropFirst("USER ".count).split(separator: ":")[0]))
    }

    @Test func theImageRunsTheStaticBinaryAsANonRootUserWithItsLibraries() throws {
        let lines = try dockerfile()
        #expect(lines.contains { $0.hasPrefix("FROM swift:6") && $0.contains("bookworm") && $0.hasSuffix(" AS build") })
        let build = try #require(lines.first { $0.hasPrefix("RUN swift build") })
        #expect(build.contains("-c release") && build.contains("--product freightline") && build.contains("--static-swift-stdlib"))

        let runtime = try runtimeStage()
        #expect(runtime[0] == "FROM debian:bookworm-slim")
        let install = runtime.filter { $0.hasPrefix("RUN ") && $0.contains("apt-get") && $0.contains("install") }.joined(separator: " ")
        for package in ["libgit2-1.5", "libyaml-0-2", "ca-certificates"] {
            #expect(install.split(separator: " ").contains(Substring(package)), "the runtime stage does not install \(package)")
        }
        let user = try dockerUser()
        #expect(user != 0)
        #expect(runtime.contains(#"ENTRYPOINT ["/usr/local/bin/freightline"]"#))
        #expect(runtime.contains(#"CMD ["reconcile", "--help"]"#))
        #expect(runtime.contains { $0.hasPrefix("COPY --from=build ") && $0.hasSuffix(" /usr/local/bin/freightline") })
    }
}
