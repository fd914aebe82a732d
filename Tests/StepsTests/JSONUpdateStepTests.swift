import Foundation
import Pipeline
import Testing
@testable import Steps

@Suite struct JSONUpdateStepTests {
    static let settings = """
        {
            "image": {
                "repository": "ghcr.io/example/app",
                "tag": "v1.0.0"
            },
            "example.com/version": "v1",
            "containers": [
                { "name": "app", "image": "app:v1.0" }
            ],
            "empty": {},
            "replicas": 2
        }

        """

    private func update(_ text: String, _ updates: [(String, JSONValue)]) async throws -> (String?, StepResult) {
        let folder = try WorkFolder()
        try folder.write("settings.json", text)
        let config = object(["path": "settings.json",
                             "updates": .array(updates.map { object(["key": .string($0.0), "value": $0.1]) })])
        let result = try await JSONUpdateStep().run(config: config, context: folder.context)
        return (folder.read("settings.json"), result)
    }

    @Test func replacesValuesKeepingLayout() async throws {
        let (text, result) = try await update(Self.settings, [
            ("image.tag", "v2.0.0"), ("example\\.com/version", "v2"), ("containers.0.image", "app:v2.0"), ("replicas", .int(3)),
        ])
        #expect(text == """
            {
                "image": {
                    "repository": "ghcr.io/example/app",
                    "tag": "v2.0.0"
                },
                "example.com/version": "v2",
                "containers": [
                    { "name": "app", "image": "app:v2.0" }
                ],
                "empty": {},
                "replicas": 3
            }

            """)
        #expect(result.output["commitMessage"]?.stringValue?.hasPrefix("Updated settings.json\n\n- image.tag: v2.0.0") == true)
    }

    @Test func addsMissingKeysLikeTheirSiblings() async throws {
        let (text, _) = try await update(Self.settings, [
            ("image.pullPolicy", "Always"), ("resources.limits.cpu", "500m"), ("containers.0.port", .int(80)),
            ("empty.flag", .bool(true)), ("containers.-1", "x"),
        ])
        #expect(text == """
            {
                "image": {
                    "repository": "ghcr.io/example/app",
                    "tag": "v1.0.0",
                    "pullPolicy": "Always"
                },
                "example.com/version": "v1",
                "containers": [
                    { "name": "app", "image": "app:v1.0", "port": 80 },
                    "x"
                ],
                "empty": {
                    "flag": true
                },
                "replicas": 2,
                "resources": {
                    "limits": {
                        "cpu": "500m"
                    }
                }
            }

            """)
    }

    @Test func compactFilesStayCompact() async throws {
        let (text, _) = try await update(#"{"a":{"b":1},"c":[1,2]}"#, [("a.b", "true"), ("a.d", .double(1.5)), ("c.1", .null)])
        #expect(text == #"{"a":{"b":"true","d":1.5},"c":[1,null]}"#)
    }

    @Test func refusesBadKeysAndFiles() async throws {
        await #expect(throws: StepError.self) { _ = try await update(Self.settings, [("replicas.x", .int(1))]) }
        await #expect(throws: StepError.self) { _ = try await update(Self.settings, [("containers.3", "x")]) }
        await #expect(throws: StepError.self) { _ = try await update("{\"a\": 1,}", [("a", .int(2))]) }
        let folder = try WorkFolder()
        await #expect(throws: StepError.self) {
            _ = try await JSONUpdateStep().run(config: object(["path": "nope.json", "updates": [object(["key": "a", "value": "b"])]]), context: folder.context)
        }
    }
}
