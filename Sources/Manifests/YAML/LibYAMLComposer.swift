internal import CLibYAML

/// Builds positioned `YAMLNode` trees straight from libyaml's event stream. Owning the
/// composition (instead of a general YAML library) is what keeps loading close to the cost
/// of parsing, and what bounds hostile input: aliases are charged by the size of what they
/// repeat (no alias bomb can expand), nesting is capped (no stack overflow), duplicate keys
/// are reported where the repeat stands.
struct LibYAMLComposer {
    enum Failure: Error {
        case syntax(message: String, line: Int, column: Int)
        case duplicateKey(String, line: Int, column: Int, firstLine: Int)
        case complexKey(line: Int, column: Int)
        case unknownAlias(String, line: Int, column: Int)
        case budgetExceeded(limit: Int, line: Int, column: Int)
        case tooDeep(limit: Int, line: Int, column: Int)
    }

    /// How many nodes a document may hold once aliases are counted at their full size.
    let nodeLimit: Int
    static let depthLimit = 512

    private struct Sized {
        var node: YAMLNode
        var size: Int
        /// A plain, untagged `<<`: as a key, it merges the mapping(s) it is given.
        var isMergeMarker = false
        /// A scalar's text as written: keys stay text (`y:` is the key "y", not `true`).
        var text: String?
    }

    private enum Frame {
        case sequence(items: [YAMLNode], size: Int, line: Int, column: Int, anchor: String?, start: Start)
        case mapping(entries: [YAMLEntry], merges: [YAMLNode], key: PendingKey?, size: Int, line: Int, column: Int, anchor: String?, start: Start)
    }

    /// Where a collection opened and how it is written, for the byte range of its node.
    private struct Start {
        var offset: Int
        var style: YAMLNode.Style
        static let none = Start(offset: 0, style: .block)
    }

    private struct PendingKey {
        var entry: YAMLEntry
        var merges: Bool
    }

