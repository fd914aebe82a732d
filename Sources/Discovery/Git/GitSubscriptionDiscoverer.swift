import Foundation
import GitStore
import Pipeline

/// Discovers the commits of Git subscriptions as Kargo records them in
/// `status.discoveredArtifacts.git`: the repository comes from the run's shared
/// `GitDiscoveryFetches` (one fetch per repository), the choice from `GitCommitSelection`.
public struct GitSubscriptionDiscoverer: Sendable {
    /// Kargo stops recording observed tags past this many (`maxObservedTags`).
    static let maxObservedTags = 1000

    public let fetches: GitDiscoveryFetches
    /// The run's time, what `now()` gives in an `expressionFilter`.
    let clock: @Sendable () -> Timestamp

    /// - Parameter clock: the run's time for `now()` in `expressionFilter`; the wall clock
    ///   when not given.
    public init(fetches: GitDiscoveryFetches, clock: @escaping @Sendable () -> Timestamp = GitSubscriptionDiscoverer.wallClock) {
        self.fetches = fetches
        self.clock = clock
    }

    /// The system's current time.
    public static let wallClock: @Sendable () -> Timestamp = {
        let seconds = Date().timeIntervalSince1970
        let whole = seconds.rounded(.down)
        return Timestamp(secondsSinceEpoch: Int64(whole), nanoseconds: Int64((seconds - whole) * 1e9))
    }

    /// The commits `subscription` discovers, best first, at most its `discoveryLimit`.
    ///
    /// - Throws: `DiscoveryError` naming the repository: `.invalidSubscription` (bad
    ///   constraint, regular expression or `expressionFilter`, or a filter that fails on a
    ///   candidate), `.authenticationFailed`, `.unreachable`, `.notFound`, `.noSuchBranch`.
    public func discover(_ subscription: GitSubscription) async throws(DiscoveryError) -> GitDiscoveryResult {
        let repository = GitDiscoveryErrors.displayURL(subscription.repoURL)
        let selection: GitCommitSelection
        do {
            selection = try GitCommitSelection(subscription, now: clock())
        } catch {
            throw DiscoveryError(repository: repository, reason: .invalidSubscription(error.message))
        }
        let fetched = try await fetches.repository(
            for: subscription.repoURL, skipsTLSVerification: subscription.insecureSkipTLSVerify ?? false)
        do {
            let clone = try GitRepository(path: fetched.directory)
            let commits = selection.usesTags
                ? try Self.tagCommits(in: clone, selection: selection)
                : try Self.branchCommits(in: clone, selection: selection, listing: fetched.listing,
                                         repository: repository)
            return GitDiscoveryResult(repoURL: subscription.repoURL, commits: commits,
                                      observedRefs: Self.observedRefs(fetched.listing, selection: selection))
        } catch let error as DiscoveryError {
            throw error
        } catch let problem as GitSelectionProblem {
            throw DiscoveryError(repository: repository, reason: .invalidSubscription(problem.message))
        } catch let error as GitError {
            throw GitDiscoveryErrors.error(error, repository: subscription.repoURL)
        } catch {
            throw DiscoveryError(repository: repository, reason: .unreachable("\(error)"))
        }
    }

    // MARK: - Reading the clone

    private static func branchCommits(in clone: GitRepository, selection: GitCommitSelection,
                                      listing: GitRemoteListing, repository: String) throws -> [DiscoveredCommit] {
        let branch = try selection.branch ?? listing.defaultBranch ?? defaultBranchFallback(in: clone)
        guard let branch, let head = try clone.remoteReference(branch) else {
            throw DiscoveryError(repository: repository, reason: .noSuchBranch(selection.branch ?? listing.defaultBranch ?? "HEAD"))
        }
        var current: ObjectID? = head
        return try selection.selectFromBranch(
            next: { () throws(GitError) -> GitCommitCandidate? in
                guard let id = current else { return nil }
                let info = try clone.commitInfo(id)
                current = info.parents.first
                return candidate(info)
            },
            changedPaths: { (id: String) throws(GitError) -> [String] in
                try changedPaths(in: clone, commit: id)
            })
    }

    private static func tagCommits(in clone: GitRepository, selection: GitCommitSelection) throws -> [DiscoveredCommit] {
        let tags = try clone.fetchedTags().map(candidate)
        return try selection.selectTags(tags, changedPaths: { (id: String) throws(GitError) -> [String] in
            try changedPaths(in: clone, commit: id)
        })
    }

    /// Without a symbolic `HEAD` from the server: `main`, else `master`, when fetched.
    private static func defaultBranchFallback(in clone: GitRepository) throws(GitError) -> String? {
        for name in ["main", "master"] where try clone.remoteReference(name) != nil { return name }
        return nil
    }

    private static func changedPaths(in clone: GitRepository, commit id: String) throws(GitError) -> [String] {
        guard let objectID = ObjectID(hex: id) else { return [] }
        return try clone.changedPaths(of: objectID)
    }

    static func candidate(_ info: GitCommitInfo) -> GitCommitCandidate {
        GitCommitCandidate(
            id: info.id.hex,
            subject: GitCommitCandidate.subject(ofMessage: info.message),
            author: person(info.author),
            committer: person(info.committer),
            commitDate: Timestamp(secondsSinceEpoch: info.committer.secondsSinceEpoch),
            commitDateUTCOffset: info.committer.offsetMinutes * 60)
    }

    /// A tag as Kargo's `ListTags` reports it: for an annotated tag the tagger
    /// (`%(taggername) %(taggeremail)`) and the message's subject (`%(contents:subject)`).
    static func candidate(_ tag: GitTagInfo) -> GitTagCandidate {
        let date = tag.creatorDate
        return GitTagCandidate(
            name: tag.name, commit: candidate(tag.commit), creatorDate: Timestamp(secondsSinceEpoch: date.seconds),
            creatorDateUTCOffset: date.offsetMinutes * 60,
            tagger: tag.isAnnotated ? tag.tagger.map(person) ?? "" : nil,
            annotation: tag.annotation.map(GitCommitCandidate.subject(ofMessage:)))
    }

    /// git's `Name <email>`.
    private static func person(_ signature: GitSignature) -> String {
        "\(signature.name) <\(signature.email)>"
    }

    // MARK: - Observed refs

    /// Kargo's `ListRefs`: the branch head (`HEAD` when no branch is named), or the eligible
    /// tags (name and the id the ref points at, tag objects unpeeled) sorted by name; nil when
    /// the branch is not advertised or there are more than 1000 eligible tags.
    static func observedRefs(_ listing: GitRemoteListing, selection: GitCommitSelection) -> GitDiscoveryRefs? {
        guard selection.usesTags else {
            let name = selection.branch.map { "refs/heads/" + $0 } ?? "HEAD"
            return listing.reference(named: name).map { GitDiscoveryRefs(branchHead: $0.id.hex) }
        }
        let tags = listing.tags.compactMap { reference -> DiscoveredRef? in
            let name = String(reference.name.dropFirst("refs/tags/".count))
            return selection.matchesTag(name) ? DiscoveredRef(name: name, id: reference.id.hex) : nil
        }
        guard tags.count <= maxObservedTags else { return nil }
        return GitDiscoveryRefs(tags: tags.sorted { GitCommitSelection.bytewiseLess($0.name, $1.name) })
    }
}
