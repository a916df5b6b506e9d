import Templates
import ClusterAPI

/// WorkflowTemplates of the workflow's namespace and ClusterWorkflowTemplates, by name.
public struct TemplateCatalog: Sendable {
    public var workflowTemplates: [String: WorkflowTemplate]
    public var clusterWorkflowTemplates: [String: ClusterWorkflowTemplate]
    public init(workflowTemplates: [String: WorkflowTemplate] = [:],
                clusterWorkflowTemplates: [String: ClusterWorkflowTemplate] = [:]) {
        self.workflowTemplates = workflowTemplates
        self.clusterWorkflowTemplates = clusterWorkflowTemplates
    }
}

extension TemplateCatalog {
    /// A WorkflowTemplate (or, cluster-scoped, a ClusterWorkflowTemplate) that a spec names.
    package struct Reference: Hashable {
        package var name: String
        package var clusterScope: Bool
    }

    /// The templates `spec` names (its `workflowTemplateRef`, and the `templateRef` of every step and DAG task of
    /// its own templates) that this catalog does not hold. Parameterised names are left out.
    package func missingReferences(of spec: WorkflowSpec) -> [Reference] {
        var named: [Reference] = []
        if let ref = spec.workflowTemplateRef, let name = ref.name {
            named.append(Reference(name: name, clusterScope: ref.clusterScope == true))
        }
        for t in spec.templates ?? [] {
            let refs = (t.steps ?? []).joined().map(\.templateRef) + (t.dag?.tasks ?? []).map(\.templateRef)
            for case let ref? in refs { if let name = ref.name { named.append(Reference(name: name, clusterScope: ref.clusterScope == true)) } }
        }
        // A name still to be substituted (`{{inputs.parameters.x}}`) names nothing that can be read yet.
        return named.filter { ref in
            !ref.name.contains("{{")
                && (ref.clusterScope ? clusterWorkflowTemplates[ref.name] == nil : workflowTemplates[ref.name] == nil)
        }
    }
}
