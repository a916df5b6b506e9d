import Templates
import ClusterAPI
import Operator

extension WorkflowController {
    /// Deletes what of a workflow is due (`WorkflowGarbage`) and comes back when the next thing is. Runs only after
    /// the workflow's status is stored, as Argo queues pods for cleanup only once its update succeeded: a pod goes
    /// only when the store already holds its node's end. Idempotent: what is gone is not found, which is done.
    /// `templates`: the pass's catalog, when the sync has one (else it is read here, only for a `workflowTemplateRef`).
    func collectGarbage(_ stored: Workflow, key: String, templates: TemplateCatalog? = nil) async throws {
        let namespace = stored.metadata.namespace ?? "default"
        var workflow = stored
        // Argo reads both from the spec merged with the referenced WorkflowTemplate's (the workflow's own win).
        if let ref = stored.spec.workflowTemplateRef, let name = ref.name {
            let catalog: TemplateCatalog
            if let templates { catalog = templates } else { catalog = await templateCatalog(for: stored.spec, namespace: namespace) }
            let base = ref.clusterScope == true ? catalog.clusterWorkflowTemplates[name]?.spec : catalog.workflowTemplates[name]?.spec
            if let base { workflow.spec = OperationContext.merge(workflow: stored.spec, onto: base) }
        }
        guard workflow.spec.podGC?.strategy != nil || workflow.spec.ttlStrategy != nil else { return }
        let now = self.now()
        if let expiry = WorkflowGarbage.expiry(of: workflow) {
            guard expiry > now else {
                logger.info("\(key): deleting the workflow, its ttlStrategy has expired")
                try await cluster.deleteIfPresent(.workflow, namespace: namespace, name: workflow.metadata.name ?? "")
                return
            }
            await queue.addAfter(key, .seconds(expiry.seconds - now.seconds))
        }
        let (due, next) = WorkflowGarbage.pods(of: workflow, await pods.items(indexedBy: key), now: now)
        for name in due { try await cluster.deleteIfPresent(.pod, namespace: namespace, name: name) }
        if let next { await queue.addAfter(key, .seconds(next.seconds - now.seconds)) }
    }
}
