import Foundation
import GitStore
import Pipeline

/// What the Git steps share: opening the work tree a step names, the author to
/// commit as, and turning `GitError`s into terminal or retryable step errors.
enum GitWorkTreeAccess {
    /// Used when neither the step nor the clone names an author.
    static let defaultAuthor = (name: "Freightline", email: "freightline@localhost")

    /// The work tree at `path` in the work folder; it must be a work tree root
    /// itself, never a folder inside another repository.
    static func open(_ path: String, field: String = "path", context: StepContext,
                     step: String) throws(StepError) -> GitRepository {
        let resolved = try context.workDirectory.resolve(path, field: field)
        let repository: GitRepository
        do {
            repository = try GitRepository(path: resolved)
        } catch {
            throw .terminal("\(step): `\(field)` \(path) is not a git work tree; clone it with git-clone first")
        }
        guard repository.workdir == resolved else {
            throw .terminal("\(step): `\(field)` \(path) is not the root of a git work tree")
        }
        return repository
    }

    /// The signature for commits and tags: the given author, else the one
    /// git-clone recorded, else Freightline's; time is the promotion's clock.
    static func signature(_ author: Author?, repository: GitRepository, now: Timestamp,
                          step: String) throws(StepError) -> GitSignature {
        if author?.signingKey?.isEmpty == false {
            throw .terminal("\(step): signing commits (`author.signingKey`) is not supported")
        }
        var identity = author.map { (name: $0.name, email: $0.email) }
        if identity == nil { identity = try call(step) { () throws(GitError) in try repository.defaultAuthor() } }
        let (name, email) = identity ?? defaultAuthor
        return GitSignature(name: name, email: email, time: (seconds: now.secondsSinceEpoch, offsetMinutes: 0))
    }

    /// Runs a GitStore operation, mapping its error: network trouble and lost
    /// races are retryable; bad credentials, conflicts and missing refs are terminal.
    static func call<T>(_ step: String, _ body: () throws(GitError) -> T) throws(StepError) -> T {
        do {
            return try body()
        } catch {
            let message = "\(step): \(error)"
            switch error {
            case .remote, .pushRejected: throw .retryable(message)
            default: throw .terminal(message)
            }
        }
    }

    /// Kargo's author object (`git-clone`, `git-commit`).
    struct Author: Decodable, Sendable {
        var name: String
        var email: String
        var signingKey: String?
    }
}
