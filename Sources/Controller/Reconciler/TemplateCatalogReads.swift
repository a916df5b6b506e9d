import Templates
import ClusterAPI
import Operator

extension WorkflowController {
    /// The WorkflowTemplates and ClusterWorkflowTemplates a workflow's pass can use: the informers' caches, and
    /// for each template the spec references that the caches do not hold yet, a direct read. A template created
    /// just before the workflow that runs it may not have reached its informer when the first pass runs; without
    /// the read that pass would fail the workflow over a template that exists. Only what is still not found
    /// after the read is missing (the pass then fails the workflow, as Argo's does). `spec`: nil once the workflow
    /// has started, when the caches hold what it names and scanning its templates each pass would be waste.
    func templateCatalog(for spec: WorkflowSpec?, namespace: String) async -> TemplateCatalog {
        var catalog = TemplateCatalog()
        for object in await workflowTemplates.items() where object["metadata"]?["namespace"]?.stringValue == namespace {
            if let t = try? await cache.decode(WorkflowTemplate.self, object), let n = t.metadata.name {
                catalog.workflowTemplates[n] = t
            }
        }
        for object in await clusterWorkflowTemplates.items() {
            if let t = try? await cache.decode(ClusterWorkflowTemplate.self, object), let n = t.metadata.name {
                catalog.clusterWorkflowTemplates[n] = t
            }
        }
        var tried = Set<TemplateCatalog.Reference>()
        var misses = spec.map { catalog.missingReferences(of: $0) } ?? []
        while let miss = misses.popLast() {
            guard tried.insert(miss).inserted else { continue }
            let kind: ResourceKind = miss.clusterScope ? .clusterWorkflowTemplate : .workflowTemplate
            guard let object = try? await cluster.get(kind, namespace: miss.clusterScope ? nil : namespace, name: miss.name)
            else { continue }
            let fetched: WorkflowSpec?
            if miss.clusterScope {
                let t = try? await cache.decode(ClusterWorkflowTemplate.self, object)
                catalog.clusterWorkflowTemplates[miss.name] = t
                fetched = t?.spec
            } else {
                let t = try? await cache.decode(WorkflowTemplate.self, object)
                catalog.workflowTemplates[miss.name] = t
                fetched = t?.spec
            }
            // What the fetched template refers to may be missing as well.
            if let fetched { misses += catalog.missingReferences(of: fetched) }
        }
        return catalog
    }
}
