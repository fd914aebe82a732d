/// One problem found in the user's input, with everything needed to fix it: where
/// (file, line, column and field path), what was found, and what would be valid.
/// Renderers (text, JSON, GitHub annotations) live with the command line.
public struct Diagnostic: Sendable, Hashable, Comparable {
    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        case error
        case warning

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .error && rhs == .warning
        }
    }

    public var severity: Severity
    public var location: FileLocation
    public var path: FieldPath
    public var message: String

    public init(_ severity: Severity, at location: FileLocation, path: FieldPath = .root, _ message: String) {
        self.severity = severity
        self.location = location
        self.path = path
        self.message = message
    }

    public static func error(at location: FileLocation, path: FieldPath = .root, _ message: String) -> Diagnostic {
        Diagnostic(.error, at: location, path: path, message)
    }

    public static func warning(at location: FileLocation, path: FieldPath = .root, _ message: String) -> Diagnostic {
        Diagnostic(.warning, at: location, path: path, message)
    }

    /// Ordered by file and position so output is stable whatever order checks ran in.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        if lhs.location != rhs.location { return lhs.location < rhs.location }
        if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
        if lhs.path.description != rhs.path.description { return lhs.path.description < rhs.path.description }
        return lhs.message < rhs.message
    }
}
