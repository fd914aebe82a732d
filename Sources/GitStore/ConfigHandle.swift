internal import CLibGit2

/// Sole owner of a `git_config *` of one repository; frees it in deinit.
///
/// Work trees keep their per-clone settings (default author, TLS choice) in
/// their own `.git/config`, so later steps find them without being told again.
final class ConfigHandle {
    private let pointer: OpaquePointer

    private init(owning pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        git_config_free(pointer)
    }

    /// `git_repository_config`: the repository's live configuration.
    static func of(_ repository: OpaquePointer) throws(GitError) -> ConfigHandle {
        var out: OpaquePointer?
        let code = git_repository_config(&out, repository)
        guard code >= 0, let out else {
            throw .libgit2(LibGit2.failure("git_repository_config", code: code))
        }
        return ConfigHandle(owning: out)
    }

    /// Only the repository's own `.git/config` (`git_config_open_level` at
    /// `GIT_CONFIG_LEVEL_LOCAL`): what a step recorded there, never the
    /// machine's global `user.name` or other settings.
    static func local(of repository: OpaquePointer) throws(GitError) -> ConfigHandle {
        let all = try of(repository)
        var out: OpaquePointer?
        let code = git_config_open_level(&out, all.pointer, GIT_CONFIG_LEVEL_LOCAL)
        guard code >= 0, let out else {
            throw .libgit2(LibGit2.failure("git_config_open_level", code: code))
        }
        return ConfigHandle(owning: out)
    }

    /// `git_config_get_string_buf`; nil if the key is not set.
    func string(_ key: String) throws(GitError) -> String? {
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        let code = git_config_get_string_buf(&buffer, pointer, key)
        if code == LibGit2.notFound { return nil }
        guard code >= 0 else { throw .libgit2(LibGit2.failure("git_config_get_string_buf", code: code)) }
        return buffer.ptr.map { String(cString: $0) }
    }

    /// `git_config_get_bool`; nil if the key is not set.
    func bool(_ key: String) throws(GitError) -> Bool? {
        var value: Int32 = 0
        let code = git_config_get_bool(&value, pointer, key)
        if code == LibGit2.notFound { return nil }
        guard code >= 0 else { throw .libgit2(LibGit2.failure("git_config_get_bool", code: code)) }
        return value != 0
    }

    /// `git_config_set_string` in the repository's own config file.
    func set(_ key: String, to value: String) throws(GitError) {
        let code = git_config_set_string(pointer, key, value)
        guard code >= 0 else { throw .libgit2(LibGit2.failure("git_config_set_string", code: code)) }
    }

    /// `git_config_set_bool` in the repository's own config file.
    func set(_ key: String, to value: Bool) throws(GitError) {
        let code = git_config_set_bool(pointer, key, value ? 1 : 0)
        guard code >= 0 else { throw .libgit2(LibGit2.failure("git_config_set_bool", code: code)) }
    }
}
