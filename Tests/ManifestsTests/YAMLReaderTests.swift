import Testing
@testable import Manifests

@Suite struct YAMLReaderTests {
    private func read(_ text: String) -> ([YAMLDocument], DiagnosticSink) {
        var sink = DiagnosticSink()
        let documents = YAMLReader.documents(from: Array(text.utf8), file: "f.yaml", sink: &sink)
        return (documents, sink)
    }

    @Test(arguments: [
        ("yes", "boolean"), ("on", "boolean"), ("False", "boolean"), ("~", "null"), ("null", "null"),
        ("12", "integer"), ("-7", "integer"), ("0x1F", "integer"), ("010", "integer"), ("1_000", "integer"),
        ("1.5", "number"), ("1e3", "number"), (".inf", "number"), ("'12'", "string"), ("\"yes\"", "string"),
        ("v1.2.3", "string"), ("1.2.3", "string"), ("0b101", "integer"), ("0xab", "integer"), ("-0x1F", "integer"),
        ("102583fb627e901d3ae6", "string"), ("0b5487df85ad4baf", "string"), ("1e5", "number"), ("2026-11-23", "string"),
        ("0o17", "integer"), ("12e", "string"), ("abc", "string"), ("!!str 12", "string"), ("!!int \"12\"", "integer"),
    ])
    func scalarsResolveLikeKubernetes(text: String, type: String) throws {
        let (documents, sink) = read("value: \(text)\n")
        #expect(!sink.hasErrors)
        #expect(try #require(documents.first?.root["value"]).typeName == type)
    }

    @Test func octalAndHexValues() throws {
        let (documents, _) = read("a: 010\nb: 0x10\nc: 0o17\n")
        let root = try #require(documents.first?.root)
        guard case .int(8)? = root["a"]?.value, case .int(16)? = root["b"]?.value, case .int(15)? = root["c"]?.value else {
            Issue.record("unexpected values \(root.jsonValue)")
            return
        }
    }

    @Test func positionsAreOneBased() throws {
        let (documents, _) = read("a:\n  b:\n    - c\n")
        let root = try #require(documents.first?.root)
        let item = try #require(root.node(at: ["a", "b", 0]))
        #expect(item.line == 3)
        #expect(item.column == 7)
        let entry = try #require(root["a"]?.entry("b"))
        #expect(entry.keyLine == 2 && entry.keyColumn == 3)
    }

    @Test func multipleDocumentsSkipEmptyOnes() {
        let (documents, sink) = read("---\na: 1\n---\n---\nb: 2\n")
        #expect(documents.count == 2)
        #expect(documents.map(\.index) == [0, 2])
        #expect(!sink.hasErrors)
    }

    @Test func mergeKeysApplyWithoutOverridingExplicitKeys() throws {
        let (documents, _) = read("base: &b {x: 1, y: 2}\nderived:\n  <<: *b\n  y: 3\n")
        let derived = try #require(documents.first?.root["derived"])
        #expect(derived["x"]?.scalarText == "1")
        #expect(derived["y"]?.scalarText == "3")
        #expect(derived["<<"] == nil)
    }

    @Test func duplicateKeyPointsAtTheRepeat() throws {
        let (_, sink) = read("metadata:\n  name: a\n  other: b\n  name: c\n")
        let error = try #require(sink.diagnostics.first)
        #expect(error.severity == .error)
        #expect(error.location.line == 4 && error.location.column == 3)
        #expect(error.message.contains("duplicate key `name`"))
    }

    @Test func syntaxErrorHasPosition() throws {
        let (_, sink) = read("a: [1, 2\nb: 3\n")
        let error = try #require(sink.diagnostics.first)
        #expect(error.message.hasPrefix("YAML syntax error"))
        #expect(error.location.line >= 1)
    }

    @Test func aliasBombIsRefusedQuickly() throws {
        var lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i", "j"] {
            lines.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]")
            previous = name
        }
        let (documents, sink) = read(lines.joined(separator: "\n") + "\n")
        #expect(documents.isEmpty)
        let error = try #require(sink.diagnostics.first)
        #expect(error.message.contains("alias bomb"))
    }

    @Test func keysStayTextEvenWhenTheyLookLikeOtherTypes() throws {
        let (documents, _) = read("y: 1\n010: 2\ntrue: 3\n")
        #expect(documents.first?.root.entries?.map(\.key) == ["y", "010", "true"])
    }

    @Test func deepNestingIsRefusedNotACrash() throws {
        let (_, sink) = read(String(repeating: "[", count: 100_000))
        let error = try #require(sink.diagnostics.first)
        #expect(error.message.contains("nesting deeper than"))
    }

    @Test func aliasAsKeyIsRefused() throws {
        let (_, sink) = read("a: &k [1]\n*k : value\n")
        let error = try #require(sink.diagnostics.first)
        #expect(error.location.line == 2)
        #expect(error.message.contains("a mapping key must be a scalar"))
    }

    @Test func invalidUTF8HasLineAndColumn() throws {
        var sink = DiagnosticSink()
        let bytes: [UInt8] = Array("a: b\nname: d".utf8) + [0xFF] + Array("mo\n".utf8)
        _ = YAMLReader.documents(from: bytes, file: "f.yaml", sink: &sink)
        let error = try #require(sink.diagnostics.first)
        #expect(error.location.line == 2 && error.location.column == 8)
        #expect(error.message.contains("0xFF"))
    }

    @Test(arguments: ["", "\n\n  \n"])
    func emptyFileIsAnError(text: String) {
        let (_, sink) = read(text)
        #expect(sink.hasErrors)
        #expect(sink.diagnostics.first?.message.contains("empty") == true)
    }

    @Test func commentOnlyFileIsAWarning() {
        let (documents, sink) = read("# nothing here yet\n")
        #expect(documents.isEmpty)
        #expect(!sink.hasErrors)
        #expect(sink.warningCount == 1)
    }
}
