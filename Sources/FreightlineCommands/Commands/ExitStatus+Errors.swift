import ArgumentParser
import Reconciler

extension ExitStatus {
    /// Prints why a run stopped and gives its exit code: 2 for bad input (invalid state, a
    /// refused request), 3 for a state ref that kept moving, 4 for anything else (an
    /// unreachable remote, a failing tool).
    static func stopping(_ error: any Error) -> ExitCode {
        Output.error("error: \(error)")
        switch error {
        case is ReconcileError, is VerificationRefusal: return ExitStatus.badInput.exitCode
        case is StateConflict: return ExitStatus.conflict.exitCode
        default: return ExitStatus.environment.exitCode
        }
    }
}
