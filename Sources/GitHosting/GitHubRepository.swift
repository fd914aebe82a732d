/// A repository on GitHub (or GitHub Enterprise), as `owner/name`: what `$GITHUB_REPOSITORY`
/// holds and what REST paths are built from.
package struct GitHubRepository: Sendable, Hashable, CustomStringConvertible {
    package var owner: String
    package var name: String

    package init(owner: String, name: String) {
        self.owner = owner
        self.name = name
    }

    /// Parses `owner/name`. GitHub allows letters, digits, `-`, `_` and `.` in both parts;
    /// anything else (a URL, a path, a space) is refused rather than sent.
    package init(parsing text: String) throws(GitHubInputError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let owner = parts.first, let name = parts.last,
              Self.isValidPart(owner), Self.isValidPart(name), name != ".", name != ".."
        else {
            throw GitHubInputError("repository `\(text)` is not owner/name (letters, digits, - _ . only), e.g. acme/gitops")
        }
        self.init(owner: String(owner), name: String(name))
    }

    package var description: String { "\(owner)/\(name)" }

    private static func isValidPart(_ part: Substring) -> Bool {
        !part.isEmpty && part.count <= 100 && part.unicodeScalars.allSatisfy {
            ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || "-_.".unicodeScalars.contains($0)
        }
    }
}

/// An issue or pull request of a repository: pull-request conversation comments are issue
/// comments in GitHub's REST API, so both are addressed by their number.
package struct GitHubIssue: Sendable, Hashable, CustomStringConvertible {
    package var repository: GitHubRepository
    package var number: Int

    package init(repository: GitHubRepository, number: Int) {
        self.repository = repository
        self.number = number
    }

    package var description: String { "\(repository)#\(number)" }
}

/// Input that cannot be sent to GitHub: a malformed repository name, API URL or comment key.
/// The command line turns it into exit code 2.
package struct GitHubInputError: Error, Sendable, Hashable, CustomStringConvertible {
    package var description: String

    package init(_ description: String) {
        self.description = description
    }
}
