/// Argo Rollouts' `{{args.NAME}}` substitution in a metric's text. Every `{{…}}` tag must
/// name a known argument (spaces inside the braces are ignored); one that does not is an
/// error, as in Argo. Values are inserted as they are: the caller escapes them when the
/// text is JSON.
public enum MetricArguments {
    /// `text` with each `{{args.NAME}}` replaced by `values[NAME]`.
    public static func substitute(_ text: String, _ values: [String: String]) throws(VerificationSetupError) -> String {
        guard text.contains("{{") else { return text }
        var output = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            output += rest[..<open.lowerBound]
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.range(of: "}}") else {
                output += rest[open.lowerBound...]
                return output
            }
            let tag = afterOpen[..<close.lowerBound].trimmingSpaces
            guard tag.hasPrefix("args."), let value = values[String(tag.dropFirst(5))] else {
                throw VerificationSetupError("failed to resolve {{\(afterOpen[..<close.lowerBound])}}")
            }
            output += value
            rest = afterOpen[close.upperBound...]
        }
        output += rest
        return output
    }

    /// The arguments' values by name, secrets (`valueFrom`) standing in as a placeholder:
    /// enough to schedule and assess, never to measure.
    public static func valuesWithoutSecrets(_ args: [Argument]?) -> [String: String] {
        var values: [String: String] = [:]
        for argument in args ?? [] {
            values[argument.name] = argument.value ?? (argument.valueFrom != nil ? "temp-for-secret" : nil)
        }
        return values
    }

    /// The run's metrics with arguments substituted in the fields that decide when and how
    /// often to measure and how to judge the counts; providers are left as written.
    public static func scheduling(_ run: AnalysisRun) throws(VerificationSetupError) -> [Metric] {
        let values = valuesWithoutSecrets(run.spec.args)
        var metrics: [Metric] = []
        for var metric in run.spec.metrics {
            metric.interval = try metric.interval.map { (text) throws(VerificationSetupError) in try substitute(text, values) }
            metric.initialDelay = try metric.initialDelay.map { (text) throws(VerificationSetupError) in try substitute(text, values) }
            metric.count = try resolve(metric.count, values)
            metric.failureLimit = try resolve(metric.failureLimit, values)
            metric.inconclusiveLimit = try resolve(metric.inconclusiveLimit, values)
            metric.consecutiveErrorLimit = try resolve(metric.consecutiveErrorLimit, values)
            metric.consecutiveSuccessLimit = try resolve(metric.consecutiveSuccessLimit, values)
            metrics.append(metric)
        }
        return metrics
    }

    private static func resolve(_ value: IntOrString?, _ values: [String: String]) throws(VerificationSetupError) -> IntOrString? {
        guard case .string(let text)? = value else { return value }
        let resolved = try substitute(text, values)
        if let number = Int64(resolved) { return .int(number) }
        return .string(resolved)
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
