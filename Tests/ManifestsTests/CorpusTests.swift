import Foundation
import Testing
@testable import Manifests

/// Every real, published Kargo configuration in ../shared/corpus must load without
/// errors. The folder sits beside the repository; CI always has it.
@Suite struct CorpusTests {
    static let corpusRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/corpus")

    static let folders: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpusRoot.path)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: corpusRoot.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.sorted()
    }()

    @Test func corpusIsPresent() {
        let required = ProcessInfo.processInfo.environment["CI"] == "true"
        if required || FileManager.default.fileExists(atPath: Self.corpusRoot.path) {
            #expect(!Self.folders.isEmpty, "no corpus folders under \(Self.corpusRoot.path)")
        }
    }

    @Test(arguments: folders)
    func corpusFolderLoadsWithoutErrors(folder: String) throws {
        let source = try DirectoryConfigSource(path: Self.corpusRoot.appendingPathComponent(folder).path)
        var loaded = try ManifestLoader().load(from: source)
        ConfigValidator(loaded).check(into: &loaded.diagnostics)
        let errors = loaded.diagnostics.sorted.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.map { "\($0.location): \($0.path): \($0.message)" })")
        #expect(loaded.statistics.objects > 0)
    }
}
