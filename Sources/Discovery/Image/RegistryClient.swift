import Foundation
import Pipeline

/// One image repository spoken to with the OCI distribution API over an `HTTPTransport`
/// (pass a `BudgetedTransport` to spend the run's request budget): tag listing with
/// pagination, manifests and blobs, answering `WWW-Authenticate` challenges with basic
/// auth or a bearer token fetched from the challenge's realm. Every failure is a
/// `DiscoveryError` naming `repoURL`, never a credential.
public struct RegistryClient: Sendable {
    public let reference: ImageRepositoryReference
    /// As the subscription wrote it; what errors name.
    public let repoURL: String
    public var transport: any HTTPTransport
    public var credentials: RegistryCredentials?
    public var timeout: Double
    public var authorizations: RegistryAuthorizations
    /// Pages followed at most, so a registry that links in a circle cannot keep us busy.
    public var maxPages = 1000

    public init(
        reference: ImageRepositoryReference,
        repoURL: String,
        transport: any HTTPTransport,
        credentials: RegistryCredentials? = nil,
        timeout: Double = 30,
        authorizations: RegistryAuthorizations = RegistryAuthorizations()
    ) {
        self.reference = reference
        self.repoURL = repoURL
        self.transport = transport
        self.credentials = credentials
        self.timeout = timeout
        self.authorizations = authorizations
    }

    /// Every tag, following `Link: <…>; rel="next"`; `pageSize` is sent as `n`.
    public func tags(pageSize: Int = 1000) async throws(DiscoveryError) -> [String] {
        var next: String? = "\(reference.origin)/v2/\(reference.repository)/tags/list?n=\(pageSize)"
        var tags: [String] = []
        var pages = 0
        while let page = next {
            pages += 1
            guard pages <= maxPages else {
                throw failure(.malformed("the registry's tag list went on for more than \(maxPages) pages", location: nil))
            }
            guard let url = URL(string: page) else {
                throw failure(.malformed("the registry linked to an invalid URL for the next page of tags", location: nil))
            }
            let response = try await get(url, accept: "application/json")
            guard let list = try? JSONDecoder().decode(TagListDocument.self, from: Data(response.body)) else {
                throw failure(.malformed("the tag list is not the JSON the OCI distribution API specifies ({\"name\", \"tags\": [...]})", location: nil))
            }
            tags.append(contentsOf: list.tags ?? [])
            next = response.header("link").flatMap { RegistryLink.next($0, origin: reference.origin) }
        }
        return tags
    }

    /// A manifest or index by tag or digest: its media type, digest and bytes.
    public func manifest(_ tagOrDigest: String) async throws(DiscoveryError) -> RegistryManifest {
        guard let url = URL(string: "\(reference.origin)/v2/\(reference.repository)/manifests/\(tagOrDigest)") else {
            throw failure(.invalidSubscription("\(EscapedText.doubleQuoted(tagOrDigest)) cannot be part of a manifest URL"))
        }
        let response = try await get(url, accept: RegistryMediaType.manifestAccept)
        guard let document = try? JSONDecoder().decode(ManifestDocument.self, from: Data(response.body)) else {
            throw failure(.malformed("the manifest of \(tagOrDigest) is not JSON", location: nil))
        }
        let contentType = response.header("content-type")?.split(separator: ";").first
            .map { $0.trimmingCharacters(in: .whitespaces) }
        var mediaType = document.mediaType ?? contentType ?? ""
        if !RegistryMediaType.isIndex(mediaType) && !RegistryMediaType.isManifest(mediaType) {
            // Untyped OCI documents: an index lists manifests, a manifest names a config.
            if document.manifests != nil { mediaType = RegistryMediaType.ociIndex }
            else if document.config != nil { mediaType = RegistryMediaType.ociManifest }
            else {
                throw failure(.malformed("the manifest of \(tagOrDigest) has media type \(EscapedText.doubleQuoted(mediaType)), "
                    + "neither an image manifest nor an index (OCI or Docker v2)", location: nil))
            }
        }
        let digest = response.header("docker-content-digest") ?? (tagOrDigest.hasPrefix("sha256:") ? tagOrDigest : nil)
        guard let digest, !digest.isEmpty else {
            throw failure(.malformed("the registry sent the manifest of \(tagOrDigest) without a Docker-Content-Digest header", location: nil))
        }
        return RegistryManifest(mediaType: mediaType, digest: digest, document: document)
    }

