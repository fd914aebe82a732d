import GitStore
import Manifests

/// Configuration files read straight from a commit (`--repo PATH --ref REF`), without a
/// checkout: what CI sees on a pull request's head without touching the work tree.
public struct GitTreeConfigSource: ConfigSource {
    let repository: GitRepository
    let ref: String
    let configPath: String

    public init(repositoryPath: String, ref: String, configPath: String) throws {
        let repository: GitRepository
        do {
            repository = try GitRepository(path: repositoryPath)
        } catch {
            throw ConfigSourceError("cannot open Git repository \(repositoryPath): \(error)")
        }
        self.init(repository: repository, ref: ref, configPath: configPath)
    }

    /// Reads `configPath` at `ref` (a revision, or a commit id) of an open repository.
    public init(repository: GitRepository, ref: String, configPath: String) {
        self.repository = repository
        self.ref = ref
        var path = configPath
        while path.hasPrefix("./") { path.removeFirst(2) }
        while path.hasSuffix("/") && path.count > 1 { path.removeLast() }
        self.configPath = path == "." ? "" : path
    }

    public func files() throws -> [ConfigFileEntry] {
        let tree: [TreeFile]
        do {
            tree = try repository.readTree(at: ref, under: configPath)
        } catch {
            throw ConfigSourceError("cannot read \(configPath.isEmpty ? "the repository root" : configPath) at \(ref): \(error)")
        }
        var entries: [ConfigFileEntry] = []
        var wholeTree: [String: TreeFile]?
        for file in tree where file.name.hasSuffix(".yaml") || file.name.hasSuffix(".yml") {
            switch file.mode {
            case .blob, .executable:
                entries.append(ConfigFileEntry(displayPath: file.path, locator: file.objectID.hex, size: file.size))
            case .symlink:
                entries.append(try resolveLink(file, wholeTree: &wholeTree))
            default:
                continue
            }
        }
        return entries.sorted { $0.displayPath < $1.displayPath }
    }

    public func read(_ entry: ConfigFileEntry) throws -> [UInt8] {
        guard let id = ObjectID(hex: entry.locator) else { throw ConfigSourceError("bad object id for \(entry.displayPath)") }
        do {
            return try repository.readBlob(id)
        } catch {
            throw ConfigSourceError("cannot read \(entry.displayPath) at \(ref): \(error)")
        }
    }

    /// A link is followed only to a file of the same commit; anything leading out of the
    /// repository is refused.
    private func resolveLink(_ link: TreeFile, wholeTree: inout [String: TreeFile]?) throws -> ConfigFileEntry {
        let target = String(decoding: (try? repository.readBlob(link.objectID)) ?? [], as: UTF8.self)
        var parts = link.path.split(separator: "/").dropLast().map(String.init)
        var escapes = target.hasPrefix("/")
        for part in target.split(separator: "/") where !escapes {
            switch part {
            case ".": continue
            case "..": if parts.isEmpty { escapes = true } else { parts.removeLast() }
            default: parts.append(String(part))
            }
        }
        if escapes {
            return ConfigFileEntry(displayPath: link.path, locator: "", size: 0,
                                   refusal: "symbolic link leads outside the repository (to \(target)); Freightline only reads files inside it")
        }
        if wholeTree == nil {
            let all = (try? repository.readTree(at: ref, under: "")) ?? []
            wholeTree = Dictionary(all.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        }
        let resolved = parts.joined(separator: "/")
        guard let file = wholeTree?[resolved], file.mode == .blob || file.mode == .executable else {
            return ConfigFileEntry(displayPath: link.path, locator: "", size: 0,
                                   refusal: "symbolic link points at \(resolved), which is not a file in \(ref)")
        }
        return ConfigFileEntry(displayPath: link.path, locator: file.objectID.hex, size: file.size)
    }
}
