import Pipeline

/// Comment-preserving edits of a YAML file: each change splices new text into the
/// original bytes at the range the parsed node reports, so comments, key order, quoting
/// and spacing elsewhere stay byte for byte. Missing keys are added at the indentation of
/// their siblings. Only the first document of a multi-document file is edited.
public struct YAMLEditor: Sendable {
    public private(set) var bytes: [UInt8]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Sets the value at `path`, adding the missing keys (and a missing last sequence item
    /// when the index is the count or -1).
    public mutating func set(_ path: EditKeyPath, to value: JSONValue) throws(EditError) {
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let body = Array(bytes[bom...])
        let root = try Self.firstDocument(body)
        let splice = try YAMLEditPlanner(bytes: body, path: path, value: value).splice(root: root)
        bytes = Array(bytes[..<bom]) + splice.applied(to: body)
    }

    /// Removes the key at `path` (its whole line in a block mapping); nothing happens when
    /// the key is not there.
    public mutating func remove(_ path: EditKeyPath) throws(EditError) {
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let body = Array(bytes[bom...])
        guard var node = try Self.firstDocument(body) else { return }
        for component in path.components.dropLast() {
            if node.style == .alias { throw .throughAlias(key: path.description) }
            if let items = node.items, let index = Int(component), items.indices.contains(index) {
                node = items[index]
            } else if let next = node[component] {
                node = next
            } else {
                return
            }
        }
        guard let entries = node.entries, let position = entries.firstIndex(where: { $0.key == path.components.last! }) else { return }
        let entry = entries[position]
        let next = entries.indices.contains(position + 1) ? entries[position + 1] : nil
        let valueEnd = body.trimmingTrailingSpace(start: entry.value.startOffset, end: entry.value.endOffset)
        let range: Range<Int>
        if node.style == .flow {
            if position > 0 {
                let previous = entries[position - 1].value
                range = body.trimmingTrailingSpace(start: previous.startOffset, end: previous.endOffset)..<valueEnd
            } else {
                range = entry.keyStartOffset..<(next?.keyStartOffset ?? valueEnd)
            }
        } else {
            var lineStart = entry.keyStartOffset
            while lineStart > 0 && body[lineStart - 1] != 0x0A { lineStart -= 1 }
            if body[lineStart..<entry.keyStartOffset].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                range = lineStart..<(body.endOfLine(from: valueEnd) ?? body.count)
            } else if let next {
                range = entry.keyStartOffset..<next.keyStartOffset  // `- key: v` then `  next: w`
            } else {
                range = entry.keyStartOffset..<valueEnd
            }
        }
        bytes = Array(bytes[..<bom]) + TextSplice(range: range, text: "").applied(to: body)
    }

    /// A value as YAML scalar text in a block context: plain when it reads back as the same
    /// value, double-quoted otherwise (`"true"`, `"1.0"`).
    public static func scalarText(_ value: JSONValue) -> String {
        (try? YAMLEditPlanner(bytes: [], path: try EditKeyPath("x"), value: value).scalar(value, like: .plain, inFlow: false)) ?? "null"
    }

    /// The first document's root, or nil when the file holds none (only comments, or empty).
    public static func firstDocument(_ bytes: [UInt8]) throws(EditError) -> YAMLNode? {
        let roots: [YAMLNode]
        do {
            roots = try bytes.withUnsafeBufferPointer { buffer throws(LibYAMLComposer.Failure) in
                try LibYAMLComposer(nodeLimit: 10_000 + 4 * buffer.count).documents(buffer)
            }
        } catch {
            let diagnostic = YAMLReader.diagnostic(for: error, file: "")
            throw .syntax("line \(diagnostic.location.line), column \(diagnostic.location.column): \(diagnostic.message)")
        }
        return roots.first
    }
}

/// Decides the one splice that sets a value; pure over the bytes and their parsed tree.
struct YAMLEditPlanner {
    let bytes: [UInt8]
    let path: EditKeyPath
    let value: JSONValue
    var newline: String { bytes.lineBreak }

