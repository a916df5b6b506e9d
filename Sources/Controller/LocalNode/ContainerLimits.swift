#if canImport(Glibc)
import Glibc
#endif
import Executor
import Templates
import ClusterAPI

/// A container's `resources.limits.memory` and `.cpu` as the cgroup its emissary makes (`ContainerCgroup`), when
/// the machine's cgroups can be written; otherwise the limits are not applied, which the agent says once on
/// standard error.
enum ContainerLimits {
    static func cgroup(for container: JSONValue, namespace: String, pod: String) -> ContainerCgroup? {
        let limits = container["resources"]?["limits"] ?? .null
        func quantity(_ key: String) -> ResourceQuantity? {
            (limits[key]?.stringValue ?? limits[key]?.intValue.map(String.init)).flatMap(ResourceQuantity.init)
        }
        let memory = quantity("memory").map { UInt64(max(4096, $0.value.rounded(.up))) }
        let cpu = quantity("cpu").map { UInt64(max(1, ($0.value * 1000).rounded(.up))) }
        guard memory != nil || cpu != nil else { return nil }
        guard available else {
            warnOnce()
            return nil
        }
        let container = container["name"]?.stringValue ?? "main"
        return ContainerCgroup(name: "\(namespace)_\(pod)_\(container)", memoryLimit: memory, cpuMillis: cpu)
    }

    /// `resources.limits.ephemeral-storage` in bytes: the size of a container's layer in memory.
    static func ephemeralStorage(of container: JSONValue) -> UInt64? {
        let limit = container["resources"]?["limits"]?["ephemeral-storage"]
        return (limit?.stringValue ?? limit?.intValue.map(String.init)).flatMap(ResourceQuantity.init)
            .map { UInt64(max(65536, $0.value.rounded(.up))) }
    }

    private static let available = ContainerCgroup.hierarchy() != nil
    private static let warned = Locked(false)

    private static func warnOnce() {
        guard warned.withLock({ let first = !$0; $0 = true; return first }) else { return }
        let msg = "argo-lite: warning: resources.limits are not applied: no writable cgroup hierarchy under /sys/fs/cgroup\n"
        _ = msg.withCString { write(2, $0, strlen($0)) }
    }
}
