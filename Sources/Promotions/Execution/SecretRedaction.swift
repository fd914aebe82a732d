import Pipeline

/// Keeps Secret values out of everything a Promotion records (step messages, the
/// promotion message, recorded outputs), since all of it is committed to Git. Values
/// shorter than `minimumLength` are left alone: masking "a" or "no" would garble every
/// message while protecting nothing.
struct SecretRedaction: Sendable {
    static let mask = "***"
    static let minimumLength = 4

    /// Longest first, so a secret containing another is masked whole.
    private let values: [String]

    init(secrets: [String: [String: String]], values extra: [String] = []) {
        let all = Set((secrets.values.flatMap(\.values) + extra).filter { $0.count >= Self.minimumLength })
        values = all.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }

    func redact(_ text: String) -> String {
        guard !values.isEmpty else { return text }
        var result = text
        for value in values where result.contains(value) {
            result = result.replacing(value, with: Self.mask)
        }
        return result
    }

    func redact(_ value: JSONValue) -> JSONValue {
        guard !values.isEmpty else { return value }
        switch value {
        case .string(let text): return .string(redact(text))
        case .array(let items): return .array(items.map(redact))
        case .object(let members): return .object(members.mapValues(redact))
        default: return value
        }
    }
}
