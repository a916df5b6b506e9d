import Controller
import Foundation
import Templates

/// A kind of stored object that `argo-lite template`, `cluster-template` and `cron` manage as `argo template`,
/// `argo cluster-template` and `argo cron` do: WorkflowTemplates, ClusterWorkflowTemplates, CronWorkflows
/// (`CronWorkflows.swift`). The commands are generic over this.
protocol StoredTemplateKind: Sendable {
    static var resource: ResourceKind { get }
    /// The command group's name.
    static var commandName: String { get }
    /// How argo's messages name one: "workflow template", "cluster workflow template".
    static var noun: String { get }
    // With defaults below (CronWorkflows word and print them their own way).
    static var noneInFiles: String { get }
    static func deletedLine(_ name: String) -> String?
    static func describe(_ object: JSONValue, env: CLIEnvironment) -> String
    static func table(_ items: [JSONValue], allNamespaces: Bool, env: CLIEnvironment) -> String
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

    /// `create`'s words when the files hold none of the kind.
    static var noneInFiles: String { "No \(noun) found in given files" }

    /// What `delete` prints for each one deleted (nil: nothing).
    static func deletedLine(_ name: String) -> String? { "\(kind) '\(name)' deleted" }

    /// The default (`-o wide` too) print of one: argo's `printWorkflowTemplate` / `printClusterWorkflowTemplate`.
    static func describe(_ object: JSONValue, env: CLIEnvironment) -> String {
        let metadata = object["metadata"] ?? .null
        let created = metadata["creationTimestamp"]?.stringValue.flatMap(KubeTimeText.parse)
        return describeLine("Name:", metadata["name"]?.stringValue ?? "")
            + (isNamespaced ? describeLine("Namespace:", metadata["namespace"]?.stringValue ?? "") : "")
            + describeLine("Created:", Humanize.timestamp(created, now: env.now(), timeZone: env.style.timeZone))
    }

    /// `list`'s table: argo's one column of names (two with `-A`, for a namespaced kind).
    static func table(_ items: [JSONValue], allNamespaces: Bool, env: CLIEnvironment) -> String {
        let namespaceColumn = allNamespaces && isNamespaced
        var w = TabWriter(padding: 3)
        w.write(namespaceColumn ? "NAMESPACE\tNAME\n" : "NAME\n")
        for item in items {
            let metadata = item["metadata"] ?? .null
            let namespace = namespaceColumn ? (metadata["namespace"]?.stringValue ?? "") + "\t" : ""
            w.write(namespace + (metadata["name"]?.stringValue ?? "") + "\t\n")
        }
        return w.flush()
    }

    /// Go's `%-20s %v` line (`width` 30 for CronWorkflows).
    static func describeLine(_ label: String, _ value: String, width: Int = 20) -> String {
        label.padding(toLength: max(width, label.count), withPad: " ", startingAt: 0) + " " + value + "\n"
    }
}
