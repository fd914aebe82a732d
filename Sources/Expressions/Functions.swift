import Pipeline

/// Calls a named function. Kargo's own functions live here; expr-lang's builtins are in
/// `Functions+Builtins.swift`. Errors carry Kargo's wording where it has one.
struct Functions {
    let context: ExpressionContext

    func call(_ name: String, _ values: [ExpressionValue]) throws(ExpressionRuntimeError) -> ExpressionValue {
        let arguments = Arguments(function: name, values: values)
        if let value = try kargo(name, arguments) { return value }
        if let value = try Builtins.call(name, arguments) { return value }
        if let value = try TimeBuiltins.call(name, arguments) { return value }
        if let value = try AnalysisFunctions.call(name, arguments) { return value }
        if name == "now" {
            try arguments.expect(0)
            return .time(context.clock())
        }
        throw ExpressionRuntimeError("unknown function \(name)()")
    }

    private func kargo(_ name: String, _ arguments: Arguments) throws(ExpressionRuntimeError) -> ExpressionValue? {
        let finder = ArtifactFinder(freight: context.targetFreight)
        switch name {
        case "warehouse":
            try arguments.expect(1)
            let warehouse = try arguments.nonEmptyString(0, "name")
            return .object(.origin(FreightOrigin(kind: .warehouse, name: warehouse)))
        case "commitFrom":
            try arguments.expect(1...2)
            let origin = try self.origin(arguments, at: 1)
            return .object(.commit(try finder.commit(repoURL: try arguments.string(0), origin: origin)))
        case "imageFrom":
            try arguments.expect(1...2)
            let origin = try self.origin(arguments, at: 1)
            return .object(.image(try finder.image(repoURL: try arguments.string(0), origin: origin)))
        case "chartFrom":
            try arguments.expect(1...3)
            var chartName: String?
            var origin: FreightOrigin?
            if arguments.count >= 2 {
                if case .string(let text) = arguments[1] {
                    chartName = text
                    origin = try self.origin(arguments, at: 2)
                } else if arguments.count == 2 {
                    origin = try self.origin(arguments, at: 1)
                } else {
                    throw ExpressionRuntimeError(
                        "chartFrom(): when using three arguments, second argument must be string, got "
                            + arguments[1].typeName)
                }
            }
            return .object(.chart(try finder.chart(repoURL: try arguments.string(0), name: chartName, origin: origin)))
        case "artifactFrom":
            try arguments.expect(1...2)
            let origin = try self.origin(arguments, at: 1)
            return .object(try finder.artifact(subscription: try arguments.string(0), origin: origin))
        case "freightMetadata":
            try arguments.expect(1...2)
            let freightName = try arguments.nonEmptyString(0, "freight ref name")
            guard let metadata = context.freight(named: freightName)?.status?.metadata else { return .null }
            return try lookup(metadata, arguments)
        case "stageMetadata":
            try arguments.expect(1...2)
            let stage = try arguments.nonEmptyString(0, "stage name")
            guard let metadata = context.stageMetadata[stage] else { return .null }
            return try lookup(metadata, arguments)
        case "configMap":
            try arguments.expect(1)
            return ExpressionValue(strings: context.configMaps[try arguments.string(0)] ?? [:])
        case "secret":
            try arguments.expect(1)
            return ExpressionValue(strings: context.secrets[try arguments.string(0)] ?? [:])
        case "sharedConfigMap":
            try arguments.expect(1)
            return ExpressionValue(strings: context.sharedConfigMaps[try arguments.string(0)] ?? [:])
        case "sharedSecret":
            try arguments.expect(1)
            return ExpressionValue(strings: context.sharedSecrets[try arguments.string(0)] ?? [:])
        case "freightStatus", "asYAML":
            // Known to Kargo, so `validate` accepts them, but not implemented here yet.
            throw ExpressionRuntimeError("\(name)() is not supported by Freightline")
        case "quote":
            try arguments.expect(1)
            if case .string(let text) = arguments[0] { return .string(GoText.quote(text)) }
            return .string("\"" + (try GoJSON.encode(arguments[0])) + "\"")
        case "unsafeQuote":
            try arguments.expect(1)
            return .string("\"" + (try GoJSON.encode(arguments[0])) + "\"")
        case "asJSON":
            try arguments.expect(1)
            return .string(try GoJSON.encode(arguments[0]))
        case "semverParse":
            try arguments.expect(1)
            let text = try arguments.string(0)
            do {
                return .object(.version(try SemanticVersion(parsing: text, strict: false)))
            } catch {
                throw ExpressionRuntimeError("semverParse(): invalid semantic version: \(error)")
            }
        case "semverDiff":
            try arguments.expect(2)
            return .string(Self.semverDiff(try arguments.string(0), try arguments.string(1)))
        case "always":
            return .bool(true)
        case "failure":
            return .bool(hasFailure)
        case "success":
            return .bool(!hasFailure)
        case "status":
            try arguments.expect(1)
            let alias = try arguments.nonEmptyString(0, "argument")
            return .string(status(of: alias))
        case "outputFrom":
            try arguments.expect(1...2)
            let alias = try arguments.string(0)
            let key = arguments.count == 2 ? "\(try arguments.string(1))::\(alias)" : alias
            return context.variables["outputs"].flatMap { outputs -> ExpressionValue? in
                if case .map(let members) = outputs { return members[key] }
                return nil
            } ?? .null
        default:
            return nil
        }
    }

