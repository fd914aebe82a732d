import Foundation
import Pipeline

/// `delete`: removes files or folders (or glob matches) from the work folder. Missing
/// paths are fine unless `strict`.
public struct DeleteStep: PromotionStepRunner {
    public static let name = "delete"
    public init() {}

    struct Config: Decodable {
        var path: String?
        var paths: [String]?
        var pathsAreGlobs: Bool?
        var strict: Bool?
    }

    public func run(config: JSONValue, context: StepContext) async throws(StepError) -> StepResult {
        let config = try StepConfig.decode(Config.self, from: config, step: Self.name)
        let patterns = (config.path.map { [$0] } ?? []) + (config.paths ?? [])
        guard !patterns.isEmpty else { throw .terminal("delete: set `path` or `paths`") }
        var targets: [String] = []
        for pattern in patterns {
            if config.pathsAreGlobs == true {
                let matches = try globMatches(pattern, context: context)
                if matches.isEmpty && config.strict == true { throw .terminal("delete: `\(pattern)` matches nothing") }
                targets += matches
            } else {
                let path = try context.workDirectory.resolve(pattern)
                if !FileManager.default.fileExists(atPath: path) {
                    if config.strict == true { throw .terminal("delete: \(pattern) does not exist") }
                    continue
                }
                targets.append(path)
            }
        }
        for target in targets where target != context.workDirectory.root {
            do {
                if FileManager.default.fileExists(atPath: target) { try FileManager.default.removeItem(atPath: target) }
            } catch {
                throw .terminal("delete: cannot remove \(target.dropFirst(context.workDirectory.root.count + 1)): \(error.localizedDescription)")
            }
        }
        return StepResult()
    }

    /// Every path under the work folder matching a doublestar glob, deepest first.
    private func globMatches(_ pattern: String, context: StepContext) throws(StepError) -> [String] {
        _ = try context.workDirectory.resolve(pattern.replacingOccurrences(of: "*", with: "x"), field: "paths")
        let root = context.workDirectory.root
        var trimmed = pattern
        while trimmed.hasPrefix("./") { trimmed.removeFirst(2) }
        let all = (FileManager.default.subpaths(atPath: root) ?? []).sorted()
        return all.filter { Glob.matches(trimmed, $0) }.sorted { $0.count > $1.count }.map { root + "/" + $0 }
    }
}
