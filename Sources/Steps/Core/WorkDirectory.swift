import Foundation

/// The promotion's private folder. Every path a step names is resolved here and must stay
/// inside: absolute paths, `..` that climbs out, and symbolic links leading out are refused.
public struct WorkDirectory: Sendable, Hashable {
    public let root: String

    public init(root: String) {
        let standardized = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath().path
        self.root = standardized
    }

    /// The absolute path of `relative` inside the work folder.
    public func resolve(_ relative: String, field: String = "path") throws(StepError) -> String {
        guard !relative.isEmpty else { throw .terminal("`\(field)` is empty") }
        guard !relative.hasPrefix("/") else {
            throw .terminal("`\(field)` \(relative) is absolute; paths are relative to the promotion's work folder")
        }
        var parts: [String] = []
        for part in relative.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { throw .terminal("`\(field)` \(relative) leads outside the promotion's work folder") }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        let candidate = ([root] + parts).joined(separator: "/")
        // Follow links on the part that exists: a link must not lead out either.
        var existing = candidate
        while !FileManager.default.fileExists(atPath: existing) && existing != root {
            existing = (existing as NSString).deletingLastPathComponent
        }
        let real = URL(fileURLWithPath: existing).resolvingSymlinksInPath().path
        guard real == root || real.hasPrefix(root + "/") else {
            throw .terminal("`\(field)` \(relative) leads outside the promotion's work folder through a symbolic link")
        }
        return candidate
    }
}
