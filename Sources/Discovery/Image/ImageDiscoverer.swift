import Foundation
import Pipeline

/// Discovers the images of one image subscription as Kargo's image selectors do: lists the
/// repository's tags, lets `ImageSelection` choose and order the candidates, and reads the
/// manifests (and config blobs, for build times) of as many as it needs. Doing code over
/// `HTTPTransport`; pass a `BudgetedTransport` to spend the run's request budget.
///
/// `known` is what earlier runs learned about tags (the Warehouse's
/// `status.discoveredArtifacts`): a tag found there costs no request at all, so a run over
/// an unchanged repository sends only the tag listing. The Digest strategy's tag is
/// mutable, so it is always asked again.
public struct ImageDiscoverer: Sendable {
    public var transport: any HTTPTransport
    /// Seconds per request.
    public var timeout: Double
    /// Tags per page of the tag listing (`n`).
    public var pageSize: Int
    /// Manifests read at once when every candidate is needed (NewestBuild).
    public var concurrency: Int
    /// Shared by every discovery of one run, so each repository's challenge is answered once.
    public var authorizations: RegistryAuthorizations
    /// Tags parsed as versions, shared by every discovery of one run.
    public var tagIndex: SemVerTagIndex

    public init(
        transport: any HTTPTransport,
        timeout: Double = 30,
        pageSize: Int = 1000,
        concurrency: Int = 8,
        authorizations: RegistryAuthorizations = RegistryAuthorizations(),
        tagIndex: SemVerTagIndex = SemVerTagIndex()
    ) {
        self.transport = transport
        self.timeout = timeout
        self.pageSize = pageSize
        self.concurrency = concurrency
        self.authorizations = authorizations
        self.tagIndex = tagIndex
    }

    /// The subscription's images, best first (at most its `discoveryLimit`). Empty when no
    /// tag qualifies, or when the Digest strategy's tag does not exist: as in Kargo, that
    /// is a result, not an error.
    public func discover(
        _ subscription: ImageSubscription,
        credentials: RegistryCredentials? = nil,
        known: [String: DiscoveredImageReference] = [:]
    ) async throws(DiscoveryError) -> ImageDiscoveryResult {
        let repoURL = subscription.repoURL
        guard let reference = ImageRepositoryReference(repoURL: repoURL,
                                                       insecureSkipTLSVerify: subscription.insecureSkipTLSVerify ?? false) else {
            throw DiscoveryError(repository: repoURL, reason: .invalidSubscription(
                "repoURL must name an image repository without tag or digest, such as ghcr.io/org/app or localhost:5000/demo/app"))
        }
        let selection: ImageSelection
        do {
            selection = try ImageSelection(subscription: subscription)
        } catch {
            throw DiscoveryError(repository: repoURL, reason: .invalidSubscription(error.description))
        }
        let client = RegistryClient(reference: reference, repoURL: repoURL, transport: transport,
                                    credentials: credentials, timeout: timeout, authorizations: authorizations)
        let reader = ImageReader(client: client, platform: selection.platform)
        var found: [DiscoveredImageReference] = []
        if case .digest(let tag) = selection.strategy {
            do {
                if let image = try await reader.image(tag: tag) { found = [image] }
            } catch where error.reason == .notFound {
                found = []
            }
        } else {
            let candidates = selection.candidates(from: try await client.tags(pageSize: pageSize),
                                                  repository: reference.description, index: tagIndex)
            if selection.readsEveryCandidate {
                found = try await images(candidates, reader: reader, known: known)
            } else {
                for tag in candidates where found.count < selection.discoveryLimit {
                    if let cached = known[tag].flatMap(Self.usable) {
                        found.append(cached)
                    } else if let image = try await reader.image(tag: tag) {
                        found.append(image)
                    }
                }
            }
        }
        return ImageDiscoveryResult(repoURL: repoURL, platform: selection.platform?.description,
                                    references: selection.ordered(found))
    }

    /// A cached answer worth trusting: it has a digest.
    private static func usable(_ reference: DiscoveredImageReference) -> DiscoveredImageReference? {
        reference.digest == nil ? nil : reference
    }

