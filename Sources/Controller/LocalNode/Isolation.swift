#if canImport(Glibc)
import Glibc
#endif
import Subprocess
import Synchronization
import ClusterAPI

/// How a pod's containers are kept apart from the host.
public enum Isolation: Sendable, Equatable {
    /// New mount and PID namespaces per container (`unshare --mount --pid --fork --kill-child`), in which the
    /// emissary gives the container its own root (`ContainerRoot`), `/tmp`, volumes at their `mountPath`; the whole
    /// tree dies with the namespace's first process.
    case namespaces(unshare: String)
    /// A new process group only: stopping signals the group. Volumes are not mounted at their `mountPath`,
    /// `/tmp` is the host's. Used when not root or when `unshare` does not work.
    case processGroup

    /// Namespaces when running as root and a probe `unshare` succeeds (checked once per process); otherwise
    /// the process-group fallback, with a one-line warning on standard error the first time.
    public static func detect() async -> Isolation {
        if let cached = cache.withLock({ $0 }) { return cached }
        let found = await probe()
        cache.withLock { $0 = found }
        if found == .processGroup {
            let msg = "argo-lite: warning: no mount/PID namespaces (needs root and a working unshare); pods run as plain "
                + "process groups on the host's root filesystem: /tmp is shared, volumes are not mounted at their mountPath, "
                + "securityContext and resources.limits are not applied\n"
            _ = msg.withCString { write(2, $0, strlen($0)) }
        }
        return found
    }

    private static let cache = Locked<Isolation?>(nil)

    private static func probe() async -> Isolation {
        guard geteuid() == 0 else { return .processGroup }
        let candidates: [String] = ["/usr/bin/unshare", "/bin/unshare", "/usr/sbin/unshare"]
        guard let unshare = candidates.first(where: { access($0, X_OK) == 0 })
        else { return .processGroup }
        let result = try? await Subprocess.run(
            .path(.init(unshare)),
            arguments: ["--mount", "--pid", "--fork", "--kill-child", "--propagation", "private", "--", "/bin/true"],
            output: .discarded, error: .discarded)
        if case .exited(0)? = result?.terminationStatus { return .namespaces(unshare: unshare) }
        return .processGroup
    }
}
