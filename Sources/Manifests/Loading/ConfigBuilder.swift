import Pipeline

/// Second pass of loading: with every candidate document known, assigns Projects,
/// validates each object against its schema, decodes it, and refuses duplicates.
struct ConfigBuilder {
    var sink: DiagnosticSink
    var config = KargoConfig()
    var origins: [ObjectKey: ObjectOrigin] = [:]

    init(sink: DiagnosticSink) {
        self.sink = sink
    }

    mutating func build(_ candidates: [Candidate]) {
        let declaredProjects = candidates.filter { $0.kind == .project && !$0.fromNamespace }
            .compactMap { $0.origin.node.node(at: ["metadata", "name"])?.string }
        let namespaceProjects = candidates.filter { $0.fromNamespace && Self.isProjectNamespace($0.origin.node) }
            .compactMap { $0.origin.node.node(at: ["metadata", "name"])?.string }
        let projectNames = Array(Set(declaredProjects + namespaceProjects)).sorted()

        for candidate in candidates {
            if candidate.fromNamespace {
                addNamespaceProject(candidate, declared: Set(declaredProjects))
            } else {
                add(candidate, projects: projectNames)
            }
        }
    }

    private static func isProjectNamespace(_ node: YAMLNode) -> Bool {
        node.node(at: ["metadata", "labels", "kargo.akuity.io/project"])?.scalarText == "true"
    }

    private mutating func addNamespaceProject(_ candidate: Candidate, declared: Set<String>) {
        let node = candidate.origin.node
        guard Self.isProjectNamespace(node), let name = node.node(at: ["metadata", "name"])?.string,
              !declared.contains(name) else { return }
        let project = Project(apiVersion: "kargo.akuity.io/v1alpha1", kind: "Project", metadata: ObjectMeta(name: name))
        if register(.project, namespace: nil, name: name, origin: candidate.origin) {
            config.projects.append(project)
        }
    }

    private mutating func add(_ candidate: Candidate, projects: [String]) {
        let origin = candidate.origin
        let node = origin.node
        guard let schema = SchemaCatalog.kind(apiVersion: candidate.apiVersion, kind: candidate.kind.rawValue) else {
            sink.error(at: origin.location(of: .root), "no schema for \(candidate.apiVersion) \(candidate.kind.rawValue)")
            return
        }
        let validator = SchemaValidator(document: origin.document, metadataPath: origin.fullPath(["metadata"]))
        var local = DiagnosticSink(strict: sink.strict)
        if candidate.kind == .project, let spec = node["spec"], let legacy = SchemaCatalog.legacyProjectSpec,
           case .mapping(let entries) = node.value {
            // Older repositories keep promotion policies on the Project; read them as Kargo did.
            let withoutSpec = YAMLNode(.mapping(entries.filter { $0.key != "spec" }), line: node.line, column: node.column)
            validator.validate(withoutSpec, against: schema, at: origin.prefix, into: &local)
            validator.validate(spec, against: legacy, at: origin.fullPath(["spec"]), into: &local)
        } else {
            validator.validate(node, against: schema, at: origin.prefix, into: &local)
        }
        if candidate.kind == .warehouse { SubscriptionChecks.validateSchemas(of: origin, into: &local) }
        sink.append(contentsOf: local.diagnostics)

        guard let name = node.node(at: ["metadata", "name"])?.string, !name.isEmpty else {
            if node.node(at: ["metadata", "name"]) == nil {
                sink.error(at: origin.location(of: ["metadata"]), path: origin.fullPath(["metadata", "name"]),
                           "missing required field `metadata.name`")
            }
            return
        }
        var namespace = node.node(at: ["metadata", "namespace"])?.string
        if candidate.kind.isNamespaced && namespace == nil {
            guard projects.count == 1 else {
                let choice = projects.isEmpty ? "no Project is declared in this configuration" : "Projects here: \(projects.joined(separator: ", "))"
                sink.error(at: origin.location(of: ["metadata"]), path: origin.fullPath(["metadata", "namespace"]),
                           "\(candidate.kind.rawValue) `\(name)` has no `metadata.namespace`; set it to the name of its Kargo Project (\(choice))")
                return
            }
            namespace = projects[0]
        }
        if candidate.kind.isNamespaced, let namespace, !projects.contains(namespace) {
            sink.warning(at: origin.location(of: ["metadata", "namespace"]), path: origin.fullPath(["metadata", "namespace"]),
                         "no Project `\(namespace)` is declared in this configuration; Freightline treats `\(namespace)` as one")
        }
        if candidate.kind == .secret { checkLiteralSecret(origin, name: name) }
        // Registered even when invalid, so references to it are not reported a second time.
        guard register(candidate.kind, namespace: candidate.kind.isNamespaced ? namespace : nil, name: name, origin: origin) else { return }
        if local.hasErrors { return }  // already explained; decoding would only repeat it

        do {
            switch candidate.kind {
            case .project: try decode(Project.self, origin, namespace, name) { $0.projects.append($1) }
            case .projectConfig: try decode(ProjectConfig.self, origin, namespace, name) { $0.projectConfigs.append($1) }
            case .clusterConfig: try decode(ClusterConfig.self, origin, namespace, name) { $0.clusterConfigs.append($1) }
            case .warehouse: try decode(Warehouse.self, origin, namespace, name) { $0.warehouses.append($1) }
            case .stage: try decode(Stage.self, origin, namespace, name) { $0.stages.append($1) }
            case .freight: try decode(Freight.self, origin, namespace, name) { $0.freight.append($1) }
            case .promotion: try decode(Promotion.self, origin, namespace, name) { $0.promotions.append($1) }
            case .promotionTask: try decode(PromotionTask.self, origin, namespace, name) { $0.promotionTasks.append($1) }
            case .clusterPromotionTask: try decode(ClusterPromotionTask.self, origin, namespace, name) { $0.clusterPromotionTasks.append($1) }
            case .analysisTemplate: try decode(AnalysisTemplate.self, origin, namespace, name) { $0.analysisTemplates.append($1) }
            case .clusterAnalysisTemplate: try decode(ClusterAnalysisTemplate.self, origin, namespace, name) { $0.clusterAnalysisTemplates.append($1) }
            case .secret: try decode(Secret.self, origin, namespace, name) { $0.secrets.append($1) }
            case .configMap: try decode(ConfigMap.self, origin, namespace, name) { $0.configMaps.append($1) }
            case .customPromotionStep:
                let document = try NodeDecoder().decode(CustomPromotionStepDocument.self, from: origin.node)
                config.customPromotionSteps.append(CustomPromotionStep(name: name, spec: document.spec))
            }
        } catch let error as DecodingError {
            let (path, message) = error.fieldPathAndMessage
            sink.error(at: origin.location(of: path), path: origin.fullPath(path), message)
        } catch {
            sink.error(at: origin.location(of: .root), "\(error)")
        }
    }

