import Foundation
import Manifests
import Pipeline

/// `kustomize-set-image`: sets `images[]` entries (`newName`, `newTag`, `digest`) of the
/// Kustomization file in `path`, as `kustomize edit set image` would, but in place: the
/// rest of the file keeps its comments and layout, new entries go after the existing ones.
/// An image given without `tag` or `digest` takes its version from the Freight being
/// promoted (matched by repository URL; `useDigest` picks the digest, `fromOrigin` picks
/// the Freight); no `images` at all sets every image of that Freight. `*` as a value keeps
/// the one already written. Output: `commitMessage`.
public struct KustomizeSetImageStep: PromotionStepRunner {
    public static let name = "kustomize-set-image"
    public init() {}

    struct Config: Decodable {
        struct ImageConfig: Decodable {
            var image: String
            var name: String?
            var tag: String?
            var digest: String?
            var newName: String?
            var useDigest: Bool?
            var fromOrigin: Origin?
        }

        struct Origin: Decodable {
            var kind: String
            var name: String
        }

        var path: String
        var images: [ImageConfig]?
    }

    /// One `images[]` entry as Kustomize writes it.
    struct KustomizeImage: Equatable {
        var name: String
        var newName: String?
        var newTag: String?
        var digest: String?

        /// `newName:newTag@digest`, as Kargo lists it in the commit message.
        var reference: String {
            var text = newName ?? name
            if let newTag { text += ":" + newTag }
            if let digest { text += "@" + digest }
            return text
        }
    }

    static let kustomizationNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"]

    public func run(config: JSONValue, context: StepContext) async throws(StepError) -> StepResult {
        let config = try StepConfig.decode(Config.self, from: config, step: Self.name)
        let file = try kustomization(in: config.path, context: context)
        let targets = try Self.targets(config.images ?? [], freight: context.targetFreight)
        var editor = YAMLEditor(bytes: try file.read(step: Self.name))
        var written: [KustomizeImage] = []
        do {
            for target in targets { written.append(try Self.apply(target, to: &editor)) }
        } catch {
            throw .terminal("\(Self.name): \(file.relative): \(error)")
        }
        try file.write(editor.bytes, step: Self.name)
        return StepResult(output: ["commitMessage": .string(Self.commitMessage(path: config.path, images: written))])
    }

    private func kustomization(in path: String, context: StepContext) throws(StepError) -> EditedFile {
        let folder = try context.workDirectory.resolve(path)
        let found = Self.kustomizationNames.filter { name in
            let attributes = try? FileManager.default.attributesOfItem(atPath: folder + "/" + name)
            return attributes?[.type] as? FileAttributeType == .typeRegular
        }
        guard let name = found.first else {
            throw .terminal("\(Self.name): no Kustomization file (\(Self.kustomizationNames.joined(separator: ", "))) in \(path)")
        }
        guard found.count == 1 else {
            throw .terminal("\(Self.name): several Kustomization files in \(path) (\(found.joined(separator: ", "))); keep one")
        }
        let relative = path.hasSuffix("/") ? path + name : path + "/" + name
        return try EditedFile(relative, context: context, step: Self.name)
    }

    /// What each configured image becomes, versions from the Freight where none is given;
    /// sorted by name so the edit and the message are stable.
    static func targets(_ images: [Config.ImageConfig], freight: [Freight]) throws(StepError) -> [KustomizeImage] {
        var result: [String: KustomizeImage] = [:]
        if images.isEmpty {
            for piece in freight {
                for image in piece.images ?? [] {
                    guard let repoURL = image.repoURL else { continue }
                    if result[repoURL] != nil {
                        throw .terminal("\(name): image \(repoURL) comes from more than one Freight; list it under `images` with `fromOrigin`")
                    }
                    result[repoURL] = KustomizeImage(name: repoURL, newTag: image.tag.nonEmpty, digest: image.digest.nonEmpty)
                }
            }
            guard !result.isEmpty else { throw .terminal("\(name): no `images` given and the Freight being promoted carries no images") }
            return result.values.sorted { $0.name < $1.name }
        }
        for image in images {
            var target = KustomizeImage(name: image.name.nonEmpty ?? image.image, newName: image.newName.nonEmpty)
            if let digest = image.digest.nonEmpty {
                target.digest = digest
            } else if let tag = image.tag.nonEmpty {
                target.newTag = tag
            } else {
                let found = try freightImage(image, freight: freight)
                if image.useDigest == true {
                    guard let digest = found.digest.nonEmpty else { throw .terminal("\(name): Freight image \(image.image) has no digest") }
                    target.digest = digest
                } else {
                    guard let tag = found.tag.nonEmpty else { throw .terminal("\(name): Freight image \(image.image) has no tag") }
                    target.newTag = tag
                }
            }
            result[target.name] = target
        }
        return result.values.sorted { $0.name < $1.name }
    }

