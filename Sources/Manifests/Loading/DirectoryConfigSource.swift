import Foundation

/// Configuration files in a folder on disk. Symbolic links are followed only while
/// they stay inside `boundary` (the repository around the folder, or the folder itself),
/// so a config folder cannot make Freightline read files elsewhere on the machine.
public struct DirectoryConfigSource: ConfigSource {
    public let root: String
    public let boundary: String
    private let displayRoot: String

    public init(path: String, boundary: String? = nil) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ConfigSourceError("config folder \(path) does not exist")
        }
        guard isDirectory.boolValue else {
            throw ConfigSourceError("config path \(path) is a file; give the folder that holds the Kargo YAML")
        }
        root = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        self.boundary = URL(fileURLWithPath: boundary ?? path).standardizedFileURL.resolvingSymlinksInPath().path
        var shown = path
        while shown.count > 1 && shown.hasSuffix("/") { shown.removeLast() }
        displayRoot = shown
    }

    public func files() throws -> [ConfigFileEntry] {
        var result: [ConfigFileEntry] = []
        var visitedDirectories: Set<String> = [root]
        try walk(root, relative: "", into: &result, visited: &visitedDirectories)
        return result.sorted { $0.displayPath < $1.displayPath }
    }

    public func read(_ entry: ConfigFileEntry) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: entry.locator) else {
            throw ConfigSourceError("cannot read \(entry.displayPath)")
        }
        return [UInt8](data)
    }

    private func display(_ relative: String) -> String {
        displayRoot == "." ? relative : displayRoot + "/" + relative
    }

    private func walk(_ directory: String, relative: String, into result: inout [ConfigFileEntry], visited: inout Set<String>) throws {
        let manager = FileManager.default
        let names: [String]
        do {
            names = try manager.contentsOfDirectory(atPath: directory).sorted()
        } catch {
            throw ConfigSourceError("cannot list \(display(relative).isEmpty ? displayRoot : display(relative)): \(error.localizedDescription)")
        }
        for name in names where !name.hasPrefix(".") {
            let full = directory + "/" + name
            let childRelative = relative.isEmpty ? name : relative + "/" + name
            guard let attributes = try? manager.attributesOfItem(atPath: full),
                  let type = attributes[.type] as? FileAttributeType else { continue }
            var target = full
            var targetType = type
            if type == .typeSymbolicLink {
                let resolved = URL(fileURLWithPath: full).resolvingSymlinksInPath().path
                let inside = resolved == boundary || resolved.hasPrefix(boundary.hasSuffix("/") ? boundary : boundary + "/")
                if !inside {
                    var pointsAtDirectory: ObjCBool = false
                    let exists = manager.fileExists(atPath: resolved, isDirectory: &pointsAtDirectory)
                    if name.isYAMLFileName || (exists && pointsAtDirectory.boolValue) {
                        result.append(ConfigFileEntry(
                            displayPath: display(childRelative), locator: full, size: 0,
                            refusal: "symbolic link leads outside the repository (to \(resolved)); Freightline only reads files inside \(boundary)"))
                    }
                    continue
                }
                guard let resolvedAttributes = try? manager.attributesOfItem(atPath: resolved),
                      let resolvedType = resolvedAttributes[.type] as? FileAttributeType else { continue }
                target = resolved
                targetType = resolvedType
            }
            if targetType == .typeDirectory {
                guard visited.insert(target).inserted else { continue }
                try walk(target, relative: childRelative, into: &result, visited: &visited)
            } else if targetType == .typeRegular, name.isYAMLFileName {
                let size = (try? manager.attributesOfItem(atPath: target)[.size] as? Int) ?? 0
                result.append(ConfigFileEntry(displayPath: display(childRelative), locator: target, size: size))
            }
        }
    }
}
