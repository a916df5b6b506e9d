import Foundation
import ClusterAPI

extension ResourceKind {
    /// The REST path of this kind's collection (`name` nil) or of one object, as client-go builds it:
    /// `/api/v1/...` for the core group, `/apis/GROUP/VERSION/...` otherwise; `namespaces/NS/` only for
    /// namespaced kinds given a namespace (none: across all namespaces).
    public func kubePath(namespace: String?, name: String? = nil, subresource: String? = nil) -> String {
        var path = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
        if namespaced, let namespace, !namespace.isEmpty { path += "/namespaces/\(KubeRequest.escapePath(namespace))" }
        path += "/\(plural)"
        if let name { path += "/\(KubeRequest.escapePath(name))" }
        if let subresource { path += "/\(subresource)" }
        return path
    }
}

extension KubeRequest {
    /// One path segment: Kubernetes names are DNS labels, but a bad name must not change the path's shape.
    static func escapePath(_ s: String) -> String {
        escape(s).replacingOccurrences(of: "+", with: "%20")
    }
}
