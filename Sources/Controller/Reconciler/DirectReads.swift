import Templates
import ClusterAPI

/// Object versions a sync already knows before their watch events arrive: pods and task results it read from the
/// cluster directly (see `sync`), and the workflow status it wrote itself (a fixed point of `operate`, see
/// `Operator.converge`). When the event for that same version arrives, the pass it would start has already
/// happened, so it starts none.
///
/// A store commit wakes watchers before the writer learns the new version, so the event of a sync's own status
/// write may arrive while the write is still returning: between `expect` and `settle`, events of that object are
/// held back, and `settle` says whether any of them was not the sync's own write (then the workflow needs a pass).
final class DirectReads: Sendable {
    private struct State {
        var versions: [String: String] = [:]
        /// Objects a sync is writing or reading directly → the versions of the events that arrived meanwhile.
        var writing: [String: [String]] = [:]
    }
    private let state = Locked(State())

    /// A sync is about to write or read this object directly (`key` is `namespace/name`).
    func expect(_ resource: ResourceKind, key: String) {
        state.withLock { $0.writing["\(resource.plural)/\(key)"] = [] }
    }

    /// The write or read of `expect` returned `version` (nil: it failed). Records the version for its event, unless that
    /// already arrived; true when an event that is not this write's arrived meanwhile: it needs a pass.
    func settle(_ resource: ResourceKind, key: String, version: String?) -> Bool {
        let k = "\(resource.plural)/\(key)"
        return state.withLock { s in
            let arrived = s.writing.removeValue(forKey: k) ?? []
            if let version, !arrived.contains(version) { s.versions[k] = version }
            return arrived.contains { $0 != version }
        }
    }

    /// True when a sync already knew this version of the object; any event for the object clears the record.
    func consume(_ resource: ResourceKind, _ object: JSONValue) -> Bool {
        let key = "\(resource.plural)/\(Informer.key(object))"
        let version = object["metadata"]?["resourceVersion"]?.stringValue
        return state.withLock { s in
            if s.writing[key] != nil, let version {
                s.writing[key]?.append(version)
                return true
            }
            return s.versions.removeValue(forKey: key) == version && version != nil
        }
    }
}
