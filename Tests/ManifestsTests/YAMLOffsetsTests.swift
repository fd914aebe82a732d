import Pipeline
import Testing
@testable import Manifests

@Suite struct YAMLOffsetsTests {
    private func root(_ text: String) throws -> YAMLNode {
        try #require(try YAMLEditor.firstDocument(Array(text.utf8)))
    }

    private func slice(_ text: String, _ node: YAMLNode) -> String {
        String(decoding: Array(text.utf8)[node.startOffset..<node.endOffset], as: UTF8.self)
    }

    @Test func nodesKnowTheirBytesAndStyle() throws {
        let text = "é: \"ü x\" # c\nlist:\n- 'a'\n- {k: v}\nblock: |\n  line\nplain: word\n"
        let node = try root(text)
        #expect(slice(text, node["é"]!) == "\"ü x\"")
        #expect(node["é"]!.style == .doubleQuoted)
        #expect(node.entry("é")!.keyStartOffset == 0 && node.entry("é")!.keyEndOffset == 2)
        let list = node["list"]!
        #expect(list.style == .block && slice(text, list) == "- 'a'\n- {k: v}")
        #expect(list.items![0].style == .singleQuoted && slice(text, list.items![0]) == "'a'")
        #expect(list.items![1].style == .flow && slice(text, list.items![1]) == "{k: v}")
        #expect(node["block"]!.style == .literal && slice(text, node["block"]!).hasPrefix("|\n  line\n"))
        #expect(slice(text, node["plain"]!) == "word" && node["plain"]!.style == .plain)
    }

    @Test func aliasesAreMarked() throws {
        let node = try root("a: &x 1\nb: *x\n")
        #expect(node["b"]!.style == .alias && node["a"]!.style == .plain)
    }

    // Numbers are set as numbers: the string "2" would be written `"2"`, since plain `2`
    // reads back as an integer (see YAMLUpdateStepTests.quotesStringsThatWouldReadAsAnotherType).
    // Keys are quoted by the same rule: plain `n` is the boolean false to YAML 1.1 readers
    // (go-yaml v2 under sigs.k8s.io/yaml, so Helm and kubectl), so the key "n" is written `"n"`.
    @Test(arguments: [
        ("a: 1\n", "a", JSONValue.int(2), "a: 2\n"),
        ("a:\n  b: [1, 2] # c\n", "a.b.0", .string("x"), "a:\n  b: [x, 2] # c\n"),
        ("- a: 1\n- a: 2\n", "1.a", .int(3), "- a: 1\n- a: 3\n"),
        ("a: 1\n", "a", .string("2"), "a: \"2\"\n"),
        ("x: 'it''s'\n", "x", .string("o'k"), "x: 'o''k'\n"),
        ("k: v\r\nm: w\r\n", "l", .string("z"), "k: v\r\nm: w\r\nl: z\r\n"),
        ("k: v\r\nm: w\r\n", "n", .string("z"), "k: v\r\nm: w\r\n\"n\": z\r\n"),
    ])
    func editorSplicesOnlyTheValue(text: String, key: String, value: JSONValue, expected: String) throws {
        var editor = YAMLEditor(bytes: Array(text.utf8))
        try editor.set(EditKeyPath(key), to: value)
        #expect(editor.text == expected)
    }

    @Test func removingKeysDropsTheirLines() throws {
        // The sequence sits under a key: a root sequence followed by `next: 1` is not YAML.
        var editor = YAMLEditor(bytes: Array("items:\n- name: a\n  newTag: v1 # old\n  digest: d\nnext: 1\n".utf8))
        try editor.remove(EditKeyPath("items.0.newTag"))
        #expect(editor.text == "items:\n- name: a\n  digest: d\nnext: 1\n")
        var first = YAMLEditor(bytes: Array("- name: a # first\n  digest: d\n- name: b\n".utf8))
        try first.remove(EditKeyPath("0.name"))
        #expect(first.text == "- digest: d\n- name: b\n")
        var last = YAMLEditor(bytes: Array("a: 1\nb: 2 # two\n".utf8))
        try last.remove(EditKeyPath("b"))
        #expect(last.text == "a: 1\n")
        var flow = YAMLEditor(bytes: Array("{a: 1, b: 2, c: 3}\n".utf8))
        try flow.remove(EditKeyPath("b"))
        #expect(flow.text == "{a: 1, c: 3}\n")
    }

    @Test func anAnchorStaysWithItsNewValueAndATagGoes() throws {
        var editor = YAMLEditor(bytes: Array("a: &x 1 # c\nb: *x\nc: !!str 2\n".utf8))
        try editor.set(EditKeyPath("a"), to: .int(5))
        try editor.set(EditKeyPath("c"), to: .int(3))
        #expect(editor.text == "a: &x 5 # c\nb: *x\nc: 3\n")
    }

    @Test(arguments: [
        ("", "a: 1\n"),
        ("# only a comment", "# only a comment\na: 1\n"),
        ("---\n", "---\na: 1\n"),
        ("---\n---\nb: 2\n", "---\na: 1\n---\nb: 2\n"),  // the first document, not the last
    ])
    func keysGoIntoAnEmptyFirstDocument(text: String, expected: String) throws {
        var editor = YAMLEditor(bytes: Array(text.utf8))
        try editor.set(EditKeyPath("a"), to: .int(1))
        #expect(editor.text == expected)
    }

    @Test func keyPathsFollowSJSONEscapes() throws {
        #expect(try EditKeyPath("a.b\\.c.0").components == ["a", "b.c", "0"])
        #expect(throws: EditError.self) { try EditKeyPath("a..b") }
    }
}
