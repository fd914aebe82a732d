/// Collects diagnostics while loading and checking, so every problem is reported in one
/// pass instead of stopping at the first. `strict` turns warnings about unknown or
/// discouraged input into errors, as `--strict` asks.
public struct DiagnosticSink: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []
    public var strict: Bool

    public init(strict: Bool = false) {
        self.strict = strict
    }

    public mutating func error(at location: FileLocation, path: FieldPath = .root, _ message: String) {
        diagnostics.append(.error(at: location, path: path, message))
    }

    public mutating func warning(at location: FileLocation, path: FieldPath = .root, _ message: String) {
        diagnostics.append(.warning(at: location, path: path, message))
    }

    /// A warning that `--strict` promotes to an error (unknown fields, literal secrets).
    public mutating func strictWarning(at location: FileLocation, path: FieldPath = .root, _ message: String) {
        diagnostics.append(Diagnostic(strict ? .error : .warning, at: location, path: path, message))
    }

    public mutating func append(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    public mutating func append(contentsOf other: [Diagnostic]) {
        diagnostics.append(contentsOf: other)
    }

    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }
    public var hasErrors: Bool { errorCount > 0 }

    /// Diagnostics sorted by position, duplicates removed.
    public var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics.sorted().filter { seen.insert($0).inserted }
    }
}
