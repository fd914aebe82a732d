/// What one state commit records: a summary line and `Freightline-*` trailers, so the
/// state ref's `git log` reads as the audit trail (who promoted what, when and why).
public struct StateChange: Sendable, Hashable {
    public var summary: String
    public var body: String?
    /// Trailers in order, e.g. `("Freightline-Stage", "uat")`. Repeated keys are allowed.
    public var trailers: [Trailer]

    public struct Trailer: Sendable, Hashable {
        public var key: String
        public var value: String
        public init(_ key: String, _ value: String) {
            self.key = key
            self.value = value
        }
    }

    public init(summary: String, body: String? = nil, trailers: [Trailer] = []) {
        self.summary = summary
        self.body = body
        self.trailers = trailers
    }

    /// The commit message: summary, optional body, then the trailer block. Values are
    /// kept to one line so a trailer can never forge another.
    public var message: String {
        var text = Self.oneLine(summary)
        if let body, !body.isEmpty { text += "\n\n" + body }
        if !trailers.isEmpty {
            text += "\n\n" + trailers.map { "\($0.key): \(Self.oneLine($0.value))" }.joined(separator: "\n")
        }
        return text + "\n"
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