    /// A blob's bytes (an image config).
    func blob(_ digest: String) async throws(DiscoveryError) -> [UInt8] {
        guard let url = URL(string: "\(reference.origin)/v2/\(reference.repository)/blobs/\(digest)") else {
            throw failure(.malformed("the blob digest \(EscapedText.doubleQuoted(digest)) cannot be part of a URL", location: nil))
        }
        return try await get(url, accept: "application/vnd.oci.image.config.v1+json, application/vnd.docker.container.image.v1+json, application/json").body
    }

    // MARK: - Requests and authorization

    /// GET with whatever authorization this repository needed before; on a 401 with a
    /// challenge, answers it once and retries. Any status but 200 becomes an error.
    private func get(_ url: URL, accept: String) async throws(DiscoveryError) -> HTTPResponse {
        let key = reference.description
        var authorization = await authorizations.value(for: key)
        var response = try await send(url, accept: accept, authorization: authorization)
        if response.status == 401, let challenge = response.header("www-authenticate").flatMap(RegistryChallenge.init(header:)) {
            let answer = try await answer(challenge)
            if let answer, answer != authorization {
                authorization = answer
                await authorizations.set(answer, for: key)
                response = try await send(url, accept: accept, authorization: answer)
            }
        }
        guard response.status == 200 else { throw failure(Self.reason(forStatus: response.status)) }
        return response
    }

    private func send(_ url: URL, accept: String, authorization: String?) async throws(DiscoveryError) -> HTTPResponse {
        var headers = ["Accept": accept]
        if let authorization { headers["Authorization"] = authorization }
        do {
            return try await transport.send(HTTPRequest(url: url, headers: headers, timeout: timeout))
        } catch {
            throw failure(error.budgetSpent ? .budgetSpent(error.reason) : .unreachable(error.reason))
        }
    }

    /// The `Authorization` value that answers `challenge`; nil when there is nothing to send
    /// (basic auth without credentials), which leaves the 401 standing.
    private func answer(_ challenge: RegistryChallenge) async throws(DiscoveryError) -> String? {
        switch challenge.scheme {
        case "basic":
            return credentials?.basicAuthorization
        case "bearer":
            guard let realm = challenge.parameters["realm"], var components = URLComponents(string: realm),
                  components.scheme == "http" || components.scheme == "https" else {
                throw failure(.malformed("the registry's bearer challenge names no usable token realm", location: nil))
            }
            var query = components.queryItems ?? []
            if let service = challenge.parameters["service"] { query.append(URLQueryItem(name: "service", value: service)) }
            let scope = challenge.parameters["scope"] ?? "repository:\(reference.repository):pull"
            query.append(URLQueryItem(name: "scope", value: scope))
            components.queryItems = query
            guard let url = components.url else {
                throw failure(.malformed("the registry's token realm is not a URL", location: nil))
            }
            let response = try await send(url, accept: "application/json", authorization: credentials?.basicAuthorization)
            guard response.status == 200 else { throw failure(Self.reason(forStatus: response.status)) }
            guard let token = try? JSONDecoder().decode(TokenDocument.self, from: Data(response.body)),
                  let value = token.token ?? token.access_token, !value.isEmpty else {
                throw failure(.malformed("the token endpoint's answer holds no token", location: nil))
            }
            return "Bearer " + value
        default:
            throw failure(.malformed("the registry asks for \(EscapedText.doubleQuoted(challenge.scheme)) authentication, "
                + "which is not supported (only Basic and Bearer)", location: nil))
        }
    }

    func failure(_ reason: DiscoveryError.Reason) -> DiscoveryError {
        DiscoveryError(repository: repoURL, reason: reason)
    }

    static func reason(forStatus status: Int) -> DiscoveryError.Reason {
        switch status {
        case 401: .unauthorized
        case 403: .forbidden
        case 404: .notFound
        default: .httpStatus(status)
        }
    }
}

/// A manifest or index as the registry served it.
public struct RegistryManifest: Sendable {
    public var mediaType: String
    /// `Docker-Content-Digest`.
    public var digest: String
    var document: ManifestDocument

    public var isIndex: Bool { RegistryMediaType.isIndex(mediaType) }
}
