import Manifests
import Pipeline

/// Why discovering one subscription's artifacts failed: which repository (its URL, never
/// with credentials) and what went wrong. Rendering is `description`; `isRetryable` says
/// whether the next run may succeed without a change to the config.
public struct DiscoveryError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// No HTTP answer at all (refused, timed out); the transport's words.
        case unreachable(String)
        /// The request was not sent: this run's request budget for the host is spent.
        case budgetSpent(String)
        /// HTTP 401: no credentials, or wrong ones.
        case unauthorized
        /// HTTP 403: the credentials were accepted but may not read this.
        case forbidden
        /// HTTP 404: the repository (or its index) does not exist.
        case notFound
        /// Any other unexpected HTTP status.
        case httpStatus(Int)
        /// The repository answered with something that is not what the protocol promises;
        /// `location` points into the answer when the parser knows where.
        case malformed(String, location: FileLocation?)
        /// The repository answered, but nothing in it matches the subscription.
        case noMatchingVersions(String)
        /// The subscription itself cannot be used (bad constraint, wrong URL scheme).
        case invalidSubscription(String)
        /// A Git remote refused the credentials, or wanted some and none were given
        /// (over HTTP(S) or SSH alike).
        case authenticationFailed
        /// The Git repository has no branch of this name.
        case noSuchBranch(String)
    }

    /// The repository URL, without user info or query.
    public var repository: String
    public var reason: Reason

    public init(repository: String, reason: Reason) {
        self.repository = repository
        self.reason = reason
    }

    /// Whether trying again later may help without a config change (busy or unreachable
    /// remotes), as opposed to a terminal problem (bad credentials, wrong URL, bad config).
    public var isRetryable: Bool {
        switch reason {
        case .unreachable, .budgetSpent: true
        case .httpStatus(let status): status == 429 || (500...599).contains(status)
        case .unauthorized, .forbidden, .notFound, .malformed, .noMatchingVersions, .invalidSubscription,
             .authenticationFailed, .noSuchBranch: false
        }
    }

    public var description: String {
        switch reason {
        case .unreachable(let why):
            "\(repository): unreachable: \(why)"
        case .budgetSpent(let why):
            "\(repository): skipped: \(why)"
        case .unauthorized:
            "\(repository): HTTP 401 Unauthorized: the credentials are missing or wrong (check the credentials for this repoURL)"
        case .forbidden:
            "\(repository): HTTP 403 Forbidden: the credentials may not read this repository"
        case .notFound:
            "\(repository): HTTP 404 Not Found: check the repoURL"
        case .httpStatus(let status):
            "\(repository): unexpected HTTP \(status)"
        case .malformed(let why, let location):
            if let location { "\(repository): \(location): \(why)" } else { "\(repository): \(why)" }
        case .noMatchingVersions(let why):
            "\(repository): \(why)"
        case .invalidSubscription(let why):
            "\(repository): \(why)"
        case .authenticationFailed:
            "\(repository): authentication failed: the remote refused the credentials or wanted some (check the credentials for this repoURL)"
        case .noSuchBranch(let branch):
            "\(repository): no branch \(EscapedText.doubleQuoted(branch)) (check the subscription's branch)"
        }
    }
}
