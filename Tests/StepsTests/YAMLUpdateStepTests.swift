import Foundation
import Pipeline
import Testing
@testable import Steps

@Suite struct YAMLUpdateStepTests {
    static let values = """
        # Values for the demo chart.
        image:
          repository: ghcr.io/example/app   # the app
          tag: "v1.0.0"
        replicas: 2
        example.com/version: 'v1'

        containers:
        - name: app
          image: app:v1.0 # pinned
        - name: sidecar
          image: side:v1
        flow: {a: 1, b: [x, y]}
        notes: |
          some text
          more text
        last: end # trailing comment

        """

    private func update(_ text: String, _ updates: [(String, JSONValue)]) async throws -> (String?, StepResult) {
        let folder = try WorkFolder()
        try folder.write("src/values.yaml", text)
        let config = object(["path": "./src/values.yaml",
                             "updates": .array(updates.map { object(["key": .string($0.0), "value": $0.1]) })])
        let result = try await YAMLUpdateStep().run(config: config, context: folder.context)
        return (folder.read("src/values.yaml"), result)
    }

    @Test func replacesScalarsInPlaceKeepingCommentsAndQuotes() async throws {
        let (text, result) = try await update(Self.values, [
            ("image.tag", "v2.0.0"), ("replicas", .int(3)), ("example\\.com/version", "v2"),
            ("containers.1.image", "side:v2"), ("flow.b.1", "z"), ("notes", "short"), ("last", "end"),
        ])
        #expect(text == """
            # Values for the demo chart.
            image:
              repository: ghcr.io/example/app   # the app
              tag: "v2.0.0"
            replicas: 3
            example.com/version: 'v2'

            containers:
            - name: app
              image: app:v1.0 # pinned
            - name: sidecar
              image: side:v2
            flow: {a: 1, b: [x, z]}
            notes: short
            last: end # trailing comment

            """)
        #expect(result.output["commitMessage"] == .string("""
            Updated ./src/values.yaml

            - image.tag: v2.0.0
            - replicas: 3
            - example\\.com/version: v2
            - containers.1.image: side:v2
            - flow.b.1: z
            - notes: short
            - last: end
            """))
    }

    @Test func addsMissingKeysAtTheRightIndentation() async throws {
        let (text, _) = try await update(Self.values, [
            ("image.pullPolicy", "Always"), ("resources.limits.cpu", "500m"), ("containers.0.ports", .int(8080)),
            ("flow.c", .bool(true)), ("containers.-1.name", "third"),
        ])
        #expect(text == """
            # Values for the demo chart.
            image:
              repository: ghcr.io/example/app   # the app
              tag: "v1.0.0"
              pullPolicy: Always
            replicas: 2
            example.com/version: 'v1'

            containers:
            - name: app
              image: app:v1.0 # pinned
              ports: 8080
            - name: sidecar
              image: side:v1
            - name: third
            flow: {a: 1, b: [x, y], c: true}
            notes: |
              some text
              more text
            last: end # trailing comment
            resources:
              limits:
                cpu: 500m

            """)
    }

    @Test(arguments: [
        (JSONValue.string("true"), "\"true\""), (.string("1.0"), "\"1.0\""), (.string("yes"), "\"yes\""),
        (.string("null"), "\"null\""), (.string("010"), "\"010\""), (.string(""), "\"\""), (.string("a: b"), "\"a: b\""),
        (.string("# x"), "\"# x\""), (.string("v1.2.3"), "v1.2.3"), (.bool(false), "false"), (.double(1.5), "1.5"), (.int(-7), "-7"),
    ])
    func quotesStringsThatWouldReadAsAnotherType(value: JSONValue, written: String) async throws {
        let (text, _) = try await update("a: 1\nb: x # c\n", [("b", value)])
        #expect(text == "a: 1\nb: \(written) # c\n")
    }

    @Test func addsIntoAnEmptyValueAndAnEmptyFile() async throws {
        let (text, _) = try await update("image:\nother: 1\n", [("image.tag", "v2")])
        #expect(text == "image:\n  tag: v2\nother: 1\n")
        let (empty, _) = try await update("# only a comment\n", [("image.tag", "v2")])
        #expect(empty == "# only a comment\nimage:\n  tag: v2\n")
        let (noNewline, _) = try await update("a: 1", [("b", .int(2))])
        #expect(noNewline == "a: 1\nb: 2")
    }

    @Test func refusesWhatItCannotDo() async throws {
        await #expect(throws: StepError.self) { _ = try await update(Self.values, [("image", "x")]) }  // a mapping
        await #expect(throws: StepError.self) { _ = try await update(Self.values, [("replicas.count", .int(1))]) }
        await #expect(throws: StepError.self) { _ = try await update(Self.values, [("containers.5.image", "x")]) }
        await #expect(throws: StepError.self) { _ = try await update("base: &b {tag: v1}\nuse: *b\n", [("use.tag", "v2")]) }
        await #expect(throws: StepError.self) { _ = try await update("a: [1\n", [("a", .int(1))]) }
    }

    @Test func missingFileAndPathsOutsideAreTerminal() async throws {
        let folder = try WorkFolder()
        let update: [String: JSONValue] = ["key": "a", "value": "b"]
        await #expect(throws: StepError.terminal("yaml-update: missing.yaml does not exist in the work folder")) {
            _ = try await YAMLUpdateStep().run(config: object(["path": "missing.yaml", "updates": [.object(update)]]), context: folder.context)
        }
        for path in ["../values.yaml", "/etc/hosts"] {
            await #expect(throws: StepError.self) {
                _ = try await YAMLUpdateStep().run(config: object(["path": .string(path), "updates": [.object(update)]]), context: folder.context)
            }
        }
    }

    @Test func keepsNonASCIITextAroundTheEdit() async throws {
        let (text, _) = try await update("titre: \"été\" # commentaire\nversion: v1 # ü\n", [("version", "v2"), ("titre", "hiver")])
        #expect(text == "titre: \"hiver\" # commentaire\nversion: v2 # ü\n")
    }
}
