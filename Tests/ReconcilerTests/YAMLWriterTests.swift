import Manifests
import Pipeline
import Testing

@Suite struct YAMLWriterTests {
    private func reread(_ value: JSONValue) throws -> JSONValue {
        var sink = DiagnosticSink()
        let text = YAMLWriter.document(value)
        let documents = YAMLReader.documents(from: Array(text.utf8), file: "x.yaml", sink: &sink)
        #expect(!sink.hasErrors, "\(sink.diagnostics) in:\n\(text)")
        return try #require(documents.first).root.jsonValue
    }

    @Test(arguments: ["yes", "no", "y", "n", "on", "off", "true", "null", "~", "12", "1.5", "0x1F", "010", "1e3", ".inf",
                      "2026-11-23T08:00:00Z", "- item", "key: value", "# comment", "a #b", "trailing:", " padded ", "",
                      "multi\nline", "tab\there", "quote\"d", "back\\slash", "ünïcödé", "*alias", "&anchor", "!tag", "%pct", "@at", "`tick`",
                      "{flow}", "[seq]", "plain text", "v1.2.3", "sha256:abc", "Warehouse/app"])
    func stringsSurviveARoundTrip(text: String) throws {
        let value = JSONValue.object(["value": .string(text)])
        #expect(try reread(value) == value)
    }

    @Test func nestedStructuresSurviveARoundTrip() throws {
        let value = JSONValue.object([
            "apiVersion": .string("v1"), "kind": .string("Thing"),
            "list": .array([.object(["a": .int(1), "b": .array([.string("x"), .array([.bool(true), .null])])]), .double(2.5), .object([:]), .array([])]),
            "map": .object(["nested": .object(["deep": .string("yes")]), "empty": .object([:])]),
        ])
        #expect(try reread(value) == value)
    }

    @Test func kubernetesKeysComeFirstThenSorted() {
        let text = YAMLWriter.document(.object(["status": .object(["z": .int(1), "a": .int(2)]), "zeta": .int(0), "apiVersion": .string("v1"),
                                                 "alpha": .int(0), "kind": .string("K"), "metadata": .object(["name": .string("demo")])]))
        #expect(text == "apiVersion: v1\nkind: K\nmetadata:\n  name: demo\nstatus:\n  a: 2\n  z: 1\nalpha: 0\nzeta: 0\n")
    }
}
