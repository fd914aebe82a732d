import Foundation
import Pipeline

/// `kustomize-build`: renders the Kustomization in `path` with `kustomize build` (or
/// `kubectl kustomize` when only kubectl is installed) into `outPath`: one file when it
/// ends in `.yaml`/`.yml`, otherwise a folder with one file per object (`outputFormat`
/// names them). Helm charts in the Kustomization are inflated (`plugin.helm` passes the
/// Kubernetes and API versions). Files outside `path` stay unreadable to kustomize (its
/// default load restrictor). No output.
public struct KustomizeBuildStep: PromotionStepRunner {
    public static let name = "kustomize-build"
    /// Where the tools are looked for; nil is the process's `PATH`.
    let searchPath: [String]?

    public init() { self.searchPath = nil }

    /// For tests: look for the tools only in these folders.
    init(searchPath: [String]) { self.searchPath = searchPath }

    struct Config: Decodable {
        struct Plugin: Decodable {
            struct Helm: Decodable {
                var apiVersions: [String]?
                var kubeVersion: String?
            }
            var helm: Helm?
        }

        var path: String
        var outPath: String
        var outputFormat: RenderedManifests.Naming?
        var plugin: Plugin?
    }

    public func run(config: JSONValue, context: StepContext) async throws(StepError) -> StepResult {
        let config = try StepConfig.decode(Config.self, from: config, step: Self.name)
        let folder = try context.workDirectory.resolve(config.path)
        let out = try context.workDirectory.resolve(config.outPath, field: "outPath")
        let search = searchPath ?? ExternalTool.processSearchPath
        var arguments: [String]
        let tool: ExternalTool
        if let kustomize = ExternalTool.find("kustomize", in: search) {
            tool = kustomize
            arguments = ["build", folder]
        } else if let kubectl = ExternalTool.find("kubectl", in: search) {
            tool = kubectl
            arguments = ["kustomize", folder]
        } else {
            throw .terminal("\(Self.name): neither `kustomize` nor `kubectl` is installed (looked in \(search.joined(separator: ":"))); install one of them to render Kustomizations")
        }
        arguments.append("--enable-helm")
        if let helm = config.plugin?.helm {
            if let version = helm.kubeVersion, !version.isEmpty { arguments += ["--helm-kube-version", version] }
            for apiVersion in helm.apiVersions ?? [] { arguments += ["--helm-api-versions", apiVersion] }
        }
        let rendered = try await tool.run(arguments, in: folder, step: Self.name)
        if RenderedManifests.isFile(config.outPath) {
            try RenderedManifests.write(rendered, toFile: out, step: Self.name, shown: config.outPath)
        } else {
            let files = try RenderedManifests.split(String(decoding: rendered, as: UTF8.self), naming: config.outputFormat ?? .kargo, step: Self.name)
            try RenderedManifests.write(files, toFolder: out, step: Self.name, shown: config.outPath)
        }
        return StepResult()
    }
}
