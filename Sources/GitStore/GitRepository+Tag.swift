internal import CLibGit2

/// Tagging HEAD in a work tree, like `git tag [-a -m message]`.
extension GitRepository {
    /// Tags the HEAD commit: annotated with `message` and `tagger`, or
    /// lightweight when `message` is nil. Returns the tagged commit.
    ///
    /// A tag of that name already on HEAD's commit is kept as it is (repeating
    /// a step is a no-op); on another commit it is an error unless `force`.
    ///
    /// - Throws: `.referenceExists`; `.invalidWorkTreeState` if HEAD has no commit.
    @discardableResult
    public func createTag(_ name: String, message: String?, tagger: GitSignature,
                          force: Bool = false) throws(GitError) -> ObjectID {
        guard let head = try headCommit() else {
            throw .invalidWorkTreeState("cannot tag: HEAD has no commits yet")
        }
        if !force, let existing = try? resolve("refs/tags/" + name) {
            guard existing == head else { throw .referenceExists("refs/tags/" + name) }
            return head
        }
        let commit = try CommitHandle.lookup(head, in: pointer)
        var oid = git_oid()
        let code: Int32
        if let message {
            let signature = try SignatureHandle.make(tagger)
            let text = message.hasSuffix("\n") ? message : message + "\n"
            code = withExtendedLifetime((commit, signature)) {
                git_tag_create(&oid, pointer, name, commit.pointer, signature.pointer, text, force ? 1 : 0)
            }
        } else {
            code = withExtendedLifetime(commit) {
                git_tag_create_lightweight(&oid, pointer, name, commit.pointer, force ? 1 : 0)
            }
        }
        if code == GIT_EEXISTS.rawValue { throw .referenceExists("refs/tags/" + name) }
        guard code >= 0 else {
            let failure = LibGit2.failure(message == nil ? "git_tag_create_lightweight" : "git_tag_create", code: code)
            throw code == GIT_EINVALIDSPEC.rawValue ? .invalidPath(name, reason: failure.message) : .libgit2(failure)
        }
        return head
    }
}
