import Foundation

/// Why `argocd-update` will not change an Application: the Application does not consent,
/// or the step's config does not fit it. Never retryable: a person has to change one of them.
public enum ApplicationUpdateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The Application's `kargo.akuity.io/authorized-stage` annotation does not list the
    /// Stage (`current` is the annotation's value, nil when absent).
    case notAuthorized(application: String, stage: String, current: String?)
    /// The annotation is there but is not a list of `<project>:<stage>` entries.
    case malformedAuthorization(application: String, value: String, detail: String, stage: String)
    /// No source of the Application has the `repoURL` (and `chart`) a `sources[]` entry names.
    case noMatchingSource(application: String, repoURL: String, chart: String?, available: [String])

    public var description: String {
        let annotation = ApplicationUpdate.authorizedStageAnnotation
        switch self {
        case .notAuthorized(let application, let stage, let current):
            guard let current, !current.trimmingCharacters(in: .whitespaces).isEmpty else {
                return "Application \(application) does not authorize Stage \(stage) to update it: it has no "
                    + "`\(annotation)` annotation; add `\(annotation): \(stage)` to the Application"
            }
            return "Application \(application) does not authorize Stage \(stage) to update it: its `\(annotation)` "
                + "annotation is `\(current)`; set it to `\(current),\(stage)` to authorize this Stage too"
        case .malformedAuthorization(let application, let value, let detail, let stage):
            return "Application \(application) has annotation `\(annotation): \(value)`, which is not a comma-separated "
                + "list of <project>:<stage> entries (\(detail)); to authorize this Stage it must list `\(stage)`"
        case .noMatchingSource(let application, let repoURL, let chart, let available):
            let wanted = chart.map { "repoURL \(repoURL) and chart \($0)" } ?? "repoURL \(repoURL)"
            let found = available.isEmpty ? "it has no sources" : "its sources are " + available.joined(separator: ", ")
            return "no source of Application \(application) matches \(wanted) (\(found))"
        }
    }
}
