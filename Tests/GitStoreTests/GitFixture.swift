import Foundation
import TestSupport

/// A throwaway git repository built with the git CLI, so GitStore is checked
/// against what real git writes rather than against itself. The temporary
/// folder is removed when the fixture is released.
///
/// History:
/// - `first` (tags `v1` annotated, `v1-light` lightweight): README.md,
///   docs/naïve file.txt, envs/dev/app.yaml, envs/prod/app.yaml,
///   envs/prod/values/replicas.yaml, scripts/deploy.sh (executable),
///   `current` → `envs/prod` (symlink), vendor/lib (submodule gitlink).
/// - `second` on `main` (checked out): changes envs/prod/app.yaml, adds envs/prod/values/image.yaml.
/// - `feature` on branch `feature`, from `first`: adds envs/staging/app.yaml.
final class GitFixture {
    struct CommandFailed: Error, CustomStringConvertible {
        let arguments: [String]
        let status: Int32
        let output: String
        var description: String { "git \(arguments.joined(separator: " ")) exited \(status): \(output)" }
    }

    /// Temporary folder holding `repo` (and anything else a test makes).
    let root: URL
    /// The work tree, symlinks resolved (as libgit2 reports it).
    let workTree: String
    let first: String
    let second: String
    let feature: String
    /// The commit id the submodule entry vendor/lib points at (not in this repository).
    static let submoduleCommit = "1111111111111111111111111111111111111111"
    static let prodAppV1 = "kind: Stage\nname: prod\n"
    static let prodAppV2 = "kind: Stage\nname: prod\nreplicas: 5\n"
    static let deployScript = "#!/bin/sh\necho deploy\n"

    init() throws {
        let base = URL(fileURLWithPath: NSTemporaryDirectory()).resolvingSymlinksInPath()
        root = base.appendingPathComponent("gitstore-tests-\(UUID().uuidString)", isDirectory: true)
        let repo = root.appendingPathComponent("repo", isDirectory: true)
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        workTree = repo.path
        // From here on a failure must not leak the folder (deinit does not run if init throws).
        do {
            try Self.git(["init", "-q", "-b", "main"], in: workTree)
            try Self.write("README.md", "hello\n", in: workTree)
            try Self.write("docs/naïve file.txt", "unicode name\n", in: workTree)
            try Self.write("envs/dev/app.yaml", "kind: Stage\nname: dev\n", in: workTree)
            try Self.write("envs/prod/app.yaml", Self.prodAppV1, in: workTree)
            try Self.write("envs/prod/values/replicas.yaml", "replicas: 3\n", in: workTree)
            try Self.write("scripts/deploy.sh", Self.deployScript, in: workTree, executable: true)
            try FileManager.default.createSymbolicLink(
                atPath: repo.appendingPathComponent("current").path, withDestinationPath: "envs/prod")
            try Self.git(["add", "-A"], in: workTree)
            try Self.git(["update-index", "--add", "--cacheinfo", "160000,\(Self.submoduleCommit),vendor/lib"],
                         in: workTree)
            try Self.git(["commit", "-q", "-m", "first"], in: workTree)
            first = try Self.git(["rev-parse", "HEAD"], in: workTree)
            try Self.git(["tag", "-a", "v1", "-m", "release 1"], in: workTree)
            try Self.git(["tag", "v1-light"], in: workTree)

            try Self.git(["checkout", "-q", "-b", "feature"], in: workTree)
            try Self.write("envs/staging/app.yaml", "kind: Stage\nname: staging\n", in: workTree)
            // Add only what changed: the submodule has no checkout, which `add -A` would record as a deletion.
            try Self.git(["add", "envs/staging/app.yaml"], in: workTree)
            try Self.git(["commit", "-q", "-m", "feature"], in: workTree)
            feature = try Self.git(["rev-parse", "HEAD"], in: workTree)

            try Self.git(["checkout", "-q", "main"], in: workTree)
            try Self.write("envs/prod/app.yaml", Self.prodAppV2, in: workTree)
            try Self.write("envs/prod/values/image.yaml", "image: app:2\n", in: workTree)
            try Self.git(["add", "envs/prod"], in: workTree)
            try Self.git(["commit", "-q", "-m", "second"], in: workTree)
            second = try Self.git(["rev-parse", "HEAD"], in: workTree)
        } catch {
            try? FileManager.default.removeItem(at: root)
            throw error
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    /// Runs git in the fixture's work tree; returns stdout without the trailing newline.
    @discardableResult
    func git(_ arguments: String...) throws -> String {
        try Self.git(arguments, in: workTree)
    }

    /// A new empty folder inside the fixture's temporary folder (not a repository).
    func makeFolder(_ name: String) throws -> String {
        let url = root.appendingPathComponent(name, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// A bare clone of the fixture, next to it.
    func bareClone() throws -> String {
        let path = root.appendingPathComponent("bare.git").path
        try Self.git(["clone", "-q", "--bare", workTree, path], in: root.path)
        return path
    }

    /// What `git ls-tree -r -l` says about `ref` (below `path`): the oracle for `readTree`.
    func lsTree(_ ref: String, under path: String? = nil) throws -> [(mode: String, id: String, size: Int, path: String)] {
        var arguments = ["ls-tree", "-r", "-l", "-z", ref]
        if let path { arguments += ["--", path] }
        let output = try Self.git(arguments, in: workTree, trimming: false)
        return output.split(separator: "\0").map { record in
            let tab = record.firstIndex(of: "\t")!
            let fields = record[..<tab].split(separator: " ", omittingEmptySubsequences: true)
            return (String(fields[0]), String(fields[2]), Int(fields[3]) ?? 0, String(record[record.index(after: tab)...]))
        }
    }

    @discardableResult
    static func git(_ arguments: [String], in directory: String, trimming: Bool = true) throws -> String {
        try GitCLI.run(arguments, in: directory, trimming: trimming)
    }

    private static func write(_ relative: String, _ contents: String, in directory: String,
                              executable: Bool = false) throws {
        let url = URL(fileURLWithPath: directory).appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: executable ? 0o755 : 0o644],
                                              ofItemAtPath: url.path)
    }
}
