/// Kargo's `CustomPromotionStep` (`ee.kargo.akuity.io/v1alpha1`, cluster-scoped): a step an
/// operator defines as a command, used in `uses:` under its `metadata.name`.
public struct CustomPromotionStep: Sendable, Hashable {
    public var name: String
    public var spec: CustomPromotionStepSpec

    public init(name: String, spec: CustomPromotionStepSpec) {
        self.name = name
        self.spec = spec
    }
}

/// What a custom step runs and how its output is read. `command`, `args` and `env` values
/// may hold `${{ }}` templates over `config` (the step's evaluated config) and `ctx`.
/// `capabilities`, `resources` and `imagePullSecrets` concern Kargo's pods and are not kept.
public struct CustomPromotionStepSpec: Sendable, Hashable {
    public struct EnvironmentVariable: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Where the output is read from (Kargo's default: the `$KARGO_OUTPUT` file).
    public enum OutputSourceType: String, Sendable, Hashable {
        case pipe = "Pipe"
        case stdout = "Stdout"
        case stderr = "Stderr"
        case file = "File"
    }

    public enum OutputFormat: String, Sendable, Hashable {
        case json = "JSON"
        case yaml = "YAML"
        case keyValue = "KeyValue"
        case text = "Text"
    }

    public struct Output: Sendable, Hashable {
        public var source: OutputSourceType
        /// Required for `File`: relative to the work folder.
        public var path: String?
        /// nil: inferred from `path`'s extension (`.json`, `.yaml`/`.yml`), else KeyValue.
        public var format: OutputFormat?
        /// Output key → expr-lang expression over `output`; when non-empty it replaces the
        /// parsed output entirely.
        public var transform: [String: String]

        public init(source: OutputSourceType = .pipe, path: String? = nil, format: OutputFormat? = nil,
                    transform: [String: String] = [:]) {
            self.source = source
            self.path = path
            self.format = format
            self.transform = transform
        }
    }

    public var image: String
    public var command: [String]
    public var args: [String]
    public var env: [EnvironmentVariable]
    public var output: Output
    /// A Go duration (`5m`): the step's retry timeout default, and the longest one run of
    /// the command may take.
    public var defaultTimeout: String?
    /// The step's default error threshold (failed attempts before the step errors).
    public var defaultErrorThreshold: UInt32?

    public init(image: String = "", command: [String], args: [String] = [], env: [EnvironmentVariable] = [],
                output: Output = Output(), defaultTimeout: String? = nil, defaultErrorThreshold: UInt32? = nil) {
        self.image = image
        self.command = command
        self.args = args
        self.env = env
        self.output = output
        self.defaultTimeout = defaultTimeout
        self.defaultErrorThreshold = defaultErrorThreshold
    }
}
