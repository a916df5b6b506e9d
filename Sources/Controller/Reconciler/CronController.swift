import Foundation
import Logging
import Templates
import ClusterAPI
import Cron

/// CronWorkflows, run as Argo's cron controller runs them, in the controller shape of `WorkflowController`: an
/// informer on CronWorkflows and one on the workflows they started (label `workflows.argoproj.io/cron-workflow`)
/// only enqueue the CronWorkflow's key; a worker makes one pure `CronOperator.operate` pass and carries out what
/// it returns, then comes back at the next activation. Each pass is idempotent: a child workflow's name is fixed
/// by its scheduled time, so one created before a crash is found, not created twice.
public final class CronController: Sendable {

    let cluster: any Cluster
    let queue: WorkQueue<String, ContinuousClock>
    let crons: Informer
    let children: Informer
    let logger: Logger
    let now: @Sendable () -> Date

    public init(cluster: any Cluster, namespace: String? = nil, logger: Logger = Logger(label: "argo-lite.cron"),
                now: @escaping @Sendable () -> Date = { Date() }) throws {
        let queue = WorkQueue<String, ContinuousClock>(clock: ContinuousClock())
        let byCron: @Sendable (JSONValue) -> String? = { object in
            guard let cron = object["metadata"]?["labels"]?[Common.labelKeyCronWorkflow]?.stringValue else { return nil }
            let ns = object["metadata"]?["namespace"]?.stringValue ?? ""
            return ns.isEmpty ? cron : "\(ns)/\(cron)"
        }
        self.cluster = cluster
        self.queue = queue
        self.logger = logger
        self.now = now
        crons = Informer(cluster: cluster, resource: .cronWorkflow, namespace: namespace, logger: logger) { event in
            switch event {
            case .upsert(let o), .delete(let o): await queue.addEvent(Informer.key(o))
            }
        }
        children = Informer(
            cluster: cluster, resource: .workflow, namespace: namespace, selector: try LabelSelector(Common.labelKeyCronWorkflow),
            logger: logger, indexKey: byCron, transform: CronController.childSummary
        ) { event in
            switch event {
            case .upsert(let o), .delete(let o): if let key = byCron(o) { await queue.addEvent(key) }
            }
        }
    }

    /// What a pass reads of a child workflow: its metadata and when and how it ended.
    @Sendable static func childSummary(_ workflow: JSONValue) -> JSONValue {
        var status: JSONObject = [:]
        for field in ["phase", "startedAt", "finishedAt"] { status[field] = workflow["status"]?[field] }
        return ["metadata": workflow["metadata"] ?? [:], "spec": [:], "status": .object(status)]
    }

    /// Runs the informers and one worker until the surrounding task is cancelled.
    public func run() async {
        await ControllerLoop.run(informers: [crons, children], queue: queue, workers: 1) { await self.work() }
    }

    private func work() async {
        while let key = await queue.get() {
            do {
                try await sync(key)
                await queue.forget(key)
            } catch {
                if !Task.isCancelled { logger.warning("cron \(key) failed, will retry: \(error)") }
                await queue.addRateLimited(key)
            }
            await queue.done(key)
        }
    }

    /// One pass over one CronWorkflow. A deleted one needs nothing: its children go with it (owner references).
    func sync(_ key: String) async throws {
        // Read from the store, not the cache: the pass writes the whole object back at this version, and the cache
        // may not have this controller's own last write yet (a pass that a child's event starts comes soon after).
        guard let cached = await crons.get(key) else { return }
        let object: JSONValue
        do {
            object = try await cluster.get(.cronWorkflow, namespace: cached["metadata"]?["namespace"]?.stringValue,
                                           name: cached["metadata"]?["name"]?.stringValue ?? "")
        } catch {
            if case .notFound = error { return }
            throw error
        }
        let cron: CronWorkflow
        do {
            cron = try JSONBridge.decode(CronWorkflow.self, from: object)
        } catch {
            logger.error("\(key): cannot read the CronWorkflow, it is not scheduled: \(error)")
            return
        }
        let namespace = cron.metadata.namespace ?? "default"
        let kids = await children.items(indexedBy: key).compactMap { try? JSONBridge.decode(Workflow.self, from: $0) }
        let now = self.now()
        let pass = CronOperator.operate(cron, children: kids, now: now)
        for line in pass.events { logger.info("\(key): \(line)") }
        for name in pass.terminate {
            do {
                _ = try await cluster.patch(.workflow, namespace: namespace, name: name,
                                            patch: ["spec": ["shutdown": "Terminate"]], type: .merge)
            } catch {
                if case .notFound = error {} else { throw error }  // already gone: nothing to stop
            }
        }
        for workflow in pass.create { try await cluster.createIfAbsent(.workflow, workflow) }
        for name in pass.delete { try await cluster.deleteIfPresent(.workflow, namespace: namespace, name: name) }
        if pass.status != (cron.status ?? CronWorkflowStatus()) {
            // The whole object at the version read: a conflict (someone changed it meanwhile) retries the pass.
            var updated = object
            updated["status"] = try JSONBridge.encode(pass.status)
            // Argo's `setAsCompleted`: a CronWorkflow its stopStrategy stopped is labelled completed.
            if pass.status.phase == "Stopped" {
                var labels = updated["metadata"]?["labels"]?.objectValue ?? [:]
                labels[Common.labelKeyCronWorkflowCompleted] = "true"
                updated["metadata"]?["labels"] = .object(labels)
            }
            _ = try await cluster.update(.cronWorkflow, updated)
        }
        if let next = pass.nextRun {
            await queue.addAfter(key, .milliseconds(Int64(max(0, next.timeIntervalSince(now)) * 1000) + 1))
        }
    }
}
