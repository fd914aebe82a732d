import Foundation
import Pipeline

/// The subset of OpenAPI v3 / JSON Schema that Kargo's CRDs and step-config schemas use.
/// A final class because schemas nest recursively and are shared, read-only, by every
/// validation.
final class Schema: Sendable {
    enum Additional: Sendable {
        /// No `additionalProperties`: fields outside `properties` are unknown.
        case unspecified
        case forbidden
        case allowed
        case schema(Schema)
    }

    let types: [String]
    let properties: [String: Schema]
    let required: [String]
    let additional: Additional
    let items: Schema?
    let enumValues: [JSONValue]?
    let constValue: JSONValue?
    let pattern: String?
    let format: String?
    let minLength: Int?
    let maxLength: Int?
    let minItems: Int?
    let maxItems: Int?
    let minProperties: Int?
    let minimum: Double?
    let maximum: Double?
    let uniqueItems: Bool
    let preservesUnknownFields: Bool
    let intOrString: Bool
    /// The API server fills in defaults before validating, so a required field with a
    /// default is never missing.
    let hasDefault: Bool
    let anyOf: [Schema]
    let oneOf: [Schema]
    let allOf: [Schema]

    init(json: [String: JSONValue]) {
        switch json["type"] {
        case .string(let type)?: types = [type]
        case .array(let list)?: types = list.compactMap(\.stringValue)
        default: types = []
        }
        properties = (json["properties"]?.objectValue ?? [:]).compactMapValues {
            $0.objectValue.map(Schema.init(json:))
        }
        required = json["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        switch json["additionalProperties"] {
        case .bool(let flag)?: additional = flag ? .allowed : .forbidden
        case .object(let nested)?: additional = .schema(Schema(json: nested))
        default: additional = .unspecified
        }
        items = json["items"]?.objectValue.map(Schema.init(json:))
        enumValues = json["enum"]?.arrayValue
        constValue = json["const"]
        pattern = json["pattern"]?.stringValue
        format = json["format"]?.stringValue
        minLength = Schema.integer(json["minLength"])
        maxLength = Schema.integer(json["maxLength"])
        minItems = Schema.integer(json["minItems"])
        maxItems = Schema.integer(json["maxItems"])
        minProperties = Schema.integer(json["minProperties"])
        minimum = Schema.number(json["minimum"])
        maximum = Schema.number(json["maximum"])
        uniqueItems = json["uniqueItems"] == .bool(true)
        preservesUnknownFields = json["x-kubernetes-preserve-unknown-fields"] == .bool(true)
        intOrString = json["x-kubernetes-int-or-string"] == .bool(true)
        hasDefault = json["default"] != nil
        anyOf = (json["anyOf"]?.arrayValue ?? []).compactMap { $0.objectValue.map(Schema.init(json:)) }
        oneOf = (json["oneOf"]?.arrayValue ?? []).compactMap { $0.objectValue.map(Schema.init(json:)) }
        allOf = (json["allOf"]?.arrayValue ?? []).compactMap { $0.objectValue.map(Schema.init(json:)) }
    }

    /// Parses one schema from the JSON text the generator wrote.
    static func parse(_ text: String) -> Schema {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)),
              let object = value.objectValue else {
            // The text is generated and checked by the test suite; reaching this is a build defect.
            fatalError("embedded schema is not valid JSON")
        }
        return Schema(json: object)
    }

    private static func integer(_ value: JSONValue?) -> Int? {
        switch value {
        case .int(let number)?: Int(number)
        case .double(let number)?: Int(exactly: number)
        default: nil
        }
    }

    private static func number(_ value: JSONValue?) -> Double? {
        switch value {
        case .int(let number)?: Double(number)
        case .double(let number)?: number
        default: nil
        }
    }

    /// Whether the schema says anything about an object's fields. A bare
    /// `type: object` (as CRDs write `metadata`) accepts any fields.
    var describesFields: Bool {
        !properties.isEmpty
    }
}
