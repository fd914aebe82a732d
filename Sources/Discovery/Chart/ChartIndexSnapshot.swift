/// What the last download of a classic repository's `index.yaml` said about one chart, so
/// the next discovery can ask "has it changed?" (`If-None-Match` / `If-Modified-Since`) and,
/// on 304 Not Modified, reuse the versions without downloading the index again. The caller
/// keeps it between runs (in the Warehouse's state file); it holds no credential.
public struct ChartIndexSnapshot: Codable, Sendable, Hashable {
    /// The index URL the snapshot is of; a snapshot of another URL or chart is not used.
    public var indexURL: String
    public var chart: String
    /// The validators the server sent with the index, sent back verbatim.
    public var etag: String?
    public var lastModified: String?
    /// Every version the index listed for `chart`, unfiltered and in the index's order, so a
    /// changed `semverConstraint` or `discoveryLimit` needs no new download.
    public var versions: [String]

    public init(indexURL: String, chart: String, etag: String? = nil, lastModified: String? = nil, versions: [String]) {
        self.indexURL = indexURL
        self.chart = chart
        self.etag = etag
        self.lastModified = lastModified
        self.versions = versions
    }

    /// Whether a conditional request can be made with this snapshot.
    public var hasValidators: Bool { etag != nil || lastModified != nil }
}
