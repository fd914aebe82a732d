import Foundation
import Pipeline

/// Typed step configs from the evaluated `config` value; a mismatch is a terminal error
/// naming the step (the schema check before the run normally catches it first).
enum StepConfig {
    static func decode<T: Decodable>(_ type: T.Type, from config: JSONValue, step: String) throws(StepError) -> T {
        do {
            let data = try JSONEncoder().encode(config)
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            throw .terminal("invalid config for step `\(step)`: \(error)")
        }
    }
}
