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
    /// The committer's offset from UTC in seconds (east positive), as git records it; an
    /// `expressionFilter` reads `commitDate.Hour()` and the like at this offset, as Kargo does.
    public var commitDateUTCOffset: Int

    public init(id: String, subject: String, author: String, committer: String, commitDate: Timestamp,
                commitDateUTCOffset: Int = 0) {
        self.id = id
        self.subject = subject
        self.author = author
        self.committer = committer
        self.commitDate = commitDate
        self.commitDateUTCOffset = commitDateUTCOffset
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
/// name, the commit it leads to, git's `creatordate`, and for an annotated tag who made it
/// and its message's subject.
public struct GitTagCandidate: Sendable, Hashable {
    /// The name without `refs/tags/`.
    public var name: String
    public var commit: GitCommitCandidate
    /// The tagger's date for an annotated tag, the commit's date for a lightweight one.
    public var creatorDate: Timestamp
    /// The offset from UTC (seconds east) `creatorDate` was recorded at.
    public var creatorDateUTCOffset: Int
    /// `Name <email>` of an annotated tag's tagger; nil for a lightweight tag.
    public var tagger: String?
    /// The subject of an annotated tag's message (git's `%(contents:subject)`); nil for a
    /// lightweight tag.
    public var annotation: String?

    public init(name: String, commit: GitCommitCandidate, creatorDate: Timestamp, creatorDateUTCOffset: Int = 0,
                tagger: String? = nil, annotation: String? = nil) {
        self.name = name
        self.commit = commit
        self.creatorDate = creatorDate
        self.creatorDateUTCOffset = creatorDateUTCOffset
        self.tagger = tagger
        self.annotation = annotation
    }
}
