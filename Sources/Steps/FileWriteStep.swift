import Foundation
import Pipeline

/// `file-write`: writes text to a file in the work folder; never into `.git`, never over
/// an existing file unless `overwrite`, never with executable or world-writable modes.
public struct FileWriteStep: PromotionStepRunner {
    public static let name = "file-write"
    public init() {}

    struct Config: Decodable {
        var path: String
        var contents: String
        var permissions: String?
        var overwrite: Bool?
    }

    public func run(config: JSONValue, context: StepContext) async throws(StepError) -> StepResult {
        let config = try StepConfig.decode(Config.self, from: config, step: Self.name)
        let path = try context.workDirectory.resolve(config.path)
        let relative = String(path.dropFirst(context.workDirectory.root.count + 1))
        if relative.split(separator: "/").contains(".git") {
            throw .terminal("file-write: writing into a .git folder is forbidden (\(config.path))")
        }
        let permissions = config.permissions ?? "0600"
        guard let mode = Int(permissions, radix: 8), permissions.count == 4, permissions.hasPrefix("0") else {
            throw .terminal("file-write: permissions \(permissions) is not an octal mode like 0644")
        }
        if mode & 0o111 != 0 || mode & 0o002 != 0 {
            throw .terminal("file-write: permissions \(permissions) would make the file executable or world-writable")
        }
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw .terminal("file-write: \(config.path) is a folder") }
            if config.overwrite != true { throw .terminal("file-write: \(config.path) exists; set `overwrite: true` to replace it") }
        }
        do {
            try manager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(config.contents.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            try manager.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        } catch {
            throw .terminal("file-write: cannot write \(config.path): \(error.localizedDescription)")
        }
        return StepResult()
    }
}
