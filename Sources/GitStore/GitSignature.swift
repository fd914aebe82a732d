/// Who made a commit and when, as git records it.
///
/// The time is given by the caller (no clock is read here), so the same
/// inputs always produce the same commit id.
public struct GitSignature: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    public let email: String
    /// Seconds since the Unix epoch (UTC).
    public let secondsSinceEpoch: Int64
    /// The author's offset from UTC in minutes (e.g. 120 for +0200), as git records it.
    public let offsetMinutes: Int

    public init(name: String, email: String, time: (seconds: Int64, offsetMinutes: Int)) {
        self.name = name
        self.email = email
        self.secondsSinceEpoch = time.seconds
        self.offsetMinutes = time.offsetMinutes
    }

    /// (seconds since epoch, offset minutes).
    public var time: (seconds: Int64, offsetMinutes: Int) {
        (secondsSinceEpoch, offsetMinutes)
    }

    /// `Name <email> 1700000000 +0100`, as in a raw commit object.
    public var description: String {
        let sign = offsetMinutes < 0 ? "-" : "+"
        let magnitude = abs(offsetMinutes)
        let hours = magnitude / 60, minutes = magnitude % 60
        let offset = sign + (hours < 10 ? "0" : "") + String(hours) + (minutes < 10 ? "0" : "") + String(minutes)
        return "\(name) <\(email)> \(secondsSinceEpoch) \(offset)"
    }
}

/// One commit read by `GitRepository.log(from:limit:)`, copied out of libgit2.
public struct GitCommitInfo: Sendable, Hashable, CustomStringConvertible {
    public let id: ObjectID
    /// Parent ids in order (first parent first); empty for a root commit.
    public let parents: [ObjectID]
    /// The full message, trailers included, as stored.
    public let message: String
    public let author: GitSignature
    public let committer: GitSignature

    public init(id: ObjectID, parents: [ObjectID], message: String, author: GitSignature, committer: GitSignature) {
        self.id = id
        self.parents = parents
        self.message = message
        self.author = author
        self.committer = committer
    }

    /// The first line of the message.
    public var summary: String {
        String(message.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }

    public var description: String { "\(id) \(summary)" }
}
