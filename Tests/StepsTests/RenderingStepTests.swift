import Foundation
import Pipeline
import Testing
@testable import Steps

@Suite struct RenderingStepTests {
    static let kustomization = "resources:\n- config.yaml\nnamespace: demo\n"
    static let objects = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
        data:
          a: "1"
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: app
        spec:
          replicas: 1

        """

    private func emptySearchPath(_ folder: WorkFolder) throws -> String {
        let empty = folder.path + "/no-tools"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        return empty
    }

    @Test func kustomizeBuildWithoutToolsNamesBoth() async throws {
        let folder = try WorkFolder()
        try folder.write("src/kustomization.yaml", Self.kustomization)
        let empty = try emptySearchPath(folder)
        await #expect(throws: StepError.terminal("kustomize-build: neither `kustomize` nor `kubectl` is installed (looked in \(empty)); install one of them to render Kustomizations")) {
            _ = try await KustomizeBuildStep(searchPath: [empty]).run(config: object(["path": "src", "outPath": "out.yaml"]), context: folder.context)
        }
    }

    @Test func helmTemplateWithoutHelmIsTerminal() async throws {
        let folder = try WorkFolder()
        let empty = try emptySearchPath(folder)
        await #expect(throws: StepError.terminal("helm-template: `helm` is not installed (looked in \(empty)); install Helm 3 to render charts")) {
            _ = try await HelmTemplateStep(searchPath: [empty]).run(
                config: object(["path": "chart", "outPath": "out", "releaseName": "demo"]), context: folder.context)
        }
    }

    @Test func helmTemplateArgumentsFollowTheConfig() throws {
        let folder = try WorkFolder()
        try folder.write("values/prod.yaml", "a: 1\n")
        let config = try StepConfig.decode(HelmTemplateStep.Config.self, from: object([
            "path": "chart", "outPath": "out", "releaseName": "demo", "namespace": "prod",
            "valuesFiles": ["values/prod.yaml", "values/missing.yaml"], "ignoreMissingValueFiles": true,
            "setValues": [object(["key": "image.tag", "value": "v1"]), object(["key": "note", "value": "a,b", "literal": true])],
            "includeCRDs": true, "disableHooks": true, "skipTests": true, "kubeVersion": "1.30.0", "apiVersions": ["monitoring.coreos.com/v1"],
        ]), step: "helm-template")
        let root = folder.context.workDirectory.root
        #expect(try HelmTemplateStep.arguments(config, chart: root + "/chart", context: folder.context) == [
            "template", "demo", root + "/chart", "--namespace", "prod", "--values", root + "/values/prod.yaml",
            "--set", "image.tag=v1", "--set-literal", "note=a,b", "--include-crds", "--no-hooks", "--skip-tests",
            "--kube-version", "1.30.0", "--api-versions", "monitoring.coreos.com/v1",
        ])
        var strict = config
        strict.ignoreMissingValueFiles = false
        #expect(throws: StepError.self) { try HelmTemplateStep.arguments(strict, chart: root + "/chart", context: folder.context) }
    }

    @Test func renderedStreamSplitsIntoNamedFiles() throws {
        let kargo = try RenderedManifests.split(Self.objects, naming: .kargo, step: "t").map(\.name)
        #expect(kargo == ["configmap-settings.yaml", "deployment-app.yaml"])
        let kustomize = try RenderedManifests.split(Self.objects.replacingOccurrences(of: "  name: app", with: "  name: app\n  namespace: web"),
                                                    naming: .kustomize, step: "t").map(\.name)
        #expect(kustomize == ["v1_configmap_settings.yaml", "web_apps_v1_deployment_app.yaml"])
        #expect(throws: StepError.self) { try RenderedManifests.split("kind: A\nmetadata:\n  name: ../x\n", naming: .kargo, step: "t") }
    }

    /// Runs only where kustomize or kubectl is installed; nothing is installed for it.
    @Test func kustomizeBuildRendersWithARealTool() async throws {
        let search = ExternalTool.processSearchPath
        guard ExternalTool.find("kustomize", in: search) != nil || ExternalTool.find("kubectl", in: search) != nil else { return }
        let folder = try WorkFolder()
        try folder.write("src/kustomization.yaml", Self.kustomization)
        try folder.write("src/config.yaml", Self.objects)
        _ = try await KustomizeBuildStep().run(config: object(["path": "./src", "outPath": "./out/all.yaml"]), context: folder.context)
        let all = try #require(folder.read("out/all.yaml"))
        #expect(all.contains("namespace: demo") && all.contains("kind: Deployment"))
        _ = try await KustomizeBuildStep().run(config: object(["path": "./src", "outPath": "./out/split"]), context: folder.context)
        #expect(folder.read("out/split/demo-deployment-app.yaml")?.contains("replicas: 1") == true)
        #expect(folder.exists("out/split/demo-configmap-settings.yaml"))
        _ = try await KustomizeBuildStep().run(config: object(["path": "./src", "outPath": "./out/k", "outputFormat": "kustomize"]), context: folder.context)
        #expect(folder.exists("out/k/demo_apps_v1_deployment_app.yaml"))
        await #expect(throws: StepError.self) {
            _ = try await KustomizeBuildStep().run(config: object(["path": "./nothing", "outPath": "./out/x.yaml"]), context: folder.context)
        }
    }
}
