import Synchronization

/// The standard library's `Mutex`. Templates has its own `Mutex` and `Synchronization` (Argo's synchronization
/// spec types), which shadow the module's names in files that import Templates; this file imports only the
/// standard module, so the name resolves unambiguously here.
typealias StdMutex<Value: ~Copyable> = Synchronization.Mutex<Value>
