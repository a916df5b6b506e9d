import Templates

/// Object versions a sync already knows before their watch events arrive: pods and task results it read from the
/// cluster directly (see `sync`), and the workflow status it wrote itself (a fixed point of `operate`, see
/// `Operator.converge`). When the event for that same version arrives, the pass it would start has already
/// happened, so it starts none.
final class DirectReads: Sendable {
    private let versions = Locked<[String: String]>([:])

    func record(_ resource: ResourceKind, _ object: JSONValue) {
        guard let version = object["metadata"]?["resourceVersion"]?.stringValue else { return }
        record(resource, key: Informer.key(object), version: version)
    }

    /// `key` is `namespace/name` (`Informer.key`).
    func record(_ resource: ResourceKind, key: String, version: String) {
        versions.withLock { $0["\(resource.plural)/\(key)"] = version }
    }

    /// True when a sync already knew this version of the object; any event for the object clears the record.
    func consume(_ resource: ResourceKind, _ object: JSONValue) -> Bool {
        let key = "\(resource.plural)/\(Informer.key(object))"
        let version = object["metadata"]?["resourceVersion"]?.stringValue
        return versions.withLock { $0.removeValue(forKey: key) } == version && version != nil
    }
}
