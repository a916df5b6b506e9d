import Controller
import Foundation
import Synchronization
import Templates

/// A small in-memory `Cluster` for driving commands in tests: names from generateName, resourceVersions,
/// conflicts on stale updates, watches and canned logs.
final class MemoryCluster: Cluster {
    private struct State {
        var objects: [String: JSONValue] = [:]
        var version = 0
        var watchers: [UUID: AsyncThrowingStream<WatchEvent, any Error>.Continuation] = [:]
        var logs: [String: [String]] = [:]
        var suffix = 0
    }
    private let state = Mutex(State())

    private func key(_ r: ResourceKind, _ ns: String?, _ name: String) -> String { "\(r.plural)/\(ns ?? "")/\(name)" }

    func setLogs(pod: String, _ lines: [String]) { state.withLock { $0.logs[pod] = lines } }
    var count: Int { state.withLock { $0.objects.count } }

    func get(_ resource: ResourceKind, namespace: String?, name: String) async throws(ClusterError) -> JSONValue {
        guard let o = state.withLock({ $0.objects[key(resource, namespace, name)] }) else { throw .notFound(name) }
        return o
    }

    func list(_ resource: ResourceKind, namespace: String?, labelSelector: LabelSelector?) async throws(ClusterError)
        -> ObjectList
    {
        state.withLock { s in
            let prefix = "\(resource.plural)/\(namespace.map { $0 + "/" } ?? "")"
            let items = s.objects.filter { $0.key.hasPrefix(prefix) }.sorted { $0.key < $1.key }.map(\.value)
                .filter { labelSelector?.matches(WorkflowLabels.of($0)) ?? true }
            return ObjectList(items: items, resourceVersion: String(s.version))
        }
    }

    func watch(_ resource: ResourceKind, namespace: String?, labelSelector: LabelSelector?, resourceVersion: String?)
        async throws(ClusterError) -> AsyncThrowingStream<WatchEvent, any Error>
    {
        let (stream, continuation) = AsyncThrowingStream<WatchEvent, any Error>.makeStream()
        let id = UUID()
        state.withLock { $0.watchers[id] = continuation }
        continuation.onTermination = { [weak self] _ in self?.state.withLock { _ = $0.watchers.removeValue(forKey: id) } }
        return stream
    }

    private func publish(_ s: inout State, _ type: WatchEvent.Kind, _ o: JSONValue) {
        for c in s.watchers.values { c.yield(WatchEvent(type: type, object: o)) }
    }

    func create(_ resource: ResourceKind, _ object: JSONValue) async throws(ClusterError) -> JSONValue {
        try state.withLock { (s) throws(ClusterError) -> JSONValue in
            var o = object
            var meta = o["metadata"] ?? [:]
            var name = meta["name"]?.stringValue ?? ""
            if name.isEmpty, let g = meta["generateName"]?.stringValue {
                s.suffix += 1
                name = g + "x\(s.suffix)abc"
            }
            guard !name.isEmpty else { throw .invalid("name required") }
            let k = key(resource, meta["namespace"]?.stringValue, name)
            guard s.objects[k] == nil else { throw .alreadyExists(name) }
            s.version += 1
            meta["name"] = .string(name)
            meta["resourceVersion"] = .string(String(s.version))
            meta["creationTimestamp"] = "2024-03-01T10:00:00Z"
            o["metadata"] = meta
            s.objects[k] = o
            publish(&s, .added, o)
            return o
        }
    }

    func update(_ resource: ResourceKind, _ object: JSONValue) async throws(ClusterError) -> JSONValue {
        try state.withLock { (s) throws(ClusterError) -> JSONValue in
            let name = object["metadata"]?["name"]?.stringValue ?? ""
            let k = key(resource, object["metadata"]?["namespace"]?.stringValue, name)
            guard let old = s.objects[k] else { throw .notFound(name) }
            guard old["metadata"]?["resourceVersion"] == object["metadata"]?["resourceVersion"] else { throw .conflict(name) }
            s.version += 1
            var o = object
            o["metadata"]?["resourceVersion"] = .string(String(s.version))
            s.objects[k] = o
            publish(&s, .modified, o)
            return o
        }
    }

    func patch(_ resource: ResourceKind, namespace: String?, name: String, patch: JSONValue, type: PatchType)
        async throws(ClusterError) -> JSONValue
    {
        throw .invalid("patch is not used by the CLI")
    }

    func delete(_ resource: ResourceKind, namespace: String?, name: String) async throws(ClusterError) {
        try state.withLock { (s) throws(ClusterError) in
            guard let o = s.objects.removeValue(forKey: key(resource, namespace, name)) else { throw .notFound(name) }
            publish(&s, .deleted, o)
        }
    }

    func logs(namespace: String, pod: String, container: String?, follow: Bool) async throws(ClusterError)
        -> AsyncThrowingStream<String, any Error>
    {
        guard let lines = state.withLock({ $0.logs[pod] }) else { throw .notFound(pod) }
        return AsyncThrowingStream { c in
            for l in lines { c.yield(l + "\n") }
            c.finish()
        }
    }
}

enum WorkflowLabels {
    static func of(_ o: JSONValue) -> [String: String] {
        var out: [String: String] = [:]
        for (k, v) in o["metadata"]?["labels"]?.objectValue ?? [:] { out[k] = v.stringValue ?? "" }
        return out
    }
}