    /// Every candidate's image, cached ones without a request, the rest `concurrency` at a time.
    private func images(
        _ tags: [String], reader: ImageReader, known: [String: DiscoveredImageReference]
    ) async throws(DiscoveryError) -> [DiscoveredImageReference] {
        var images: [DiscoveredImageReference] = []
        var missing: [String] = []
        for tag in tags {
            if let cached = known[tag].flatMap(Self.usable) { images.append(cached) } else { missing.append(tag) }
        }
        let width = max(concurrency, 1)
        var start = 0
        while start < missing.count {
            let batch = missing[start..<min(start + width, missing.count)]
            start += width
            let results = await withTaskGroup(of: Result<DiscoveredImageReference?, DiscoveryError>.self) { group in
                for tag in batch {
                    group.addTask {
                        do throws(DiscoveryError) { return .success(try await reader.image(tag: tag)) } catch { return .failure(error) }
                    }
                }
                var collected: [Result<DiscoveredImageReference?, DiscoveryError>] = []
                for await result in group { collected.append(result) }
                return collected
            }
            for result in results {
                switch result {
                case .success(let image): if let image { images.append(image) }
                case .failure(let error): throw error
                }
            }
        }
        return images
    }
}

/// Reads what discovery reports about one tag: digest, build time and annotations, for the
/// subscription's platform when it names one.
struct ImageReader: Sendable {
    var client: RegistryClient
    var platform: ImagePlatform?

    /// The tag's image; nil when it has nothing for `platform`.
    func image(tag: String) async throws(DiscoveryError) -> DiscoveredImageReference? {
        let manifest = try await client.manifest(tag)
        if manifest.isIndex {
            return try await indexImage(tag: tag, index: manifest)
        }
        guard let single = try await singleImage(manifest) else { return nil }
        if let platform, single.platform != platform { return nil }
        return DiscoveredImageReference(tag: tag, digest: manifest.digest,
                                        annotations: Self.nonEmpty(manifest.document.annotations),
                                        createdAt: single.createdAt)
    }

    /// An index's image: its digest is the index's; its build time the index's annotation,
    /// else the (newest) build time of the platforms read. With a platform, only that
    /// platform's manifest is read, and its entry's annotations are added.
    private func indexImage(tag: String, index: RegistryManifest) async throws(DiscoveryError) -> DiscoveredImageReference? {
        let entries = (index.document.manifests ?? []).filter { entry in
            guard let os = entry.platform?.os, let architecture = entry.platform?.architecture else { return false }
            return !os.isEmpty && !architecture.isEmpty && os != "unknown" && architecture != "unknown"
        }
        guard !entries.isEmpty else {
            throw client.failure(.malformed("the index of \(tag) lists no platform images (an empty index is not supported)", location: nil))
        }
        var chosen = entries
        var annotations = index.document.annotations ?? [:]
        if let platform {
            guard let entry = entries.first(where: {
                ImagePlatform(os: $0.platform?.os ?? "", architecture: $0.platform?.architecture ?? "",
                              variant: $0.platform?.variant) == platform
            }) else { return nil }
            chosen = [entry]
            annotations.merge(entry.annotations ?? [:]) { _, platformValue in platformValue }
        }
        var newest: Timestamp?
        for entry in chosen {
            var created = ImageBuildTime.fromMetadata(entry.annotations)
            if created == nil {
                let child = try await client.manifest(entry.digest)
                guard !child.isIndex, let image = try await singleImage(child) else {
                    throw client.failure(.malformed("the index of \(tag) lists \(entry.digest), which is not an image manifest", location: nil))
                }
                created = image.createdAt
            }
            if let created, newest.map({ created > $0 }) ?? true { newest = created }
        }
        let createdAt = ImageBuildTime.fromMetadata(index.document.annotations) ?? newest
        return DiscoveredImageReference(tag: tag, digest: index.digest, annotations: Self.nonEmpty(annotations),
                                        createdAt: createdAt)
    }

    /// A single image's platform and build time, from its config blob.
    private func singleImage(_ manifest: RegistryManifest) async throws(DiscoveryError) -> (platform: ImagePlatform, createdAt: Timestamp?)? {
        guard let config = manifest.document.config else {
            throw client.failure(.malformed("the manifest \(manifest.digest) names no config", location: nil))
        }
        let bytes = try await client.blob(config.digest)
        guard let document = try? JSONDecoder().decode(ImageConfigDocument.self, from: Data(bytes)) else {
            throw client.failure(.malformed("the config blob \(config.digest) is not an image config (JSON)", location: nil))
        }
        let platform = ImagePlatform(os: document.os ?? "", architecture: document.architecture ?? "", variant: document.variant)
        return (platform, ImageBuildTime.of(annotations: manifest.document.annotations, config: document))
    }

    private static func nonEmpty(_ annotations: [String: String]?) -> [String: String]? {
        annotations.flatMap { $0.isEmpty ? nil : $0 }
    }
}