    /// An optional `warehouse(...)` argument at `index`.
    private func origin(_ arguments: Arguments, at index: Int) throws(ExpressionRuntimeError) -> FreightOrigin? {
        guard index < arguments.count else { return nil }
        if case .object(.origin(let origin)) = arguments[index] { return origin }
        throw ExpressionRuntimeError(
            "\(arguments.function)(): \(Arguments.ordinal(index)) argument must be FreightOrigin (use warehouse(\"name\")), got "
                + arguments[index].typeName)
    }

    /// The whole metadata map, or one key of it when a second argument names it.
    private func lookup(_ metadata: [String: JSONValue], _ arguments: Arguments) throws(ExpressionRuntimeError)
        -> ExpressionValue
    {
        guard arguments.count == 2 else { return ExpressionValue(.object(metadata)) }
        return metadata[try arguments.string(1)].map(ExpressionValue.init) ?? .null
    }

    /// Kargo's `hasFailure`: any earlier step Failed or Errored, not counting steps that
    /// set `continueOnError`.
    private var hasFailure: Bool {
        context.stepExecutions.contains { !$0.continueOnError && ($0.status == "Failed" || $0.status == "Errored") }
    }

    /// Kargo's `getStatus`: the status of `alias` within the current step's task namespace.
    private func status(of alias: String) -> String {
        func split(_ full: String) -> (namespace: String, alias: String) {
            let parts = full.split(separator: "::", omittingEmptySubsequences: false)
            return parts.count == 2 ? (String(parts[0]), String(parts[1])) : ("", full)
        }
        let namespace = split(context.currentStepAlias).namespace
        for step in context.stepExecutions {
            let parts = split(step.alias)
            if parts.namespace == namespace, parts.alias == alias { return step.status }
        }
        return ""
    }

    /// Kargo's `semverDiff`: the most significant differing part, with Masterminds'
    /// lenient parsing; "Incomparable" when either side is not a version.
    static func semverDiff(_ a: String, _ b: String) -> String {
        guard let first = try? SemanticVersion(parsing: a, strict: false),
            let second = try? SemanticVersion(parsing: b, strict: false)
        else { return "Incomparable" }
        if first.major != second.major { return "Major" }
        if first.minor != second.minor { return "Minor" }
        if first.patch != second.patch { return "Patch" }
        if first.buildMetadata != second.buildMetadata { return "Metadata" }
        return "None"
    }
}
