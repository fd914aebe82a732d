import Foundation
import GitStore
import Pipeline
import Steps

/// One promotion — clone, set an image tag, commit, push, over the local smart-HTTP Git
/// server with basic auth — done by Freightline's steps (libgit2, in process, with the
/// run's cache clone as `reconcile` uses it: fetched, then the work tree made from it) and
/// by the equivalent shell script with the git CLI, alternating, in one run. Prints the
/// medians and their ratio (target ≤ 1.0).
struct PromotionBenchmark {
    let rounds: Int
    let manifests: Int

    func run() async throws {
        let runtime = FileManager.default.temporaryDirectory.appendingPathComponent("freightline-bench-git-\(getpid())").path
        let server = try BenchGitServer(runtime: runtime)
        defer { server.stop(); try? FileManager.default.removeItem(atPath: runtime) }
        let url = try server.seedRepository(named: "gitops", manifests: manifests)
        let credentials = GitCredentials(username: server.username, password: server.password)
        let work = runtime + "/work"

        var ours: [Double] = []
        var theirs: [Double] = []
        var perStep: [String: [Double]] = [:]
        for round in 0..<rounds {
            // Alternate who goes first so neither always meets a warm server.
            let order = round % 2 == 0 ? [true, false] : [false, true]
            for freightline in order {
                let folder = work + "/\(freightline ? "freightline" : "git")-\(round)"
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                let tag = "1.\(round).\(freightline ? 1 : 2)"
                let elapsed = try await timed {
                    if freightline {
                        for (step, time) in try await promoteWithSteps(url: url, credentials: credentials, folder: folder, tag: tag,
                                                                       cache: GitCache(root: runtime + "/cache")) {
                            perStep[step, default: []].append(time)
                        }
                    } else {
                        try server.promoteWithGitCLI(url: url, folder: folder, tag: tag)
                    }
                }
                (freightline ? { ours.append(elapsed) } : { theirs.append(elapsed) })()
                try? FileManager.default.removeItem(atPath: folder)
            }
        }
        let oursMedian = median(ours), theirsMedian = median(theirs)
        print("One promotion (clone, kustomize-set-image, commit, push; \(manifests) manifests; \(rounds) rounds each, medians):")
        print(String(format: "  freightline steps (libgit2)    %8.3f s", oursMedian))
        print(String(format: "  shell script (git CLI)         %8.3f s", theirsMedian))
        print(String(format: "  ratio                          %8.2f     (target ≤ 1.0)", oursMedian / theirsMedian))
        print("  freightline by step (medians): " + Self.stepOrder.map { String(format: "%@ %.3f s", $0, median(perStep[$0] ?? [])) }.joined(separator: ", "))
    }

    static let stepOrder = ["git-clone", "kustomize-set-image", "git-commit", "git-push"]

    /// Runs the four steps; returns each one's time.
    private func promoteWithSteps(url: String, credentials: GitCredentials, folder: String, tag: String,
                                  cache: GitCache) async throws -> [String: Double] {
        var times: [String: Double] = [:]
        let context = StepContext(project: "bench", stage: "test", promotion: "bench-\(tag)",
                                  workDirectory: WorkDirectory(root: folder),
                                  now: Timestamp(secondsSinceEpoch: 1_795_000_000),
                                  gitCredentials: { _ in credentials }, gitCache: cache)
        let steps: [(String, JSONValue)] = [
            ("git-clone", .object(["repoURL": .string(url),
                                   "checkout": .array([.object(["branch": .string("main"), "path": .string("src")])])])),
            ("kustomize-set-image", .object(["path": .string("src/env/test"),
                                             "images": .array([.object(["image": .string("ghcr.io/example/app"), "tag": .string(tag)])])])),
            ("git-commit", .object(["path": .string("src"), "message": .string("Promote ghcr.io/example/app:\(tag) to test")])),
            ("git-push", .object(["path": .string("src")])),
        ]
        for (name, config) in steps {
            guard let runner = StepRegistry.runner(named: name) else { throw BenchError("no step \(name)") }
            let start = DispatchTime.now().uptimeNanoseconds
            do {
                _ = try await runner.run(config: config, context: context)
            } catch {
                throw BenchError("\(name): \(error)")
            }
            times[name] = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        return times
    }

    private func timed(_ body: () async throws -> Void) async throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try await body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
