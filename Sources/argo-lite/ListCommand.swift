import ArgumentParser
import Controller
import Foundation

/// `argo-lite list`: the workflows in a namespace, running first, then the most recently finished.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List workflows.")

    @OptionGroup var global: GlobalOptions
    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "Show workflows from all namespaces.")
    var allNamespaces = false
    @Flag(name: .customLong("running"), help: "Show only running workflows.") var running = false
    @Flag(name: .customLong("completed"), help: "Show only completed workflows.") var completed = false
    @Option(name: .customLong("status"), help: "Filter by status (comma separated).") var status: [String] = []
    @Option(name: [.customShort("l"), .customLong("selector")], help: "Label selector, e.g. key1=value1,key2=value2.")
    var selector: String = ""
    @Option(name: .customLong("prefix"), help: "Filter workflows by prefix.") var prefix: String = ""
    @Flag(name: .customLong("no-headers"), help: "Don't print headers (default print headers).") var noHeaders = false
    @Option(name: [.customShort("o"), .customLong("output")], help: "Output format. One of: name|wide|json|yaml.")
    var output: String = ""

    func validate() throws {
        if !["", "name", "wide", "json", "yaml"].contains(output) {
            throw ValidationError("unknown output mode \"\(output)\": use name, wide, json or yaml")
        }
    }

    func run() async throws {
        try await global.run(execute)
    }

    func execute(cluster: any Cluster, env: CLIEnvironment) async throws -> Int32 {
        do {
            let labelSelector = selector.isEmpty ? nil : try LabelSelector(selector)
            let client = WorkflowClient(cluster: cluster, namespace: env.namespace)
            let workflows = WorkflowTable.sorted(try await client.list(selector: labelSelector, allNamespaces: allNamespaces)
                .filter(matches))
            env.console.out(try render(workflows, env: env))
            return 0
        } catch {
            return env.fail(error)
        }
    }

    /// `--running`, `--completed`, `--status` and `--prefix`, applied to the workflow's status (argo filters on the
    /// labels the controller mirrors from it).
    func matches(_ wf: WorkflowView) -> Bool {
        if running && wf.isCompleted { return false }
        if completed && !wf.isCompleted { return false }
        let phases = status.flatMap { $0.split(separator: ",").map { String($0).trimmingSpaces } }
        if !phases.isEmpty && !phases.contains(wf.phase) { return false }
        return prefix.isEmpty || wf.name.hasPrefix(prefix)
    }

    func render(_ workflows: [WorkflowView], env: CLIEnvironment) throws(CLIError) -> String {
        if workflows.isEmpty { return output == "json" || output == "yaml" ? "[]\n" : "No workflows found\n" }
        switch output {
        case "name": return workflows.map { $0.name + "\n" }.joined()
        case "json": return ObjectText.json(.array(workflows.map(\.object)))
        case "yaml": return try ObjectText.yaml(.array(workflows.map(\.object)))
        default:
            let table = WorkflowTable(style: env.style, now: env.now(), wide: output == "wide",
                                      showNamespace: allNamespaces, noHeaders: noHeaders)
            return table.render(workflows)
        }
    }
}
