import Pipeline

/// A key path in Kargo's `*-update` steps (tidwall/sjson syntax): parts split on `.`, a
/// backslash makes the next character literal (`example\.com/version`), and a number
/// addresses a sequence item (`containers.0.image`; `-1` appends).
public struct EditKeyPath: Sendable, Hashable, CustomStringConvertible {
    public var components: [String]
    /// The key as written in the config, for messages.
    public var description: String

    public init(_ text: String) throws(EditError) {
        var parts: [String] = []
        var current = ""
        var escaped = false
        for character in text {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "." {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        if escaped { current.append("\\") }
        parts.append(current)
        guard !text.isEmpty, !parts.contains(where: \.isEmpty) else { throw .invalidKey(text) }
        self.components = parts
        self.description = text
    }

    /// The prefix of `count` components, written as a key again (for messages).
    func prefix(_ count: Int) -> String {
        components.prefix(count).map { $0.replacingOccurrences(of: ".", with: "\\.") }.joined(separator: ".")
    }
}

/// Why a comment-preserving edit could not be made; the steps turn these into terminal errors.
public enum EditError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidKey(String)
    /// The file does not parse; the message carries line and column.
    case syntax(String)
    /// A part of the key names something inside a value that cannot hold members.
    case notAContainer(key: String, at: String, found: String)
    case indexOutOfRange(key: String, at: String, index: String, count: Int)
    /// The key holds a mapping or sequence; the update steps set scalar values.
    case notAScalar(key: String, found: String)
    /// The key leads through an alias or a merge (`*base`, `<<:`): editing it would change
    /// every place that shares the anchored text.
    case throughAlias(key: String)
    case unsupportedValue(key: String, reason: String)

    public var description: String {
        switch self {
        case .invalidKey(let key): "key `\(key)` is not a valid key path (parts separated by `.`, none empty)"
        case .syntax(let message): message
        case .notAContainer(let key, let at, let found): "cannot set `\(key)`: `\(at)` is \(found), which has no members"
        case .indexOutOfRange(let key, let at, let index, let count):
            "cannot set `\(key)`: `\(at)` has \(count) items, index \(index) is out of range (use \(count) or -1 to append)"
        case .notAScalar(let key, let found): "cannot set `\(key)`: it holds \(found); only scalar values can be replaced"
        case .throughAlias(let key): "cannot set `\(key)`: it is reached through an alias or merge key, and editing it would change the anchored value everywhere"
        case .unsupportedValue(let key, let reason): "cannot set `\(key)`: \(reason)"
        }
    }
}

/// The `commitMessage` output of the `*-update` steps, in Kargo's shape: a title naming the
/// file, a blank line, then one `- key: value` line per update (values quoted only when
/// they would otherwise read as another type).
public enum UpdateCommitMessage {
    public static func text(path: String, updates: [(key: String, value: JSONValue)]) -> String {
        guard !updates.isEmpty else { return "" }
        var message = "Updated \(path)\n"
        for update in updates {
            let shown: String
            if case .string(let text) = update.value {
                shown = YAMLWriter.isPlainSafe(text) ? text : YAMLWriter.quoted(text)
            } else {
                shown = JSONText.render(update.value)
            }
            message += "\n- \(update.key): \(shown)"
        }
        return message
    }
}
