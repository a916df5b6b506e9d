import ArgumentParser
import Controller
import Foundation

/// `argo-lite get NAME`: a workflow's summary and node tree, or the object itself.
struct GetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Display details about a workflow.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Workflow names (@latest: the newest workflow).") var names: [String]
    @Option(name: [.customShort("o"), .customLong("output")], help: "Output format. One of: json|yaml|short|wide.")
    var output: String = ""
    @Option(name: .customLong("node-field-selector"), help: "Selector of nodes to display, eg: phase=Running.")
    var nodeFieldSelector: String = ""
    @Option(name: .customLong("status"), help: "Filter by status (left for backward compatibility).")
    var status: String = ""

    func validate() throws {
        if names.isEmpty { throw ValidationError("a workflow name is required") }
        if !["", "json", "yaml", "short", "wide"].contains(output) {
            throw ValidationError("unknown output mode \"\(output)\": use json, yaml, short or wide")
        }
    }

    func run() async throws {
        try await global.run(execute)
    }

    func execute(cluster: any Cluster, env: CLIEnvironment) async throws -> Int32 {
        let client = WorkflowClient(cluster: cluster, namespace: env.namespace)
        let selector: FieldSelector?
        do {
            selector = try Self.nodeSelector(fieldSelector: nodeFieldSelector, status: status)
        } catch {
            return env.fail(error)
        }
        for name in names {
            do {
                let wf = try await client.get(client.resolve(name))
                env.console.out(try Self.render(wf, output: output, selector: selector, env: env))
            } catch {
                return env.fail(error)
            }
        }
        return 0
    }

    static func nodeSelector(fieldSelector: String, status: String) throws(CLIError) -> FieldSelector? {
        if !status.isEmpty {
            if !fieldSelector.isEmpty { throw CLIError("cannot use both --status and --node-field-selector") }
            return try FieldSelector("phase=\(status)")
        }
        return fieldSelector.isEmpty ? nil : try FieldSelector(fieldSelector)
    }

    /// The text `get` prints for one workflow in the given output mode.
    static func render(_ wf: WorkflowView, output: String, selector: FieldSelector?, env: CLIEnvironment) throws(CLIError)
        -> String
    {
        switch output {
        case "json": return wf.object.prettyJSON + "\n"
        case "yaml": return try ObjectText.yaml(wf.object)
        default:
            var printer = WorkflowPrinter(style: env.style, now: env.now())
            printer.mode = WorkflowPrinter.Mode(rawValue: output) ?? .normal
            printer.nodeSelector = selector
            return printer.render(wf)
        }
    }
}
