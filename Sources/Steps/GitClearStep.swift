import Foundation
import Pipeline

/// `git-clear`: deletes everything in a work tree except `.git`, so the next
/// steps can write its whole new content (git-commit then records deletions).
public struct GitClearStep: PromotionStepRunner {
    public static let name = "git-clear"
    public init() {}

    struct Config: Decodable {
        var path: String
    }

    public func run(config: JSONValue, context: StepContext) async throws(StepError) -> StepResult {
        let config = try StepConfig.decode(Config.self, from: config, step: Self.name)
        // Opening it proves the folder is a work tree root before anything is deleted.
        let root = try GitWorkTreeAccess.open(config.path, context: context, step: Self.name).workdir ?? ""
        let manager = FileManager.default
        do {
            for name in try manager.contentsOfDirectory(atPath: root) where name != ".git" {
                try manager.removeItem(atPath: root + "/" + name)
            }
        } catch {
            throw .terminal("git-clear: cannot empty \(config.path): \(error.localizedDescription)")
        }
        return StepResult()
    }
}