    /// Every document of `bytes`, in order, empty documents included as `.null` roots.
    func documents(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> [YAMLNode] {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw .syntax(message: "cannot initialise the YAML parser (out of memory)", line: 1, column: 1)
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)

        var roots: [YAMLNode] = []
        var stack: [Frame] = []
        var anchors: [String: Sized] = [:]
        var used = 0
        var finished: Sized?
        var event = yaml_event_t()
        var offsets = ByteOffsets(bytes)

        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else { throw Self.syntaxFailure(parser) }
            defer { yaml_event_delete(&event) }
            let line = Int(event.start_mark.line) + 1
            let column = Int(event.start_mark.column) + 1
            let startOffset = offsets.offset(ofCharacter: Int(event.start_mark.index))
            let endOffset = offsets.offset(ofCharacter: Int(event.end_mark.index))
            finished = nil

            switch event.type {
            case YAML_STREAM_END_EVENT:
                return roots
            case YAML_DOCUMENT_START_EVENT:
                anchors.removeAll(keepingCapacity: true)
                used = 0
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let text = Self.string(scalar.value, length: scalar.length)
                let value = Self.resolve(text: text, tag: Self.optionalString(scalar.tag), plain: scalar.style == YAML_PLAIN_SCALAR_STYLE)
                let tag = Self.optionalString(scalar.tag)
                finished = Sized(node: YAMLNode(value, line: line, column: column, startOffset: startOffset, endOffset: endOffset,
                                                style: Self.style(of: scalar.style)), size: 1,
                                 isMergeMarker: text == "<<" && tag == nil && scalar.style == YAML_PLAIN_SCALAR_STYLE, text: text)
                if let anchor = Self.optionalString(scalar.anchor) { anchors[anchor] = finished }
            case YAML_ALIAS_EVENT:
                let name = Self.optionalString(event.data.alias.anchor) ?? ""
                guard var target = anchors[name] else { throw .unknownAlias(name, line: line, column: column) }
                target.node.line = line
                target.node.column = column
                target.node.startOffset = startOffset
                target.node.endOffset = endOffset
                target.node.style = .alias
                target.isMergeMarker = false
                finished = target
            case YAML_SEQUENCE_START_EVENT:
                guard stack.count < Self.depthLimit else { throw .tooDeep(limit: Self.depthLimit, line: line, column: column) }
                stack.append(.sequence(items: [], size: 1, line: line, column: column,
                                       anchor: Self.optionalString(event.data.sequence_start.anchor),
                                       start: Start(offset: startOffset, style: event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE ? .flow : .block)))
            case YAML_MAPPING_START_EVENT:
                guard stack.count < Self.depthLimit else { throw .tooDeep(limit: Self.depthLimit, line: line, column: column) }
                stack.append(.mapping(entries: [], merges: [], key: nil, size: 1, line: line, column: column,
                                      anchor: Self.optionalString(event.data.mapping_start.anchor),
                                      start: Start(offset: startOffset, style: event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE ? .flow : .block)))
            case YAML_SEQUENCE_END_EVENT:
                guard case .sequence(let items, let size, let startLine, let startColumn, let anchor, let start)? = stack.popLast() else { break }
                finished = Sized(node: YAMLNode(.sequence(items), line: startLine, column: startColumn, startOffset: start.offset,
                                                endOffset: Self.collectionEnd(start, items.last, endOffset), style: start.style), size: size)
                if let anchor { anchors[anchor] = finished }
            case YAML_MAPPING_END_EVENT:
                guard case .mapping(var entries, let merges, _, let size, let startLine, let startColumn, let anchor, let start)? = stack.popLast() else { break }
                let last = entries.last?.value
                if !merges.isEmpty { entries = Self.merging(entries, with: merges) }
                finished = Sized(node: YAMLNode(.mapping(entries), line: startLine, column: startColumn, startOffset: start.offset,
                                                endOffset: Self.collectionEnd(start, last, endOffset), style: start.style), size: size)
                if let anchor { anchors[anchor] = finished }
            default:
                break
            }

            guard let complete = finished else { continue }
            used += complete.size
            if used > nodeLimit { throw .budgetExceeded(limit: nodeLimit, line: line, column: column) }
            guard !stack.isEmpty else {
                roots.append(complete.node)
                continue
            }
            try Self.attach(complete, to: &stack[stack.count - 1])
        }
    }

    private static func attach(_ child: Sized, to frame: inout Frame) throws(Failure) {
        switch frame {
        case .sequence(var items, let size, let line, let column, let anchor, let start):
            frame = .sequence(items: [], size: 0, line: 0, column: 0, anchor: nil, start: .none)  // release before appending: no copy
            items.append(child.node)
            frame = .sequence(items: items, size: size + child.size, line: line, column: column, anchor: anchor, start: start)
        case .mapping(var entries, var merges, let key, let size, let line, let column, let anchor, let start):
            frame = .sequence(items: [], size: 0, line: 0, column: 0, anchor: nil, start: .none)
            if var pending = key {
                if pending.merges {
                    merges.append(child.node)
                } else {
                    pending.entry.value = child.node
                    entries.append(pending.entry)
                }
                frame = .mapping(entries: entries, merges: merges, key: nil, size: size + child.size, line: line, column: column, anchor: anchor, start: start)
            } else {
                guard let text = child.text ?? child.node.scalarText else {
                    throw .complexKey(line: child.node.line, column: child.node.column)
                }
                if let first = entries.first(where: { $0.key == text }) {
                    throw .duplicateKey(text, line: child.node.line, column: child.node.column, firstLine: first.keyLine)
                }
                var entry = YAMLEntry(key: text, keyLine: child.node.line, keyColumn: child.node.column,
                                      value: YAMLNode(.null, line: child.node.line, column: child.node.column))
                entry.keyStartOffset = child.node.startOffset
                entry.keyEndOffset = child.node.endOffset
                frame = .mapping(entries: entries, merges: merges, key: PendingKey(entry: entry, merges: child.isMergeMarker), size: size + child.size, line: line, column: column, anchor: anchor, start: start)
            }
        }
    }

    /// `<<: *base` or `<<: [*a, *b]`: keys written in the mapping win, then earlier maps.
    private static func merging(_ entries: [YAMLEntry], with merges: [YAMLNode]) -> [YAMLEntry] {
        var result = entries
        var present = Set(entries.map(\.key))
        for source in merges {
            let maps = source.items ?? [source]
            for map in maps {
                for entry in map.entries ?? [] where present.insert(entry.key).inserted {
                    result.append(entry)
                }
            }
        }
        return result
    }

    /// A flow collection ends after its closing bracket (the end event says where); a block
    /// collection's end event stands wherever the next token is, often lines later, so its
    /// text ends where its last member's does.
    private static func collectionEnd(_ start: Start, _ last: YAMLNode?, _ endEventEnd: Int) -> Int {
        if start.style == .flow { return endEventEnd }
        return last.map { max($0.endOffset, start.offset) } ?? start.offset
    }

    private static func style(of style: yaml_scalar_style_t) -> YAMLNode.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }

    private static func resolve(text: String, tag: String?, plain: Bool) -> YAMLNode.Value {
        if let tag, tag != "!" {
            return ScalarResolver.resolve(text: text, tag: tag) ?? .string(text)
        }
        return plain ? ScalarResolver.resolve(plain: text) : .string(text)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int) -> String {
        guard let pointer, length > 0 else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    private static func optionalString(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    private static func syntaxFailure(_ parser: yaml_parser_t) -> Failure {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        var message = problem
        if let context = parser.context.map({ String(cString: $0) }) {
            message += " (\(context) at \(parser.context_mark.line + 1):\(parser.context_mark.column + 1))"
        }
        return .syntax(message: message, line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
    }
}
