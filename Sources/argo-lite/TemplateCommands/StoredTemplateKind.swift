import Controller
import Templates

/// The two kinds of stored template, managed by `argo-lite template` and `argo-lite cluster-template` as
/// `argo template` and `argo cluster-template` manage them. The commands are generic over this.
protocol StoredTemplateKind: Sendable {
    static var resource: ResourceKind { get }
    /// The command group's name.
    static var commandName: String { get }
    /// How argo's messages name one: "workflow template", "cluster workflow template".
    static var noun: String { get }
}

enum NamespacedTemplates: StoredTemplateKind {
    static let resource = ResourceKind.workflowTemplate
    static let commandName = "template"
    static let noun = "workflow template"
}

enum ClusterTemplates: StoredTemplateKind {
    static let resource = ResourceKind.clusterWorkflowTemplate
    static let commandName = "cluster-template"
    static let noun = "cluster workflow template"
}

extension StoredTemplateKind {
    static var kind: String { resource.kind }
    static var isNamespaced: Bool { resource.namespaced }
}
