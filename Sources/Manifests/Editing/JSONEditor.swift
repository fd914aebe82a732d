import Pipeline

/// Comment-free JSON, formatting kept: each change splices new text into the original
/// bytes; a missing key is added after its last sibling with the siblings' spacing.
public struct JSONEditor: Sendable {
    public private(set) var bytes: [UInt8]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The parsed document as a value (for `json-parse`).
    public static func value(of bytes: [UInt8]) throws(EditError) -> JSONValue {
        try JSONText.parse(bytes).value.jsonValue
    }

    public mutating func set(_ path: EditKeyPath, to value: JSONValue) throws(EditError) {
        var node = try JSONText.parse(bytes)
        for (position, component) in path.components.enumerated() {
            let isLast = position == path.components.count - 1
            switch node.value {
            case .object(let members):
                guard let member = members.last(where: { $0.key == component }) else {
                    return insertMember(into: node, members: members, rest: path.components[position...], value: value)
                }
                if isLast { return replace(member.value, with: value, key: path) }
                node = member.value
            case .array(let items):
                guard let index = Int(component) else {
                    throw .notAContainer(key: path.description, at: path.prefix(position), found: "an array (use a number)")
                }
                if index == items.count || index == -1 {
                    return appendItem(to: node, items: items, rest: path.components[(position + 1)...], value: value)
                }
                guard items.indices.contains(index) else {
                    throw .indexOutOfRange(key: path.description, at: path.prefix(position), index: component, count: items.count)
                }
                if isLast { return replace(items[index], with: value, key: path) }
                node = items[index]
            case .scalar(let scalar):
                throw .notAContainer(key: path.description, at: path.prefix(position), found: "a \(scalar.typeName)")
            }
        }
    }

    private mutating func replace(_ node: JSONText.Node, with value: JSONValue, key: EditKeyPath) {
        bytes.replaceSubrange(node.start..<node.end, with: Array(JSONText.render(value).utf8))
    }

    private mutating func insertMember(into object: JSONText.Node, members: [JSONText.Member], rest: ArraySlice<String>, value: JSONValue) {
        let layout = Layout(bytes: bytes, container: object, firstChildStart: members.first?.keyStart, lastChildEnd: members.last?.value.end)
        let colon = members.last.map { String(decoding: bytes[$0.keyEnd..<$0.value.start], as: UTF8.self) } ?? (layout.pretty ? ": " : ":")
        let member = JSONText.quoted(rest.first!) + colon + nested(rest.dropFirst(), value: value, layout: layout.deeper, colon: colon)
        splice(member, into: object, lastChildEnd: members.last?.value.end, layout: layout)
    }

    private mutating func appendItem(to array: JSONText.Node, items: [JSONText.Node], rest: ArraySlice<String>, value: JSONValue) {
        let layout = Layout(bytes: bytes, container: array, firstChildStart: items.first?.start, lastChildEnd: items.last?.end)
        let colon = layout.pretty ? ": " : ":"
        splice(nested(rest, value: value, layout: layout.deeper, colon: colon), into: array, lastChildEnd: items.last?.end, layout: layout)
    }

    private mutating func splice(_ text: String, into container: JSONText.Node, lastChildEnd: Int?, layout: Layout) {
        if let lastChildEnd {
            bytes.replaceSubrange(lastChildEnd..<lastChildEnd, with: Array(("," + layout.separator + text).utf8))
        } else {
            let open = String(UnicodeScalar(bytes[container.start]))
            let close = String(UnicodeScalar(bytes[container.end - 1]))
            let body = layout.pretty ? open + layout.separator + text + layout.newline + layout.outer + close : open + text + close
            bytes.replaceSubrange(container.start..<container.end, with: Array(body.utf8))
        }
    }

    /// `{"b": {"c": value}}` for the key parts `rest`, laid out like the file.
    private func nested(_ rest: ArraySlice<String>, value: JSONValue, layout: Layout, colon: String) -> String {
        guard let first = rest.first else { return JSONText.render(value) }
        let inner = JSONText.quoted(first) + colon + nested(rest.dropFirst(), value: value, layout: layout.deeper, colon: colon)
        return layout.pretty ? "{" + layout.separator + inner + layout.newline + layout.outer + "}" : "{" + inner + "}"
    }

    /// How the file spaces a container's members: the text before each member, and the
    /// indentation of the line that closes the container.
    private struct Layout {
        var pretty: Bool
        var newline: String
        var outer: String
        var unit: String

        init(bytes: [UInt8], container: JSONText.Node, firstChildStart: Int?, lastChildEnd: Int?) {
            newline = bytes.lineBreak
            outer = bytes.indentation(ofLineAt: container.start)
            if let firstChildStart {
                let before = bytes[(container.start + 1)..<firstChildStart]
                pretty = before.contains(0x0A)
                let inner = pretty ? bytes.indentation(ofLineAt: firstChildStart) : ""
                unit = pretty && inner.count > outer.count ? String(inner.dropFirst(outer.count)) : "  "
                if !pretty { unit = String(decoding: before, as: UTF8.self) }  // `{ "a": 1 }` keeps its space
            } else {
                pretty = bytes.contains(0x0A) && container.start > 0
                unit = Layout.fileUnit(bytes)
            }
        }

        private init(pretty: Bool, newline: String, outer: String, unit: String) {
            self.pretty = pretty
            self.newline = newline
            self.outer = outer
            self.unit = unit
        }

        /// The text between a separator (`,` or the opening bracket) and the next member.
        var separator: String { pretty ? newline + outer + unit : (unit.isEmpty ? "" : " ") }

        var deeper: Layout { Layout(pretty: pretty, newline: newline, outer: outer + unit, unit: unit) }

        static func fileUnit(_ bytes: [UInt8]) -> String {
            guard let newline = bytes.firstIndex(of: 0x0A) else { return "  " }
            let indent = bytes.indentation(ofLineAt: newline + 1)
            return indent.isEmpty ? "  " : indent
        }
    }
}
