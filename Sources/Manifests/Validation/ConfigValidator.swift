import Expressions
import Pipeline

/// Cross-object checks Kubernetes schemas cannot express: references between objects,
/// the shape of the stage graph, durations, semantic-version constraints, regular
/// expressions, and step configs against their schemas. Works on the positioned trees,
/// so every finding points at the field a person has to change.
public struct ConfigValidator {
    let loaded: LoadedConfig
    /// The steps the running build can execute; a Kargo step outside it gets a warning.
    /// nil: not known here (no warning), as for a library user that only loads.
    let runnableSteps: Set<String>?

    public init(_ loaded: LoadedConfig, runnableSteps: Set<String>? = nil) {
        self.loaded = loaded
        self.runnableSteps = runnableSteps
    }

    public func check(into sink: inout DiagnosticSink) {
        let index = ReferenceIndex(loaded.origins)
        for (key, origin) in loaded.origins.sorted(by: { $0.key < $1.key }) {
            switch key.kind {
            case .stage:
                checkStage(key, origin, index: index, into: &sink)
            case .promotionTask, .clusterPromotionTask:
                checkSteps(origin.node.node(at: ["spec", "steps"])?.items ?? [], at: ["spec", "steps"],
                           origin: origin, project: key.namespace, inTask: true, index: index, into: &sink)
            case .warehouse:
                SubscriptionChecks(origin: origin).check(into: &sink)
            case .projectConfig:
                checkProjectConfig(key, origin, index: index, into: &sink)
                checkPromotionWindows(origin, scope: .projectConfig, into: &sink)
            case .clusterConfig:
                checkPromotionWindows(origin, scope: .clusterConfig, into: &sink)
            case .analysisTemplate, .clusterAnalysisTemplate:
                AnalysisTemplateChecks(origin: origin).check(into: &sink)
            case .customPromotionStep where StepCatalog.kargoSteps.contains(key.name):
                sink.warning(at: origin.location(of: ["metadata", "name"]), path: origin.fullPath(["metadata", "name"]),
                             "CustomPromotionStep `\(key.name)` has the name of a Kargo step; `uses: \(key.name)` runs Kargo's step, not this one — rename it")
            default:
                break
            }
        }
        for project in index.projects.sorted() {
            checkCycles(in: project, index: index, into: &sink)
        }
    }

    // MARK: Stages

