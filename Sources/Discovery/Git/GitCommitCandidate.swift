import Pipeline

/// A commit as Git discovery sees it, in the forms Kargo records (`git log` with
/// `%H %ci %an <%ae> %cn <%ce> %s`).
public struct GitCommitCandidate: Sendable, Hashable {
    /// The full 40-digit id.
    public var id: String
    /// The subject: the message's first paragraph, its lines joined by spaces.
    public var subject: String
    /// `Name <email>`.
    public var author: String
    /// `Name <email>`.
    public var committer: String
    /// The committer's date.
    public var commitDate: Timestamp

    public init(id: String, subject: String, author: String, committer: String, commitDate: Timestamp) {
        self.id = id
        self.subject = subject
        self.author = author
        self.committer = committer
        self.commitDate = commitDate
    }

    /// git's `%s`: leading blank lines skipped, then the lines up to the first blank one,
    /// each without trailing whitespace, joined by single spaces.
    public static func subject(ofMessage message: String) -> String {
        var lines: [Substring] = []
        for line in message.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.reversed().drop(while: { $0.isWhitespace }).reversed()
            if trimmed.isEmpty {
                if lines.isEmpty { continue }
                break
            }
            lines.append(Substring(String(trimmed)))
        }
        return lines.joined(separator: " ")
    }
}

/// A tag as Git discovery sees it (`git for-each-ref refs/tags` with Kargo's format): its
/// name, the commit it leads to, and git's `creatordate`.
public struct GitTagCandidate: Sendable, Hashable {
    /// The name without `refs/tags/`.
    public var name: String
    public var commit: GitCommitCandidate
    /// The tagger's date for an annotated tag, the commit's date for a lightweight one.
    public var creatorDate: Timestamp

    public init(name: String, commit: GitCommitCandidate, creatorDate: Timestamp) {
        self.name = name
        self.commit = commit
        self.creatorDate = creatorDate
    }
}