    func splice(root: YAMLNode?) throws(EditError) -> TextSplice {
        guard let root, !(root.startOffset == root.endOffset && root.scalarText == "null") else {
            // No content yet: the whole key path becomes new top-level text, where the first
            // document's (empty) content stands, or at the end of a file of only comments.
            // `blockLines` ends each line it writes, so nothing more is added after it.
            let at = root?.startOffset ?? bytes.count
            let lead = at == 0 || bytes[at - 1] == 0x0A ? "" : newline
            return TextSplice(range: at..<at, text: lead + blockLines(path.components[...], indent: ""))
        }
        var node = root
        var inFlow = false
        var indent = ""  // the indentation of the key that holds `node`
        for (position, component) in path.components.enumerated() {
            let isLast = position == path.components.count - 1
            if node.style == .alias { throw .throughAlias(key: path.description) }
            inFlow = inFlow || node.style == .flow
            switch node.value {
            case .mapping(let entries):
                guard let entry = entries.first(where: { $0.key == component }) else {
                    return try insert(into: node, entries: entries, rest: path.components[position...], inFlow: inFlow)
                }
                if entry.keyStartOffset < node.startOffset || entry.keyStartOffset > node.endOffset {
                    throw .throughAlias(key: path.description)  // merged in from `<<`
                }
                indent = String(repeating: " ", count: entry.keyColumn - 1)
                if isLast { return try replace(entry.value, inFlow: inFlow) }
                node = entry.value
            case .sequence(let items):
                guard let index = Int(component) else {
                    throw .notAContainer(key: path.description, at: path.prefix(position), found: "a sequence (use a number)")
                }
                if index == items.count || index == -1 {
                    return try append(to: node, items: items, rest: path.components[(position + 1)...], inFlow: inFlow)
                }
                guard items.indices.contains(index) else {
                    throw .indexOutOfRange(key: path.description, at: path.prefix(position), index: component, count: items.count)
                }
                indent = String(repeating: " ", count: node.column + 1)
                if isLast { return try replace(items[index], inFlow: inFlow) }
                node = items[index]
            case .null where node.startOffset == node.endOffset && !inFlow:
                // `key:` with nothing after it: the rest becomes a nested block under it.
                let text = newline + blockLines(path.components[position...], indent: indent + "  ").dropLastLineBreak
                return TextSplice(range: node.startOffset..<node.startOffset, text: text)
            default:
                throw .notAContainer(key: path.description, at: path.prefix(position), found: Self.describe(node))
            }
        }
        throw .invalidKey(path.description)
    }

    private func replace(_ node: YAMLNode, inFlow: Bool) throws(EditError) -> TextSplice {
        switch node.value {
        case .mapping, .sequence: throw .notAScalar(key: path.description, found: Self.describe(node))
        default: break
        }
        var end = node.endOffset
        if node.style == .literal || node.style == .folded {
            end = bytes.trimmingTrailingSpace(start: node.startOffset, end: end)
        }
        var text = try scalar(value, like: node.style, inFlow: inFlow)
        if let anchor = anchor(of: node, end: end) { text = anchor + " " + text }
        if node.startOffset == end && node.startOffset > 0 && bytes[node.startOffset - 1] != 0x20 { text = " " + text }
        return TextSplice(range: node.startOffset..<end, text: text)
    }

