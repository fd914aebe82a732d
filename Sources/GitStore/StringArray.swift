internal import CLibGit2

/// Lends `strings` to libgit2 as a `git_strarray` for the duration of `body`
/// (refspecs for fetch and push); the copies are freed when it returns.
func withStringArray<Result>(_ strings: [String], _ body: (inout git_strarray) -> Result) -> Result {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { string in
        let bytes = Array(string.utf8CString)
        let copy = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count)
        copy.initialize(from: bytes, count: bytes.count)
        return copy
    }
    defer { pointers.forEach { $0?.deallocate() } }
    return pointers.withUnsafeMutableBufferPointer { buffer in
        var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
        return body(&array)
    }
}
