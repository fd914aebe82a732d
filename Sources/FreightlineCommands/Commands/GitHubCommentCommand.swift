import ArgumentParser
import Foundation
import GitHosting

/// `freightline github-comment`: keeps one marked comment with the plan on a GitHub pull
/// request, for the GitHub Action (`action.yml`) and any workflow that wants the same.
struct GitHubCommentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "github-comment",
        abstract: "Post or update Freightline's plan comment on a GitHub pull request.",
        discussion: """
            Meant for the Freightline GitHub Action, which runs `freightline plan --format markdown` on a pull request and hands the result to this command; any workflow can do the same.

            The comment carries a hidden marker line, <!-- freightline:plan --> (with --key K: <!-- freightline:plan:K -->, so two workflows of one repository keep separate comments). Each run looks for the oldest comment with that marker, by anyone, and edits it when the text changed, leaves it when it did not, or posts a new one, so a pull request holds one plan comment however often it is pushed. Bodies over GitHub's 65,536-character limit are cut at a line and end with a note pointing at the job summary.

            Defaults come from the GitHub Actions environment: the pull request from the event payload ($GITHUB_EVENT_PATH, pull_request.number), the repository from $GITHUB_REPOSITORY, the API from $GITHUB_API_URL (GitHub Enterprise: https://HOST/api/v3), the token from $GITHUB_TOKEN. The workflow needs `permissions: pull-requests: write`. The token is sent only in the Authorization header and never printed.

            Prints `created comment URL`, `updated comment URL` or `comment URL unchanged`. Exits 2 when the pull request, repository, token or body is missing or malformed (nothing is sent), and 4 when GitHub cannot be reached or refuses (401, 403, 404, others), with GitHub's own message.

            \(ExitStatus.helpText)
            """
    )

    @Option(name: .customLong("body-file"), help: ArgumentHelp("The comment's markdown, e.g. the output of `freightline plan --format markdown`; - reads standard input.", valueName: "path"))
    var bodyFile: String

    @Option(name: .customLong("pr"), help: ArgumentHelp("The pull request's number (default: pull_request.number in the $GITHUB_EVENT_PATH payload).", valueName: "n"))
    var pullRequest: Int?

    @Option(name: .long, help: ArgumentHelp("The repository, owner/name (default: $GITHUB_REPOSITORY).", valueName: "owner/name"))
    var repository: String?

    @Option(name: .customLong("api-url"), help: ArgumentHelp("GitHub's REST API (default: $GITHUB_API_URL, else https://api.github.com).", valueName: "url"))
    var apiURL: String?

    @Option(name: .long, help: ArgumentHelp("Keeps this comment apart from other workflows' plan comments: the marker becomes <!-- freightline:plan:KEY -->.", valueName: "key"))
    var key: String?

    @Option(name: .customLong("token-env"), help: ArgumentHelp("The environment variable holding the token.", valueName: "name"))
    var tokenEnvironmentVariable: String = "GITHUB_TOKEN"

    func validate() throws {
        if let pullRequest, pullRequest <= 0 { throw ValidationError("--pr \(pullRequest) is not a pull request number") }
        let name = tokenEnvironmentVariable
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic),
              name.unicodeScalars.allSatisfy({ $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0) })
        else { throw ValidationError("--token-env \(name) is not an environment variable name") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let request = try resolve(environment: environment)
        let client = GitHubClient(apiURL: request.apiURL, token: request.token,
                                  userAgent: "freightline/\(FreightlineCommand.configuration.version)")
        if request.comment.wasTrimmed {
            Output.error("freightline: the comment was cut to \(request.comment.body.utf16.count) characters to fit GitHub's limit")
        }
        do {
            let publication = try await client.publish(request.comment, on: request.issue)
            let url = publication.comment.htmlURL
            switch publication.outcome {
            case .created: Output.print("created comment \(url)")
            case .updated: Output.print("updated comment \(url)")
            case .unchanged: Output.print("comment \(url) unchanged")
            }
        } catch {
            Output.error(request.token.redacting("error: cannot comment on \(request.issue): \(error)"))
            throw ExitStatus.environment.exitCode
        }
    }

    /// Everything the comment needs, from flags first and the Actions environment second;
    /// any gap is bad input (exit 2), reported without the token.
    private func resolve(environment: [String: String]) throws -> (issue: GitHubIssue, comment: MarkedComment, apiURL: URL, token: GitHubToken) {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }

        guard let repositoryText = repository ?? value("GITHUB_REPOSITORY") else {
            throw Self.refuse("no repository: pass --repository owner/name, or run in GitHub Actions ($GITHUB_REPOSITORY)")
        }
        let number: Int
        if let pullRequest {
            number = pullRequest
        } else if let eventPath = value("GITHUB_EVENT_PATH") {
            guard let payload = FileManager.default.contents(atPath: eventPath) else {
                throw Self.refuse("cannot read the event payload $GITHUB_EVENT_PATH (\(eventPath)); pass --pr N")
            }
            guard let found = GitHubEvent.pullRequestNumber(in: payload) else {
                let event = value("GITHUB_EVENT_NAME").map { " (event \($0))" } ?? ""
                throw Self.refuse("no pull request number: the event payload\(event) has no pull_request.number; pass --pr N, or run on pull_request events")
            }
            number = found
        } else {
            throw Self.refuse("no pull request number: pass --pr N, or run on a pull_request event ($GITHUB_EVENT_PATH)")
        }
        guard let secret = value(tokenEnvironmentVariable) else {
            throw Self.refuse("no GitHub token: $\(tokenEnvironmentVariable) is not set (in a workflow: env: \(tokenEnvironmentVariable): ${{ github.token }})")
        }
        let token = GitHubToken(secret)
        let text: String
        do {
            let data = bodyFile == "-" ? FileHandle.standardInput.readDataToEndOfFile()
                                       : try Data(contentsOf: URL(fileURLWithPath: bodyFile))
            text = String(decoding: data, as: UTF8.self)
        } catch {
            throw Self.refuse("cannot read --body-file \(bodyFile): \((error as NSError).localizedDescription)")
        }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw Self.refuse("--body-file \(bodyFile) is empty; nothing to comment")
        }
        do {
            let repository = try GitHubRepository(parsing: repositoryText)
            let apiURL = try GitHubClient.apiURL(parsing: apiURL ?? value("GITHUB_API_URL") ?? GitHubClient.publicAPI.absoluteString)
            let comment = try MarkedComment(text: text, key: key, fullPlanLink: Self.runLink(environment))
            return (GitHubIssue(repository: repository, number: number), comment, apiURL, token)
        } catch {
            throw Self.refuse(token.redacting(error.description))
        }
    }

    /// Reports bad input and gives the exit code for it.
    private static func refuse(_ message: String) -> ExitCode {
        Output.error("error: \(message)")
        return ExitStatus.badInput.exitCode
    }

    /// The page of the running workflow run, where the job summary holds the whole plan.
    private static func runLink(_ environment: [String: String]) -> String? {
        guard let server = environment["GITHUB_SERVER_URL"], !server.isEmpty,
              let repository = environment["GITHUB_REPOSITORY"], !repository.isEmpty,
              let run = environment["GITHUB_RUN_ID"], !run.isEmpty, run.allSatisfy(\.isNumber)
        else { return nil }
        return "\(server)/\(repository)/actions/runs/\(run)"
    }
}
