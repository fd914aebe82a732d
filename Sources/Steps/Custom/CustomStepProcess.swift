import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One run of a custom step's command: a local process with its standard output and error
/// in files, killed with SIGKILL (as Kargo aborts a step) when it outlives `timeout`.
struct CustomStepProcess {
    struct Finished {
        var status: Int32
        var timedOut: Bool
        var stdout: [UInt8]
        var stderr: [UInt8]
    }

    var executable: String
    var arguments: [String]
    var environment: [String: String]
    var folder: String
    var timeout: Double?

    func run(scratch: URL) throws -> Finished {
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        defer { try? outHandle.close(); try? errHandle.close() }
        process.standardOutput = outHandle
        process.standardError = errHandle
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()
        var timedOut = false
        if let timeout {
            if done.wait(timeout: .now() + timeout) == .timedOut {
                timedOut = true
                kill(process.processIdentifier, SIGKILL)
                done.wait()
            }
        } else {
            done.wait()
        }
        return Finished(status: process.terminationStatus, timedOut: timedOut,
                        stdout: Array(try Data(contentsOf: outURL)), stderr: Array(try Data(contentsOf: errURL)))
    }
}
