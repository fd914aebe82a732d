/// What publishing a `MarkedComment` did, and the comment as GitHub holds it now.
package struct CommentPublication: Sendable, Hashable {
    package enum Outcome: String, Sendable, Hashable {
        case created
        case updated
        case unchanged
    }

    package var outcome: Outcome
    package var comment: IssueComment

    package init(outcome: Outcome, comment: IssueComment) {
        self.outcome = outcome
        self.comment = comment
    }
}

extension GitHubClient {
    /// Makes `issue` show `comment`: reads its comments, then creates, updates (one PATCH)
    /// or leaves the marked comment, as `MarkedComment.action(given:)` decides.
    package func publish(_ comment: MarkedComment, on issue: GitHubIssue) async throws(GitHubError) -> CommentPublication {
        switch comment.action(given: try await comments(of: issue)) {
        case .create:
            return CommentPublication(outcome: .created, comment: try await createComment(on: issue, body: comment.body))
        case .update(let existing):
            let updated = try await updateComment(existing.id, in: issue.repository, body: comment.body)
            return CommentPublication(outcome: .updated, comment: updated)
        case .unchanged(let existing):
            return CommentPublication(outcome: .unchanged, comment: existing)
        }
    }
}
