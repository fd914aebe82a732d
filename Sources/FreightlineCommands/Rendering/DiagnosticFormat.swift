import ArgumentParser

/// How `validate` prints its findings: for people, for programs, or as GitHub
/// workflow annotations on the pull request's files.
enum DiagnosticFormat: String, CaseIterable, ExpressibleByArgument {
    case text
    case json
    case github
}
