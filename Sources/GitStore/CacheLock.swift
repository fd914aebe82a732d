import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock on a cache clone, held around fetches and pushes, so runs that
/// overlap on one machine (cron, a CI runner) never update the same clone's refs at
/// once. `flock`: the kernel drops it when a process dies, even by SIGKILL.
public final class CacheLock: @unchecked Sendable {
    private let path: String
    private var descriptor: Int32 = -1
    private var depth = 0

    public init(path: String) {
        self.path = path
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Runs `body` holding the lock (re-entrant within this instance).
    ///
    /// - Throws: `.lockFailed` if the lock file cannot be opened or locked, else
    ///   what `body` throws.
    public func withLock<T, E: Error>(_ body: () throws(E) -> T) throws(GitError) -> Result<T, E> {
        try acquire()
        defer { release() }
        do {
            return .success(try body())
        } catch {
            return .failure(error)
        }
    }

    private func acquire() throws(GitError) {
        depth += 1
        guard depth == 1 else { return }
        if descriptor < 0 {
            do {
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                        withIntermediateDirectories: true)
            } catch {
                depth -= 1
                throw .lockFailed(path: path, reason: error.localizedDescription)
            }
            descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                depth -= 1
                throw .lockFailed(path: path, reason: String(cString: strerror(errno)))
            }
        }
        while flock(descriptor, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            depth -= 1
            throw .lockFailed(path: path, reason: String(cString: strerror(errno)))
        }
    }

    private func release() {
        depth -= 1
        if depth == 0 { _ = flock(descriptor, LOCK_UN) }
    }
}