    /// A scalar's range starts at its properties (`&name`, `!tag`, in either order). The
    /// anchor must stay, or every `*name` after it stops resolving; a tag goes, since the
    /// new value is written as its own type.
    private func anchor(of node: YAMLNode, end: Int) -> String? {
        guard node.style != .alias else { return nil }
        var anchor: String?
        var index = node.startOffset
        while index < end, bytes[index] == UInt8(ascii: "&") || bytes[index] == UInt8(ascii: "!") {
            let start = index
            let isAnchor = bytes[index] == UInt8(ascii: "&")
            while index < end, ![0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]),
                  !(isAnchor && Array(",[]{}".utf8).contains(bytes[index])) {
                index += 1
            }
            if isAnchor { anchor = String(decoding: bytes[start..<index], as: UTF8.self) }
            while index < end, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }
        return anchor
    }

    private func insert(into mapping: YAMLNode, entries: [YAMLEntry], rest: ArraySlice<String>, inFlow: Bool) throws(EditError) -> TextSplice {
        if inFlow {
            let member = try flowMember(rest)
            return try flowInsert(into: mapping, last: entries.last?.value, text: member)
        }
        let indent = String(repeating: " ", count: (entries.first?.keyColumn ?? mapping.column) - 1)
        return linesAfter(mapping, text: blockLines(rest, indent: indent))
    }

    private func append(to sequence: YAMLNode, items: [YAMLNode], rest: ArraySlice<String>, inFlow: Bool) throws(EditError) -> TextSplice {
        if inFlow || sequence.style == .flow {
            let item = rest.isEmpty ? try scalar(value, like: .plain, inFlow: true) : "{" + (try flowMember(rest)) + "}"
            return try flowInsert(into: sequence, last: items.last, text: item)
        }
        let indent = String(repeating: " ", count: sequence.column - 1)
        let item: String
        if rest.isEmpty {
            item = indent + "- " + (try scalar(value, like: .plain, inFlow: false)) + newline
        } else {
            item = indent + "- " + String(blockLines(rest, indent: indent + "  ").dropFirst(indent.count + 2))
        }
        return linesAfter(sequence, text: item)
    }

    /// New lines go after the line where `node`'s text ends (after any comment on it).
    private func linesAfter(_ node: YAMLNode, text: String) -> TextSplice {
        let end = bytes.trimmingTrailingSpace(start: node.startOffset, end: node.endOffset)
        if let next = bytes.endOfLine(from: end) { return TextSplice(range: next..<next, text: text) }
        return TextSplice(range: bytes.count..<bytes.count, text: newline + text.dropLastLineBreak)
    }

    private func flowInsert(into collection: YAMLNode, last: YAMLNode?, text: String) throws(EditError) -> TextSplice {
        guard let last else {
            let open = collection.startOffset + 1
            return TextSplice(range: open..<(collection.endOffset - 1), text: text)
        }
        let end = bytes.trimmingTrailingSpace(start: last.startOffset, end: last.endOffset)
        return TextSplice(range: end..<end, text: ", " + text)
    }

    private func flowMember(_ rest: ArraySlice<String>) throws(EditError) -> String {
        guard let first = rest.first else { return try scalar(value, like: .plain, inFlow: true) }
        let inner = rest.count == 1 ? try scalar(value, like: .plain, inFlow: true) : "{" + (try flowMember(rest.dropFirst())) + "}"
        return Self.key(first) + ": " + inner
    }

    /// `a:\n  b: value\n` for the key parts `rest`, each line ending in a line break.
    func blockLines(_ rest: ArraySlice<String>, indent: String) -> String {
        guard let first = rest.first else { return "" }
        let head = indent + Self.key(first) + ":"
        if rest.count == 1 {
            let text = (try? scalar(value, like: .plain, inFlow: false)) ?? "null"
            return head + " " + text + newline
        }
        return head + newline + blockLines(rest.dropFirst(), indent: indent + "  ")
    }

    /// The value as YAML scalar text; a quoted original keeps its quotes when it can.
    func scalar(_ value: JSONValue, like style: YAMLNode.Style, inFlow: Bool) throws(EditError) -> String {
        switch value {
        case .string(let text):
            let printable = !text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
            if style == .singleQuoted && printable { return "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
            if style == .doubleQuoted { return YAMLWriter.quoted(text) }
            let flowSafe = !inFlow || !text.contains(where: { ",[]{}".contains($0) })
            return YAMLWriter.isPlainSafe(text) && flowSafe ? text : YAMLWriter.quoted(text)
        case .array, .object:
            return JSONText.render(value)
        default:
            return YAMLWriter.scalar(value)
        }
    }

    static func key(_ text: String) -> String {
        YAMLWriter.isPlainSafe(text) && !text.contains(where: { ",[]{}".contains($0) }) ? text : YAMLWriter.quoted(text)
    }

    static func describe(_ node: YAMLNode) -> String {
        switch node.value {
        case .mapping: "a mapping"
        case .sequence: "a sequence"
        case .null: "null"
        default: "a \(node.typeName) (\(node.scalarText ?? ""))"
        }
    }
}

extension String {
    var dropLastLineBreak: String {
        if hasSuffix("\r\n") { return String(dropLast(2)) }
        if hasSuffix("\n") { return String(dropLast()) }
        return self
    }
}
