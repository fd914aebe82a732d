internal import CLibGit2

extension GitRepository {
    /// The commits reachable from `start`, newest first (topological order,
    /// then commit time), at most `limit`: the audit trail of a state ref.
    public func log(from start: ObjectID, limit: Int = .max) throws(GitError) -> [GitCommitInfo] {
        guard limit > 0 else { return [] }
        let walk = try RevwalkHandle.from(start, in: pointer)
        var result: [GitCommitInfo] = []
        while result.count < limit, let id = try walk.next() {
            result.append(try CommitHandle.lookup(id, in: pointer).info)
        }
        return result
    }
}
