import Foundation
import Pipeline

/// One `apps[]` entry of `argocd-update`'s config, and the pure decisions about it: may this
/// Stage touch the Application, what its sources become, and which revision each source
/// must end up synced to. Nothing here talks to Argo CD.
public struct ApplicationUpdate: Sendable, Hashable, Codable {
    public var name: String?
    public var namespace: String?
    public var selector: ApplicationSelector?
    public var sources: [SourceUpdate]?

    public init(name: String? = nil, namespace: String? = nil, selector: ApplicationSelector? = nil,
                sources: [SourceUpdate]? = nil) {
        self.name = name
        self.namespace = namespace
        self.selector = selector
        self.sources = sources
    }

    /// How one Application source changes. `repoURL` (and `chart`) pick the source.
    public struct SourceUpdate: Sendable, Hashable, Codable {
        public var repoURL: String
        public var chart: String?
        /// The revision the source must be observably synced to (checked, not written,
        /// unless `updateTargetRevision`).
        public var desiredRevision: String?
        public var updateTargetRevision: Bool?
        public var kustomize: KustomizeUpdate?
        public var helm: HelmUpdate?

        public init(repoURL: String, chart: String? = nil, desiredRevision: String? = nil,
                    updateTargetRevision: Bool? = nil, kustomize: KustomizeUpdate? = nil, helm: HelmUpdate? = nil) {
            self.repoURL = repoURL
            self.chart = chart
            self.desiredRevision = desiredRevision
            self.updateTargetRevision = updateTargetRevision
            self.kustomize = kustomize
            self.helm = helm
        }

        /// `chart` with an empty string read as absent, as Kargo reads it.
        var chartName: String? { chart.flatMap { $0.isEmpty ? nil : $0 } }

        var wantedRevision: String? { desiredRevision.flatMap { $0.isEmpty ? nil : $0 } }
    }

    public struct KustomizeUpdate: Sendable, Hashable, Codable {
        public var images: [KustomizeImage]?

        public init(images: [KustomizeImage]?) { self.images = images }
    }

    /// An image for `spec.source.kustomize.images`.
    public struct KustomizeImage: Sendable, Hashable, Codable {
        public var repoURL: String
        public var tag: String?
        public var digest: String?
        public var newName: String?

        public init(repoURL: String, tag: String? = nil, digest: String? = nil, newName: String? = nil) {
            self.repoURL = repoURL
            self.tag = tag
            self.digest = digest
            self.newName = newName
        }

        /// Argo CD's form: `name[=newName]` then `@digest` or `:tag` (a digest wins).
        public var argoCDForm: String {
            var text = repoURL
            if let newName, !newName.isEmpty { text += "=\(newName)" }
            if let digest, !digest.isEmpty { return text + "@\(digest)" }
            if let tag, !tag.isEmpty { return text + ":\(tag)" }
            return text
        }
    }

    public struct HelmUpdate: Sendable, Hashable, Codable {
        public var images: [HelmImage]

        public init(images: [HelmImage]) { self.images = images }
    }

    /// A `helm.parameters` entry to set: `key` is the parameter's name.
    public struct HelmImage: Sendable, Hashable, Codable {
        public var key: String
        public var value: String

        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    // MARK: authorization

    /// The annotation by which an Application's owners let Stages update it: a
    /// comma-separated list of `<project>:<stage>`.
    public static let authorizedStageAnnotation = "kargo.akuity.io/authorized-stage"

    /// Passes when `app`'s annotation lists `project:stage`; whitespace around entries and
    /// their parts is ignored, glob patterns (Kargo's deprecated form) are refused.
    public static func authorize(_ app: Application, project: String, stage: String) throws(ApplicationUpdateError) {
        let wanted = "\(project):\(stage)"
        guard let value = app.annotations[authorizedStageAnnotation] else {
            throw .notAuthorized(application: app.qualifiedName, stage: wanted, current: nil)
        }
        var listed: [(project: String, stage: String)] = []
        for rawEntry in value.split(separator: ",", omittingEmptySubsequences: false) {
            let entry = rawEntry.trimmingCharacters(in: .whitespaces)
            if entry.isEmpty { continue }
            let parts = entry.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let entryProject = parts.first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            let entryStage = parts.count == 2 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
            guard !entryProject.isEmpty, !entryStage.isEmpty else {
                throw .malformedAuthorization(application: app.qualifiedName, value: value,
                                              detail: "entry `\(entry)` is not <project>:<stage>", stage: wanted)
            }
            guard !entry.contains("*") else {
                throw .malformedAuthorization(application: app.qualifiedName, value: value,
                                              detail: "entry `\(entry)` is a glob pattern, which is no longer supported",
                                              stage: wanted)
            }
            listed.append((entryProject, entryStage))
        }
        guard !listed.isEmpty else {
            throw .malformedAuthorization(application: app.qualifiedName, value: value, detail: "it lists no Stage",
                                          stage: wanted)
        }
        guard listed.contains(where: { $0.project == project && $0.stage == stage }) else {
            throw .notAuthorized(application: app.qualifiedName, stage: wanted, current: value)
        }
    }

