internal import CLibGit2
import Foundation

/// Work trees made from a cache clone instead of the network: the new repository borrows
/// the cache's objects (git's `objects/info/alternates`) and copies its remote-tracking
/// refs and tags, so making one costs a checkout, not a download. Its `origin` is the real
/// remote, so a push goes where a fresh clone's would.
extension GitRepository {
    /// A non-bare repository at `path` (empty or missing) sharing `cache`'s objects, with
    /// `origin` → `url`, `refs/remotes/origin/*` and tags as the cache has them, and HEAD
    /// on the remote's default branch (checked out by `checkOut(.defaultBranch)`).
    ///
    /// - Parameter cache: a bare clone made by `cloneOrFetch`, freshly fetched.
    public static func workTree(sharing cache: GitRepository, url: String, into path: String) throws(GitError) -> GitRepository {
        try LibGit2.ensureInitialized()
        var created: OpaquePointer?
        let initCode = git_repository_init(&created, path, 0)
        guard initCode >= 0, let created else { throw .libgit2(LibGit2.failure("git_repository_init", code: initCode)) }
        git_repository_free(created)
        // Alternates are read when the object database opens: write them, then open.
        let alternates = path + "/.git/objects/info/alternates"
        let objects = URL(fileURLWithPath: cache.gitDirectory).appendingPathComponent("objects").standardizedFileURL.path
        do {
            try FileManager.default.createDirectory(atPath: path + "/.git/objects/info", withIntermediateDirectories: true)
            try Data((objects + "\n").utf8).write(to: URL(fileURLWithPath: alternates))
        } catch {
            throw .invalidWorkTreeState("cannot write \(alternates): \(error.localizedDescription)")
        }
        let repository = try GitRepository(path: path)
        var remote: OpaquePointer?
        let remoteCode = git_remote_create(&remote, repository.pointer, "origin", url)
        guard remoteCode >= 0, let remote else { throw .libgit2(LibGit2.failure("git_remote_create", code: remoteCode)) }
        git_remote_free(remote)

        for (name, id) in try cache.references(matching: "refs/remotes/origin/*") + cache.references(matching: "refs/tags/*") {
            try repository.setReference(name, to: id, log: "freightline: from cache")
        }
        if let branch = try cache.remoteDefaultBranch(), let commit = try cache.remoteReference(branch) {
            try repository.setReference("refs/heads/" + branch, to: commit, log: "freightline: default branch")
            let code = git_repository_set_head(repository.pointer, "refs/heads/" + branch)
            guard code >= 0 else { throw .libgit2(LibGit2.failure("git_repository_set_head", code: code)) }
        }
        return repository
    }

    /// Direct (non-symbolic) references whose names match `glob`, with their targets.
    func references(matching glob: String) throws(GitError) -> [(String, ObjectID)] {
        var iterator: OpaquePointer?
        let code = git_reference_iterator_glob_new(&iterator, pointer, glob)
        guard code >= 0, let iterator else { throw .libgit2(LibGit2.failure("git_reference_iterator_glob_new", code: code)) }
        defer { git_reference_iterator_free(iterator) }
        var found: [(String, ObjectID)] = []
        var reference: OpaquePointer?
        while git_reference_next(&reference, iterator) == 0, let current = reference {
            defer { git_reference_free(current) }
            guard git_reference_type(current) == GIT_REFERENCE_DIRECT, let target = git_reference_target(current) else { continue }
            found.append((String(cString: git_reference_name(current)), ObjectID(target.pointee)))
        }
        return found
    }

    /// The branch `refs/remotes/origin/HEAD` names (the remote's default branch), if any.
    func remoteDefaultBranch() throws(GitError) -> String? {
        var reference: OpaquePointer?
        let code = git_reference_lookup(&reference, pointer, "refs/remotes/origin/HEAD")
        if code == LibGit2.notFound { return nil }
        guard code >= 0, let reference else { throw .libgit2(LibGit2.failure("git_reference_lookup", code: code)) }
        defer { git_reference_free(reference) }
        guard git_reference_type(reference) == GIT_REFERENCE_SYMBOLIC, let target = git_reference_symbolic_target(reference) else { return nil }
        let name = String(cString: target)
        let prefix = "refs/remotes/origin/"
        return name.hasPrefix(prefix) ? String(name.dropFirst(prefix.count)) : nil
    }
}
