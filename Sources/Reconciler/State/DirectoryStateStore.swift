import Foundation
import Manifests
import Pipeline

/// State in a plain folder (`--state DIR`): read in any layout, written in the canonical
/// one, each file replaced atomically, files whose objects moved or were pruned removed.
public struct DirectoryStateStore: StateStore {
    public let root: String
    /// Whether a missing folder is an empty state (commands that write) or an error
    /// (read-only commands, where a typo must not look like "no state").
    public let createIfMissing: Bool

    public init(root: String, createIfMissing: Bool = false) {
        var trimmed = root
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.root = trimmed
        self.createIfMissing = createIfMissing
    }

    public func load() throws -> LoadedState {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else {
            if createIfMissing { return LoadedState() }
            throw StateStoreError("state folder \(root) does not exist (create it, or give the right --state)")
        }
        guard isDirectory.boolValue else { throw StateStoreError("state path \(root) is not a folder") }
        let source = try DirectoryConfigSource(path: root)
        var reader = StateReader()
        var files = Set<String>()
        for entry in try source.files() {
            if let refusal = entry.refusal {
                reader.sink.error(at: .start(of: entry.displayPath), refusal)
                continue
            }
            let bytes = try source.read(entry)
            files.insert(relative(entry.displayPath))
            reader.read(bytes, file: entry.displayPath)
        }
        return LoadedState(state: reader.state, diagnostics: reader.sink, files: files)
    }

    /// Files are replaced one by one (each atomically); the folder backend has no
    /// compare-and-swap, so it is for one writer at a time. `change` is not recorded.
    @discardableResult
    public func save(_ state: PipelineState, replacing previous: LoadedState, change: StateChange) throws -> Bool {
        let files = try StateLayout.files(for: state)
        let manager = FileManager.default
        var wrote = false
        for (path, text) in files.sorted(by: { $0.key < $1.key }) {
            let full = root + "/" + path
            if let existing = manager.contents(atPath: full), existing == Data(text.utf8) { continue }
            try manager.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let temporary = full + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
            guard manager.createFile(atPath: temporary, contents: Data(text.utf8)) else {
                throw StateStoreError("cannot write \(full)")
            }
            if manager.fileExists(atPath: full) { try manager.removeItem(atPath: full) }
            try manager.moveItem(atPath: temporary, toPath: full)
            wrote = true
        }
        for stale in previous.files.subtracting(files.keys).sorted() {
            try? manager.removeItem(atPath: root + "/" + stale)
            wrote = true
        }
        return wrote
    }

    private func relative(_ displayPath: String) -> String {
        displayPath.hasPrefix(root + "/") ? String(displayPath.dropFirst(root.count + 1)) : displayPath
    }
}
