import Synchronization

#if TSAN_VISIBLE_LOCKS
import Foundation

/// ThreadSanitizer does not see `Synchronization.Mutex` on Linux (it locks with raw futex calls, which TSan does
/// not model), so it reports every access under one as a race. Builds for TSan (`ARGO_LITE_TSAN=1`, see
/// docs/swift-release-crash.md) lock with `pthread_mutex` through `NSLock` instead, which TSan understands.
package final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    package init(_ value: Value) { self.value = value }

    package func withLock<R, E: Error>(_ body: (inout sending Value) throws(E) -> sending R) throws(E) -> sending R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
#else
/// The standard library's `Mutex`, under a name that the Argo spec's own `Mutex` and `Synchronization` types
/// (in `Templates`) do not shadow.
package typealias Locked<Value: ~Copyable> = Synchronization.Mutex<Value>
#endif
