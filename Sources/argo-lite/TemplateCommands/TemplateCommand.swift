import ArgumentParser
import Controller

/// `argo-lite template`: WorkflowTemplates, as `argo template` manages them.
struct TemplateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: NamespacedTemplates.commandName, abstract: "Manipulate workflow templates.",
        subcommands: subcommands(NamespacedTemplates.self))

    /// The commands both groups have.
    static func subcommands<K: StoredTemplateKind>(_: K.Type) -> [any ParsableCommand.Type] {
        [TemplateWriteCommand<K, CreateTemplates>.self, TemplateGetCommand<K>.self, TemplateListCommand<K>.self,
         TemplateDeleteCommand<K>.self, TemplateWriteCommand<K, UpdateTemplates>.self, TemplateLintCommand<K>.self]
    }
}

/// `argo-lite cluster-template`: ClusterWorkflowTemplates, as `argo cluster-template` manages them.
struct ClusterTemplateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: ClusterTemplates.commandName, abstract: "Manipulate cluster workflow templates.",
        subcommands: TemplateCommand.subcommands(ClusterTemplates.self))
}
