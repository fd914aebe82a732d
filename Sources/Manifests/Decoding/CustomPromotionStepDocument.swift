import Pipeline

/// A `CustomPromotionStep` as written in YAML: Kargo nests the output's `type`, `path` and
/// `format` under `output.source`; the model keeps them flat.
struct CustomPromotionStepDocument: Decodable {
    var spec: CustomPromotionStepSpec

    private enum Keys: String, CodingKey { case spec }
    private enum SpecKeys: String, CodingKey {
        case image, command, args, env, output, defaultTimeout, defaultErrorThreshold
    }
    private enum OutputKeys: String, CodingKey { case source, transform }
    private enum SourceKeys: String, CodingKey { case type, path, format }
    private enum VariableKeys: String, CodingKey { case name, value }

    init(from decoder: any Decoder) throws {
        let spec = try decoder.container(keyedBy: Keys.self).nestedContainer(keyedBy: SpecKeys.self, forKey: .spec)
        var env: [CustomPromotionStepSpec.EnvironmentVariable] = []
        if var list = try? spec.nestedUnkeyedContainer(forKey: .env) {
            while !list.isAtEnd {
                let variable = try list.nestedContainer(keyedBy: VariableKeys.self)
                env.append(.init(name: try variable.decode(String.self, forKey: .name),
                                 value: try variable.decodeIfPresent(String.self, forKey: .value) ?? ""))
            }
        }
        var output = CustomPromotionStepSpec.Output()
        if spec.contains(.output) {
            let node = try spec.nestedContainer(keyedBy: OutputKeys.self, forKey: .output)
            output.transform = try node.decodeIfPresent([String: String].self, forKey: .transform) ?? [:]
            if node.contains(.source) {
                let source = try node.nestedContainer(keyedBy: SourceKeys.self, forKey: .source)
                if let type = try source.decodeIfPresent(String.self, forKey: .type) {
                    output.source = CustomPromotionStepSpec.OutputSourceType(rawValue: type) ?? .pipe
                }
                let path = try source.decodeIfPresent(String.self, forKey: .path)
                output.path = path?.isEmpty == true ? nil : path
                output.format = try source.decodeIfPresent(String.self, forKey: .format)
                    .flatMap(CustomPromotionStepSpec.OutputFormat.init(rawValue:))
            }
        }
        self.spec = CustomPromotionStepSpec(
            image: try spec.decodeIfPresent(String.self, forKey: .image) ?? "",
            command: try spec.decode([String].self, forKey: .command),
            args: try spec.decodeIfPresent([String].self, forKey: .args) ?? [],
            env: env, output: output,
            defaultTimeout: try spec.decodeIfPresent(String.self, forKey: .defaultTimeout),
            defaultErrorThreshold: try spec.decodeIfPresent(UInt32.self, forKey: .defaultErrorThreshold))
    }
}