    private func checkStage(_ key: ObjectKey, _ origin: ObjectOrigin, index: ReferenceIndex, into sink: inout DiagnosticSink) {
        let project = key.namespace ?? ""
        let node = origin.node
        var seenOrigins: [String: Int] = [:]
        for (position, request) in (node.node(at: ["spec", "requestedFreight"])?.items ?? []).enumerated() {
            let base: FieldPath = ["spec", "requestedFreight", .index(position)]
            let originKind = request.node(at: ["origin", "kind"])?.string ?? "Warehouse"
            let originName = request.node(at: ["origin", "name"])?.string ?? ""
            if originKind == "Warehouse", !originName.isEmpty, !index.has(.warehouse, project, originName) {
                report(.warehouse, originName, in: project, at: base.appending("origin").appending("name"), origin, index, &sink)
            }
            if let first = seenOrigins[originName] {
                sink.error(at: origin.location(of: base.appending("origin")), path: origin.fullPath(base.appending("origin")),
                           "Warehouse `\(originName)` is requested twice (also at requestedFreight[\(first)]); request each origin once")
            }
            seenOrigins[originName] = position

            let direct = request.node(at: ["sources", "direct"])?.value
            let upstreams = (request.node(at: ["sources", "stages"])?.items ?? []).compactMap(\.string)
            var isDirect = false
            if case .bool(true)? = direct { isDirect = true }
            if !isDirect && upstreams.isEmpty {
                sink.error(at: origin.location(of: base.appending("sources")), path: origin.fullPath(base.appending("sources")),
                           "Stage `\(key.name)` can never receive Freight from `\(originName)`: set `sources.direct: true` or list upstream Stages in `sources.stages`")
            }
            let strategy = request.node(at: ["sources", "availabilityStrategy"])?.string ?? "OneOf"
            var receiving: [String] = []
            for (upstreamIndex, upstream) in upstreams.enumerated() {
                let path = base.appending("sources").appending("stages").appending(upstreamIndex)
                if upstream == key.name { continue }  // reported as a cycle
                guard let upstreamOrigin = index.origin(.stage, project, upstream) else {
                    report(.stage, upstream, in: project, at: path, origin, index, &sink)
                    continue
                }
                let requested = (upstreamOrigin.node.node(at: ["spec", "requestedFreight"])?.items ?? [])
                    .compactMap { $0.node(at: ["origin", "name"])?.string }
                if requested.contains(originName) {
                    receiving.append(upstream)
                } else if strategy == "All" || upstreams.count == 1 {
                    sink.error(at: origin.location(of: path), path: origin.fullPath(path),
                               "Stage `\(key.name)` can never receive Freight from `\(originName)` through `\(upstream)`: `\(upstream)` does not request that Warehouse (it requests: \(requested.isEmpty ? "nothing" : requested.joined(separator: ", ")))")
                } else {
                    sink.warning(at: origin.location(of: path), path: origin.fullPath(path),
                                 "upstream Stage `\(upstream)` does not request Warehouse `\(originName)`, so Freight from it never arrives through `\(upstream)`")
                }
            }
            if strategy != "All", upstreams.count > 1, receiving.isEmpty, upstreams.allSatisfy({ index.has(.stage, project, $0) && $0 != key.name }) {
                sink.error(at: origin.location(of: base.appending("sources").appending("stages")), path: origin.fullPath(base.appending("sources").appending("stages")),
                           "Stage `\(key.name)` can never receive Freight from `\(originName)`: none of its upstream Stages request that Warehouse")
            }
        }

        checkSteps(node.node(at: ["spec", "promotionTemplate", "spec", "steps"])?.items ?? [],
                   at: ["spec", "promotionTemplate", "spec", "steps"], origin: origin, project: project, inTask: false, index: index, into: &sink)

        for (position, template) in (node.node(at: ["spec", "verification", "analysisTemplates"])?.items ?? []).enumerated() {
            let path: FieldPath = ["spec", "verification", "analysisTemplates", .index(position), "name"]
            guard let name = template["name"]?.string else { continue }
            let kind = template["kind"]?.string ?? "AnalysisTemplate"
            if kind == "ClusterAnalysisTemplate" {
                if !index.has(.clusterAnalysisTemplate, nil, name) { report(.clusterAnalysisTemplate, name, in: nil, at: path, origin, index, &sink) }
            } else if !index.has(.analysisTemplate, project, name) {
                report(.analysisTemplate, name, in: project, at: path, origin, index, &sink)
            }
        }
        checkVerificationArgs(origin, project: project, index: index, into: &sink)
    }

    /// Every argument the Stage's analysis templates declare without a value or
    /// `valueFrom` must be given in `spec.verification.args`, or the verification can never
    /// start (Argo's "args.NAME was not resolved").
    private func checkVerificationArgs(_ origin: ObjectOrigin, project: String, index: ReferenceIndex,
                                       into sink: inout DiagnosticSink) {
        let verification = origin.node.node(at: ["spec", "verification"])
        let given = Set((verification?["args"]?.items ?? []).compactMap { $0["name"]?.string })
        var pending: [(template: String, kind: KargoKind, position: Int)] = []
        for (position, template) in (verification?["analysisTemplates"]?.items ?? []).enumerated() {
            guard let name = template["name"]?.string else { continue }
            let kind: KargoKind = template["kind"]?.string == "ClusterAnalysisTemplate" ? .clusterAnalysisTemplate : .analysisTemplate
            pending.append((name, kind, position))
        }
        var visited: Set<String> = []
        var declaredWithValue: Set<String> = []
        var required: [String: (template: String, position: Int)] = [:]
        while let next = pending.popLast() {
            guard visited.insert("\(next.kind.rawValue)/\(next.template)").inserted,
                  let template = index.origin(next.kind, next.kind == .clusterAnalysisTemplate ? nil : project, next.template)
            else { continue }
            for argument in template.node.node(at: ["spec", "args"])?.items ?? [] {
                guard let name = argument["name"]?.string else { continue }
                if argument["value"] != nil || argument["valueFrom"] != nil {
                    declaredWithValue.insert(name)
                } else if required[name] == nil {
                    required[name] = (next.template, next.position)
                }
            }
            for nested in template.node.node(at: ["spec", "templates"])?.items ?? [] {
                guard let name = nested["templateName"]?.string else { continue }
                let cluster: Bool = if case .bool(true)? = nested["clusterScope"]?.value { true } else { false }
                pending.append((name, cluster ? .clusterAnalysisTemplate : .analysisTemplate, next.position))
            }
        }
        for (name, source) in required.sorted(by: { $0.key < $1.key })
        where !given.contains(name) && !declaredWithValue.contains(name) {
            let path: FieldPath = ["spec", "verification", "analysisTemplates", .index(source.position), "name"]
            sink.error(at: origin.location(of: path), path: origin.fullPath(path),
                       "analysis template `\(source.template)` needs argument `\(name)`, which has no default: add `{name: \(name), value: ...}` to spec.verification.args")
        }
    }