    // MARK: sources

    /// For each of `app`'s sources (in `Application.sources` order), the revision it must be
    /// synced to: the `desiredRevision` of the `sources[]` entry matching it, nil for none.
    public func desiredRevisions(of app: Application) -> [String?] {
        app.sources.map { source in
            (sources ?? []).first { Application.source(source, matchesRepoURL: $0.repoURL, chart: $0.chartName) }?
                .wantedRevision
        }
    }

    /// `app`'s sources with every `sources[]` entry applied, each to the first source it
    /// matches. Throws when an entry matches no source.
    public func updatedSources(of app: Application) throws(ApplicationUpdateError) -> [JSONValue] {
        var result = app.sources
        for update in sources ?? [] {
            guard let index = result.firstIndex(where: {
                Application.source($0, matchesRepoURL: update.repoURL, chart: update.chartName)
            }) else {
                throw .noMatchingSource(application: app.qualifiedName, repoURL: update.repoURL, chart: update.chartName,
                                        available: app.sources.map(Self.describe))
            }
            result[index] = Self.apply(update, to: result[index])
        }
        return result
    }

    /// The merge patch that writes the updated sources (`{"spec": {"source": …}}` or
    /// `{"spec": {"sources": […]}}`), or nil when nothing changes and no patch is needed.
    public func specPatch(for app: Application) throws(ApplicationUpdateError) -> JSONValue? {
        let updated = try updatedSources(of: app)
        guard updated != app.sources, !updated.isEmpty else { return nil }
        let spec: JSONValue = app.hasMultipleSources ? .object(["sources": .array(updated)])
            : .object(["source": updated[0]])
        return .object(["spec": spec])
    }

    // MARK: applying one update

    static func apply(_ update: SourceUpdate, to source: JSONValue) -> JSONValue {
        var fields = source.objectValue ?? [:]
        if update.updateTargetRevision == true, let revision = update.wantedRevision {
            fields["targetRevision"] = .string(revision)
        }
        if let images = update.kustomize?.images, !images.isEmpty {
            var kustomize = fields["kustomize"]?.objectValue ?? [:]
            kustomize["images"] = .array(Self.kustomizeImages(kustomize["images"]?.arrayValue ?? [], setting: images))
            fields["kustomize"] = .object(kustomize)
        }
        if let images = update.helm?.images, !images.isEmpty {
            var helm = fields["helm"]?.objectValue ?? [:]
            helm["parameters"] = .array(Self.helmParameters(helm["parameters"]?.arrayValue ?? [], setting: images))
            fields["helm"] = .object(helm)
        }
        return .object(fields)
    }

    /// Replaces the entry naming the same image, else appends; other entries stay as they were.
    static func kustomizeImages(_ current: [JSONValue], setting images: [KustomizeImage]) -> [JSONValue] {
        var result = current
        for image in images {
            let entry = JSONValue.string(image.argoCDForm)
            if let index = result.firstIndex(where: { $0.stringValue.map(Self.imageName) == image.repoURL }) {
                result[index] = entry
            } else {
                result.append(entry)
            }
        }
        return result
    }

    /// The image an Argo CD Kustomize image entry is about: what precedes `=`, else the
    /// reference without its `@digest` and `:tag` (a `:` before the last `/` is a port).
    static func imageName(_ entry: String) -> String {
        if let equals = entry.firstIndex(of: "=") { return String(entry[..<equals]) }
        var name = entry
        if let at = name.firstIndex(of: "@") { name = String(name[..<at]) }
        if let colon = name.lastIndex(of: ":"), !name[colon...].contains("/") { name = String(name[..<colon]) }
        return name
    }

    /// Sets the value of the parameter named `key` (keeping its other fields), else appends.
    static func helmParameters(_ current: [JSONValue], setting images: [HelmImage]) -> [JSONValue] {
        var result = current
        for image in images {
            if let index = result.firstIndex(where: { $0["name"]?.stringValue == image.key }) {
                var parameter = result[index].objectValue ?? [:]
                parameter["value"] = .string(image.value)
                result[index] = .object(parameter)
            } else {
                result.append(.object(["name": .string(image.key), "value": .string(image.value)]))
            }
        }
        return result
    }

    private static func describe(_ source: JSONValue) -> String {
        let repoURL = source["repoURL"]?.stringValue ?? "?"
        return source["chart"]?.stringValue.map { "\(repoURL) (chart \($0))" } ?? repoURL
    }
}
