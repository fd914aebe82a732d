internal import CLibGit2

/// An open local git repository (bare or with a work tree), read straight from
/// its object database: no checkout, no index, no working-tree access.
///
/// This class is the sole owner of its `git_repository *` and frees it in
/// deinit. A libgit2 repository handle must not be used from several threads
/// at once, and this class does not serialise access, so it is deliberately
/// not `Sendable`: keep one per task (opening is cheap) and pass the plain
/// values it returns (`ObjectID`, `TreeFile`, bytes) across tasks instead.
public final class GitRepository {
    /// The owned `git_repository *`; only used while `self` is alive.
    let pointer: OpaquePointer
    /// The repository's object database, for reading sizes without contents.
    let objectDatabase: ObjectDatabase

    /// Opens the repository at `path`, or the one enclosing it.
    ///
    /// Uses `git_repository_open_ext` with upward search, so `path` may be a
    /// work tree root, any folder inside a work tree, a `.git` folder, or a
    /// bare repository.
    ///
    /// - Throws: `.notARepository` if no repository is found there.
    public init(path: String) throws(GitError) {
        try LibGit2.ensureInitialized()
        var out: OpaquePointer?
        let code = git_repository_open_ext(&out, path, 0, nil)
        guard code >= 0, let out else {
            let failure = LibGit2.failure("git_repository_open_ext", code: code)
            throw code == LibGit2.notFound ? .notARepository(path: path, failure) : .libgit2(failure)
        }
        // Owned from here on: if fetching the odb fails, free before throwing.
        do {
            self.objectDatabase = try ObjectDatabase.of(out)
        } catch {
            git_repository_free(out)
            throw error
        }
        self.pointer = out
    }

    /// Takes ownership of a `git_repository *` just opened or cloned; frees it if
    /// the object database cannot be reached.
    init(owning repository: OpaquePointer) throws(GitError) {
        do {
            self.objectDatabase = try ObjectDatabase.of(repository)
        } catch {
            git_repository_free(repository)
            throw error
        }
        self.pointer = repository
    }

    deinit {
        git_repository_free(pointer)
    }

    /// The work tree root without a trailing '/', or nil for a bare repository.
    public var workdir: String? {
        git_repository_workdir(pointer).map { Self.trimmingTrailingSlash(String(cString: $0)) }
    }

    /// The git directory (`.git`, or the bare repository itself) without a trailing '/'.
    public var gitDirectory: String {
        Self.trimmingTrailingSlash(String(cString: git_repository_path(pointer)))
    }

    /// Whether the repository has no work tree.
    public var isBare: Bool {
        git_repository_is_bare(pointer) == 1
    }

    /// The root of the repository around `path`: its work tree root, or for a
    /// bare repository its git directory. Nil if `path` is not in a repository.
    ///
    /// For commands given a folder: the result opens with `init(path:)`, and
    /// `path` relative to it is what `readTree(at:under:)` expects.
    public static func discoverRoot(startingAt path: String) -> String? {
        guard (try? LibGit2.ensureInitialized()) != nil else { return nil }
        var buffer = git_buf()
        // git_buf is a plain struct the caller owns; dispose of it on every path.
        defer { git_buf_dispose(&buffer) }
        guard git_repository_discover(&buffer, path, 0, nil) >= 0, let found = buffer.ptr else {
            return nil
        }
        let gitDirectory = String(cString: found)
        // Open what was found to learn the work tree: a `.git` file (linked
        // work tree, submodule) points away from the work tree, so the path
        // alone does not tell.
        guard let repository = try? GitRepository(path: gitDirectory) else { return nil }
        return repository.workdir ?? repository.gitDirectory
    }

    static func trimmingTrailingSlash(_ path: String) -> String {
        var path = path
        while path.count > 1, path.hasSuffix("/") {
            path.removeLast()
        }
        return path
    }
}

/// A `git_repository` must not be used concurrently; see `GitRepository`.
@available(*, unavailable)
extension GitRepository: Sendable {}
