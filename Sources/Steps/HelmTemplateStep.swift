import Foundation
import Pipeline

/// `helm-template`: renders the chart in `path` with `helm template` into `outPath`: one
/// file when it ends in `.yaml`/`.yml`; otherwise a folder, laid out as Helm does
/// (`<chart or release name>/templates/...`) or `flat` (one file per object). Values files
/// must lie in the work folder. No output.
public struct HelmTemplateStep: PromotionStepRunner {
    public static let name = "helm-template"
    /// Where `helm` is looked for; nil is the process's `PATH`.
    let searchPath: [String]?

    public init() { self.searchPath = nil }

    /// For tests: look for the tool only in these folders.
    init(searchPath: [String]) { self.searchPath = searchPath }

    struct Config: Decodable {
        struct SetValue: Decodable {
            var key: String
            var value: String
            var literal: Bool?
        }

        enum Layout: String, Decodable { case helm, flat }

        var path: String
        var outPath: String
        var outLayout: Layout?
        var releaseName: String
        var useReleaseName: Bool?
        var namespace: String?
        var valuesFiles: [String]?
        var ignoreMissingValueFiles: Bool?
        var setValues: [SetValue]?
        var buildDependencies: Bool?
        var includeCRDs: Bool?
        var disableHooks: Bool?
        var skipTests: Bool?
        var kubeVersion: String?
        var apiVersions: [String]?
    }

    public func run(config: JSONValue, context: StepContext) async throws(StepError) -> StepResult {
        let config = try StepConfig.decode(Config.self, from: config, step: Self.name)
        let chart = try context.workDirectory.resolve(config.path)
        let out = try context.workDirectory.resolve(config.outPath, field: "outPath")
        let search = searchPath ?? ExternalTool.processSearchPath
        guard let helm = ExternalTool.find("helm", in: search) else {
            throw .terminal("\(Self.name): `helm` is not installed (looked in \(search.joined(separator: ":"))); install Helm 3 to render charts")
        }
        var arguments = try Self.arguments(config, chart: chart, context: context)
        if config.buildDependencies == true {
            _ = try await helm.run(["dependency", "build", chart], in: chart, step: Self.name)
        }
        let toFile = RenderedManifests.isFile(config.outPath)
        if !toFile && (config.outLayout ?? .helm) == .helm {
            arguments += ["--output-dir", out]
            if config.useReleaseName == true { arguments.append("--release-name") }
            _ = try await helm.run(arguments, in: chart, step: Self.name)
            return StepResult()
        }
        let rendered = try await helm.run(arguments, in: chart, step: Self.name)
        if toFile {
            try RenderedManifests.write(rendered, toFile: out, step: Self.name, shown: config.outPath)
        } else {
            let files = try RenderedManifests.split(String(decoding: rendered, as: UTF8.self), naming: .kargo, step: Self.name)
            try RenderedManifests.write(files, toFolder: out, step: Self.name, shown: config.outPath)
        }
        return StepResult()
    }

    /// `helm template` arguments for everything but the output.
    static func arguments(_ config: Config, chart: String, context: StepContext) throws(StepError) -> [String] {
        var arguments = ["template", config.releaseName, chart]
        if let namespace = config.namespace, !namespace.isEmpty { arguments += ["--namespace", namespace] }
        for file in config.valuesFiles ?? [] {
            let path = try context.workDirectory.resolve(file, field: "valuesFiles")
            if !FileManager.default.fileExists(atPath: path) {
                if config.ignoreMissingValueFiles == true { continue }
                throw .terminal("\(name): values file \(file) does not exist in the work folder")
            }
            arguments += ["--values", path]
        }
        for value in config.setValues ?? [] {
            arguments += [value.literal == true ? "--set-literal" : "--set", value.key + "=" + value.value]
        }
        if config.includeCRDs == true { arguments.append("--include-crds") }
        if config.disableHooks == true { arguments.append("--no-hooks") }
        if config.skipTests == true { arguments.append("--skip-tests") }
        if let version = config.kubeVersion, !version.isEmpty { arguments += ["--kube-version", version] }
        for apiVersion in config.apiVersions ?? [] { arguments += ["--api-versions", apiVersion] }
        return arguments
    }
}
