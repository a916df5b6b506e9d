import Foundation
import Templates

/// Typed access on top of the untyped cluster API: values go through `JSONEncoder`/`JSONDecoder` and the
/// order-keeping JSON parser, so any `Codable` type (the Argo spec types in `Templates`) can be stored.
/// `create`/`update` take the value as `value:` so that a dictionary literal still means a `JSONValue`.
extension Cluster {
    public func get<T: Decodable>(_ type: T.Type, _ resource: ResourceKind, namespace: String?, name: String)
        async throws(ClusterError) -> T
    {
        try JSONBridge.decode(T.self, from: try await get(resource, namespace: namespace, name: name))
    }

    public func list<T: Decodable>(_ type: T.Type, _ resource: ResourceKind, namespace: String?,
                                   labelSelector: LabelSelector? = nil) async throws(ClusterError) -> [T]
    {
        var out: [T] = []
        for item in try await list(resource, namespace: namespace, labelSelector: labelSelector).items {
            out.append(try JSONBridge.decode(T.self, from: item))
        }
        return out
    }

    public func create<T: Codable>(_ resource: ResourceKind, value object: T) async throws(ClusterError) -> T {
        try JSONBridge.decode(T.self, from: try await create(resource, try JSONBridge.encode(object)))
    }

    public func update<T: Codable>(_ resource: ResourceKind, value object: T) async throws(ClusterError) -> T {
        try JSONBridge.decode(T.self, from: try await update(resource, try JSONBridge.encode(object)))
    }
}

/// Converts between `Codable` values and `JSONValue`.
public enum JSONBridge {
    public static func encode<T: Encodable>(_ value: T) throws(ClusterError) -> JSONValue {
        do {
            return try JSONValue(encoding: value)
        } catch {
            throw .invalid("cannot encode \(T.self) as JSON: \(error)")
        }
    }

    public static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws(ClusterError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(value.compactJSON.utf8))
        } catch {
            throw .invalid("cannot decode \(T.self) from the stored object: \(error)")
        }
    }

    /// Parses JSON text, keeping key order.
    public static func parse(_ text: String) throws(ClusterError) -> JSONValue {
        do { return try JSONParser.parse(text) } catch { throw .invalid(error.description) }
    }
}

extension Cluster {
    /// Deletes the object; one already gone is done (the sync that deletes is idempotent).
    public func deleteIfPresent(_ resource: ResourceKind, namespace: String?, name: String) async throws(ClusterError) {
        do { try await delete(resource, namespace: namespace, name: name) } catch {
            if case .notFound = error {} else { throw error }
        }
    }

    /// Creates the object; one that already exists (an earlier pass created it) is done.
    public func createIfAbsent(_ resource: ResourceKind, _ object: JSONValue) async throws(ClusterError) {
        do { _ = try await create(resource, object) } catch {
            if case .alreadyExists = error {} else { throw error }
        }
    }
}

extension JSONValue {
    /// Decodes a typed value from this JSON.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(compactJSON.utf8))
    }
}
