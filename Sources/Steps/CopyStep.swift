import Foundation
import Pipeline

/// `copy`: copies a file, or a folder's contents, from one place in the work folder to
/// another. `ignore` holds gitignore-style patterns (one per line) of names to skip.
public struct CopyStep: PromotionStepRunner {
    public static let name = "copy"
    public init() {}

    struct Config: Decodable {
        var inPath: String
        var outPath: String
        var ignore: String?
    }

    public func run(config: JSONValue, context: StepContext) async throws(StepError) -> StepResult {
        let config = try StepConfig.decode(Config.self, from: config, step: Self.name)
        let source = try context.workDirectory.resolve(config.inPath, field: "inPath")
        let destination = try context.workDirectory.resolve(config.outPath, field: "outPath")
        let ignored = (config.ignore ?? "").split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory) else {
            throw .terminal("copy: \(config.inPath) does not exist in the work folder")
        }
        do {
            if isDirectory.boolValue {
                try copyContents(of: source, to: destination, ignored: ignored, relative: "", context: context)
            } else {
                try copyFile(source, to: destination)
            }
        } catch let error as StepError {
            throw error
        } catch {
            throw .terminal("copy: cannot copy \(config.inPath) to \(config.outPath): \(error.localizedDescription)")
        }
        return StepResult()
    }

    private func copyContents(of source: String, to destination: String, ignored: [String], relative: String, context: StepContext) throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: destination, withIntermediateDirectories: true)
        for name in try manager.contentsOfDirectory(atPath: source).sorted() {
            let childRelative = relative.isEmpty ? name : relative + "/" + name
            if ignored.contains(where: { Glob.matches($0, name) || Glob.matches($0, childRelative) }) { continue }
            let from = source + "/" + name
            let to = destination + "/" + name
            let attributes = try manager.attributesOfItem(atPath: from)
            switch attributes[.type] as? FileAttributeType {
            case .typeDirectory?:
                try copyContents(of: from, to: to, ignored: ignored, relative: childRelative, context: context)
            case .typeSymbolicLink?:
                // A link is copied as a link only when it stays inside the work folder.
                let target = URL(fileURLWithPath: from).resolvingSymlinksInPath().path
                guard target.hasPrefix(context.workDirectory.root + "/") else {
                    throw StepError.terminal("copy: \(childRelative) is a symbolic link leading outside the work folder")
                }
                if manager.fileExists(atPath: to) { try manager.removeItem(atPath: to) }
                try manager.createSymbolicLink(atPath: to, withDestinationPath: try manager.destinationOfSymbolicLink(atPath: from))
            default:
                try copyFile(from, to: to)
            }
        }
    }

    private func copyFile(_ source: String, to destination: String) throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        if manager.fileExists(atPath: destination) { try manager.removeItem(atPath: destination) }
        try manager.copyItem(atPath: source, toPath: destination)
    }
}
