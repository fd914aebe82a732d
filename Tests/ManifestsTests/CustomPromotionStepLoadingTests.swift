import Pipeline
import Testing
@testable import Manifests

/// Kargo's CustomPromotionStep (`ee.kargo.akuity.io`) loads like any kind, its name becomes
/// a step `uses:` may name, and its mistakes are reported where they are.
@Suite struct CustomPromotionStepLoadingTests {
    static let definition = """
        apiVersion: ee.kargo.akuity.io/v1alpha1
        kind: CustomPromotionStep
        metadata:
          name: hello-world
        spec:
          image: ubuntu
          command: ["sh", "-c", "echo 'hello=${HELLO}-${{ config.world }}' > $KARGO_OUTPUT"]
          env:
          - name: HELLO
            value: ${{ config.hello }}
          output:
            source:
              type: File
              path: out/result.json
            transform:
              message: output.hello
          defaultTimeout: 5m
          defaultErrorThreshold: 3
          capabilities: []
          resources:
            requests:
              memory: "64Mi"
          imagePullSecrets: []
        """

    static let usingStage = stageYAML("test", extra: """
          promotionTemplate:
            spec:
              steps:
              - uses: hello-world
                as: greet
                config:
                  world: earth
                  hello: bonjour
        """)

    @Test func loadsTheDefinitionAndAcceptsItsName() throws {
        let loaded = validate(["p.yaml": projectYAML, "w.yaml": warehouseYAML, "c.yaml": Self.definition,
                               "s.yaml": Self.usingStage], runnableSteps: ["copy"])
        #expect(loaded.errors.isEmpty, "\(loaded.errors)")
        #expect(loaded.warnings.isEmpty, "\(loaded.warnings)")
        let step = try #require(loaded.config.customStep(named: "hello-world"))
        #expect(step.spec.image == "ubuntu")
        #expect(step.spec.command.count == 3)
        #expect(step.spec.env == [.init(name: "HELLO", value: "${{ config.hello }}")])
        #expect(step.spec.output.source == .file)
        #expect(step.spec.output.path == "out/result.json")
        #expect(step.spec.output.format == nil)
        #expect(step.spec.output.transform == ["message": "output.hello"])
        #expect(step.spec.defaultTimeout == "5m")
        #expect(step.spec.defaultErrorThreshold == 3)
        #expect(loaded.config.counts.contains { $0.kind == .customPromotionStep && $0.count == 1 })
    }

    @Test func aNameTakenByAKargoStepIsWarnedAbout() throws {
        let shadowing = Self.definition.replacingOccurrences(of: "name: hello-world", with: "name: git-clone")
        let loaded = validate(["p.yaml": projectYAML, "c.yaml": shadowing])
        let warning = try #require(loaded.warnings.first)
        #expect(warning.message.contains("has the name of a Kargo step"), "\(warning.message)")
        #expect(warning.location.file == "c.yaml" && warning.location.line == 4)
    }

    @Test func withoutTheDefinitionTheNameIsAnUnknownStep() throws {
        let loaded = validate(["p.yaml": projectYAML, "w.yaml": warehouseYAML, "s.yaml": Self.usingStage])
        let error = try #require(loaded.errors.first)
        #expect(error.message.hasPrefix("unknown step `hello-world`"), "\(error.message)")
    }

    @Test(arguments: [
        ("type: Pipe", "type: Socket", "spec.output.source.type"),
        ("defaultTimeout: 5m", "defaultTimeout: soon", "spec.defaultTimeout"),
        ("image: ubuntu", "imageName: ubuntu", "spec.image"),
    ])
    func mistakesArePointedAt(from: String, to: String, path: String) throws {
        let broken = Self.definition.replacingOccurrences(of: "type: File", with: "type: Pipe")
            .replacingOccurrences(of: "      path: out/result.json\n", with: "")
            .replacingOccurrences(of: from, with: to)
        let loaded = validate(["p.yaml": projectYAML, "c.yaml": broken])
        let error = try #require(loaded.errors.first { $0.path.description == path }, "\(loaded.errors)")
        #expect(error.location.file == "c.yaml")
        #expect(loaded.config.customPromotionSteps.isEmpty)
    }
}
