import Templates

/// Where an object from a request body goes, as the Kubernetes API server checks it.
enum ObjectPlacement {
    /// Sets `metadata.namespace` to the request's namespace when unset; a different one is refused.
    static func place(_ object: inout JSONValue, in namespace: String) throws(APIError) {
        var metadata = object["metadata"] ?? [:]
        let given = metadata["namespace"]?.stringValue ?? ""
        if !given.isEmpty && given != namespace {
            throw .invalid("the namespace of the provided object does not match the namespace sent on the request")
        }
        metadata["namespace"] = .string(namespace)
        object["metadata"] = metadata
    }

    /// A dry run's object: the name a create would have generated from `generateName`, nothing stored.
    static func dryRunNamed(_ object: JSONValue) -> JSONValue {
        var object = object
        var metadata = object["metadata"] ?? [:]
        if (metadata["name"]?.stringValue ?? "").isEmpty, let prefix = metadata["generateName"]?.stringValue {
            // the Kubernetes name generator's alphabet and length
            let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
            metadata["name"] = .string(prefix + String((0..<5).map { _ in alphabet.randomElement()! }))
        }
        object["metadata"] = metadata
        return object
    }

    static func name(_ object: JSONValue) -> String { object["metadata"]?["name"]?.stringValue ?? "" }
}
