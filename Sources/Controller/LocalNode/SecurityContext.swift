import Executor
import Templates
import ClusterAPI

/// A container's `securityContext` merged over its pod's, as the kubelet merges them: the user and groups its
/// command runs as, the capabilities it keeps, and whether its root is read-only.
struct ContainerSecurity: Sendable, Equatable {
    var runAs: RunAs?
    var capabilities: Capabilities
    var readOnlyRoot: Bool

    /// Why a container cannot start with its security context (the kubelet's `CreateContainerConfigError`).
    struct Refusal: Error, CustomStringConvertible {
        var description: String
    }

    /// The container's security, or why the kubelet would not start it. A local pod's "image" is the host, whose
    /// user is root: `runAsNonRoot` needs a non-zero `runAsUser`, and an unset `runAsGroup` is group 0, as for an
    /// image without a user of its own.
    static func resolve(pod: JSONValue, container: JSONValue) -> Result<ContainerSecurity, Refusal> {
        let podContext = pod["spec"]?["securityContext"] ?? .null
        let own = container["securityContext"] ?? .null
        func value(_ key: String) -> JSONValue? { own[key].flatMap { $0.isNull ? nil : $0 } ?? podContext[key].flatMap { $0.isNull ? nil : $0 } }
        let uid = value("runAsUser")?.intValue
        let gid = value("runAsGroup")?.intValue
        let podName = pod["metadata"]?["name"]?.stringValue ?? ""
        let namespace = pod["metadata"]?["namespace"]?.stringValue ?? "default"
        let containerName = container["name"]?.stringValue ?? "main"
        if value("runAsNonRoot")?.boolValue == true, (uid ?? 0) == 0 {
            let which = "(pod: \"\(podName)_\(namespace)\", container: \(containerName))"
            return .failure(Refusal(description: uid == nil
                ? "container has runAsNonRoot and image will run as root \(which)"
                : "container's runAsUser breaks non-root policy \(which)"))
        }
        for (key, n) in [("runAsUser", uid), ("runAsGroup", gid)] {
            if let n, n < 0 || n > Int(UInt32.max) {
                return .failure(Refusal(description: "securityContext.\(key) \(n) of container \(containerName) is not a valid ID"))
            }
        }
        var groups = (podContext["supplementalGroups"]?.arrayValue ?? []).compactMap(\.intValue)
        if let fsGroup = podContext["fsGroup"]?.intValue { groups.append(fsGroup) }
        var runAs: RunAs?
        if uid != nil || gid != nil || !groups.isEmpty {
            runAs = RunAs(uid: UInt32(uid ?? 0), gid: UInt32(gid ?? 0),
                          groups: groups.filter { $0 >= 0 && $0 <= Int(UInt32.max) }.map { UInt32($0) })
        }
        let caps = own["capabilities"] ?? .null
        let names = { (key: String) in (caps[key]?.arrayValue ?? []).compactMap(\.stringValue) }
        switch Capabilities.forContainer(add: names("add"), drop: names("drop"), privileged: own["privileged"]?.boolValue == true) {
        case .success(let kept):
            return .success(ContainerSecurity(runAs: runAs, capabilities: kept,
                                              readOnlyRoot: own["readOnlyRootFilesystem"]?.boolValue == true))
        case .failure(let unknown):
            return .failure(Refusal(description: "\(unknown) of container \(containerName)"))
        }
    }
}
