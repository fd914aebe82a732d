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

    @Test(arguments: [
        ("a: 1\n", "a", "2", "a: 2\n"),
        ("a:\n  b: [1, 2] # c\n", "a.b.0", "x", "a:\n  b: [x, 2] # c\n"),
        ("- a: 1\n- a: 2\n", "1.a", "3", "- a: 1\n- a: 3\n"),
        ("x: 'it''s'\n", "x", "o'k", "x: 'o''k'\n"),
        ("k: v\r\nm: w\r\n", "n", "z", "k: v\r\nm: w\r\nn: z\r\n"),
    ])
    func editorSplicesOnlyTheValue(text: String, key: String, value: String, expected: String) throws {
        var editor = YAMLEditor(bytes: Array(text.utf8))
        try editor.set(EditKeyPath(key), to: .string(value))
        #expect(editor.text == expected)
    }

    @Test func removingKeysDropsTheirLines() throws {
        var editor = YAMLEditor(bytes: Array("- name: a\n  newTag: v1 # old\n  digest: d\nnext: 1\n".utf8))
        try editor.remove(EditKeyPath("0.newTag"))
        #expect(editor.text == "- name: a\n  digest: d\nnext: 1\n")
        var flow = YAMLEditor(bytes: Array("{a: 1, b: 2, c: 3}\n".utf8))
        try flow.remove(EditKeyPath("b"))
        #expect(flow.text == "{a: 1, c: 3}\n")
    }

    @Test func keyPathsFollowSJSONEscapes() throws {
        #expect(try EditKeyPath("a.b\\.c.0").components == ["a", "b.c", "0"])
        #expect(throws: EditError.self) { try EditKeyPath("a..b") }
    }
}
