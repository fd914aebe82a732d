import Foundation
import Pipeline

/// The health check `argocd-update` registers for its Stage: the Applications it synced and,
/// per source, the revision each must stay synced to. Stored in the Promotion as opaque
/// JSON (`{apps: [{name, namespace, sources: [{repoURL, chart?, desiredRevision?}]}]}`).
/// Sources are named by URL rather than position, so reordering an Application's sources
/// later does not compare the wrong ones.
public struct ArgoCDHealthCheckConfig: Sendable, Hashable, Codable {
    public struct App: Sendable, Hashable, Codable {
        public var name: String
        public var namespace: String?
        public var sources: [Source]?
        /// Kargo's form: one desired revision per source position (empty: any). Read when
        /// `sources` is absent, so checks Kargo recorded still work.
        public var desiredRevisions: [String]?

        public init(name: String, namespace: String?, sources: [Source]?, desiredRevisions: [String]? = nil) {
            self.name = name
            self.namespace = namespace
            self.sources = sources
            self.desiredRevisions = desiredRevisions
        }

        /// Per source of `app`, the revision it must be synced to (nil: any).
        public func desiredRevisions(of app: Application) -> [String?] {
            if let sources {
                return app.sources.map { source in
                    sources.first { Application.source(source, matchesRepoURL: $0.repoURL, chart: $0.chart) }?
                        .desiredRevision.flatMap { $0.isEmpty ? nil : $0 }
                }
            }
            guard let desiredRevisions, !desiredRevisions.isEmpty else { return app.sources.map { _ in nil } }
            return desiredRevisions.map { $0.isEmpty ? nil : $0 }
        }
    }

    public struct Source: Sendable, Hashable, Codable {
        public var repoURL: String
        public var chart: String?
        public var desiredRevision: String?

        public init(repoURL: String, chart: String? = nil, desiredRevision: String? = nil) {
            self.repoURL = repoURL
            self.chart = chart
            self.desiredRevision = desiredRevision
        }
    }

    public var apps: [App]

    public init(apps: [App]) { self.apps = apps }

    /// The config as the JSON a `HealthCheckStep` carries.
    public var json: JSONValue {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding strings and lists into JSON and reading them back cannot fail.
        guard let data = try? encoder.encode(self), let value = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            preconditionFailure("ArgoCDHealthCheckConfig did not round-trip through JSON")
        }
        return value
    }

    /// Reads a stored check; nil when the JSON is not this shape.
    public init?(json: JSONValue) {
        guard let data = try? JSONEncoder().encode(json),
              let decoded = try? JSONDecoder().decode(Self.self, from: data)
        else { return nil }
        self = decoded
    }
}
