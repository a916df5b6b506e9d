import Foundation
import Logging
import Templates

/// The whole local engine in one process: the workflow controller and the node agent over one state directory,
/// guarded by a lease so that only one runs per state directory. `argo-lite controller` runs it in the
/// foreground; `submit --wait/--watch` starts one in-process when no other process holds the lease.
public final class LocalRuntime: Sendable {
    public static let leaseName = "argo-lite-controller"
    public static let leaseSeconds = 15.0

    let cluster: LocalCluster
    let holder: String
    let tasks: [Task<Void, Never>]
    let logger: Logger

    private init(cluster: LocalCluster, holder: String, tasks: [Task<Void, Never>], logger: Logger) {
        self.cluster = cluster
        self.holder = holder
        self.tasks = tasks
        self.logger = logger
    }

    /// Starts controller and agent unless another process holds the state directory's lease (then nil).
    public static func startIfNeeded(
        cluster: LocalCluster, stateDirectory: URL? = nil, maxPods: Int = LocalNodeAgent.defaultMaxPods,
        workers: Int = 2, executable: String = SelfExecutable.path, logger: Logger = Logger(label: "argo-lite")
    ) async throws -> LocalRuntime? {
        let holder = "\(ProcessInfo.processInfo.hostName)-\(getpid())-\(UUID().uuidString.prefix(8))"
        guard try await acquire(cluster: cluster, holder: holder) else { return nil }
        let catalog = try ImageCatalog.load(
            stateDirectory: (stateDirectory ?? cluster.directory).path, selfExecutable: executable)
        let runner = PodProcessRunner(isolation: await Isolation.detect(), selfExecutable: executable)
        if case .processGroup = runner.isolation {
            logger.warning("pods run without their own mount and PID namespaces (needs root and unshare): /tmp is shared and volumes are not mounted at their mountPath")
        }
        let controller = try WorkflowController(cluster: cluster, workers: workers, logger: logger)
        let agent = LocalNodeAgent(cluster: cluster, runner: runner, catalog: catalog, maxPods: maxPods, logger: logger)
        let renew = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(leaseSeconds / 3))
                if Task.isCancelled { break }
                let held = try? await cluster.tryAcquireLease(name: leaseName, holder: holder, duration: leaseSeconds, now: Date())
                if held != true { logger.error("lost the controller lease of \(cluster.directory.path)") }
            }
        }
        let tasks = [Task { await controller.run() }, Task { await agent.run() }, renew]
        return LocalRuntime(cluster: cluster, holder: holder, tasks: tasks, logger: logger)
    }

    /// Takes the state directory's lease. A lease still held by a process of this machine that no longer exists
    /// (argo-lite was killed) is taken over at once instead of after it expires.
    static func acquire(cluster: LocalCluster, holder: String) async throws -> Bool {
        if try await cluster.tryAcquireLease(name: leaseName, holder: holder, duration: leaseSeconds, now: Date()) {
            return true
        }
        guard let lease = try? await cluster.get(.lease, namespace: "default", name: leaseName),
            let current = lease["spec"]?["holderIdentity"]?.stringValue, isDeadLocalHolder(current)
        else { return false }
        // Conditional on the version read: of two processes taking over at once, one wins.
        var released = lease
        released["spec"]?["holderIdentity"] = ""
        guard (try? await cluster.update(.lease, released)) != nil else { return false }
        return try await cluster.tryAcquireLease(name: leaseName, holder: holder, duration: leaseSeconds, now: Date())
    }

    /// `<host>-<pid>-<random>` names a process of this host that has exited.
    static func isDeadLocalHolder(_ holder: String) -> Bool {
        let host = ProcessInfo.processInfo.hostName
        guard holder.hasPrefix(host + "-") else { return false }
        let rest = holder.dropFirst(host.count + 1).split(separator: "-")
        guard let pid = rest.first.flatMap({ Int32($0) }), pid > 0 else { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    /// Stops controller and agent (running pods are stopped) and gives the lease back.
    public func shutdown() async {
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
        try? await cluster.releaseLease(name: LocalRuntime.leaseName, holder: holder)
    }

    /// Runs until cancelled (the `controller` command).
    public func wait() async {
        for task in tasks { await task.value }
    }
}
