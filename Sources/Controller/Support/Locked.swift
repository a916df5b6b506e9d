import Synchronization

/// The standard library's `Mutex`, under a name that the Argo spec's own `Mutex` and `Synchronization` types
/// (in `Templates`) do not shadow.
typealias Locked<Value: ~Copyable> = Synchronization.Mutex<Value>
