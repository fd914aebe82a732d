import Foundation

/// The git command line, for building fixtures and checking results in tests (the product
/// itself never runs it). The developer's or CI's git configuration is kept out.
public enum GitCLI {
    public struct CommandFailed: Error, CustomStringConvertible {
        public let arguments: [String]
        public let status: Int32
        public let output: String
        public var description: String { "git \(arguments.joined(separator: " ")) exited \(status):\n\(output)" }
    }

    /// Runs another command-line tool (ssh-keygen…) for a fixture; its output, trimmed.
    @discardableResult
    public static func runTool(_ executable: String, _ arguments: [String], in directory: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandFailed(arguments: [executable] + arguments, status: process.terminationStatus,
                                output: String(decoding: data, as: UTF8.self))
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @discardableResult
    public static func run(_ arguments: [String], in directory: String, trimming: Bool = true) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = [
            "-c", "user.name=t", "-c", "user.email=t@example.com",
            "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", "-c", "core.symlinks=true",
        ] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        process.environment = environment
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandFailed(arguments: arguments, status: process.terminationStatus,
                                output: String(decoding: out + err, as: UTF8.self))
        }
        let text = String(decoding: out, as: UTF8.self)
        return trimming ? text.trimmingCharacters(in: .whitespacesAndNewlines) : text
    }

    /// Creates the bare repository `bare` on `main`; with `seed`, `main` gets one commit
    /// holding those files, made in the scratch folder `work`.
    public static func makeBareRepository(_ bare: String, seed: [String: String]?, work: String) throws {
        let parent = (bare as NSString).deletingLastPathComponent
        try run(["init", "-q", "--bare", "-b", "main", bare], in: parent)
        guard let seed else { return }
        try run(["init", "-q", "-b", "main", work], in: parent)
        for (file, contents) in seed {
            let url = URL(fileURLWithPath: work).appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: url)
        }
        try run(["add", "-A"], in: work)
        try run(["commit", "-q", "-m", "seed"], in: work)
        try run(["push", "-q", bare, "main"], in: work)
    }
}
