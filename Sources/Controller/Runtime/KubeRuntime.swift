import Foundation
import Logging
import Templates
import ClusterAPI
import Kube
import Reconciler

/// The controller on a Kubernetes cluster: the same `WorkflowController` and `CronController` as the local
/// default, over `KubeCluster`, with the pods decorated for Kubernetes (`KubePodDecoration`) and the kubelet
/// running them. Only one runs per cluster (or per managed namespace): the leader holds the Lease
/// `workflow-controller` in its own namespace, as Argo's controller replicas do, so an Argo controller and an
/// argo-lite one never both act on the same workflows; a standby (`startIfNeeded` returns nil) takes over once the
/// lease is free or has expired.
public final class KubeRuntime: Sendable {
    public static let leaseName = "workflow-controller"
    public static let leaseSeconds = 15.0

    public struct Options: Sendable {
        /// The one namespace to manage (`--namespaced --managed-namespace`), or nil for all.
        public var managedNamespace: String?
        /// Where the lease lives: the controller's own namespace.
        public var leaseNamespace: String
        public var pods: KubePodDecoration.Options
        public var workers: Int
        public var renewEvery: Duration
        public var resyncPeriod: Duration?

        public init(managedNamespace: String? = nil, leaseNamespace: String = "argo", pods: KubePodDecoration.Options,
                    workers: Int = 32, renewEvery: Duration = .seconds(5),
                    resyncPeriod: Duration? = WorkflowController.defaultResyncPeriod) {
            self.managedNamespace = managedNamespace
            self.leaseNamespace = leaseNamespace
            self.pods = pods
            self.workers = workers
            self.renewEvery = renewEvery
            self.resyncPeriod = resyncPeriod
        }
    }

    let cluster: any Cluster
    let holder: String
    let leaseNamespace: String
    let tasks: [Task<Void, Never>]

    private init(cluster: any Cluster, holder: String, leaseNamespace: String, tasks: [Task<Void, Never>]) {
        self.cluster = cluster
        self.holder = holder
        self.leaseNamespace = leaseNamespace
        self.tasks = tasks
    }

    /// Starts the controllers when this process wins the lease; nil while another holder has it.
    /// (The logger is optional rather than a `Logger(label:)` default argument: docs/swift-release-crash.md.)
    public static func startIfNeeded(cluster: any Cluster, options: Options, holder: String? = nil, logger given: Logger? = nil)
        async throws -> KubeRuntime?
    {
        let logger = given ?? Logger(label: "argo-lite")
        let holder = holder ?? "\(ProcessInfo.processInfo.hostName)-\(UUID().uuidString.prefix(8))"
        guard try await cluster.tryAcquireLease(
            name: leaseName, holder: holder, duration: leaseSeconds, now: Date(), namespace: options.leaseNamespace)
        else { return nil }
        let pods = options.pods
        let decoration = PodDecoration { pod throws(ClusterError) in try KubePodDecoration.decorate(pod, pods) }
        let controller = try WorkflowController(
            cluster: cluster, podDecoration: decoration, namespace: options.managedNamespace, workers: options.workers,
            logger: logger, resyncPeriod: options.resyncPeriod)
        let cron = try CronController(cluster: cluster, namespace: options.managedNamespace, logger: logger)
        let engine = [Task { await controller.run() }, Task { await cron.run() }]
        let lease = options.leaseNamespace
        let renew = Task {
            let other = await LeaderElection.hold(
                cluster, lease: leaseName, namespace: lease, holder: holder, duration: leaseSeconds, every: options.renewEvery
            ) { error in logger.warning("cannot renew the lease \(lease)/\(leaseName): \(error)") }
            guard let other else { return }
            logger.error("lost the lease \(lease)/\(leaseName) to \(other): stopping this controller")
            for task in engine { task.cancel() }
        }
        return KubeRuntime(cluster: cluster, holder: holder, leaseNamespace: lease, tasks: engine + [renew])
    }

    /// Stops the controllers and gives the lease back, so a standby takes over at once.
    public func shutdown() async {
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
        try? await cluster.releaseLease(name: KubeRuntime.leaseName, holder: holder, namespace: leaseNamespace)
    }

    /// Returns when the runtime has stopped: after `shutdown`, or by itself when it lost its lease.
    public func waitUntilStopped() async {
        for task in tasks { await task.value }
    }
}
