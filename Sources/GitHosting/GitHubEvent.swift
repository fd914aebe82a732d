import Foundation

/// The webhook payload GitHub Actions leaves at `$GITHUB_EVENT_PATH` for the running
/// workflow, read for the one thing the comment flow needs: which pull request it is about.
package enum GitHubEvent {
    /// `pull_request.number` (pull_request and pull_request_target events), else
    /// `issue.number` when the issue is a pull request (issue_comment on a pull request).
    package static func pullRequestNumber(in payload: Data) -> Int? {
        guard let event = try? JSONDecoder().decode(Payload.self, from: payload) else { return nil }
        if let number = event.pullRequest?.number, number > 0 { return number }
        if let issue = event.issue, issue.pullRequest != nil, let number = issue.number, number > 0 { return number }
        return nil
    }

    private struct Payload: Decodable {
        var pullRequest: Numbered?
        var issue: Issue?

        enum CodingKeys: String, CodingKey {
            case pullRequest = "pull_request"
            case issue
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            pullRequest = try? container.decodeIfPresent(Numbered.self, forKey: .pullRequest)
            issue = try? container.decodeIfPresent(Issue.self, forKey: .issue)
        }
    }

    private struct Numbered: Decodable {
        var number: Int?
    }

    private struct Issue: Decodable {
        var number: Int?
        var pullRequest: Present?

        enum CodingKeys: String, CodingKey {
            case number
            case pullRequest = "pull_request"
        }
    }

    /// Any JSON object: only its presence matters.
    private struct Present: Decodable {}
}
