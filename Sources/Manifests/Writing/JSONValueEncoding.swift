import Foundation
import Pipeline

extension JSONValue {
    /// Any Encodable model value as a `JSONValue`, through Foundation's JSON coder (which
    /// keeps integers, doubles and booleans apart).
    public static func encoding<T: Encodable>(_ value: T) throws -> JSONValue {
        let data = try JSONEncoder().encode(value)
        return try JSONDecoder().decode(JSONValue.self, from: data)
    }
}
