import Pipeline

/// The parts of a `job` metric's Kubernetes Job spec (kept untyped in the model) that
/// Freightline runs: the pod template's init containers and containers, in order, and
/// `activeDeadlineSeconds`. Everything else (resources, volumes, `backoffLimit`, the
/// image when no container runtime is set) is ignored.
struct JobSpec: Sendable, Hashable {
    struct Variable: Sendable, Hashable {
        var name: String
        var value: String
    }

    struct Container: Sendable, Hashable {
        var name: String
        var image: String?
        var command: [String]?
        var args: [String]
        var env: [Variable]
        var workingDir: String?
    }

    var containers: [Container]
    var activeDeadlineSeconds: Int64

    init(_ spec: JSONValue?) throws(MeasurementError) {
        guard let spec, spec.objectValue != nil else { throw MeasurementError("job metric has no spec") }
        activeDeadlineSeconds = JobMetricProvider.defaultActiveDeadlineSeconds
        if let deadline = spec["activeDeadlineSeconds"] {
            switch deadline {
            case .int(let seconds) where seconds > 0: activeDeadlineSeconds = seconds
            case .double(let seconds) where seconds > 0 && seconds.rounded() == seconds && seconds < 1e15:
                activeDeadlineSeconds = Int64(seconds)
            case .null: break
            default: throw MeasurementError("job spec.activeDeadlineSeconds must be a positive whole number of seconds")
            }
        }
        let pod = spec["template"]?["spec"]
        let initial = try Self.containers(pod?["initContainers"], field: "initContainers")
        let main = try Self.containers(pod?["containers"], field: "containers")
        guard !main.isEmpty else { throw MeasurementError("job metric has no spec.template.spec.containers") }
        containers = initial + main
    }

    private static func containers(_ value: JSONValue?, field: String) throws(MeasurementError) -> [Container] {
        guard let value, value != .null else { return [] }
        guard let items = value.arrayValue else {
            throw MeasurementError("job spec.template.spec.\(field) must be a list")
        }
        var containers: [Container] = []
        for (index, item) in items.enumerated() {
            let place = "spec.template.spec.\(field)[\(index)]"
            guard item.objectValue != nil else { throw MeasurementError("job \(place) must be an object") }
            let name = item["name"]?.stringValue ?? "\(field)[\(index)]"
            containers.append(Container(
                name: name,
                image: item["image"]?.stringValue,
                command: try strings(item["command"], place: "\(place).command"),
                args: try strings(item["args"], place: "\(place).args") ?? [],
                env: try variables(item["env"], place: "\(place).env"),
                workingDir: item["workingDir"]?.stringValue
            ))
        }
        return containers
    }

    private static func strings(_ value: JSONValue?, place: String) throws(MeasurementError) -> [String]? {
        guard let value, value != .null else { return nil }
        guard let items = value.arrayValue else { throw MeasurementError("job \(place) must be a list of strings") }
        var strings: [String] = []
        for (index, item) in items.enumerated() {
            guard let text = item.stringValue else {
                throw MeasurementError("job \(place)[\(index)] must be a string, not \(item.typeName)")
            }
            strings.append(text)
        }
        return strings
    }

    private static func variables(_ value: JSONValue?, place: String) throws(MeasurementError) -> [Variable] {
        guard let value, value != .null else { return [] }
        guard let items = value.arrayValue else { throw MeasurementError("job \(place) must be a list") }
        var variables: [Variable] = []
        for (index, item) in items.enumerated() {
            guard let name = item["name"]?.stringValue, !name.isEmpty else {
                throw MeasurementError("job \(place)[\(index)] has no name")
            }
            if item["valueFrom"] != nil {
                throw MeasurementError("job \(place)[\(index)] (\(name)): valueFrom is not supported without Kubernetes; "
                    + "pass the value with {{args.…}} instead")
            }
            let text: String
            switch item["value"] {
            case nil, .null?: text = ""
            case .string(let value)?: text = value
            case let other?: throw MeasurementError("job \(place)[\(index)] (\(name)): value must be a string, not \(other.typeName)")
            }
            variables.append(Variable(name: name, value: text))
        }
        return variables
    }
}