    private static func freightImage(_ image: Config.ImageConfig, freight: [Freight]) throws(StepError) -> Image {
        let candidates = freight.filter { piece in
            guard let origin = image.fromOrigin else { return true }
            return piece.origin.kind.rawValue == origin.kind && piece.origin.name == origin.name
        }.compactMap { piece in piece.images?.first { $0.repoURL == image.image } }
        guard let first = candidates.first else {
            throw .terminal("\(name): image \(image.image) has no `tag` or `digest`, and no Freight being promoted carries it")
        }
        guard candidates.count == 1 else {
            throw .terminal("\(name): image \(image.image) is in \(candidates.count) Freight being promoted; say which with `fromOrigin`")
        }
        return first
    }

    /// Sets one image entry in place (or appends it) and returns it as written.
    static func apply(_ target: KustomizeImage, to editor: inout YAMLEditor) throws(EditError) -> KustomizeImage {
        let root = try YAMLEditor.firstDocument(editor.bytes)
        let items = root?["images"]?.items
        guard let items else {
            if root?["images"] != nil, root?["images"]?.value.isNull == false {
                throw .notAContainer(key: "images", at: "images", found: "not a sequence")
            }
            try appendImagesKey(target, to: &editor, root: root)
            return target
        }
        guard let index = items.firstIndex(where: { $0["name"]?.scalarText == target.name }) else {
            try editor.set(EditKeyPath("images.-1.name"), to: .string(target.name))
            try setFields(target, at: items.count, existing: nil, in: &editor)
            return target
        }
        let existing = items[index]
        var final = target
        if target.newName == "*" { final.newName = existing["newName"]?.scalarText }
        if target.newTag == "*" { final.newTag = existing["newTag"]?.scalarText }
        if target.digest == "*" { final.digest = existing["digest"]?.scalarText }
        try setFields(final, at: index, existing: existing, in: &editor)
        return final
    }

    private static func setFields(_ image: KustomizeImage, at index: Int, existing: YAMLNode?, in editor: inout YAMLEditor) throws(EditError) {
        for (field, value) in [("newName", image.newName), ("newTag", image.newTag), ("digest", image.digest)] {
            let key = try EditKeyPath("images.\(index).\(field)")
            if let value {
                if existing?[field]?.scalarText != value || existing?[field]?.string == nil {
                    try editor.set(key, to: .string(value))
                }
            } else if existing?[field] != nil {
                try editor.remove(key)
            }
        }
    }

    /// No `images:` yet: a block sequence at the end of the root mapping.
    private static func appendImagesKey(_ image: KustomizeImage, to editor: inout YAMLEditor, root: YAMLNode?) throws(EditError) {
        if let root, root.style == .flow { throw .notAContainer(key: "images", at: "", found: "a flow mapping") }
        let bytes = editor.bytes
        let newline = bytes.firstIndex(of: 0x0A).map { $0 > 0 && bytes[$0 - 1] == 0x0D ? "\r\n" : "\n" } ?? "\n"
        let indent = String(repeating: " ", count: max(0, (root?.entries?.first?.keyColumn ?? 1) - 1))
        var lines = indent + "images:" + newline + indent + "- name: " + YAMLEditor.scalarText(.string(image.name)) + newline
        for (field, value) in [("newName", image.newName), ("newTag", image.newTag), ("digest", image.digest)] {
            if let value { lines += indent + "  \(field): " + YAMLEditor.scalarText(.string(value)) + newline }
        }
        if root?["images"] != nil { try editor.remove(EditKeyPath("images")) }
        var result = editor.bytes
        if !result.isEmpty && result.last != 0x0A { result += Array(newline.utf8) }
        editor = YAMLEditor(bytes: result + Array(lines.utf8))
    }

    static func commitMessage(path: String, images: [KustomizeImage]) -> String {
        guard !images.isEmpty else { return "" }
        var message = "Updated \(path) to use new image" + (images.count > 1 ? "s" : "") + "\n"
        for image in images.sorted(by: { $0.name < $1.name }) { message += "\n- " + image.reference }
        return message
    }
}

extension Optional where Wrapped == String {
    /// nil for nil and for "" (Kargo treats an empty tag or digest as not given).
    var nonEmpty: String? {
        guard let self, !self.isEmpty else { return nil }
        return self
    }
}

extension YAMLNode.Value {
    var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}
