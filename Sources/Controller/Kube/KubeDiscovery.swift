import Templates
import ClusterAPI

/// apiVersion + kind → the REST resource (plural, scope), from the API server's discovery documents
/// (`/api/v1`, `/apis/GROUP/VERSION`), each fetched once and kept, as client-go's cached discovery and REST
/// mapper do. What a Resource template names (any kind) is found this way. A kind not in the cached document is
/// looked up once more (a CRD may have been installed since) before it is an error.
public final class KubeDiscovery: Sendable {
    public let client: KubeClient
    private let cache = Locked<[String: [ResourceKind]]>([:])

    public init(client: KubeClient) { self.client = client }

    public func resource(apiVersion: String, kind: String) async throws(ClusterError) -> ResourceKind {
        if let cached = cache.withLock({ $0[apiVersion] }), let hit = cached.first(where: { $0.kind == kind }) { return hit }
        let fresh = try await fetch(apiVersion)
        cache.withLock { $0[apiVersion] = fresh }
        guard let hit = fresh.first(where: { $0.kind == kind }) else {
            throw .notFound("no matches for kind \"\(kind)\" in version \"\(apiVersion)\": "
                + (fresh.isEmpty ? "the API server does not serve \(apiVersion); install its CRDs first"
                                 : "it serves \(fresh.map(\.kind).sorted().joined(separator: ", "))"))
        }
        return hit
    }

    /// Forgets every document (after CRDs were installed or removed).
    public func invalidate() { cache.withLock { $0.removeAll() } }

    /// The resources (not subresources) of one group/version; none when the server does not serve it (404).
    private func fetch(_ apiVersion: String) async throws(ClusterError) -> [ResourceKind] {
        let parts = apiVersion.split(separator: "/").map(String.init)
        guard parts.count == 1 || parts.count == 2, !parts.contains(where: \.isEmpty) else {
            throw .invalid("apiVersion \"\(apiVersion)\" is not VERSION or GROUP/VERSION")
        }
        let (group, version) = parts.count == 1 ? ("", parts[0]) : (parts[0], parts[1])
        let path = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
        let document: JSONValue
        do { document = try await client.json(KubeRequest(method: "GET", path: path)) } catch {
            if case .status(let s) = error, s.code == 404 { return [] }
            throw error.clusterError
        }
        return (document["resources"]?.arrayValue ?? []).compactMap { r in
            guard let name = r["name"]?.stringValue, !name.contains("/"), let kind = r["kind"]?.stringValue else { return nil }
            return ResourceKind(group: group, version: version, kind: kind, plural: name,
                                namespaced: r["namespaced"]?.boolValue ?? true)
        }
    }
}
