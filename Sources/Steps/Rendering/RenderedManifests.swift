import Foundation
import Manifests

/// The YAML stream a renderer printed, split into one file per object, named as Kargo's
/// `kustomize-build` and flat `helm-template` name them.
enum RenderedManifests {
    enum Naming: String, Decodable {
        /// `[namespace-]kind-name.yaml`
        case kargo
        /// `[namespace_]group_version_kind_name.yaml`, as `kustomize build -o dir/` writes.
        case kustomize
    }

    /// Whether an `outPath` names a file (it ends in `.yaml` or `.yml`) rather than a folder.
    static func isFile(_ outPath: String) -> Bool {
        outPath.hasSuffix(".yaml") || outPath.hasSuffix(".yml")
    }

    /// Each non-empty document of `stream` with the file name it goes to.
    static func split(_ stream: String, naming: Naming, step: String) throws(StepError) -> [(name: String, text: String)] {
        var files: [(name: String, text: String)] = []
        var seen: Set<String> = []
        for document in documents(stream) {
            var sink = DiagnosticSink()
            guard let root = YAMLReader.documents(from: Array(document.utf8), file: "rendered", sink: &sink).first?.root else { continue }
            let kind = root["kind"]?.string ?? ""
            let name = root["metadata"]?["name"]?.string ?? ""
            let namespace = root["metadata"]?["namespace"]?.string
            let apiVersion = root["apiVersion"]?.string ?? ""
            guard !kind.isEmpty, !name.isEmpty else {
                throw .terminal("\(step): a rendered object has no kind or metadata.name; cannot name its file")
            }
            var fileName: String
            switch naming {
            case .kargo:
                fileName = "\(kind)-\(name).yaml".lowercased()
                if let namespace, !namespace.isEmpty { fileName = namespace.lowercased() + "-" + fileName }
            case .kustomize:
                let parts = apiVersion.split(separator: "/").map(String.init) + [kind]
                fileName = (parts.filter { !$0.isEmpty } + [name]).joined(separator: "_").lowercased() + ".yaml"
                if let namespace, !namespace.isEmpty { fileName = namespace.lowercased() + "_" + fileName }
            }
            guard fileName != ".", fileName != "..", !fileName.contains("/"), !fileName.contains("\\") else {
                throw .terminal("\(step): unsafe file name \(fileName) from a rendered object's metadata")
            }
            guard seen.insert(fileName).inserted else {
                throw .terminal("\(step): two rendered objects would both be written to \(fileName)")
            }
            files.append((fileName, document.hasSuffix("\n") ? document : document + "\n"))
        }
        return files
    }

    /// The documents of a YAML stream, split at `---` lines (renderers write one per object).
    static func documents(_ stream: String) -> [String] {
        var documents: [String] = []
        var current = ""
        for line in stream.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "---" || line.hasPrefix("--- ") {
                documents.append(current)
                current = ""
            } else {
                current += line + "\n"
            }
        }
        documents.append(current)
        return documents.filter { document in
            document.split(separator: "\n").contains { !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.hasPrefix("#") }
        }
    }

    static func write(_ data: Data, toFile path: String, step: String, shown: String) throws(StepError) {
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .terminal("\(step): cannot write \(shown): \(error.localizedDescription)")
        }
    }

    static func write(_ files: [(name: String, text: String)], toFolder folder: String, step: String, shown: String) throws(StepError) {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for file in files {
                try Data(file.text.utf8).write(to: URL(fileURLWithPath: folder + "/" + file.name), options: .atomic)
            }
        } catch {
            throw .terminal("\(step): cannot write into \(shown): \(error.localizedDescription)")
        }
    }
}
