import Foundation
import Pipeline
import Testing
@testable import Steps

@Suite struct CustomStepTests {
    private func runner(_ script: String, _ tweak: (inout CustomPromotionStepSpec) -> Void = { _ in }) -> CustomStepRunner {
        var spec = CustomPromotionStepSpec(image: "ubuntu", command: ["/bin/sh", "-c", script])
        tweak(&spec)
        // No FREIGHTLINE_CONTAINER_RUNTIME: `image` is ignored and the script runs here.
        return CustomStepRunner(name: "render", definition: spec, environment: ["PATH": "/usr/bin:/bin"])
    }

    @Test func scriptWritesManifestsAndKeyValueOutputWithTemplatesAndEnv() async throws {
        let folder = try WorkFolder()
        let step = runner("""
            mkdir -p out && printf 'kind: ConfigMap\\nname: %s\\n' "$APP" > out/app.yaml
            echo "image=${{ config.image }}:$TAG" >> "$KARGO_OUTPUT"
            printf 'notes<<EOF\\nline one\\nline two\\nEOF\\n' >> "$KARGO_OUTPUT"
            echo 'quoted="kept"' >> "$KARGO_OUTPUT"
            echo 'ignored line' >> "$KARGO_OUTPUT"
            """) { spec in
            spec.env = [.init(name: "APP", value: "${{ ctx.stage }}-app"), .init(name: "TAG", value: "${{ config.tag }}")]
        }
        let result = try await step.run(config: object(["image": "nginx", "tag": "1.27"]), context: folder.context)
        #expect(folder.read("out/app.yaml") == "kind: ConfigMap\nname: test-app\n")
        #expect(result.output == ["image": "nginx:1.27", "notes": "line one\nline two", "quoted": "\"kept\""])
    }

    @Test func jsonOnStdoutWithTransform() async throws {
        let folder = try WorkFolder()
        let step = runner(#"echo '{"summary":{"critical":2,"total":9},"message":"scan done"}'"#) { spec in
            spec.output = .init(source: .stdout, format: .json,
                                transform: ["hasCritical": "output.summary.critical > 0", "message": "output.message"])
        }
        let result = try await step.run(config: object([:]), context: folder.context)
        #expect(result.output == ["hasCritical": true, "message": "scan done"])
    }

    @Test func jsonArrayAndTextAreWrappedAsOutput() async throws {
        let folder = try WorkFolder()
        let array = runner("echo '[1, 2]'") { $0.output = .init(source: .stdout, format: .json) }
        #expect(try await array.run(config: object([:]), context: folder.context).output == ["output": [.int(1), .int(2)]])
        let text = runner("echo oops >&2") { $0.output = .init(source: .stderr, format: .text) }
        #expect(try await text.run(config: object([:]), context: folder.context).output == ["output": "oops\n"])
    }

    @Test func fileSourceInfersYAMLFromItsExtension() async throws {
        let folder = try WorkFolder()
        let step = runner("printf 'version: \"2.0\"\\nfeatures: [a, b]\\n' > result.yml") {
            $0.output = .init(source: .file, path: "result.yml")
        }
        let result = try await step.run(config: object([:]), context: folder.context)
        #expect(result.output == ["version": "2.0", "features": ["a", "b"]])
    }

    @Test func nonZeroExitIsRetryableWithTheErrorOutput() async throws {
        let folder = try WorkFolder()
        let step = runner("echo 'cannot reach registry' >&2; exit 3")
        await #expect(throws: StepError.retryable("custom step `render`: `/bin/sh` exited with status 3: cannot reach registry")) {
            try await step.run(config: object([:]), context: folder.context)
        }
    }

    @Test func outlivingTheDefaultTimeoutKillsTheCommand() async throws {
        let folder = try WorkFolder()
        let step = runner("exec sleep 30") { $0.defaultTimeout = "500ms" }
        // The error says the deadline killed it (a `sleep 30` would otherwise exit 0). No
        // wall-clock bound: under a full parallel run the test's own continuation can wait.
        await #expect(throws: StepError.terminal("custom step `render`: `/bin/sh` did not finish within 500ms")) {
            try await step.run(config: object([:]), context: folder.context)
        }
    }

    @Test func missingConfigValueInATemplateIsTerminal() async throws {
        let folder = try WorkFolder()
        let step = runner("echo x=1 > \"$KARGO_OUTPUT\"") { $0.args = ["${{ config.missing.deeper }}"] }
        await #expect(throws: StepError.self) {
            try await step.run(config: object([:]), context: folder.context)
        }
    }
}
