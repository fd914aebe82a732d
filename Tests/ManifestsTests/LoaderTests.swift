import Pipeline
import Testing
@testable import Manifests

@Suite struct LoaderTests {
    @Test func loadsKargoKindsAndSkipsOthers() throws {
        let loaded = validate([
            "project.yaml": projectYAML,
            "warehouse.yaml": warehouseYAML,
            "stages.yaml": stageYAML("test"),
            "app.yaml": """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: guestbook
                ---
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [a.yaml]
                """,
            "values.yaml": "replicaCount: 2\nimage:\n  tag: 1.0\n",
        ])
        #expect(loaded.errors.isEmpty, "\(loaded.errors)")
        #expect(loaded.config.projects.map(\.metadata.name) == ["demo"])
        #expect(loaded.config.stages.map(\.metadata.name) == ["test"])
        #expect(loaded.config.warehouses.first?.spec.subscriptions?.first?.image?.repoURL == "ghcr.io/example/app")
        #expect(loaded.statistics.skipped == [
            "argoproj.io/v1alpha1 Application": 1,
            "kustomize.config.k8s.io/v1beta1 Kustomization": 1,
            "not a Kubernetes object": 1,
        ])
        #expect(loaded.statistics.files == 5)
        #expect(loaded.statistics.documents == 6)
    }

    @Test func listItemsAreLoadedWithTheirPaths() throws {
        let loaded = validate([
            "list.yaml": """
                apiVersion: v1
                kind: List
                items:
                - apiVersion: kargo.akuity.io/v1alpha1
                  kind: Project
                  metadata:
                    name: demo
                - apiVersion: kargo.akuity.io/v1alpha1
                  kind: Warehouse
                  metadata:
                    name: app
                    namespace: demo
                  spec:
                    subscriptions:
                    - image:
                        repoURL: ghcr.io/example/app
                        discoveryLimit: lots
                """,
        ])
        #expect(loaded.config.projects.count == 1)
        let error = try #require(loaded.errors.first)
        #expect(error.path.description == "items[1].spec.subscriptions[0].image.discoveryLimit")
        #expect(error.location.line == 17)
    }

    @Test func missingNamespaceDefaultsToTheOnlyProject() throws {
        let stage = stageYAML("test").replacingOccurrences(of: "  namespace: demo\n", with: "")
        let loaded = validate(["p.yaml": projectYAML, "w.yaml": warehouseYAML, "s.yaml": stage])
        #expect(loaded.errors.isEmpty, "\(loaded.errors)")
        #expect(loaded.config.stages.first?.metadata.namespace == "demo")
    }

    @Test func missingNamespaceWithTwoProjectsIsAnError() throws {
        let other = projectYAML.replacingOccurrences(of: "name: demo", with: "name: other")
        let stage = stageYAML("test").replacingOccurrences(of: "  namespace: demo\n", with: "")
        let loaded = validate(["p.yaml": projectYAML + "\n---\n" + other, "w.yaml": warehouseYAML, "s.yaml": stage])
        let error = try #require(loaded.errors.first)
        #expect(error.message.contains("has no `metadata.namespace`"))
        #expect(error.message.contains("demo, other"))
    }

    @Test func duplicateNamesAreErrorsPointingAtTheFirst() throws {
        let loaded = validate(["p.yaml": projectYAML, "w.yaml": warehouseYAML, "a.yaml": stageYAML("test"), "b.yaml": stageYAML("test")])
        let error = try #require(loaded.errors.first)
        #expect(error.location.file == "b.yaml")
        #expect(error.message.contains("duplicate Stage `test` in Project `demo`; first defined at a.yaml:4:9"))
    }

    @Test func unknownFieldsWarnAndStrictMakesThemErrors() throws {
        let stage = stageYAML("test", extra: "  requestedFreigth: []")
        let relaxed = validate(["p.yaml": projectYAML, "w.yaml": warehouseYAML, "s.yaml": stage])
        #expect(relaxed.errors.isEmpty)
        let warning = try #require(relaxed.warnings.first { $0.message.contains("unknown field") })
        #expect(warning.message.contains("did you mean `requestedFreight`?"))
        #expect(warning.path.description == "spec.requestedFreigth")
        let strict = validate(["p.yaml": projectYAML, "w.yaml": warehouseYAML, "s.yaml": stage], strict: true)
        #expect(strict.errors.contains { $0.message.contains("unknown field `requestedFreigth`") })
    }

    @Test func enumValuesAreListed() throws {
        let warehouse = warehouseYAML + "\n      imageSelectionStrategy: Newest\n"
        let loaded = validate(["p.yaml": projectYAML, "w.yaml": warehouse])
        let error = try #require(loaded.errors.first)
        #expect(error.message.contains("`Newest` is not allowed here; valid values:"))
        #expect(error.message.contains("NewestBuild"))
        #expect(error.location.line == 10)
    }

    @Test func literalSecretsWarnByKeyNeverByValue() throws {
        let secret = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: repo-creds
              namespace: demo
              labels:
                kargo.akuity.io/cred-type: git
            stringData:
              repoURL: https://github.com/example/repo
              password: hunter2-very-secret
            """
        let loaded = validate(["p.yaml": projectYAML, "s.yaml": secret])
        #expect(loaded.errors.isEmpty)
        let warnings = loaded.warnings.filter { $0.message.contains("literal value") }
        #expect(warnings.map(\.path.description) == ["stringData.repoURL", "stringData.password"])
        #expect(!loaded.diagnostics.diagnostics.contains { $0.message.contains("hunter2") })
        let strict = validate(["p.yaml": projectYAML, "s.yaml": secret], strict: true)
        #expect(strict.errors.count == 2)
    }

    @Test func namespaceLabelledAsProjectCountsAsAProject() throws {
        let namespace = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: demo
              labels:
                kargo.akuity.io/project: "true"
            """
        let loaded = validate(["ns.yaml": namespace, "w.yaml": warehouseYAML])
        #expect(loaded.errors.isEmpty, "\(loaded.errors)")
        #expect(loaded.config.projects.map(\.metadata.name) == ["demo"])
    }

    @Test func aDocumentThatIsAListIsAnError() throws {
        let loaded = validate(["a.yaml": "- a\n- b\n"])
        let error = try #require(loaded.errors.first)
        #expect(error.message.contains("is a list"))
        #expect(error.location.line == 1 && error.location.column == 1)
    }
}
