import Foundation
import Manifests

/// The files `--credentials` names: one YAML file, or every `*.yaml`/`*.yml` in a folder.
/// Kept outside the repository, so no symlink boundary applies beyond the folder itself.
struct CredentialSource: ConfigSource {
    let path: String
    let isFolder: Bool

    init(path: String) throws {
        var folder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &folder) else {
            throw CredentialError.missing(path)
        }
        self.path = path
        isFolder = folder.boolValue
    }

    func files() throws -> [ConfigFileEntry] {
        if isFolder { return try DirectoryConfigSource(path: path).files() }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return [ConfigFileEntry(displayPath: path, locator: path, size: size)]
    }

    func read(_ entry: ConfigFileEntry) throws -> [UInt8] {
        if isFolder { return try DirectoryConfigSource(path: path).read(entry) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigSourceError("cannot read \(path)")
        }
        return Array(data)
    }
}
