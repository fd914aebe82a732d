import Foundation
import Pipeline
import Testing
@testable import Steps

@Suite struct KustomizeSetImageStepTests {
    static let kustomization = """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        # Base resources
        resources:
        - deployment.yaml
        images:
        - name: ghcr.io/example/app # the app
          newTag: v1.0.0
        - name: ghcr.io/example/worker
          newName: mirror.example.com/worker
          newTag: v0.9
        namespace: demo # keep me

        """

    private func run(_ config: [String: JSONValue], file: String = kustomization, name: String = "kustomization.yaml",
                     freight: [Freight] = []) async throws -> (String?, StepResult) {
        let folder = try WorkFolder()
        try folder.write("src/base/" + name, file)
        var context = folder.context
        context.targetFreight = freight
        let result = try await KustomizeSetImageStep().run(config: .object(["path": "./src/base"].merging(config) { $1 }), context: context)
        return (folder.read("src/base/" + name), result)
    }

    @Test func setsTagInPlace() async throws {
        let (text, result) = try await run(["images": [object(["image": "ghcr.io/example/app", "tag": "v2.0.0"])]])
        #expect(text == Self.kustomization.replacingOccurrences(of: "newTag: v1.0.0", with: "newTag: v2.0.0"))
        #expect(result.output["commitMessage"] == .string("Updated ./src/base to use new image\n\n- ghcr.io/example/app:v2.0.0"))
    }

    @Test func digestReplacesTagAndNewNameIsKeptOnlyWhenGiven() async throws {
        let digest = "sha256:" + String(repeating: "a", count: 64)
        let (text, result) = try await run(["images": [
            object(["image": "ghcr.io/example/worker", "digest": .string(digest)]),
            object(["image": "ghcr.io/example/app", "tag": "v2", "newName": "mirror.example.com/app"]),
        ]])
        #expect(text == """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            # Base resources
            resources:
            - deployment.yaml
            images:
            - name: ghcr.io/example/app # the app
              newTag: v2
              newName: mirror.example.com/app
            - name: ghcr.io/example/worker
              digest: \(digest)
            namespace: demo # keep me

            """)
        #expect(result.output["commitMessage"] == .string(
            "Updated ./src/base to use new images\n\n- mirror.example.com/app:v2\n- ghcr.io/example/worker@\(digest)"))
    }

    @Test func asteriskKeepsWhatIsWritten() async throws {
        let (text, _) = try await run(["images": [object(["image": "ghcr.io/example/worker", "tag": "v1.0", "newName": "*"])]])
        #expect(text == Self.kustomization.replacingOccurrences(of: "newTag: v0.9", with: "newTag: v1.0"))
    }

    @Test func versionsComeFromTheFreightWhenNotGiven() async throws {
        let freight = [
            Freight(metadata: ObjectMeta(name: "f1"), origin: FreightOrigin(kind: .warehouse, name: "apps"),
                    images: [Image(repoURL: "ghcr.io/example/app", tag: "v3.1.0", digest: "sha256:abc")]),
            Freight(metadata: ObjectMeta(name: "f2"), origin: FreightOrigin(kind: .warehouse, name: "tools"),
                    images: [Image(repoURL: "ghcr.io/example/tool", tag: "1.0")]),
        ]
        let (text, _) = try await run(["images": [object(["image": "ghcr.io/example/app"])]], freight: freight)
        #expect(text == Self.kustomization.replacingOccurrences(of: "newTag: v1.0.0", with: "newTag: v3.1.0"))
        let (byDigest, _) = try await run(["images": [object(["image": "ghcr.io/example/app", "useDigest": true,
                                                              "fromOrigin": object(["kind": "Warehouse", "name": "apps"])])]], freight: freight)
        #expect(byDigest?.contains("- name: ghcr.io/example/app # the app\n  digest: sha256:abc\n") == true)
        // No images listed: every image of the Freight, new ones appended, quoted when they would read as numbers.
        let (all, result) = try await run([:], freight: freight)
        #expect(all == Self.kustomization.replacingOccurrences(of: "newTag: v1.0.0", with: "newTag: v3.1.0\n  digest: sha256:abc")
            .replacingOccurrences(of: "namespace: demo", with: "- name: ghcr.io/example/tool\n  newTag: \"1.0\"\nnamespace: demo"))
        #expect(result.output["commitMessage"] == .string(
            "Updated ./src/base to use new images\n\n- ghcr.io/example/app:v3.1.0@sha256:abc\n- ghcr.io/example/tool:1.0"))
        await #expect(throws: StepError.self) {
            _ = try await run(["images": [object(["image": "ghcr.io/example/missing"])]], freight: freight)
        }
    }

    @Test func createsImagesWhenAbsentAndFindsOtherFileNames() async throws {
        let (text, _) = try await run(["images": [object(["image": "nginx", "tag": "1.27"])]],
                                      file: "resources:\n- a.yaml # first\n", name: "Kustomization")
        #expect(text == "resources:\n- a.yaml # first\nimages:\n- name: nginx\n  newTag: \"1.27\"\n")
        let (flow, _) = try await run(["images": [object(["image": "nginx", "tag": "1.28"])]],
                                      file: "images: [{name: nginx, newTag: \"1.27\"}, {name: redis}]\n", name: "kustomization.yml")
        #expect(flow == "images: [{name: nginx, newTag: \"1.28\"}, {name: redis}]\n")
    }

    @Test func refusesMissingOrAmbiguousKustomizations() async throws {
        let folder = try WorkFolder()
        let config = object(["path": "base", "images": [object(["image": "nginx", "tag": "1"])]])
        await #expect(throws: StepError.self) { _ = try await KustomizeSetImageStep().run(config: config, context: folder.context) }
        try folder.write("base/kustomization.yaml", "resources: []\n")
        try folder.write("base/kustomization.yml", "resources: []\n")
        await #expect(throws: StepError.self) { _ = try await KustomizeSetImageStep().run(config: config, context: folder.context) }
        await #expect(throws: StepError.self) {
            _ = try await KustomizeSetImageStep().run(config: object(["path": "../outside", "images": [object(["image": "x", "tag": "1"])]]),
                                                      context: folder.context)
        }
    }
}
