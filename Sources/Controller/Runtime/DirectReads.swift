import Templates

/// Objects a sync read from the cluster directly, ahead of their watch events (see `sync`): when the event for
/// that same version arrives, the pass it would start has already happened, so it starts none.
final class DirectReads: Sendable {
    private let versions = Locked<[String: String]>([:])

    private static func key(_ resource: ResourceKind, _ object: JSONValue) -> String {
        "\(resource.plural)/\(Informer.key(object))"
    }

    func record(_ resource: ResourceKind, _ object: JSONValue) {
        guard let version = object["metadata"]?["resourceVersion"]?.stringValue else { return }
        versions.withLock { $0[Self.key(resource, object)] = version }
    }

    /// True when a sync already read this version of the object; any event for the object clears the record.
    func consume(_ resource: ResourceKind, _ object: JSONValue) -> Bool {
        let key = Self.key(resource, object)
        let version = object["metadata"]?["resourceVersion"]?.stringValue
        return versions.withLock { $0.removeValue(forKey: key) } == version && version != nil
    }
}
