import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One process a `job` metric runs (a container's command, or the container runtime),
/// with a deadline. Foundation's `Process` starts each child as the leader of its own
/// process group, so the whole group is killed on timeout, on cancellation, and once the
/// process has exited (what it left running in the background), as Kubernetes ends a
/// pod's containers. SIGKILL, because children of a test runner may start with SIGTERM
/// blocked.
struct JobProcess {
    var executable: String
    var arguments: [String]
    var environment: [String: String]
    var workingDirectory: URL
    var standardOutput: URL
    var standardError: URL

    enum Outcome: Sendable, Hashable {
        case exited(Int32)
        case killedBySignal(Int32)
        case timedOut
    }

    func run(timeout seconds: Double) async throws(MeasurementError) -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = workingDirectory
        process.standardInput = FileHandle.nullDevice
        let output: FileHandle
        let errors: FileHandle
        do {
            _ = FileManager.default.createFile(atPath: standardOutput.path, contents: nil)
            _ = FileManager.default.createFile(atPath: standardError.path, contents: nil)
            output = try FileHandle(forWritingTo: standardOutput)
            errors = try FileHandle(forWritingTo: standardError)
        } catch {
            throw MeasurementError("cannot create the job's output files: \(error.localizedDescription)")
        }
        defer {
            try? output.close()
            try? errors.close()
        }
        process.standardOutput = output
        process.standardError = errors

        let group = ProcessGroup()
        let ended: Result<(Process.TerminationReason, Int32), MeasurementError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                process.terminationHandler = { finished in
                    group.finished()
                    continuation.resume(returning: .success((finished.terminationReason, finished.terminationStatus)))
                }
                do {
                    try process.run()
                } catch {
                    process.terminationHandler = nil
                    let name = (executable as NSString).lastPathComponent
                    continuation.resume(returning: .failure(MeasurementError("cannot start \(name): \(error.localizedDescription)")))
                    return
                }
                group.started(process.processIdentifier, timeout: seconds)
            }
        } onCancel: {
            group.cancel()
        }
        let (reason, status) = try ended.get()
        if group.timedOut { return .timedOut }
        if reason == .uncaughtSignal { return .killedBySignal(status) }
        return .exited(status)
    }
}

/// The process group of a running `JobProcess`, killed at most once it is known, never
/// after the process was reaped and its group emptied.
private final class ProcessGroup: @unchecked Sendable {
    private let lock = NSLock()
    private var leader: pid_t = 0
    private var isFinished = false
    private var isCancelled = false
    private var expired = false
    /// Signalled when the process finishes, so the deadline thread ends early.
    private let wake = NSCondition()

    var timedOut: Bool { lock.withLock { expired } }

    func started(_ pid: pid_t, timeout seconds: Double) {
        enum Next { case wait, kill, sweep }
        let next: Next = lock.withLock {
            leader = pid
            if isFinished { return .sweep }
            if isCancelled { return .kill }
            return .wait
        }
        switch next {
        case .wait:
            // A thread of its own: a busy process can starve Dispatch's shared queues, and the
            // deadline must hold regardless. It wakes early once the process has finished.
            let deadline = Date(timeIntervalSinceNow: max(0, seconds))
            let thread = Thread { [self] in
                wake.lock()
                while !lock.withLock({ isFinished }) && wake.wait(until: deadline) {}
                wake.unlock()
                expire()
            }
            thread.start()
        case .kill: signalGroup(pid, orLeader: true)
        case .sweep: signalGroup(pid, orLeader: false)
        }
    }

    func finished() {
        let pid: pid_t = lock.withLock {
            isFinished = true
            return leader
        }
        wake.lock()
        wake.broadcast()
        wake.unlock()
        // Whatever the process left behind in its group goes with it. Only the group: the
        // process itself is reaped, and its number may already be someone else's.
        if pid > 0 { signalGroup(pid, orLeader: false) }
    }

    func cancel() {
        let pid: pid_t = lock.withLock {
            isCancelled = true
            return isFinished ? 0 : leader
        }
        if pid > 0 { signalGroup(pid, orLeader: true) }
    }

    private func expire() {
        let pid: pid_t = lock.withLock {
            guard !isFinished, leader > 0 else { return 0 }
            expired = true
            return leader
        }
        if pid > 0 { signalGroup(pid, orLeader: true) }
    }

    private func signalGroup(_ pid: pid_t, orLeader: Bool) {
        if kill(-pid, SIGKILL) != 0, orLeader { _ = kill(pid, SIGKILL) }
    }
}
