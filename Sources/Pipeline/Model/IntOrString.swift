/// A Kubernetes int-or-string field, such as an analysis metric's `count` or `failureLimit`,
/// which may be a number or text (often an `{{ args.x }}` placeholder resolved later).
public enum IntOrString: Sendable, Hashable, Codable, CustomStringConvertible {
    case int(Int64)
    case string(String)

    /// The number, when this is one or is text that spells one.
    public var intValue: Int64? {
        switch self {
        case .int(let value): value
        case .string(let text): Int64(text)
        }
    }

    public var description: String {
        switch self {
        case .int(let value): String(value)
        case .string(let text): text
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Int64.self) {
            self = .int(value)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected an integer or a string")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .int(let value): try container.encode(value)
        case .string(let text): try container.encode(text)
        }
    }
}
