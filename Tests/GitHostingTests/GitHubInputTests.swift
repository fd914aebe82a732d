import Foundation
@testable import GitHosting
import Testing

@Suite struct GitHubInputTests {
    @Test(arguments: [
        ("acme/gitops", "acme", "gitops"),
        ("my-org/repo.name_2", "my-org", "repo.name_2"),
    ])
    func repositoryNamesParse(text: String, owner: String, name: String) throws {
        let repository = try GitHubRepository(parsing: text)
        #expect(repository.owner == owner)
        #expect(repository.name == name)
        #expect(repository.description == text)
    }

    @Test(arguments: ["acme", "acme/", "/gitops", "acme/gitops/extra", "https://github.com/acme/gitops", "acme/git ops",
                      "acme/..", "acme/gi?t"])
    func malformedRepositoryNamesAreRefused(text: String) {
        #expect(throws: GitHubInputError.self) { try GitHubRepository(parsing: text) }
    }

    @Test(arguments: [
        ("https://api.github.com", "https://api.github.com"),
        ("https://ghe.example.com/api/v3/", "https://ghe.example.com/api/v3"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
    ])
    func apiURLsParse(text: String, expected: String) throws {
        #expect(try GitHubClient.apiURL(parsing: text).absoluteString == expected)
    }

    @Test(arguments: ["http://ghe.example.com/api/v3", "ftp://api.github.com", "api.github.com", "https://x@api.github.com",
                      "https://api.github.com?token=1", ""])
    func unsafeOrMalformedAPIURLsAreRefused(text: String) {
        #expect(throws: GitHubInputError.self) { try GitHubClient.apiURL(parsing: text) }
    }

    @Test(arguments: [
        (#"{"action":"opened","number":7,"pull_request":{"number":7,"base":{"sha":"abc"}}}"#, 7 as Int?),
        (#"{"action":"created","issue":{"number":12,"pull_request":{"url":"x"}},"comment":{}}"#, 12),
        (#"{"action":"created","issue":{"number":12},"comment":{}}"#, nil),
        (#"{"ref":"refs/heads/main","commits":[]}"#, nil),
        (#"{"pull_request":{"number":0}}"#, nil),
        (#"{"pull_request":{"number":"7"}}"#, nil),
        ("not json", nil),
    ])
    func pullRequestNumberFromTheEventPayload(payload: String, expected: Int?) {
        #expect(GitHubEvent.pullRequestNumber(in: Data(payload.utf8)) == expected)
    }

    @Test(arguments: [
        (#"<https://api.github.com/x?page=2>; rel="next", <https://api.github.com/x?page=5>; rel="last""#, "https://api.github.com/x?page=2" as String?),
        (#"<https://api.github.com/x?page=1>; rel="prev", <https://api.github.com/x?page=1>; rel="first""#, nil),
        (#"<https://h/x?a=1,2&page=3>; rel="last", <https://h/x?a=1,2&page=2>; rel="next""#, "https://h/x?a=1,2&page=2"),
        (#"<https://h/x?page=2>; rel="prev next""#, "https://h/x?page=2"),
        ("", nil),
    ])
    func nextPageFromTheLinkHeader(header: String, expected: String?) {
        #expect(LinkHeader.target(of: "next", in: header) == expected)
    }

    @Test func theTokenNeverPrints() {
        let token = GitHubToken("ghp_secretsecret")
        #expect("\(token)" == "[redacted]")
        #expect(String(reflecting: token) == "[redacted]")
        var dumped = ""
        dump(GitHubClient(token: token), to: &dumped)
        #expect(!dumped.contains("ghp_secretsecret"))
        #expect(token.redacting("echo ghp_secretsecret!") == "echo [redacted]!")
    }
}
