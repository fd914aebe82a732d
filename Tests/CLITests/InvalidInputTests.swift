import Foundation
import Testing

/// Every hostile input under fixtures/invalid/ exits 2 with a precise diagnostic, in
/// bounded time, through the real executable.
@Suite struct InvalidInputTests {
    static let root = CLI.packageRoot.appendingPathComponent("fixtures/invalid")

    static let cases: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).sorted()

    @Test func everyListedHostileCaseHasAFixture() {
        let required = ["yaml-syntax", "wrong-type", "missing-required", "duplicate-key", "stage-cycle",
                        "dangling-reference", "alias-bomb", "non-utf8", "symlink-outside", "empty-file", "list-document"]
        for name in required {
            #expect(Self.cases.contains(name), "fixtures/invalid/\(name) is missing")
        }
    }

    @Test(.timeLimit(.minutes(1)), arguments: cases)
    func exitsTwoWithAPreciseDiagnostic(name: String) throws {
        let expected = try String(contentsOf: Self.root.appendingPathComponent(name).appendingPathComponent("expected.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let location = expected[0], fragment = expected[1]
        let result = try CLI.run(["validate", "--config", name], in: Self.root)
        #expect(result.status == 2, "\(result.output)")
        let matching = result.stdout.split(separator: "\n").filter { $0.hasPrefix(location) && $0.contains(": error: ") }
        #expect(matching.contains { $0.contains(fragment) }, "expected \(location) … \(fragment) in:\n\(result.output)")
    }

    @Test(.timeLimit(.minutes(1)))
    func fiftyMegabyteFileIsRefusedWithoutReadingIt() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let line = Data("# padding padding padding padding padding padding padding padding padding\n".utf8)
        var data = Data(capacity: 50 * 1024 * 1024 + line.count)
        while data.count < 50 * 1024 * 1024 { data.append(line) }
        try data.write(to: folder.appendingPathComponent("huge.yaml"))
        let result = try CLI.run(["validate", "--config", folder.path])
        #expect(result.status == 2)
        #expect(result.stdout.contains("huge.yaml:1:1: error: file is 50.0 MB; the limit is 16 MB per file"), "\(result.output)")
    }

    @Test func badFlagsExitTwo() throws {
        let result = try CLI.run(["validate", "--format", "yaml"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("text, json, github") || result.stderr.contains("'yaml'"), "\(result.stderr)")
        let conflicting = try CLI.run(["validate", "--config", "x", "--repo", "."])
        #expect(conflicting.status == 2)
    }

    @Test func missingConfigFolderExitsTwo() throws {
        let result = try CLI.run(["validate", "--config", "does/not/exist"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("config folder does/not/exist does not exist"))
    }
}
