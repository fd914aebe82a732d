import Crypto
import Discovery
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GitStore
import Pipeline

/// 100 Warehouses over 10 image repositories of 5,000 tags each, on the real local
/// registry: one discovery run must list each repository once (10 tag listings, printed),
/// and its time is printed next to `skopeo list-tags` of the same 10 repositories.
struct DiscoveryBenchmark {
    let repositories = 10
    let tagsPerRepository = 5_000
    let warehouses = 100

    func run() async throws {
        let runtime = FileManager.default.temporaryDirectory.appendingPathComponent("freightline-bench-registry-\(getpid())").path
        let output = try BenchGitServer.shell(["scripts/services.sh", "start", "registry"], environment: ["FREIGHTLINE_SERVICES_DIR": runtime])
        defer {
            _ = try? BenchGitServer.shell(["scripts/services.sh", "stop", "registry"], environment: ["FREIGHTLINE_SERVICES_DIR": runtime])
            try? FileManager.default.removeItem(atPath: runtime)
        }
        var exports: [String: String] = [:]
        for line in output.split(separator: "\n") where line.hasPrefix("export ") {
            let assignment = line.dropFirst("export ".count)
            if let equals = assignment.firstIndex(of: "=") {
                exports[String(assignment[..<equals])] = String(assignment[assignment.index(after: equals)...])
            }
        }
        guard let host = exports["FREIGHTLINE_REGISTRY_HOST"], let storage = exports["FREIGHTLINE_REGISTRY_STORAGE"] else {
            throw BenchError("scripts/services.sh start registry printed no address:\n\(output)")
        }

        // One real image per repository, then 4,999 more tags naming the same manifest,
        // written straight into the registry's storage (pushing 50,000 tags would take an hour).
        for index in 0..<repositories {
            let name = "bench/app-\(index)"
            let digest = try await pushImage(host: host, repository: name)
            let tags = storage + "/docker/registry/v2/repositories/\(name)/_manifests/tags"
            for tag in 1..<tagsPerRepository {
                let folder = tags + "/1.\(tag / 100).\(tag % 100)/current"
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try Data(digest.utf8).write(to: URL(fileURLWithPath: folder + "/link"))
            }
        }

        var config = KargoConfig()
        for index in 0..<warehouses {
            // Ten Warehouses per repository, each asking a little differently, so only the
            // shared tag listing (not a shared answer) keeps the requests down.
            let subscription = ImageSubscription(repoURL: "\(host)/bench/app-\(index % repositories)",
                                                 constraint: ">=1.\(index / repositories).0", discoveryLimit: 1)
            config.warehouses.append(Warehouse(metadata: ObjectMeta(name: "w\(index)", namespace: "bench"),
                                               spec: WarehouseSpec(subscriptions: [RepoSubscription(image: subscription)])))
        }
        let counter = CountingTransport(base: URLSessionTransport())
        let discoverer = NetworkDiscoverer(
            cache: GitCache(root: runtime + "/cache"), gitCredentials: { _ in nil }, imageCredentials: { _ in nil },
            chartCredentials: { _ in nil }, budget: RequestBudget(limitPerHost: 100_000), transport: counter)
        let start = DispatchTime.now().uptimeNanoseconds
        let report = await WarehouseDiscovery(discoverer: discoverer, now: Timestamp(secondsSinceEpoch: 1_795_000_000))
            .run(config: config, state: PipelineState())
        let ours = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let failures = report.entries.filter { if case .failed = $0.result { true } else { false } }
        let counts = await counter.counts

        let skopeoStart = DispatchTime.now().uptimeNanoseconds
        for index in 0..<repositories {
            _ = try BenchGitServer.shell(["skopeo", "list-tags", "--tls-verify=false", "docker://\(host)/bench/app-\(index)"])
        }
        let skopeo = Double(DispatchTime.now().uptimeNanoseconds - skopeoStart) / 1e9

        print("Discovery: \(warehouses) Warehouses over \(repositories) image repositories of \(tagsPerRepository) tags each:")
        print("  tag listings                   \(counts.listings)     (target: \(repositories), one per repository)")
        print("  tag listing pages              \(counts.pages)")
        print("  all registry requests          \(counts.total)")
        print("  new Freight                    \(report.newFreight.count); failed Warehouses \(failures.count)")
        print(String(format: "  freightline discovery run      %8.3f s", ours))
        print(String(format: "  skopeo list-tags ×%d            %8.3f s   (ratio %.2f)", repositories, skopeo, ours / skopeo))
    }

    /// Pushes a one-layer image with the registry API; returns the manifest digest.
    private func pushImage(host: String, repository: String) async throws -> String {
        let layer = Array("freightline bench layer".utf8)
        let config = Array(#"{"architecture":"amd64","os":"linux","created":"2026-11-23T08:00:00Z","rootfs":{"type":"layers","diff_ids":[]}}"#.utf8)
        let layerDigest = try await uploadBlob(host: host, repository: repository, bytes: layer)
        let configDigest = try await uploadBlob(host: host, repository: repository, bytes: config)
        let manifest = """
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",\
            "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"\(configDigest)","size":\(config.count)},\
            "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"\(layerDigest)","size":\(layer.count)}]}
            """
        var request = URLRequest(url: URL(string: "http://\(host)/v2/\(repository)/manifests/1.0.0")!)
        request.httpMethod = "PUT"
        request.setValue("application/vnd.oci.image.manifest.v1+json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(manifest.utf8)
        let (_, response) = try await URLSession.shared.data(for: request)
        guard let http = response as? HTTPURLResponse, http.statusCode == 201,
              let digest = http.value(forHTTPHeaderField: "Docker-Content-Digest") else {
            throw BenchError("pushing the manifest of \(repository) failed")
        }
        return digest
    }

    private func uploadBlob(host: String, repository: String, bytes: [UInt8]) async throws -> String {
        let digest = "sha256:" + SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        var start = URLRequest(url: URL(string: "http://\(host)/v2/\(repository)/blobs/uploads/")!)
        start.httpMethod = "POST"
        let (_, started) = try await URLSession.shared.data(for: start)
        guard let http = started as? HTTPURLResponse, let location = http.value(forHTTPHeaderField: "Location") else {
            throw BenchError("starting a blob upload to \(repository) failed")
        }
        let absolute = location.hasPrefix("http") ? location : "http://\(host)\(location)"
        let separator = absolute.contains("?") ? "&" : "?"
        var put = URLRequest(url: URL(string: absolute + separator + "digest=" + digest)!)
        put.httpMethod = "PUT"
        put.setValue("application/octet-stream", forHTTPHeaderField: "Content-Type")
        put.httpBody = Data(bytes)
        let (_, finished) = try await URLSession.shared.data(for: put)
        guard (finished as? HTTPURLResponse)?.statusCode == 201 else { throw BenchError("uploading a blob to \(repository) failed") }
        return digest
    }
}

/// Counts what goes to the registry: tag listings (first pages), pages, everything.
actor CountingTransport: HTTPTransport {
    nonisolated let base: any HTTPTransport
    private(set) var counts = (listings: 0, pages: 0, total: 0)

    init(base: any HTTPTransport) { self.base = base }

    func send(_ request: HTTPRequest) async throws(DiscoveryNetworkError) -> HTTPResponse {
        counts.total += 1
        if request.url.path.hasSuffix("/tags/list") {
            counts.pages += 1
            if !(request.url.query ?? "").contains("last=") { counts.listings += 1 }
        }
        return try await base.send(request)
    }
}
