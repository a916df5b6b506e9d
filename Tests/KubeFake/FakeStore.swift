import Foundation
import Templates

/// The fake's etcd: objects by (resource, namespace, name), one global resourceVersion counter, and the log of
/// changes that watches read, of which only the last `window` are kept (older versions are "compacted": a watch
/// from one gets 410 Expired). All access holds `lock`; watchers wait on it for new events.
final class FakeStore: @unchecked Sendable {
    struct Key: Hashable, Comparable {
        var resource: String
        var namespace: String
        var name: String
        static func < (a: Key, b: Key) -> Bool { (a.namespace, a.name) < (b.namespace, b.name) }
        /// The position a continue token names (the last key returned).
        var token: String { namespace + "/" + name }
    }

    struct Event {
        var rv: Int
        var key: Key
        var type: String
        var object: JSONValue
        /// The object before the change (MODIFIED, DELETED): watches with selectors compare the two.
        var previous: JSONValue?
    }

    let lock = NSCondition()
    private(set) var objects: [Key: JSONValue] = [:]
    private(set) var events: [Event] = []
    /// The current resourceVersion. It starts well above 1 so that nothing relies on small numbers.
    private(set) var version = 4200
    /// Watches from a version below this get 410 (their events were compacted away).
    private(set) var compactedBelow = 4200
    var window = 1000
    /// Bumped by `dropWatches`: watches that started under an older epoch end.
    private(set) var watchEpoch = 0

    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    // The functions below expect `lock` held.

    func object(_ key: Key) -> JSONValue? { objects[key] }

    func keys(resource: String, namespace: String?) -> [Key] {
        objects.keys.filter { $0.resource == resource && (namespace == nil || $0.namespace == namespace) }.sorted()
    }

    func nextVersion() -> Int {
        version += 1
        return version
    }

    /// Stores `object` (whose metadata.resourceVersion is already `rv`) and logs the event.
    func put(_ key: Key, _ object: JSONValue, rv: Int, type: String) {
        let previous = objects[key]
        objects[key] = object
        log(Event(rv: rv, key: key, type: type, object: object, previous: previous))
    }

    func remove(_ key: Key, finalObject: JSONValue, rv: Int) {
        let previous = objects.removeValue(forKey: key)
        log(Event(rv: rv, key: key, type: "DELETED", object: finalObject, previous: previous))
    }

    private func log(_ event: Event) {
        events.append(event)
        if events.count > window {
            let drop = events.count - window
            compactedBelow = events[drop - 1].rv
            events.removeFirst(drop)
        }
        lock.broadcast()
    }

    /// Forgets every event so far: watches from any version before now get 410.
    func compact() {
        events.removeAll()
        compactedBelow = version
        lock.broadcast()
    }

    func dropWatches() {
        watchEpoch += 1
        lock.broadcast()
    }

    /// Events after `rv` for `resource`, oldest first.
    func events(after rv: Int, resource: String) -> [Event] {
        guard let first = events.firstIndex(where: { $0.rv > rv }) else { return [] }
        return events[first...].filter { $0.key.resource == resource }
    }

    /// The objects of `resource` as they were at version `rv` (not before the compaction point): the current ones
    /// with the later changes undone, newest first.
    func snapshot(resource: String, at rv: Int) -> [Key: JSONValue] {
        var state = objects.filter { $0.key.resource == resource }
        for e in events(after: rv, resource: resource).reversed() {
            if let previous = e.previous { state[e.key] = previous } else { state.removeValue(forKey: e.key) }
        }
        return state
    }

    /// Wakes waiters (a watch waiting for events) without a change, e.g. to send a bookmark.
    func poke() { lock.broadcast() }
}
