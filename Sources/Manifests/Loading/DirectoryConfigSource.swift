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

    private enum EntryType { case directory, regular, symlink, other }

    /// `lstat` without building Foundation's attribute dictionaries: listing a state folder
    /// of twenty thousand files is otherwise slower than parsing them.
    private static func type(of path: String, followingLinks: Bool) -> (EntryType, Int) {
        var info = stat()
        let result = followingLinks ? stat(path, &info) : lstat(path, &info)
        guard result == 0 else { return (.other, 0) }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return (.directory, 0)
        case S_IFREG: return (.regular, Int(info.st_size))
        case S_IFLNK: return (.symlink, 0)
        default: return (.other, 0)
        }
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
            var (type, size) = Self.type(of: full, followingLinks: false)
            var target = full
            if type == .symlink {
                let resolved = URL(fileURLWithPath: full).resolvingSymlinksInPath().path
                let inside = resolved == boundary || resolved.hasPrefix(boundary.hasSuffix("/") ? boundary : boundary + "/")
                let (resolvedType, resolvedSize) = Self.type(of: resolved, followingLinks: true)
                if !inside {
                    if name.isYAMLFileName || resolvedType == .directory {
                        result.append(ConfigFileEntry(
                            displayPath: display(childRelative), locator: full, size: 0,
                            refusal: "symbolic link leads outside the repository (to \(resolved)); Freightline only reads files inside \(boundary)"))
                    }
                    continue
                }
                target = resolved
                (type, size) = (resolvedType, resolvedSize)
            }
            switch type {
            case .directory:
                guard visited.insert(target).inserted else { continue }
                try walk(target, relative: childRelative, into: &result, visited: &visited)
            case .regular where name.isYAMLFileName:
                result.append(ConfigFileEntry(displayPath: display(childRelative), locator: target, size: size))
            default:
                continue
            }
        }
    }
}
