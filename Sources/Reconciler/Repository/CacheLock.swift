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

    public func withLock<T>(_ body: () throws -> T) throws -> T {
        try acquire()
        defer { release() }
        return try body()
    }

    private func acquire() throws {
        depth += 1
        guard depth == 1 else { return }
        if descriptor < 0 {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                depth -= 1
                throw StateStoreError("cannot open lock file \(path): \(String(cString: strerror(errno)))")
            }
        }
        while flock(descriptor, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            depth -= 1
            throw StateStoreError("cannot lock \(path): \(String(cString: strerror(errno)))")
        }
    }

    private func release() {
        depth -= 1
        if depth == 0 { _ = flock(descriptor, LOCK_UN) }
    }
}
