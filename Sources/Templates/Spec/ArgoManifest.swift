// What one YAML document can be. Loading (YAML → JSONValue → these types) lives elsewhere.

/// One manifest document, decoded by its `kind`.
public enum ArgoManifest: Sendable, Hashable {
    case workflow(Workflow)
    case workflowTemplate(WorkflowTemplate)
    case clusterWorkflowTemplate(ClusterWorkflowTemplate)
    case cronWorkflow(CronWorkflow)
    case workflowTaskResult(WorkflowTaskResult)
    case workflowEventBinding(WorkflowEventBinding)
    /// Any other document (ConfigMap, PersistentVolumeClaim, ...), kept as JSON.
    case other(kind: String, JSONValue)

    /// The document's `kind`, or nil when it has none (or it is not a string).
    public static func kind(of document: JSONValue) -> String? {
        document["kind"]?.stringValue
    }

    /// The Argo kinds that have a case of their own.
    public static let argoKinds: Set<String> = [
        "Workflow", "WorkflowTemplate", "ClusterWorkflowTemplate", "CronWorkflow", "WorkflowTaskResult",
        "WorkflowEventBinding",
    ]

    /// The manifest's `kind`.
    public var kind: String {
        switch self {
        case .workflow: return "Workflow"
        case .workflowTemplate: return "WorkflowTemplate"
        case .clusterWorkflowTemplate: return "ClusterWorkflowTemplate"
        case .cronWorkflow: return "CronWorkflow"
        case .workflowTaskResult: return "WorkflowTaskResult"
        case .workflowEventBinding: return "WorkflowEventBinding"
        case .other(let kind, _): return kind
        }
    }

    /// The manifest's metadata, when it is one of the Argo kinds.
    public var metadata: ObjectMeta? {
        switch self {
        case .workflow(let w): return w.metadata
        case .workflowTemplate(let t): return t.metadata
        case .clusterWorkflowTemplate(let t): return t.metadata
        case .cronWorkflow(let c): return c.metadata
        case .workflowTaskResult(let r): return r.metadata
        case .workflowEventBinding(let b): return b.metadata
        case .other: return nil
        }
    }
}
