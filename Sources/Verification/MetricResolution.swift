import Foundation
import Pipeline

/// A metric ready to measure: every `{{args.NAME}}` replaced by its value, secrets
/// (`valueFrom.secretKeyRef`) looked up, and the secret values kept so any message that
/// echoes one can be masked before it is recorded.
public struct MetricResolution: Sendable {
    public var metric: Metric
    /// Secret values the metric now contains; never written anywhere.
    public var secrets: [String]

    /// Substitutes `args` into `metric`. `secretValue(name, key)` reads a Secret's key.
    public init(_ metric: Metric, args: [Argument]?,
                secretValue: (String, String) -> String?) throws(VerificationSetupError) {
        var values: [String: String] = [:]
        var secrets: [String] = []
        for argument in args ?? [] {
            if let value = argument.value {
                values[argument.name] = value
            } else if let reference = argument.valueFrom?.secretKeyRef {
                let name = reference.name ?? ""
                let key = reference.key ?? ""
                guard let value = secretValue(name, key) else {
                    throw VerificationSetupError(
                        "args.\(argument.name): key '\(key)' of Secret '\(name)' is not known; give Freightline the Secret with --credentials")
                }
                values[argument.name] = value
                secrets.append(value)
            } else if argument.valueFrom?.fieldRef != nil {
                throw VerificationSetupError(
                    "args.\(argument.name): valueFrom.fieldRef reads a Kubernetes object, which Freightline does not have; pass the value in the Stage's verification args")
            }
        }
        let encoded: JSONValue
        do {
            encoded = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(metric))
        } catch {
            throw VerificationSetupError("metric \(metric.name) cannot be encoded: \(error)")
        }
        let substituted = try Self.substitute(encoded, values)
        do {
            self.metric = try JSONDecoder().decode(Metric.self, from: JSONEncoder().encode(substituted))
        } catch {
            throw VerificationSetupError("metric \(metric.name) is not valid after substituting its arguments: \(error)")
        }
        self.secrets = secrets.filter { !$0.isEmpty }
    }

    /// `text` with every secret value replaced by `*****`, as Argo masks them.
    public func masked(_ text: String) -> String {
        secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "*****") }
    }

    private static func substitute(_ value: JSONValue, _ values: [String: String]) throws(VerificationSetupError) -> JSONValue {
        switch value {
        case .string(let text):
            return .string(try MetricArguments.substitute(text, values))
        case .array(let items):
            var result: [JSONValue] = []
            for item in items { result.append(try substitute(item, values)) }
            return .array(result)
        case .object(let members):
            var result: [String: JSONValue] = [:]
            for (key, member) in members { result[key] = try substitute(member, values) }
            return .object(result)
        default:
            return value
        }
    }
}
