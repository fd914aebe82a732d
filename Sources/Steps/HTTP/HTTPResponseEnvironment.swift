import Foundation
import HTTPSupport
import Manifests
import Pipeline

/// The `response` variable the `http` step's expressions read, shaped as Kargo builds it.
struct HTTPResponseEnvironment {
    let value: JSONValue

    init(_ response: HTTPResponse, contentType override: String?) {
        var headers: [String: JSONValue] = [:]
        for (name, value) in response.headers {
            headers[Self.canonical(name)] = .array([.string(value)])
        }
        value = .object(["response": .object([
            "status": .int(Int64(response.status)),
            "headers": .object(headers),
            "body": Self.body(response.body, contentType: override ?? response.header("Content-Type")),
        ])])
    }

    /// Go's `CanonicalMIMEHeaderKey`: `content-type` → `Content-Type`.
    static func canonical(_ name: String) -> String {
        name.lowercased().split(separator: "-", omittingEmptySubsequences: false)
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: "-")
    }

    /// JSON or YAML parsed, `text/plain` as a string; an unknown type is tried as JSON and
    /// is an empty map when it is not; an empty body is an empty map.
    static func body(_ bytes: [UInt8], contentType: String?) -> JSONValue {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return .object([:]) }
        let mediaType = (contentType ?? "").split(separator: ";").first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        } ?? ""
        switch mediaType {
        case "text/plain":
            return .string(String(decoding: bytes, as: UTF8.self))
        case "application/yaml", "text/yaml", "application/x-yaml":
            var sink = DiagnosticSink()
            let documents = YAMLReader.documents(from: bytes, file: "response", sink: &sink)
            if sink.diagnostics.contains(where: { $0.severity == .error }) { return .string(String(decoding: bytes, as: UTF8.self)) }
            return documents.first?.root.jsonValue ?? .object([:])
        default:
            return (try? JSONEditor.value(of: bytes)) ?? .object([:])
        }
    }
}
