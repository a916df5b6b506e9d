import Executor
import Foundation
import Templates
import ClusterAPI
import LocalStore

/// A pod's volumes as host directories, bound at each container's `mountPath`: `emptyDir` under the pod's own
/// directory, `hostPath` as it is, ConfigMaps and Secrets written out as files, PersistentVolumeClaims as
/// directories kept in the state directory (`volumes/<namespace>/<claim>`), so they outlive the pod.
struct PodVolumes: Sendable {
    let cluster: LocalCluster
    let namespace: String
    let podDirectory: URL
    let volumes: [JSONValue]

    func binds(for mounts: [JSONValue]) async throws -> [VolumeBind] {
        var out: [VolumeBind] = []
        for mount in mounts {
            guard let name = mount["name"]?.stringValue, let path = mount["mountPath"]?.stringValue else { continue }
            guard let volume = volumes.first(where: { $0["name"]?.stringValue == name }) else {
                throw PodLaunchError("volume \"\(name)\" is mounted at \(path) but the pod has no volume of that name")
            }
            var host = try await directory(for: volume, name: name)
            if let sub = mount["subPath"]?.stringValue, !sub.isEmpty {
                host = host.appendingPathComponent(sub)
                try FileManager.default.createDirectory(at: host, withIntermediateDirectories: true)
            }
            out.append(VolumeBind(hostPath: host.path, mountPath: path, readOnly: mount["readOnly"]?.boolValue ?? false))
        }
        return out
    }

    private func directory(for volume: JSONValue, name: String) async throws -> URL {
        let fm = FileManager.default
        if let path = volume["hostPath"]?["path"]?.stringValue {
            let url = URL(fileURLWithPath: path)
            if !fm.fileExists(atPath: path) { try fm.createDirectory(at: url, withIntermediateDirectories: true) }
            return url
        }
        if let claim = volume["persistentVolumeClaim"]?["claimName"]?.stringValue {
            let url = cluster.directory.appendingPathComponent("volumes/\(namespace)/\(claim)")
            try fm.createDirectory(at: url, withIntermediateDirectories: true)
            return url
        }
        let url = podDirectory.appendingPathComponent("volumes/\(name)")
        try fm.createDirectory(at: url, withIntermediateDirectories: true)
        // As the kubelet makes an emptyDir: writable by whatever user the pod's containers run as.
        if volume["emptyDir"] != nil { chmod(url.path, 0o777) }
        let env = PodEnv(cluster: cluster, pod: .null)
        for (key, kind) in [("configMap", ResourceKind.configMap), ("secret", ResourceKind.secret)] {
            guard let source = volume[key] else { continue }
            let values = try await env.data(kind, namespace, source)
            let items = source["items"]?.arrayValue?.compactMap { item -> (String, String)? in
                guard let k = item["key"]?.stringValue, let p = item["path"]?.stringValue else { return nil }
                return (k, p)
            } ?? values.keys.sorted().map { ($0, $0) }
            for (k, p) in items {
                guard let v = values[k] else { continue }
                let file = url.appendingPathComponent(p)
                try fm.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try PodFiles.write(v, to: file)
            }
        }
        return url
    }
}
