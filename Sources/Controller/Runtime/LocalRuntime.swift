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
        guard try await cluster.tryAcquireLease(name: leaseName, holder: holder, duration: leaseSeconds, now: Date())
        else { return nil }
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
