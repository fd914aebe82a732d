import Foundation
import Manifests
import Pipeline

/// Turns what a custom step's command wrote into its outputs, in Kargo's formats.
enum CustomStepOutput {
    /// Kargo's hard limit on the final output map.
    static let maxBytes = 256 * 1024

    static func format(for output: CustomPromotionStepSpec.Output) -> CustomPromotionStepSpec.OutputFormat {
        if let format = output.format { return format }
        let path = (output.path ?? "").lowercased()
        if path.hasSuffix(".json") { return .json }
        if path.hasSuffix(".yaml") || path.hasSuffix(".yml") { return .yaml }
        return .keyValue
    }

    /// The parsed output: a map for KeyValue, JSON and YAML (non-objects wrapped as
    /// `{"output": value}`); `{"output": text}` for Text. `value` is what `transform` sees.
    static func parse(_ bytes: [UInt8], format: CustomPromotionStepSpec.OutputFormat) throws(StepError) -> (map: [String: JSONValue], value: JSONValue) {
        let text = String(decoding: bytes, as: UTF8.self)
        let blank = text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        switch format {
        case .text:
            return (["output": .string(text)], .string(text))
        case .keyValue:
            let map = keyValues(text).mapValues(JSONValue.string)
            return (map, .object(map))
        case .json:
            if blank { return ([:], .object([:])) }
            let value: JSONValue
            do { value = try JSONEditor.value(of: bytes) } catch {
                throw .terminal("output is not valid JSON: \(error)")
            }
            return wrapped(value)
        case .yaml:
            if blank { return ([:], .object([:])) }
            var sink = DiagnosticSink()
            let documents = YAMLReader.documents(from: bytes, file: "output", sink: &sink)
            if let problem = sink.diagnostics.first(where: { $0.severity == .error }) {
                throw .terminal("output is not valid YAML: \(problem.location.line):\(problem.location.column): \(problem.message)")
            }
            return wrapped(documents.first?.root.jsonValue ?? .object([:]))
        }
    }

    private static func wrapped(_ value: JSONValue) -> (map: [String: JSONValue], value: JSONValue) {
        if let members = value.objectValue { return (members, value) }
        return (["output": value], value)
    }

    /// GitHub Actions' `key=value` lines: the value is everything after the first `=`,
    /// quotes kept; `key<<DELIM` starts a multi-line value ended by a line `DELIM`; lines
    /// without `=` are ignored.
    static func keyValues(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        var index = 0
        while index < lines.count {
            let line = lines[index]
            index += 1
            if let heredoc = line.range(of: "<<"), !line[..<heredoc.lowerBound].contains("=") {
                let key = String(line[..<heredoc.lowerBound])
                let delimiter = String(line[heredoc.upperBound...])
                guard !key.isEmpty, !delimiter.isEmpty else { continue }
                var body: [String] = []
                while index < lines.count, lines[index] != delimiter {
                    body.append(lines[index])
                    index += 1
                }
                index += 1
                result[key] = body.joined(separator: "\n")
            } else if let equals = line.firstIndex(of: "=") {
                let key = String(line[..<equals])
                guard !key.isEmpty else { continue }
                result[key] = String(line[line.index(after: equals)...])
            }
        }
        return result
    }
}
