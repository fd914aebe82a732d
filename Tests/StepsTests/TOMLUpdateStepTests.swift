import Foundation
import Pipeline
import Testing
@testable import Steps

@Suite struct TOMLUpdateStepTests {
    static let config = """
        # Service settings
        title = "demo" # shown in the UI
        values = [1, 2, 3]

        [package]
        version = "1.0.0"   # bumped by Kargo
        name = 'app'

        [labels]
        "example.com/version" = "1.0.0"

        [[servers]]
        host = "a"

        [[servers]]
        host = "b"
        inline = { port = 80 }

        """

    private func update(_ text: String, _ updates: [(String, JSONValue)]) async throws -> String? {
        let folder = try WorkFolder()
        try folder.write("conf/settings.toml", text)
        let config = object(["path": "conf/settings.toml",
                             "updates": .array(updates.map { object(["key": .string($0.0), "value": $0.1]) })])
        _ = try await TOMLUpdateStep().run(config: config, context: folder.context)
        return folder.read("conf/settings.toml")
    }

    @Test func replacesValuesKeepingComments() async throws {
        let text = try await update(Self.config, [
            ("package.version", "2.0.0"), ("package.name", "svc"), ("labels.example\\.com/version", "2.0.0"),
            ("values.1", .int(20)), ("servers.1.host", "c"), ("servers.1.inline.port", .int(8080)), ("title", "it's"),
        ])
        #expect(text == """
            # Service settings
            title = "it's" # shown in the UI
            values = [1, 20, 3]

            [package]
            version = "2.0.0"   # bumped by Kargo
            name = 'svc'

            [labels]
            "example.com/version" = "2.0.0"

            [[servers]]
            host = "a"

            [[servers]]
            host = "c"
            inline = { port = 8080 }

            """)
    }

    @Test func addsMissingKeysToTheirTable() async throws {
        let text = try await update(Self.config, [
            ("package.edition", .int(2024)), ("enabled", .bool(true)), ("servers.0.port", .double(1)),
            ("image.tag", "v1"), ("servers.1.inline.tls", .bool(false)), ("values.-1", .int(4)),
        ])
        #expect(text == """
            # Service settings
            title = "demo" # shown in the UI
            values = [1, 2, 3, 4]
            enabled = true
            image.tag = "v1"

            [package]
            version = "1.0.0"   # bumped by Kargo
            name = 'app'
            edition = 2024

            [labels]
            "example.com/version" = "1.0.0"

            [[servers]]
            host = "a"
            port = 1.0

            [[servers]]
            host = "b"
            inline = { port = 80, tls = false }

            """)
    }

    @Test func refusesWhatTOMLCannotHold() async throws {
        await #expect(throws: StepError.self) { _ = try await update(Self.config, [("title", .null)]) }
        await #expect(throws: StepError.self) { _ = try await update(Self.config, [("title.x", "y")]) }
        await #expect(throws: StepError.self) { _ = try await update("a = [1,\n", [("a", .int(1))]) }
    }
}
