import ArgumentParser

/// Freightline's exit codes, the contract scripts and CI rely on (DESIGN §5).
public enum ExitStatus: Int32, Sendable {
    /// Everything asked for succeeded.
    case success = 0
    /// A run finished but a promotion or verification failed.
    case failure = 1
    /// Bad input: configuration, state or flags. Diagnostics say where; nothing was written.
    case badInput = 2
    /// A conflict on the state ref that retries did not resolve.
    case conflict = 3
    /// The environment is not usable: a missing tool, an unreachable remote.
    case environment = 4

    var exitCode: ExitCode { ExitCode(rawValue) }

    static let helpText = """
        EXIT CODES:
          0  success
          1  a run finished, but a promotion or verification failed
          2  bad input (configuration, state, flags); nothing was written
          3  a state-ref conflict that retries did not resolve
          4  environment problem (missing tool, unreachable remote)
        """
}
