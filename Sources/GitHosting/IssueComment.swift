import Foundation

/// One comment of an issue or pull request, as GitHub's REST API returns it (the fields the
/// comment flow reads).
package struct IssueComment: Sendable, Hashable, Decodable {
    package var id: Int64
    /// Markdown as stored; GitHub may hand back `\r\n` line ends.
    package var body: String
    /// Where a person sees it: `https://github.com/o/r/pull/7#issuecomment-1`.
    package var htmlURL: String
    /// The author's login; `nil` for a deleted account.
    package var author: String?

    package init(id: Int64, body: String, htmlURL: String, author: String? = nil) {
        self.id = id
        self.body = body
        self.htmlURL = htmlURL
        self.author = author
    }

    private enum CodingKeys: String, CodingKey {
        case id, body, user
        case htmlURL = "html_url"
    }

    private struct User: Decodable {
        var login: String?
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int64.self, forKey: .id)
        body = try container.decodeIfPresent(String.self, forKey: .body) ?? ""
        htmlURL = try container.decodeIfPresent(String.self, forKey: .htmlURL) ?? ""
        author = try container.decodeIfPresent(User.self, forKey: .user)?.login
    }
}
