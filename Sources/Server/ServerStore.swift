import Controller
import Foundation
import Templates

/// The server's reads and writes of stored objects, with store errors as API errors and updates retried on
/// conflict (argo-server's `retry.RetryOnConflict` around read-change-write).
struct ServerStore: Sendable {
    let cluster: any Cluster

    func get(_ kind: ResourceKind, _ namespace: String?, _ name: String) async throws(APIError) -> JSONValue {
        do {
            return try await cluster.get(kind, namespace: namespace, name: name)
        } catch {
            throw APIError(error)
        }
    }

    func create(_ kind: ResourceKind, _ object: JSONValue) async throws(APIError) -> JSONValue {
        do {
            return try await cluster.create(kind, object)
        } catch {
            throw APIError(error)
        }
    }

    func delete(_ kind: ResourceKind, _ namespace: String?, _ name: String) async throws(APIError) {
        do {
            try await cluster.delete(kind, namespace: namespace, name: name)
        } catch {
            throw APIError(error)
        }
    }

    /// Objects of the namespace that pass the options' selectors, and the store's resourceVersion of the list.
    func list(_ kind: ResourceKind, _ namespace: String?, _ options: ListOptions) async throws(APIError)
        -> (items: [JSONValue], resourceVersion: String)
    {
        try await list(kind, namespace, labels: options.labelSelector, where: options.matchesFields)
    }

    func list(_ kind: ResourceKind, _ namespace: String?, labels: LabelSelector?,
              where matches: (JSONValue) -> Bool) async throws(APIError) -> (items: [JSONValue], resourceVersion: String)
    {
        do {
            let list = try await cluster.list(kind, namespace: namespace, labelSelector: labels)
            return (list.items.filter(matches), list.resourceVersion)
        } catch {
            throw APIError(error)
        }
    }

    /// Reads the object, lets `change` edit it (false: nothing to write) and writes it back; a conflicting write
    /// starts over from the newer version. `before` runs once per attempt ahead of the write (retry deletes pods).
    func mutate(_ kind: ResourceKind, _ namespace: String?, _ name: String,
                _ change: (inout JSONValue) async throws -> Bool) async throws(APIError) -> JSONValue {
        for _ in 0..<20 {
            var object = try await get(kind, namespace, name)
            do {
                guard try await change(&object) else { return object }
            } catch {
                throw APIError.from(error)
            }
            do {
                return try await cluster.update(kind, object)
            } catch .conflict {
                continue
            } catch {
                throw APIError(error)
            }
        }
        throw APIError(.aborted, "\(kind) \"\(name)\": gave up after repeated update conflicts")
    }

    /// The templates `templateRef`s may name, for server-side lint.
    func storedTemplates(_ namespace: String) async throws(APIError) -> StoredTemplates {
        do {
            return StoredTemplates(
                namespace: namespace,
                workflowTemplates: try await cluster.list(.workflowTemplate, namespace: namespace, labelSelector: nil).items,
                clusterWorkflowTemplates: try await cluster.list(.clusterWorkflowTemplate, namespace: nil, labelSelector: nil).items)
        } catch {
            throw APIError(error)
        }
    }
}