    private mutating func decode<T: Decodable & HasObjectMeta>(
        _ type: T.Type, _ origin: ObjectOrigin, _ namespace: String?, _ name: String,
        append: (inout KargoConfig, T) -> Void
    ) throws {
        var value = try NodeDecoder().decode(T.self, from: origin.node)
        if value.metadata.namespace == nil, let namespace, T.kargoKind.isNamespaced { value.metadata.namespace = namespace }
        append(&config, value)
    }

    /// Records where an object was defined; false (and an error) when the name is taken.
    private mutating func register(_ kind: KargoKind, namespace: String?, name: String, origin: ObjectOrigin) -> Bool {
        let key = ObjectKey(kind, namespace: namespace, name: name)
        if let first = origins[key] {
            let scope = namespace.map { " in Project `\($0)`" } ?? ""
            sink.error(at: origin.location(of: ["metadata", "name"]), path: origin.fullPath(["metadata", "name"]),
                       "duplicate \(kind.rawValue) `\(name)`\(scope); first defined at \(first.location(of: ["metadata", "name"])); names must be unique per kind\(namespace == nil ? "" : " and Project")")
            return false
        }
        origins[key] = origin
        return true
    }

    /// Credentials belong outside the repository; literal values committed beside the
    /// pipeline are reported by key, never by value.
    private mutating func checkLiteralSecret(_ origin: ObjectOrigin, name: String) {
        for field in ["data", "stringData"] {
            guard let entries = origin.node[field]?.entries else { continue }
            for entry in entries {
                let path: FieldPath = [.key(field), .key(entry.key)]
                sink.strictWarning(
                    at: FileLocation(file: origin.document.file, line: entry.keyLine, column: entry.keyColumn),
                    path: origin.fullPath(path),
                    "Secret `\(name)` holds a literal value for `\(entry.key)` in the repository; keep credentials out of Git and pass them with --credentials or environment variables")
            }
        }
    }
}

/// The typed kinds all carry Kubernetes metadata and know which Kargo kind they are.
protocol HasObjectMeta {
    var metadata: ObjectMeta { get set }
    static var kargoKind: KargoKind { get }
}

extension Project: HasObjectMeta { static var kargoKind: KargoKind { .project } }
extension ProjectConfig: HasObjectMeta { static var kargoKind: KargoKind { .projectConfig } }
extension ClusterConfig: HasObjectMeta { static var kargoKind: KargoKind { .clusterConfig } }
extension Warehouse: HasObjectMeta { static var kargoKind: KargoKind { .warehouse } }
extension Stage: HasObjectMeta { static var kargoKind: KargoKind { .stage } }
extension Freight: HasObjectMeta { static var kargoKind: KargoKind { .freight } }
extension Promotion: HasObjectMeta { static var kargoKind: KargoKind { .promotion } }
extension PromotionTask: HasObjectMeta { static var kargoKind: KargoKind { .promotionTask } }
extension ClusterPromotionTask: HasObjectMeta { static var kargoKind: KargoKind { .clusterPromotionTask } }
extension AnalysisTemplate: HasObjectMeta { static var kargoKind: KargoKind { .analysisTemplate } }
extension ClusterAnalysisTemplate: HasObjectMeta { static var kargoKind: KargoKind { .clusterAnalysisTemplate } }
extension Secret: HasObjectMeta { static var kargoKind: KargoKind { .secret } }
extension ConfigMap: HasObjectMeta { static var kargoKind: KargoKind { .configMap } }
