/// Why the credentials could not be read. Never carries a secret value: only file names,
/// Secret names, keys and environment variable names.
public enum CredentialError: Error, Sendable, Hashable, CustomStringConvertible {
    case missing(String)
    case unreadable(String)
    /// A value references `${NAME}` but the environment has no such variable.
    case undefinedVariable(secret: String, key: String, variable: String)
    case badBase64(secret: String, key: String)
    case badRegex(secret: String, pattern: String)

    public var description: String {
        switch self {
        case .missing(let path):
            "credentials path \(path) does not exist"
        case .unreadable(let detail):
            "cannot read credentials: \(detail)"
        case .undefinedVariable(let secret, let key, let variable):
            "credential Secret `\(secret)` key `\(key)` references ${\(variable)}, which is not set in the environment"
        case .badBase64(let secret, let key):
            "credential Secret `\(secret)` key `\(key)` in `data` is not valid base64"
        case .badRegex(let secret, let pattern):
            "credential Secret `\(secret)` has repoURLIsRegex but `\(pattern)` is not a valid regular expression"
        }
    }
}
