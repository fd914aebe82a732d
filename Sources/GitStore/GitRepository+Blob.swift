internal import CLibGit2

extension GitRepository {
    /// The contents of a blob, copied out of libgit2.
    ///
    /// - Throws: `.objectNotFound` if there is no blob with this id.
    public func readBlob(_ id: ObjectID) throws(GitError) -> [UInt8] {
        try BlobHandle.lookup(id, in: pointer).bytes()
    }

    /// The size of a blob in bytes, from its header, without reading its contents.
    ///
    /// - Throws: `.objectNotFound` if there is no object with this id,
    ///   `.notABlob` if it is a tree, commit or tag.
    public func blobSize(_ id: ObjectID) throws(GitError) -> Int {
        try objectDatabase.blobSize(id)
    }
}
