import Foundation
import Pipeline

/// The media types the discoverer asks for and understands.
public enum RegistryMediaType {
    public static let ociIndex = "application/vnd.oci.image.index.v1+json"
    public static let ociManifest = "application/vnd.oci.image.manifest.v1+json"
    public static let dockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json"
    public static let dockerManifest = "application/vnd.docker.distribution.manifest.v2+json"

    /// The `Accept` header of a manifest request: indexes first, then single manifests.
    public static let manifestAccept = [ociIndex, dockerManifestList, ociManifest, dockerManifest].joined(separator: ", ")

    static func isIndex(_ type: String) -> Bool { type == ociIndex || type == dockerManifestList }
    static func isManifest(_ type: String) -> Bool { type == ociManifest || type == dockerManifest }
}

/// An image manifest or an image index (OCI or Docker v2), as much as discovery reads.
struct ManifestDocument: Decodable, Sendable {
    struct Descriptor: Decodable, Sendable {
        var mediaType: String?
        var digest: String
        var platform: Platform?
        var annotations: [String: String]?
    }

    struct Platform: Decodable, Sendable {
        var architecture: String?
        var os: String?
        var variant: String?
    }

    var schemaVersion: Int?
    var mediaType: String?
    var config: Descriptor?
    var manifests: [Descriptor]?
    var annotations: [String: String]?
}

/// An image's config blob: when it was built, its labels and its platform.
struct ImageConfigDocument: Decodable, Sendable {
    struct Inner: Decodable, Sendable {
        var Labels: [String: String]?
    }

    var created: String?
    var architecture: String?
    var os: String?
    var variant: String?
    var config: Inner?
}

/// `GET /v2/<name>/tags/list`.
struct TagListDocument: Decodable, Sendable {
    var tags: [String]?
}

/// A bearer token endpoint's answer.
struct TokenDocument: Decodable, Sendable {
    var token: String?
    var access_token: String?
}

/// Build times in metadata, as Kargo reads them (`getCreationTime`).
enum ImageBuildTime {
    static let createdAnnotation = "org.opencontainers.image.created"
    static let legacyBuildDateAnnotation = "org.label-schema.build-date"

    /// The first RFC 3339 time under the OCI or label-schema key.
    static func fromMetadata(_ metadata: [String: String]?) -> Timestamp? {
        guard let metadata else { return nil }
        for key in [createdAnnotation, legacyBuildDateAnnotation] {
            if let text = metadata[key], let time = Timestamp(rfc3339: text) { return time }
        }
        return nil
    }

    /// A manifest's annotations win; otherwise the later of the config's `created` and its
    /// labels' build time.
    static func of(annotations: [String: String]?, config: ImageConfigDocument) -> Timestamp? {
        if let time = fromMetadata(annotations) { return time }
        let created = config.created.flatMap { Timestamp(rfc3339: $0) }
        guard let labelled = fromMetadata(config.config?.Labels) else { return created }
        guard let created else { return labelled }
        return max(created, labelled)
    }
}
