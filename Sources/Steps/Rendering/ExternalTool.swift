import Foundation

/// A command-line tool a rendering step runs (`kustomize`, `kubectl`, `helm`), found on a
/// search path. The path is a parameter so tests can point it at an empty folder instead
/// of changing the process environment.
struct ExternalTool: Sendable {
    let name: String
    let executable: String
    let searchPath: [String]

    /// The process's `PATH`, split.
    static var processSearchPath: [String] {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
    }

    static func find(_ name: String, in searchPath: [String]) -> ExternalTool? {
        for folder in searchPath where !folder.isEmpty {
            let candidate = folder + "/" + name
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate) {
                return ExternalTool(name: name, executable: candidate, searchPath: searchPath)
            }
        }
        return nil
    }

    /// Runs the tool and returns its standard output; a non-zero exit is a terminal error
    /// carrying the tool's own message (its input is wrong, and running again cannot help).
    func run(_ arguments: [String], in folder: String, step: String) async throws(StepError) -> Data {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("freightline-tool-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let status: Int32
        let output: Data
        let errors: String
        do {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            let outURL = scratch.appendingPathComponent("stdout")
            let errURL = scratch.appendingPathComponent("stderr")
            _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
            _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            process.currentDirectoryURL = URL(fileURLWithPath: folder)
            var environment = ProcessInfo.processInfo.environment
            environment["PATH"] = searchPath.joined(separator: ":")
            process.environment = environment
            process.standardInput = FileHandle.nullDevice
            let outHandle = try FileHandle(forWritingTo: outURL)
            let errHandle = try FileHandle(forWritingTo: errURL)
            defer { try? outHandle.close(); try? errHandle.close() }
            process.standardOutput = outHandle
            process.standardError = errHandle
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                process.terminationHandler = { _ in continuation.resume() }
                do { try process.run() } catch {
                    process.terminationHandler = nil
                    continuation.resume(throwing: error)
                }
            }
            status = process.terminationStatus
            output = try Data(contentsOf: outURL)
            errors = String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
        } catch {
            throw .terminal("\(step): cannot run \(name): \(error.localizedDescription)")
        }
        guard status == 0 else {
            let message = errors.trimmingCharacters(in: .whitespacesAndNewlines)
            throw .terminal("\(step): `\(name) \(arguments.joined(separator: " "))` failed (exit \(status)): \(message)")
        }
        return output
    }
}
