import Foundation
import Templates
import ClusterAPI
import LocalStore

/// A container's environment as the kubelet builds it: the host's PATH (images are host commands here), then
/// `envFrom` sources, then `env` (values, `$(VAR)` references, ConfigMap / Secret keys and pod fields).
struct PodEnv: Sendable {
    let cluster: LocalCluster
    let pod: JSONValue

    func variables(for container: JSONValue) async throws -> [String: String] {
        let host = ProcessInfo.processInfo.environment
        var env: [String: String] = [
            "PATH": host["PATH"] ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "HOME": host["HOME"] ?? "/root",
            "HOSTNAME": pod["metadata"]?["name"]?.stringValue ?? "",
        ]
        // As Argo's pods get it through the downward API; also how a restarted agent finds an unrecorded process
        // of this very pod (names repeat across state directories and recreations, uids do not).
        if let uid = pod["metadata"]?["uid"]?.stringValue { env["ARGO_POD_UID"] = uid }
        let namespace = pod["metadata"]?["namespace"]?.stringValue ?? "default"
        for source in container["envFrom"]?.arrayValue ?? [] {
            let prefix = source["prefix"]?.stringValue ?? ""
            if let ref = source["configMapRef"] {
                for (k, v) in try await data(.configMap, namespace, ref) { env[prefix + k] = v }
            } else if let ref = source["secretRef"] {
                for (k, v) in try await data(.secret, namespace, ref) { env[prefix + k] = v }
            }
        }
        for variable in container["env"]?.arrayValue ?? [] {
            guard let name = variable["name"]?.stringValue else { continue }
            if let from = variable["valueFrom"] {
                if let value = try await valueFrom(from, namespace: namespace) { env[name] = value }
            } else {
                env[name] = PodEnv.expand(variable["value"]?.stringValue ?? "", env)
            }
        }
        return env
    }

    private func valueFrom(_ from: JSONValue, namespace: String) async throws -> String? {
        if let ref = from["configMapKeyRef"] { return try await key(.configMap, namespace, ref) }
        if let ref = from["secretKeyRef"] { return try await key(.secret, namespace, ref) }
        if let path = from["fieldRef"]?["fieldPath"]?.stringValue { return PodEnv.field(path, of: pod) }
        return nil
    }

    private func key(_ kind: ResourceKind, _ namespace: String, _ ref: JSONValue) async throws -> String? {
        let values = try await data(kind, namespace, ref)
        let key = ref["key"]?.stringValue ?? ""
        if let v = values[key] { return v }
        if ref["optional"]?.boolValue == true { return nil }
        throw PodLaunchError("couldn't find key \(key) in \(kind.kind) \(namespace)/\(ref["name"]?.stringValue ?? "")")
    }

    /// The string data of a ConfigMap or Secret (Secret `data` is base64, `stringData` plain).
    func data(_ kind: ResourceKind, _ namespace: String, _ ref: JSONValue) async throws -> [String: String] {
        let name = ref["name"]?.stringValue ?? ref["secretName"]?.stringValue ?? ""
        let object: JSONValue
        do {
            object = try await cluster.get(kind, namespace: namespace, name: name)
        } catch {
            if case .notFound = error, ref["optional"]?.boolValue == true { return [:] }
            throw PodLaunchError("\(kind.kind.lowercased()) \"\(name)\" not found in namespace \"\(namespace)\"")
        }
        var out: [String: String] = [:]
        for (k, v) in object["data"]?.objectValue ?? [:] {
            guard let s = v.stringValue else { continue }
            if kind == .secret {
                out[k] = Data(base64Encoded: s).map { String(decoding: $0, as: UTF8.self) } ?? s
            } else {
                out[k] = s
            }
        }
        for (k, v) in object["stringData"]?.objectValue ?? [:] { out[k] = v.stringValue }
        return out
    }

    static func field(_ path: String, of pod: JSONValue) -> String? {
        let meta = pod["metadata"]
        switch path {
        case "metadata.name": return meta?["name"]?.stringValue
        case "metadata.namespace": return meta?["namespace"]?.stringValue
        case "metadata.uid": return meta?["uid"]?.stringValue
        case "spec.nodeName": return "argo-lite"
        case "spec.serviceAccountName": return pod["spec"]?["serviceAccountName"]?.stringValue ?? "default"
        case "status.podIP", "status.hostIP": return "127.0.0.1"
        default:
            for (prefix, field) in [("metadata.labels['", "labels"), ("metadata.annotations['", "annotations")]
            where path.hasPrefix(prefix) && path.hasSuffix("']") {
                let key = String(path.dropFirst(prefix.count).dropLast(2))
                return meta?[field]?[key]?.stringValue
            }
            return nil
        }
    }

    /// Kubernetes' `$(VAR)` expansion: defined variables are replaced, `$$` is a literal `$`, the rest is kept.
    static func expand(_ text: String, _ env: [String: String]) -> String {
        guard text.contains("$") else { return text }
        var out = ""
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            let next = text.index(after: i)
            if c == "$", next < text.endIndex {
                if text[next] == "$" {
                    out.append("$")
                    i = text.index(after: next)
                    continue
                }
                if text[next] == "(", let close = text[next...].firstIndex(of: ")") {
                    let name = String(text[text.index(after: next)..<close])
                    if let value = env[name] {
                        out += value
                        i = text.index(after: close)
                        continue
                    }
                }
            }
            out.append(c)
            i = next
        }
        return out
    }

    /// The template the operator put in the main container's `ARGO_TEMPLATE` variable.
    static func template(of container: JSONValue) -> JSONValue? {
        for variable in container["env"]?.arrayValue ?? [] where variable["name"]?.stringValue == "ARGO_TEMPLATE" {
            if let text = variable["value"]?.stringValue { return try? JSONBridge.parse(text) }
        }
        return nil
    }
}
