internal import CLibGit2

/// Sole owner of a `git_tree_entry *` that the caller must free
/// (`git_tree_entry_bypath` returns one, unlike `git_tree_entry_byindex`).
final class TreeEntryHandle {
    private let pointer: OpaquePointer

    init(owning pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        git_tree_entry_free(pointer)
    }

    /// The entry, copied.
    var entry: TreeHandle.Entry {
        Self.copy(pointer)
    }

    /// Copies a tree entry's name, id and mode; `entry` must be valid for the duration of the call.
    static func copy(_ entry: OpaquePointer) -> TreeHandle.Entry {
        TreeHandle.Entry(
            name: String(cString: git_tree_entry_name(entry)),
            id: ObjectID(git_tree_entry_id(entry).pointee),
            mode: git_tree_entry_filemode(entry).rawValue
        )
    }
}
