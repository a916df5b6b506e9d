import Foundation
import Logging
import Templates
import ClusterAPI
import LocalStore
import Reconciler
import LocalNode

/// The whole local engine in one process: the workflow controller and the node agent over one state directory,
/// guarded by a lease so that only one runs per state directory. `argo-lite controller` runs it in the
/// foreground; `submit --wait/--watch` starts one in-process when no other process holds the lease. A runtime
/// that loses the lease (another process took it over: this one was stalled past its expiry) stops at once, as
/// Argo's controller does when it loses leader election: two controllers must never run one state directory.
public final class LocalRuntime: Sendable {
    public static let leaseName = "argo-lite-controller"
    public static let leaseSeconds = 15.0

    let cluster: LocalCluster
    let holder: String
    let agent: LocalNodeAgent
    let tasks: [Task<Void, Never>]
    let logger: Logger

    private init(cluster: LocalCluster, holder: String, agent: LocalNodeAgent, tasks: [Task<Void, Never>], logger: Logger) {
        self.cluster = cluster
        self.holder = holder
        self.agent = agent
        self.tasks = tasks
        self.logger = logger
    }

    /// Starts controller and agent unless another process holds the state directory's lease (then nil).
    /// `renewEvery`: how often the lease is renewed and checked (tests shorten it); `resyncPeriod`: how often the
    /// controller syncs every incomplete workflow again (`WorkflowController.resync`).
    public static func startIfNeeded(
        cluster: LocalCluster, stateDirectory: URL? = nil, maxPods: Int = LocalNodeAgent.defaultMaxPods,
        workers: Int = 2, executable: String = SelfExecutable.path, logger given: Logger? = nil,
        renewEvery: Duration = .seconds(leaseSeconds / 3),
        resyncPeriod: Duration? = WorkflowController.defaultResyncPeriod
    ) async throws -> LocalRuntime? {
        // Not a default argument `Logger(label:)`: Swift 6.3.1's optimiser crashes compiling the callers of this
        // function in release builds when it is one (docs/swift-release-crash.md).
        let logger = given ?? Logger(label: "argo-lite")
        let holder = "\(ProcessInfo.processInfo.hostName)-\(getpid())-\(UUID().uuidString.prefix(8))"
        guard try await acquire(cluster: cluster, holder: holder) else { return nil }
        let catalog = try ImageCatalog.load(
            stateDirectory: (stateDirectory ?? cluster.directory).path, selfExecutable: executable)
        let runner = PodProcessRunner(isolation: await Isolation.detect(), selfExecutable: executable)
        if case .processGroup = runner.isolation {
            logger.warning("pods run without isolation (needs root and unshare): they write the host's root filesystem, /tmp is shared, volumes are not mounted at their mountPath, and securityContext and resources.limits are not applied")
        }
        // No pod decoration: the local node agent wraps each container in the emissary itself.
        let controller = try WorkflowController(
            cluster: cluster, podDecoration: .none, workers: workers, logger: logger, resyncPeriod: resyncPeriod)
        let agent = LocalNodeAgent(cluster: cluster, runner: runner, catalog: catalog, maxPods: maxPods, logger: logger)
        let cron = try CronController(cluster: cluster, logger: logger)
        let engine = [Task { await controller.run() }, Task { await agent.run() }, Task { await cron.run() }]
        let renew = Task { await holdLease(cluster: cluster, holder: holder, every: renewEvery, engine: engine, logger: logger) }
        return LocalRuntime(cluster: cluster, holder: holder, agent: agent, tasks: engine + [renew], logger: logger)
    }

    /// Renews the lease until cancelled. When another holder has it (this process stalled past its expiry and
    /// another controller took over), stops `engine`: the controller and the agent, whose pods run on.
    static func holdLease(cluster: LocalCluster, holder: String, every interval: Duration, engine: [Task<Void, Never>],
                          logger: Logger) async {
        let other = await LeaderElection.hold(
            cluster, lease: leaseName, namespace: "default", holder: holder, duration: leaseSeconds, every: interval
        ) { error in
            // Nobody else holds it yet: the store could not be written. Try again.
            logger.warning("cannot renew the controller lease of \(cluster.directory.path): \(error)")
        }
        guard let other else { return }
        logger.error("lost the controller lease of \(cluster.directory.path) to \(other): stopping this controller; its running pods run on for the other one")
        for task in engine { task.cancel() }
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

    /// Stops controller and agent and gives the lease back. Running pods run on (as containers outlive a stopped
    /// kubelet) and the next controller collects them; `stoppingPods` stops their process trees instead.
    public func shutdown(stoppingPods: Bool = false) async {
        if stoppingPods { await agent.stopPods() }
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
        try? await cluster.releaseLease(name: LocalRuntime.leaseName, holder: holder)
    }

    /// Returns when the runtime has stopped: after `shutdown`, or by itself when it lost its lease.
    public func waitUntilStopped() async {
        for task in tasks { await task.value }
    }
}
