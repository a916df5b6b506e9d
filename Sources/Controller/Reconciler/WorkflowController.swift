import Foundation
import Logging
import Templates
import ClusterAPI

/// The workflow controller, in the Kubernetes controller shape: informers on Workflows, Pods and
/// WorkflowTaskResults only enqueue workflow keys (`namespace/name`); workers take keys from a `WorkQueue` and
/// run one `sync` each — a pure `Operator.operate` pass, then its actions against the cluster, then the status
/// write. A pod or task result that changes requeues its workflow at once: no polling delay between steps.
public final class WorkflowController: Sendable {
    /// How long a pod may show Running before its node does (see `PodChangeFilter`).
    static let runningPodDelay = Duration.milliseconds(100)
    /// Passes whose `operate` computed at least this long hold their workflow off for as long again.
    static let holdThreshold = Duration.milliseconds(4)

    let cluster: any Cluster
    /// What the backend adds to each pod before it is created.
    let podDecoration: PodDecoration
    let queue: WorkQueue<String, ContinuousClock>
    let workflows: Informer
    let pods: Informer
    let results: Informer
    let workflowTemplates: Informer
    let clusterWorkflowTemplates: Informer
    let cache = TypedWorkflowCache()
    let directReads = DirectReads()
    let workers: Int
    let logger: Logger
    let now: @Sendable () -> KubeTime
    /// How often every incomplete workflow is synced again whatever the watches said (`Resync`); nil for never.
    let resyncPeriod: Duration?
    /// Syncs done (tests read it).
    let syncs = Locked(0)

    public init(
        cluster: any Cluster, podDecoration: PodDecoration = .none, namespace: String? = nil, workers: Int = 2,
        logger: Logger = Logger(label: "argo-lite.controller"),
        now: @escaping @Sendable () -> KubeTime = { KubeTime.current() },
        resyncPeriod: Duration? = WorkflowController.defaultResyncPeriod
    ) throws {
        self.resyncPeriod = resyncPeriod
        let queue = WorkQueue<String, ContinuousClock>(clock: ContinuousClock())
        let selector = try LabelSelector(Common.labelKeyWorkflow)
        let byWorkflow: @Sendable (JSONValue) -> String? = { object in
            guard let wf = object["metadata"]?["labels"]?[Common.labelKeyWorkflow]?.stringValue else { return nil }
            let ns = object["metadata"]?["namespace"]?.stringValue ?? ""
            return ns.isEmpty ? wf : "\(ns)/\(wf)"
        }
        self.cluster = cluster
        self.podDecoration = podDecoration
        self.queue = queue
        self.workers = workers
        self.logger = logger
        self.now = now
        let directReads = self.directReads
        workflows = Informer(cluster: cluster, resource: .workflow, namespace: namespace, logger: logger) { event in
            switch event {
            case .upsert(let o):
                // The controller's own status write: a fixed point of `operate`, so a pass would find nothing.
                if directReads.consume(.workflow, o) { return }
                await queue.addEvent(Informer.key(o))
            case .delete(let o):
                _ = directReads.consume(.workflow, o)
                await queue.addEvent(Informer.key(o))
            }
        }
        let enqueueOwner: @Sendable (InformerEvent) async -> Void = { event in
            switch event {
            case .upsert(let o), .delete(let o):
                if let key = byWorkflow(o) { await queue.addEvent(key) }
            }
        }
        let podChanges = PodChangeFilter()
        pods = Informer(
            cluster: cluster, resource: .pod, namespace: namespace, selector: selector, logger: logger,
            indexKey: byWorkflow, transform: WorkflowController.podSummary
        ) { event in
            switch podChanges.decide(event) {
            case .none: break
            case .now:
                if case .upsert(let o) = event, directReads.consume(.pod, o) { return }
                await enqueueOwner(event)
            case .soon:
                if case .upsert(let o) = event, let key = byWorkflow(o) { await queue.addWithin(key, WorkflowController.runningPodDelay) }
            }
        }
        results = Informer(
            cluster: cluster, resource: .workflowTaskResult, namespace: namespace, selector: selector, logger: logger,
            indexKey: byWorkflow
        ) { event in
            if case .upsert(let o) = event, directReads.consume(.workflowTaskResult, o) { return }
            await enqueueOwner(event)
        }
        // Templates are read when a workflow refers to them; changes to them need not requeue anything.
        workflowTemplates = Informer(cluster: cluster, resource: .workflowTemplate, namespace: namespace, logger: logger) { _ in }
        clusterWorkflowTemplates = Informer(cluster: cluster, resource: .clusterWorkflowTemplate, logger: logger) { _ in }
    }

    /// What the controller keeps of a pod: metadata, status and the node it runs on. The rest of the spec (the
    /// containers, with the whole template in `ARGO_TEMPLATE`) is most of a pod's size and the controller never
    /// reads it back.
    @Sendable static func podSummary(_ pod: JSONValue) -> JSONValue {
        guard case .object(var object) = pod, let spec = object["spec"] else { return pod }
        object["spec"] = spec["nodeName"].map { ["nodeName": $0] } ?? .object([:])
        return .object(object)
    }

    var informers: [Informer] { [workflows, pods, results, workflowTemplates, clusterWorkflowTemplates] }

    /// Runs informers and workers until the surrounding task is cancelled.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await ControllerLoop.run(informers: self.informers, queue: self.queue, workers: self.workers) { await self.work() } }
            if let period = resyncPeriod { group.addTask { await self.resync(every: period) } }
            await group.waitForAll()
        }
    }

    private func work() async {
        while let key = await queue.get() {
            var computed = Duration.zero
            do {
                syncs.withLock { $0 += 1 }
                computed = try await sync(key)
                await queue.forget(key)
            } catch {
                // A sync cut short by the controller stopping is no failure: the next controller syncs again.
                if !Task.isCancelled { logger.warning("sync \(key) failed, will retry: \(error)") }
                await queue.addRateLimited(key)
            }
            // A workflow whose `operate` is expensive (thousands of nodes) is held off for as long as it computed:
            // otherwise each pod that ends costs a pass over every node, and the controller's work grows with
            // the square of the workflow. Pod creation and store writes do not count (a fan-out's thousand pod
            // creations are not a reason to wait).
            await queue.done(key, holdFor: computed >= WorkflowController.holdThreshold ? computed : .zero)
        }
    }
}
