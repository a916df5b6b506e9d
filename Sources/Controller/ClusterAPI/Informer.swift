import Logging
import Templates

/// What an informer tells its handler: an object appeared, changed or went away. Handlers only enqueue keys.
public enum InformerEvent: Sendable {
    case upsert(JSONValue)
    case delete(JSONValue)
}

/// List, then watch from the list's resourceVersion, keeping a cache of objects by `namespace/name`; after a
/// `.gone` (the version was compacted away) it lists again, and after a broken stream it resumes from the last
/// version it saw, so no change is missed and none is seen out of order.
public actor Informer {
    public let resource: ResourceKind
    private let cluster: any Cluster
    private let namespace: String?
    private let selector: LabelSelector?
    private let handler: @Sendable (InformerEvent) async -> Void
    private let indexKey: (@Sendable (JSONValue) -> String?)?
    /// Applied to every object before it is cached and handed on (client-go's `SetTransform`): a cache keeps
    /// only what its users read.
    private let transform: (@Sendable (JSONValue) -> JSONValue)?
    private let logger: Logger
    private var cache: [String: JSONValue] = [:]
    /// index value → keys of the cached objects with that value (e.g. workflow name → its pods).
    private var index: [String: Set<String>] = [:]
    private var lastVersion: String?
    private var synced = false
    /// `run` has returned (cancelled): a first list will not come.
    private var stopped = false
    private var syncWaiters: [CheckedContinuation<Void, Never>] = []

    public init(
        cluster: any Cluster, resource: ResourceKind, namespace: String? = nil, selector: LabelSelector? = nil,
        logger: Logger = Logger(label: "argo-lite.informer"),
        indexKey: (@Sendable (JSONValue) -> String?)? = nil,
        transform: (@Sendable (JSONValue) -> JSONValue)? = nil,
        handler: @escaping @Sendable (InformerEvent) async -> Void
    ) {
        self.indexKey = indexKey
        self.transform = transform
        self.cluster = cluster
        self.resource = resource
        self.namespace = namespace
        self.selector = selector
        self.logger = logger
        self.handler = handler
    }

    public static func key(_ object: JSONValue) -> String {
        let ns = object["metadata"]?["namespace"]?.stringValue ?? ""
        let name = object["metadata"]?["name"]?.stringValue ?? ""
        return ns.isEmpty ? name : "\(ns)/\(name)"
    }

    public func get(_ key: String) -> JSONValue? { cache[key] }
    public func items() -> [JSONValue] { Array(cache.values) }
    public func items(where predicate: (JSONValue) -> Bool) -> [JSONValue] { cache.values.filter(predicate) }

    /// The cached objects whose index key (see `init(indexKey:)`) is `value`, without scanning the cache.
    public func items(indexedBy value: String) -> [JSONValue] {
        (index[value] ?? []).compactMap { cache[$0] }
    }

    private func store(_ key: String, _ object: JSONValue?) {
        if let indexKey {
            if let old = cache[key], let v = indexKey(old) { index[v]?.remove(key) }
            if let object, let v = indexKey(object) { index[v, default: []].insert(key) }
        }
        cache[key] = object
    }

    /// Returns once the first list has filled the cache, or once `run` has stopped without one (cancelled
    /// before the store answered: a controller stopped as it starts must not wait for it forever).
    public func waitForSync() async {
        if synced || stopped { return }
        await withCheckedContinuation { syncWaiters.append($0) }
    }

    private func releaseSyncWaiters() {
        for w in syncWaiters { w.resume() }
        syncWaiters.removeAll()
    }

    /// Runs until the surrounding task is cancelled.
    public func run() async {
        defer {
            stopped = true
            releaseSyncWaiters()
        }
        var failures = 0
        while !Task.isCancelled {
            do {
                if lastVersion == nil { try await relist() }
                let stream = try await cluster.watch(
                    resource, namespace: namespace, labelSelector: selector, resourceVersion: lastVersion)
                for try await event in stream {
                    await apply(event)
                    failures = 0
                }
            } catch let error as ClusterError {
                if case .gone = error {
                    lastVersion = nil
                } else {
                    failures += 1
                    logger.warning("watch \(resource) failed: \(error); retrying")
                }
            } catch is CancellationError {
                return
            } catch {
                failures += 1
                logger.warning("watch \(resource) failed: \(error); retrying")
            }
            if failures > 0 {
                let delay = Duration.milliseconds(min(100 * (1 << min(failures, 5)), 3000))
                try? await Task.sleep(for: delay)
            }
        }
    }

    private func relist() async throws {
        let list = try await cluster.list(resource, namespace: namespace, labelSelector: selector)
        var fresh: [String: JSONValue] = [:]
        for item in list.items { fresh[Informer.key(item)] = transform?(item) ?? item }
        let removed = cache.filter { fresh[$0.key] == nil }.map(\.value)
        cache = [:]
        index = [:]
        for (key, object) in fresh { store(key, object) }
        lastVersion = list.resourceVersion
        if !synced {
            synced = true
            releaseSyncWaiters()
        }
        for object in removed { await handler(.delete(object)) }
        for object in fresh.values { await handler(.upsert(object)) }
    }

    private func apply(_ event: WatchEvent) async {
        if event.type == .bookmark {
            if let rv = event.resourceVersion ?? event.object["metadata"]?["resourceVersion"]?.stringValue { lastVersion = rv }
            return
        }
        // A store may send a large object's change as a delta from the version this cache holds: applying it
        // costs what changed, not the whole object.
        let cachedKey = event.delta == nil ? nil : deltaKey(event)
        let received = event.object(updating: cachedKey.flatMap { cache[$0] })
        let object = transform?(received) ?? received
        if let rv = event.resourceVersion ?? object["metadata"]?["resourceVersion"]?.stringValue { lastVersion = rv }
        let key = Informer.key(object)
        switch event.type {
        case .added, .modified:
            store(key, object)
            await handler(.upsert(object))
        case .deleted:
            store(key, nil)
            await handler(.delete(object))
        case .bookmark:
            break
        }
    }

    /// The cache key of the object a delta event is about, as the event names it (no object is built).
    private func deltaKey(_ event: WatchEvent) -> String? {
        guard let name = event.name else { return nil }
        let ns = event.namespace ?? ""
        return ns.isEmpty ? name : "\(ns)/\(name)"
    }
}
