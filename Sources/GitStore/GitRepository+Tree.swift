internal import CLibGit2

extension GitRepository {
    /// Every file below `path` in the commit `ref` resolves to, recursively,
    /// read from the object database without a checkout.
    ///
    /// Only names, modes, ids and sizes are read (sizes from object headers):
    /// blob contents are left for `readBlob(_:)`, so callers can filter by name
    /// first. Folders are walked into, not listed; submodules are listed, not
    /// walked into. Order is git's tree order, depth first.
    ///
    /// - Parameters:
    ///   - ref: any revision `resolve(_:)` accepts.
    ///   - path: a '/'-separated folder relative to the repository root;
    ///     `""` or `"."` for the root. Leading `./`, and extra or trailing `/`, are ignored.
    /// - Returns: files with paths relative to the repository root.
    /// - Throws: `.pathNotFound` if `path` is absent at `ref`, `.notADirectory`
    ///   if it is a file, `.referenceNotFound` for an unknown `ref`.
    public func readTree(at ref: String, under path: String = "") throws(GitError) -> [TreeFile] {
        let folder = Self.normalizedTreePath(path)
        let rootTreeID = try commit(ref).commitTreeID
        let root = try TreeHandle.lookup(rootTreeID, in: pointer)

        let start: TreeHandle
        if folder.isEmpty {
            start = root
        } else {
            switch try root.entry(atPath: folder) {
            case .missing(let failure):
                throw .pathNotFound(path: folder, ref: ref, failure)
            case .found(let entry):
                guard entry.isTree else { throw .notADirectory(path: folder, ref: ref) }
                start = try TreeHandle.lookup(entry.id, in: pointer)
            }
        }

        var files: [TreeFile] = []
        try walk(start, prefix: folder, into: &files)
        return files
    }

    /// Appends the files of `tree` (whose path is `prefix`) and its subtrees to `files`.
    private func walk(_ tree: TreeHandle, prefix: String, into files: inout [TreeFile]) throws(GitError) {
        for entry in tree.entries() {
            let path = prefix.isEmpty ? entry.name : prefix + "/" + entry.name
            if entry.isTree {
                try walk(TreeHandle.lookup(entry.id, in: pointer), prefix: path, into: &files)
                continue
            }
            guard let mode = FileMode(rawValue: entry.mode) else {
                throw .unsupportedFileMode(path: path, mode: entry.mode)
            }
            // A submodule's id is a commit in another repository: nothing to size here.
            let size = mode == .submodule ? 0 : try objectDatabase.blobSize(entry.id)
            files.append(TreeFile(path: path, mode: mode, objectID: entry.id, size: size))
        }
    }

    /// `"./a//b/"` → `"a/b"`, `"."` → `""`: the form `git_tree_entry_bypath` wants.
    static func normalizedTreePath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: true)
            .filter { $0 != "." }
            .joined(separator: "/")
    }
}
