import Foundation
import Manifests
import Pipeline
import Testing
@testable import Steps

/// Property-style check of `yaml-update` over a generated set of small documents: setting
/// one scalar key yields a document that parses, holds the new value at that key, and is
/// byte for byte the same outside the line(s) the old value was written on.
@Suite struct YAMLUpdatePropertyTests {
    /// Small documents in the shapes real values files take, each with one scalar key.
    static let shapes: [(text: String, key: String)] = [
        ("a: 1\nb: x # c\n", "b"),
        ("image:\n  repository: r   # repo\n  tag: \"v1\"\n", "image.tag"),
        ("list:\n- one\n- 'two'\n- three # 3\n", "list.1"),
        ("containers:\n- name: app\n  image: app:v1 # pinned\n- name: side\n  image: side:v1\n", "containers.1.image"),
        ("flow: {a: 1, b: [x, y]}\nafter: z\n", "flow.b.1"),
        ("flow: {a: 1, b: [x, y]} # c\n", "flow.a"),
        ("notes: |\n  some\n  text\nlast: end\n", "notes"),
        ("folded: >-\n  one\n  two\nz: 1\n", "folded"),
        ("# head\r\n\r\nk: v\r\nm: w # c\r\n", "m"),
        ("empty:\nnext: 1\n", "empty"),
        ("k: ~\n", "k"),
        ("---\na: 1\n---\na: 2\n", "a"),
        ("é: \"ü x\" # ç\nv: 1\n", "é"),
        ("a:\n  b:\n    c: deep # d\n  e: f\n", "a.b.c"),
        ("- a: 1\n- a: 2\n", "1.a"),
        ("x: 'it''s'\n", "x"),
        ("key:    spaced   # c\n", "key"),
        ("n: {deep: {er: [1, {v: 2}]}}\n", "n.deep.er.1.v"),
        ("example.com/version: v1\n", "example\\.com/version"),
        ("last: no-newline", "last"),
        ("a: \"multi\n  line\"\nb: 1\n", "a"),
        ("a: plain\n  continued\nb: 1\n", "a"),
        ("anchored: &x 1\nother: *x\nkey: 2\n", "key"),
        ("tagged: !!str 1\nz: 0\n", "tagged"),
        ("  indented: 1\n  second: two\n", "second"),
        ("anchored: &x 1 # c\nother: *x\n", "anchored"),
        ("both: !!str &y v1\nalias: *y\n", "both"),
        ("- {name: a, tag: v1}\n- {name: b}\n", "0.tag"),
        ("\"quoted key\": 1\n'single': 2\n", "quoted key"),
        ("%YAML 1.1\n---\na: 1\n...\n", "a"),
        ("text: |\r\n  one\r\nafter: 1\r\n", "text"),
    ]

    static let values: [JSONValue] = [
        .string("v2"), .string("true"), .string("a: b"), .string("x, y"), .string("it's"), .string(""),
        .string("# no"), .string("line\nbreak"), .int(42), .int(-7), .double(1.5), .double(2), .bool(false),
        .string("ünï"), .string("[x]"), .string("a:b"), .string("-x"), .string("010"), .string("{y}"),
        .string("\"q\""), .string("1.2.3"), .null,
    ]

    /// 50 (document, key, value) cases: every shape, each value, no pair twice (a shape's
    /// second round is offset by half the values).
    static let cases: [(String, String, JSONValue)] = (0..<50).map { index in
        let shape = shapes[index % shapes.count]
        return (shape.text, shape.key, values[(index % shapes.count * 7 + index / shapes.count * 11) % values.count])
    }

    @Test(arguments: cases)
    func settingOneScalarChangesOnlyItsLine(text: String, key: String, value: JSONValue) async throws {
        let folder = try WorkFolder()
        try folder.write("values.yaml", text)
        let config = object(["path": "values.yaml", "updates": [object(["key": .string(key), "value": value])]])
        _ = try await YAMLUpdateStep().run(config: config, context: folder.context)
        let before = Array(text.utf8)
        let after = Array(try #require(folder.read("values.yaml")).utf8)
        let path = try EditKeyPath(key).components

        // (a) it parses, (b) the key holds the new value.
        let root = try #require(try YAMLEditor.firstDocument(after), "no document in:\n\(String(decoding: after, as: UTF8.self))")
        #expect(Self.node(root, at: path)?.jsonValue == value, "in:\n\(String(decoding: after, as: UTF8.self))")

        // (c) outside the old value's line(s), not a byte changed.
        let original = try #require(try YAMLEditor.firstDocument(before))
        let old = try #require(Self.node(original, at: path))
        var lineStart = old.startOffset
        while lineStart > 0 && before[lineStart - 1] != 0x0A { lineStart -= 1 }
        var lineEnd = Self.textEnd(before, old)
        while lineEnd < before.count && before[lineEnd] != 0x0A { lineEnd += 1 }
        if lineEnd < before.count { lineEnd += 1 }
        let kept = before.count - lineEnd
        #expect(after.count >= lineStart + kept)
        #expect(after.prefix(lineStart) == before.prefix(lineStart))
        #expect(after.suffix(kept) == before.suffix(kept), "in:\n\(String(decoding: after, as: UTF8.self))")
    }

    @Test func theGeneratedSetCoversEveryShapeAndValue() {
        #expect(Set(Self.cases.map { "\($0.0)|\($0.2)" }).count == Self.cases.count)  // no case twice
        #expect(Set(Self.cases.map(\.1)).count == Set(Self.shapes.map(\.key)).count)
        #expect(Set(Self.cases.map(\.2)) == Set(Self.values))
    }

    private static func node(_ root: YAMLNode, at path: [String]) -> YAMLNode? {
        var node = root
        for component in path {
            if let items = node.items {
                guard let index = Int(component), items.indices.contains(index) else { return nil }
                node = items[index]
            } else {
                guard let next = node[component] else { return nil }
                node = next
            }
        }
        return node
    }

    /// Where a scalar's text ends: a block scalar's range runs on over the line breaks after it.
    private static func textEnd(_ bytes: [UInt8], _ node: YAMLNode) -> Int {
        var end = min(node.endOffset, bytes.count)
        while end > node.startOffset, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[end - 1]) { end -= 1 }
        return end
    }
}
