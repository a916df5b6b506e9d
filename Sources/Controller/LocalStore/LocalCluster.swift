import Foundation
import GRDB
import Templates
import ClusterAPI

/// The `Cluster` on one machine: objects in SQLite (`<state dir>/state.db`, WAL), container logs as files under
/// `<state dir>/logs/`. Several processes (the CLI, a controller, the node agent) may open the same directory:
/// every write is one IMMEDIATE transaction with optimistic concurrency on `metadata.resourceVersion`, and every
/// committed write touches `<state dir>/notify` so that watchers in other processes wake up (inotify).
public final class LocalCluster: Cluster {
    public struct Options: Sendable {
        /// Watch events kept: an event is compacted away only when it is older than both limits.
        public var eventRetentionCount: Int64 = 10_000
        public var eventRetentionSeconds: Double = 600
        /// Compaction runs on every write whose resourceVersion is a multiple of this.
        public var compactionInterval: Int64 = 256
        /// Merge patches on objects larger than this (bytes of JSON) produce watch events that carry the delta and
        /// load the object lazily, instead of copying the whole object into the event log. Small: a pod (its
        /// `ARGO_TEMPLATE` included) is already a few kB, and informers apply the delta to the copy they hold.
        public var lazyEventThreshold: Int = 4 * 1024
        /// Watchers re-check the store this often even without a notification (a safety net, not the mechanism).
        public var safetyRecheckSeconds: Double = 2
        /// SQLite busy timeout: how long a writer waits for another process's transaction.
        public var busyTimeoutSeconds: Double = 10
        /// The largest object (its JSON, less `status`) that create and update accept: etcd's default request
        /// limit, so that what is stored here also fits a Kubernetes cluster. `ARGO_LITE_MAX_OBJECT_BYTES` sets it.
        public var maxObjectBytes: Int = Options.maxObjectBytesFromEnvironment ?? 1_572_864
        public var now: @Sendable () -> Date = { Date() }
        /// A test hook for faults: while it returns true, every write is refused whole, as on a full disk.
        public var refuseWrites: (@Sendable () -> Bool)?
        public init() {}

        static let maxObjectBytesFromEnvironment: Int? =
            ProcessInfo.processInfo.environment["ARGO_LITE_MAX_OBJECT_BYTES"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
    }

    public let directory: URL
    public let options: Options
    let pool: DatabasePool
    let notifier: LocalNotifier
    /// What this process committed last, for its own watchers (`LocalRecentEvents`).
    let recent = LocalRecentEvents()
    /// Pods this process's node agent takes as they are created (`LocalPodClaims`).
    package let podClaims = LocalPodClaims()

    /// `~/.argo-lite`.
    public static var defaultDirectory: URL {
        FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".argo-lite", isDirectory: true)
    }

    /// The database file of the store in `directory` (whether a directory holds a store: `argo-lite lint` reads
    /// one only when it is there, and creates nothing).
    public static func databaseURL(in directory: URL) -> URL { directory.appendingPathComponent("state.db") }

    public init(directory: URL = LocalCluster.defaultDirectory, options: Options = Options()) throws(ClusterError) {
        self.directory = directory
        self.options = options
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(
                at: directory.appendingPathComponent("logs", isDirectory: true), withIntermediateDirectories: true)
        } catch {
            throw .unavailable("cannot create state directory \(directory.path): \(error.localizedDescription)")
        }
        var config = Configuration()
        config.busyMode = .timeout(options.busyTimeoutSeconds)
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Statement journals (and any temporary b-tree) stay in memory: a statement that rewrites more than
            // 64 KiB of pages would otherwise create, write and unlink a file under /var/tmp. They only undo a
            // statement inside its transaction; the WAL alone keeps a commit safe from a crash.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        do {
            pool = try DatabasePool(path: Self.databaseURL(in: directory).path, configuration: config)
            try LocalSchema.migrator.migrate(pool)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT {
            throw .unavailable("\(directory.path)/state.db is not an argo-lite state database (\(error.message ?? "unreadable")): "
                + "move it aside, or choose another state directory with --state-dir or ARGO_LITE_STATE")
        } catch {
            throw .unavailable("cannot open \(directory.path)/state.db: \(error)")
        }
        notifier = try LocalNotifier(
            folder: directory.appendingPathComponent("notify.d").path, recheckSeconds: options.safetyRecheckSeconds)
    }

    deinit { notifier.stop() }

    /// Runs `body` in one IMMEDIATE transaction, then wakes watchers here and in other processes.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (LocalTransaction) throws -> T) async throws(ClusterError)
        -> T
    {
        let options = self.options
        if options.refuseWrites?() == true { throw LocalCluster.diskFull(directory) }
        do {
            let changed = LocalTransaction.ChangedResources()
            let result = try await pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(LocalTransaction(db: db, options: options, now: options.now(), changed: changed))
                    return .commit
                }
                guard let result else { throw ClusterError.other("local store: transaction returned nothing") }
                return result
            }
            recent.record(changed.events)
            notifier.signal(resources: changed.resources)
            return result
        } catch {
            throw LocalCluster.map(error, directory: directory)
        }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (LocalTransaction) throws -> T) async throws(ClusterError) -> T {
        let options = self.options
        do {
            return try await pool.read { db in try body(LocalTransaction(db: db, options: options, now: options.now())) }
        } catch {
            throw LocalCluster.map(error, directory: directory)
        }
    }

    static func map(_ error: any Error, directory: URL) -> ClusterError {
        if let e = error as? ClusterError { return e }
        if let e = error as? DatabaseError {
            if e.resultCode == .SQLITE_BUSY || e.resultCode == .SQLITE_LOCKED {
                return .unavailable("state database is busy (another argo-lite process holds it): \(e.message ?? "")")
            }
            if e.resultCode == .SQLITE_FULL {
                // Retryable: the transaction rolled back whole, so nothing stored before is lost.
                return diskFull(directory)
            }
            return .other("local store: \(e)")
        }
        if error is CancellationError { return .other("cancelled") }
        return .other("local store: \(error)")
    }

    static func diskFull(_ directory: URL) -> ClusterError {
        .unavailable("the disk of the state directory \(directory.path) is full: free space there "
            + "(the change was not stored; what was stored before is intact)")
    }

    /// The Kubernetes message for a missing object: `workflows.argoproj.io "x" not found`.
    static func notFound(_ resource: ResourceKind, _ name: String) -> ClusterError {
        .notFound("\(resource) \"\(name)\" not found")
    }

    static func conflict(_ resource: ResourceKind, _ name: String) -> ClusterError {
        .conflict(
            "Operation cannot be fulfilled on \(resource) \"\(name)\": the object has been modified; please apply your changes to the latest version and try again"
        )
    }

    static func namespaceKey(_ resource: ResourceKind, _ namespace: String?) -> String {
        resource.namespaced ? (namespace ?? "default") : ""
    }
}