    // MARK: Steps

    private func checkSteps(_ steps: [YAMLNode], at base: FieldPath, origin: ObjectOrigin, project: String?, inTask: Bool, index: ReferenceIndex, into sink: inout DiagnosticSink) {
        for (position, step) in steps.enumerated() {
            let path = base.appending(position)
            ExpressionChecks(origin: origin).check(step, at: path, into: &sink)
            let uses = step["uses"]?.string
            let task = step["task"]
            if inTask && task != nil {
                sink.error(at: origin.location(of: path.appending("task")), path: origin.fullPath(path.appending("task")),
                           "a step inside a PromotionTask cannot reference another task; use `uses:` with a step name")
                continue
            }
            if uses != nil && task != nil {
                sink.error(at: origin.location(of: path), path: origin.fullPath(path), "a step sets both `uses` and `task`; set exactly one")
                continue
            }
            if let task {
                let name = task["name"]?.string ?? ""
                let kind = task["kind"]?.string ?? "PromotionTask"
                let taskPath = path.appending("task").appending("name")
                if kind == "ClusterPromotionTask" {
                    if !index.has(.clusterPromotionTask, nil, name) { report(.clusterPromotionTask, name, in: nil, at: taskPath, origin, index, &sink) }
                } else if let project, !index.has(.promotionTask, project, name) {
                    report(.promotionTask, name, in: project, at: taskPath, origin, index, &sink)
                }
                continue
            }
            guard let uses else {
                sink.error(at: origin.location(of: path), path: origin.fullPath(path), "a step needs `uses:` (the step to run) or `task:` (a PromotionTask)")
                continue
            }
            let usesPath = path.appending("uses")
            // A CustomPromotionStep's config is whatever its command's templates read.
            if !StepCatalog.kargoSteps.contains(uses), loaded.config.customStep(named: uses) != nil { continue }
            guard StepCatalog.kargoSteps.contains(uses) else {
                var message = "unknown step `\(uses)`"
                let known = StepCatalog.kargoSteps.union(loaded.config.customPromotionSteps.map(\.name))
                if let suggestion = Suggestion.closest(to: uses, among: known.sorted()) {
                    message += "; did you mean `\(suggestion)`?"
                } else {
                    message += "; Kargo's steps are listed at https://docs.kargo.io/user-guide/reference-docs/promotion-steps/"
                }
                sink.error(at: origin.location(of: usesPath), path: origin.fullPath(usesPath), message)
                continue
            }
            if let runnableSteps, !runnableSteps.contains(uses) {
                sink.warning(at: origin.location(of: usesPath), path: origin.fullPath(usesPath),
                             "step `\(uses)` is a Kargo step this version of Freightline does not run yet; a promotion reaching it will fail")
            }
            if let schema = SchemaCatalog.step(uses) {
                let configPath = path.appending("config")
                var validator = SchemaValidator(document: origin.document)
                validator.allowsExpressions = true
                validator.metadataPath = nil
                if let config = step["config"] {
                    validator.validate(config, against: schema, at: origin.fullPath(configPath), into: &sink)
                } else if !schema.required.isEmpty {
                    sink.error(at: origin.location(of: path), path: origin.fullPath(configPath),
                               "step `\(uses)` needs a `config` with \(schema.required.map { "`\($0)`" }.joined(separator: ", "))")
                }
            }
        }
    }

    // MARK: Projects

    private func checkProjectConfig(_ key: ObjectKey, _ origin: ObjectOrigin, index: ReferenceIndex, into sink: inout DiagnosticSink) {
        if let namespace = key.namespace, namespace != key.name {
            sink.error(at: origin.location(of: ["metadata", "name"]), path: origin.fullPath(["metadata", "name"]),
                       "a ProjectConfig must be named after its Project: expected `\(namespace)`, found `\(key.name)`")
        }
        for (position, policy) in (origin.node.node(at: ["spec", "promotionPolicies"])?.items ?? []).enumerated() {
            let base: FieldPath = ["spec", "promotionPolicies", .index(position)]
            let hasStage = policy["stage"] != nil
            let hasSelector = policy["stageSelector"] != nil
            if hasStage == hasSelector {
                sink.error(at: origin.location(of: base), path: origin.fullPath(base),
                           "a promotion policy needs exactly one of `stage` or `stageSelector`")
            }
            if let pattern = policy.node(at: ["stageSelector", "name"])?.string {
                let path = base.appending("stageSelector").appending("name")
                if let problem = NamePattern.problem(in: pattern) {
                    sink.error(at: origin.location(of: path), path: origin.fullPath(path), problem)
                }
            }
        }
    }

