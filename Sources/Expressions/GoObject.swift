import Pipeline

/// The Go structs Kargo's expression functions return. Users address their fields by Go
/// name (`Tag`, `ID`, `RepoURL`), and `json.Marshal` writes them by JSON tag in declaration
/// order, so each case knows both spellings.
public enum GoObject: Sendable, Hashable {
    /// `kargoapi.Image`.
    case image(Image)
    /// `kargoapi.GitCommit`.
    case commit(GitCommit)
    /// `kargoapi.Chart`.
    case chart(Chart)
    /// `kargoapi.FreightOrigin`, from `warehouse()`.
    case origin(FreightOrigin)
    /// Kargo's `expressionFriendlyArtifactReference`, from `artifactFrom()`.
    case artifact(ArtifactReference)
    /// Masterminds' `*semver.Version`, from `semverParse()`.
    case version(SemanticVersion)
    /// Go's `time.Duration`, from `duration()` or subtracting two times; `Hours()` and
    /// friends are its methods, and `json.Marshal` writes its nanoseconds.
    case duration(GoDuration)

    /// The Go type name, for messages.
    public var typeName: String {
        switch self {
        case .image: "Image"
        case .commit: "GitCommit"
        case .chart: "Chart"
        case .origin: "FreightOrigin"
        case .artifact: "ArtifactReference"
        case .version: "semver.Version"
        case .duration: "time.Duration"
        }
    }

    /// A field: Go name, JSON tag, value, and whether `omitempty` drops it when empty.
    struct Field {
        var goName: String
        var jsonName: String
        var value: ExpressionValue
        var omitEmpty: Bool = true
    }

    /// Fields in Go declaration order, which is also `json.Marshal` order.
    var fields: [Field] {
        func text(_ value: String?) -> ExpressionValue { .string(value ?? "") }
        switch self {
        case .image(let image):
            return [
                Field(goName: "RepoURL", jsonName: "repoURL", value: text(image.repoURL)),
                Field(goName: "Tag", jsonName: "tag", value: text(image.tag)),
                Field(goName: "Digest", jsonName: "digest", value: text(image.digest)),
                Field(
                    goName: "Annotations", jsonName: "annotations",
                    value: image.annotations.map { ExpressionValue(strings: $0) } ?? .null),
            ]
        case .commit(let commit):
            return [
                Field(goName: "RepoURL", jsonName: "repoURL", value: text(commit.repoURL)),
                Field(goName: "ID", jsonName: "id", value: text(commit.id)),
                Field(goName: "Branch", jsonName: "branch", value: text(commit.branch)),
                Field(goName: "Tag", jsonName: "tag", value: text(commit.tag)),
                Field(goName: "Message", jsonName: "message", value: text(commit.message)),
                Field(goName: "Author", jsonName: "author", value: text(commit.author)),
                Field(goName: "Committer", jsonName: "committer", value: text(commit.committer)),
            ]
        case .chart(let chart):
            return [
                Field(goName: "RepoURL", jsonName: "repoURL", value: text(chart.repoURL)),
                Field(goName: "Name", jsonName: "name", value: text(chart.name)),
                Field(goName: "Version", jsonName: "version", value: text(chart.version)),
            ]
        case .origin(let origin):
            return [
                Field(goName: "Kind", jsonName: "kind", value: .string(origin.kind.rawValue), omitEmpty: false),
                Field(goName: "Name", jsonName: "name", value: .string(origin.name), omitEmpty: false),
            ]
        case .artifact(let artifact):
            return [
                Field(goName: "ArtifactType", jsonName: "artifactType", value: text(artifact.artifactType)),
                Field(goName: "SubscriptionName", jsonName: "subscriptionName", value: text(artifact.subscriptionName)),
                Field(goName: "Version", jsonName: "version", value: text(artifact.version)),
                Field(goName: "Metadata", jsonName: "metadata", value: artifact.metadata.map(ExpressionValue.init) ?? .null),
            ]
        case .version, .duration:
            return []
        }
    }

    /// The Go field (or, for versions, the getter method) named `name`.
    func member(_ name: String) -> ExpressionValue? {
        if case .version(let version) = self {
            return Self.versionGetter(version, name)
        }
        return fields.first { $0.goName == name }?.value
    }

    /// Names users may write after a dot, for "did you mean" messages.
    var memberNames: [String] {
        if case .version = self { return ["Major", "Minor", "Patch", "Prerelease", "Metadata", "Original", "String"] }
        return fields.map(\.goName)
    }

    /// Masterminds' getters; Kargo users call them as methods (`.Major()`).
    static func versionGetter(_ version: SemanticVersion, _ name: String) -> ExpressionValue? {
        switch name {
        case "Major": .int(Int64(truncatingIfNeeded: version.major))
        case "Minor": .int(Int64(truncatingIfNeeded: version.minor))
        case "Patch": .int(Int64(truncatingIfNeeded: version.patch))
        case "Prerelease": .string(version.prerelease)
        case "Metadata": .string(version.buildMetadata)
        case "Original": .string(version.original)
        case "String": .string(version.description)
        default: nil
        }
    }

    /// The `json.Marshal` form. A version marshals as its canonical string (Masterminds'
    /// `MarshalJSON`).
    var jsonValue: JSONValue {
        if case .version(let version) = self { return .string(version.description) }
        if case .duration(let duration) = self { return .int(duration.nanoseconds) }
        var members: [String: JSONValue] = [:]
        for field in fields where !(field.omitEmpty && field.value.isGoEmpty) {
            members[field.jsonName] = field.value.jsonValue
        }
        return .object(members)
    }
}

extension ExpressionValue {
    /// Go's `omitempty` notion of empty.
    var isGoEmpty: Bool {
        switch self {
        case .null: true
        case .bool(let value): !value
        case .int(let value): value == 0
        case .double(let value): value == 0
        case .string(let value): value.isEmpty
        case .array(let items): items.isEmpty
        case .map(let members): members.isEmpty
        case .object(.duration(let duration)): duration.nanoseconds == 0
        case .object, .time: false
        }
    }
}
