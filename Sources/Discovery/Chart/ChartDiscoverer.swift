import Foundation
import Manifests
import Pipeline

/// Discovers the versions of one Helm chart subscription, as Kargo's chart subscriber does:
/// a classic repository's `index.yaml` over HTTP(S), or an OCI repository's tags. Doing code
/// over `HTTPTransport` (pass a `BudgetedTransport` to spend the run's request budget);
/// choosing the versions is `ChartVersionSelection`'s.
///
/// The index is fetched conditionally: with the `ChartIndexSnapshot` of the last download,
/// an unchanged index costs one 304 answer and no body.
public struct ChartDiscoverer: Sendable {
    public var transport: any HTTPTransport
    /// Seconds per request.
    public var timeout: Double

    public init(transport: any HTTPTransport, timeout: Double = 30) {
        self.transport = transport
        self.timeout = timeout
    }

    /// The subscription's versions, best first, and the snapshot to pass next time (nil for
    /// OCI repositories). Throws when the repository cannot be read or nothing matches.
    public func discover(
        _ subscription: ChartSubscription,
        credentials: ChartCredentials? = nil,
        snapshot: ChartIndexSnapshot? = nil
    ) async throws(DiscoveryError) -> ChartDiscovery {
        let repository = Self.shown(subscription.repoURL)
        let selection: ChartVersionSelection
        do {
            selection = try ChartVersionSelection(subscription: subscription)
        } catch {
            throw DiscoveryError(repository: repository, reason: .invalidSubscription("semverConstraint: \(error)"))
        }
        let name = subscription.name ?? ""
        let lowered = subscription.repoURL.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") {
            guard !name.isEmpty else {
                throw DiscoveryError(repository: repository, reason: .invalidSubscription(
                    "name is required for an http(s) chart repository, which may hold many charts"))
            }
            let fetched = try await indexVersions(subscription.repoURL, chart: name, credentials: credentials, snapshot: snapshot)
            let versions = selection.select(fetched.snapshot.versions, syntax: .repositoryIndex)
            guard !versions.isEmpty else {
                throw DiscoveryError(repository: repository, reason: .noMatchingVersions(
                    Self.noMatch(chart: name, listed: fetched.snapshot.versions, charts: fetched.charts,
                                 selection: selection, syntax: .repositoryIndex)))
            }
            let result = ChartDiscoveryResult(repoURL: subscription.repoURL, name: subscription.name,
                                              semverConstraint: subscription.semverConstraint, versions: versions)
            return ChartDiscovery(result: result, snapshot: fetched.snapshot, downloadedIndex: fetched.downloaded)
        }
        if lowered.hasPrefix("oci://") {
            guard name.isEmpty else {
                throw DiscoveryError(repository: repository, reason: .invalidSubscription(
                    "name must be empty for an oci:// repository, whose URL names the chart"))
            }
            guard let reference = ImageRepositoryReference(repoURL: subscription.repoURL,
                                                           insecureSkipTLSVerify: subscription.insecureSkipTLSVerify ?? false) else {
                throw DiscoveryError(repository: repository, reason: .invalidSubscription(
                    "an oci:// repoURL names a chart as registry/path/name, such as oci://ghcr.io/org/charts/app"))
            }
            // The same registry client as image discovery: challenge flow, token cache, paging.
            let client = RegistryClient(reference: reference, repoURL: subscription.repoURL, transport: transport,
                                        credentials: credentials, timeout: timeout)
            let tags = try await client.tags()
            let versions = selection.select(tags, syntax: .ociTag)
            guard !versions.isEmpty else {
                throw DiscoveryError(repository: repository, reason: .noMatchingVersions(
                    Self.noMatch(chart: nil, listed: tags, charts: nil, selection: selection, syntax: .ociTag)))
            }
            let result = ChartDiscoveryResult(repoURL: subscription.repoURL, name: nil,
                                              semverConstraint: subscription.semverConstraint, versions: versions)
            return ChartDiscovery(result: result, snapshot: nil, downloadedIndex: false)
        }
        throw DiscoveryError(repository: repository, reason: .invalidSubscription(
            "repoURL must start with http://, https:// (a chart repository) or oci:// (a chart in an OCI registry)"))
    }

    /// The index's versions of `chart`: downloaded, or the snapshot's when the server says
    /// the index is unchanged.
    private func indexVersions(
        _ repoURL: String, chart: String, credentials: ChartCredentials?, snapshot: ChartIndexSnapshot?
    ) async throws(DiscoveryError) -> (snapshot: ChartIndexSnapshot, charts: [String]?, downloaded: Bool) {
        let repository = Self.shown(repoURL)
        let indexText = (repoURL.hasSuffix("/") ? String(repoURL.dropLast()) : repoURL) + "/index.yaml"
        guard let indexURL = URL(string: indexText), indexURL.host != nil else {
            throw DiscoveryError(repository: repository, reason: .invalidSubscription("repoURL is not a valid URL"))
        }
        var headers: [String: String] = ["Accept": "application/x-yaml, text/yaml, */*"]
        if let credentials { headers["Authorization"] = credentials.basicAuthorization }
        let usable = snapshot.flatMap { $0.indexURL == indexText && $0.chart == chart && $0.hasValidators ? $0 : nil }
        if let usable {
            if let etag = usable.etag { headers["If-None-Match"] = etag }
            if let lastModified = usable.lastModified { headers["If-Modified-Since"] = lastModified }
        }
        let response: HTTPResponse
        do {
            response = try await transport.send(HTTPRequest(url: indexURL, headers: headers, timeout: timeout))
        } catch {
            throw DiscoveryError(repository: repository,
                                 reason: error.budgetSpent ? .budgetSpent(error.reason) : .unreachable(error.reason))
        }
        switch response.status {
        case 200:
            let file = Self.shown(indexText)
            let parsed: (versions: [String]?, charts: [String])
            do {
                parsed = try HelmRepositoryIndex.versions(of: chart, in: response.body, file: file)
            } catch {
                throw DiscoveryError(repository: repository, reason: .malformed(
                    "index.yaml is not a valid Helm repository index: \(error.message)", location: error.location))
            }
            let fresh = ChartIndexSnapshot(indexURL: indexText, chart: chart, etag: response.header("etag"),
                                           lastModified: response.header("last-modified"), versions: parsed.versions ?? [])
            return (fresh, parsed.versions == nil ? parsed.charts : nil, true)
        case 304 where usable != nil:
            var kept = usable!
            // A 304 may carry newer validators (RFC 9110 §15.4.5); keep them.
            if let etag = response.header("etag") { kept.etag = etag }
            if let lastModified = response.header("last-modified") { kept.lastModified = lastModified }
            return (kept, nil, false)
        default:
            throw DiscoveryError(repository: repository, reason: Self.reason(forStatus: response.status))
        }
    }

    static func reason(forStatus status: Int) -> DiscoveryError.Reason {
        switch status {
        case 401: .unauthorized
        case 403: .forbidden
        case 404: .notFound
        default: .httpStatus(status)
        }
    }

    /// A URL as it may appear in messages: no user info, no query.
    static func shown(_ text: String) -> String {
        guard let url = URL(string: text) else { return text }
        return URLSessionTransport.redacted(url)
    }

    /// Why nothing was selected, with what would help: the charts the index does list, or the
    /// versions there are and the pre-release rule.
    static func noMatch(
        chart: String?, listed: [String], charts: [String]?, selection: ChartVersionSelection,
        syntax: ChartVersionSelection.VersionSyntax
    ) -> String {
        let subject = chart.map { "chart \"\($0)\"" } ?? "the chart"
        if let charts {
            let shown = charts.sorted().prefix(10).map { "\"\($0)\"" }.joined(separator: ", ")
            return "the repository index lists no \(subject)"
                + (charts.isEmpty ? " (it lists no charts)" : " (it lists \(shown)\(charts.count > 10 ? ", …" : ""))")
        }
        let all = ChartVersionSelection(constraint: nil, discoveryLimit: 3).select(listed, syntax: syntax)
        if all.isEmpty {
            return listed.isEmpty ? "\(subject) has no versions"
                : "none of the \(listed.count) versions of \(subject) is a semantic version"
        }
        let constraint = selection.constraint?.text ?? ""
        return "none of the \(listed.count) versions of \(subject) satisfies semverConstraint \"\(constraint)\""
            + " (highest: \(all.joined(separator: ", ")); pre-releases count only when the constraint names one, as in >= 1.0.0-0)"
    }
}

/// One chart subscription's discovery: Kargo's result, and what to remember for next time.
public struct ChartDiscovery: Sendable, Hashable {
    public var result: ChartDiscoveryResult
    /// For a classic repository, the snapshot to pass to the next discovery (keep it in the
    /// Warehouse's state); nil for OCI repositories.
    public var snapshot: ChartIndexSnapshot?
    /// Whether the index was downloaded (false when the server answered 304 Not Modified).
    public var downloadedIndex: Bool

    public init(result: ChartDiscoveryResult, snapshot: ChartIndexSnapshot?, downloadedIndex: Bool) {
        self.result = result
        self.snapshot = snapshot
        self.downloadedIndex = downloadedIndex
    }
}