    /// Promotion windows: rrules that parse, time zones the tz database knows, an end
    /// after the start, names used once.
    private func checkPromotionWindows(_ origin: ObjectOrigin, scope: PromotionWindowScope, into sink: inout DiagnosticSink) {
        guard let node = origin.node.node(at: ["spec", "promotionWindows"]),
              let windows = try? NodeDecoder().decode([PromotionWindow].self, from: node) else { return }
        for problem in PromotionWindowProblems.check(windows, zones: SystemTimeZones.lookup, scope: scope) {
            var path: FieldPath = ["spec", "promotionWindows", .index(problem.index)]
            for part in problem.field.split(separator: ".") where !part.isEmpty { path = path.appending(String(part)) }
            sink.error(at: origin.location(of: path), path: origin.fullPath(path), problem.message)
        }
    }

    // MARK: Graph

    private func checkCycles(in project: String, index: ReferenceIndex, into sink: inout DiagnosticSink) {
        let stages = index.names(.stage, project)
        var upstreams: [String: [String]] = [:]
        for stage in stages {
            let node = index.origin(.stage, project, stage)!.node
            var list: [String] = []
            for request in node.node(at: ["spec", "requestedFreight"])?.items ?? [] {
                for upstream in (request.node(at: ["sources", "stages"])?.items ?? []).compactMap(\.string) where !list.contains(upstream) {
                    list.append(upstream)
                }
            }
            upstreams[stage] = list
        }
        guard let cycle = StageGraph(stages: stages, upstreams: upstreams).firstCycle() else { return }
        // Point at the stage that closes the cycle, where it names its upstream.
        let closing = cycle[cycle.count - 1]
        let upstream = cycle[cycle.count - 2]
        let origin = index.origin(.stage, project, closing)!
        var path: FieldPath = ["spec", "requestedFreight"]
        for (position, request) in (origin.node.node(at: ["spec", "requestedFreight"])?.items ?? []).enumerated() {
            if let slot = (request.node(at: ["sources", "stages"])?.items ?? []).firstIndex(where: { $0.string == upstream }) {
                path = ["spec", "requestedFreight", .index(position), "sources", "stages", .index(slot)]
                break
            }
        }
        sink.error(at: origin.location(of: path), path: origin.fullPath(path),
                   "the stage graph of Project `\(project)` has a cycle: \(cycle.joined(separator: " → ")); Freight must flow one way")
    }

    // MARK: Reporting

    private func report(_ kind: KargoKind, _ name: String, in project: String?, at path: FieldPath, _ origin: ObjectOrigin, _ index: ReferenceIndex, _ sink: inout DiagnosticSink) {
        let available = index.names(kind, project)
        var message = "\(kind.rawValue) `\(name)` not found" + (project.map { " in Project `\($0)`" } ?? "")
        if let suggestion = Suggestion.closest(to: name, among: available) {
            message += "; did you mean `\(suggestion)`?"
        } else if available.isEmpty {
            message += "; none is defined"
        } else {
            message += "; defined: \(available.prefix(12).joined(separator: ", "))\(available.count > 12 ? ", ..." : "")"
        }
        sink.error(at: origin.location(of: path), path: origin.fullPath(path), message)
    }
}

/// Names of loaded objects by kind and Project, for reference checks.
struct ReferenceIndex {
    private var byKind: [KargoKind: [String: [String: ObjectOrigin]]] = [:]
    let projects: Set<String>

    init(_ origins: [ObjectKey: ObjectOrigin]) {
        var projects = Set<String>()
        for (key, origin) in origins {
            byKind[key.kind, default: [:]][key.namespace ?? "", default: [:]][key.name] = origin
            if let namespace = key.namespace { projects.insert(namespace) }
            if key.kind == .project { projects.insert(key.name) }
        }
        self.projects = projects
    }

    func has(_ kind: KargoKind, _ project: String?, _ name: String) -> Bool {
        origin(kind, project, name) != nil
    }

    func origin(_ kind: KargoKind, _ project: String?, _ name: String) -> ObjectOrigin? {
        byKind[kind]?[project ?? ""]?[name]
    }

    /// Names in declaration order (file, then position), so results are stable.
    func names(_ kind: KargoKind, _ project: String?) -> [String] {
        (byKind[kind]?[project ?? ""] ?? [:])
            .sorted { $0.value.location(of: .root) < $1.value.location(of: .root) }
            .map(\.key)
    }
}
