import ArgumentParser
import Controller
import Foundation

/// `argo-lite watch NAME`: re-renders `get` on every change until the workflow finishes.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "watch", abstract: "Watch a workflow until it completes.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Workflow name (@latest: the newest workflow).") var name: String
    @Option(name: .customLong("node-field-selector"), help: "Selector of nodes to display, eg: phase=Running.")
    var nodeFieldSelector: String = ""
    @Option(name: .customLong("status"), help: "Filter by status (left for backward compatibility).")
    var status: String = ""

    func run() async throws {
        try await global.run(execute)
    }

    func execute(cluster: any Cluster, env: CLIEnvironment) async throws -> Int32 {
        do {
            let selector = try GetCommand.nodeSelector(fieldSelector: nodeFieldSelector, status: status)
            let wf = try await Self.watch(name, cluster: cluster, env: env, selector: selector)
            return wf == nil ? 1 : 0
        } catch {
            return env.fail(error)
        }
    }

    /// Prints the workflow each time it changes: on a terminal the screen is cleared and redrawn (as argo does),
    /// otherwise each distinct state is printed once, separated by a blank line.
    static func watch(_ name: String, cluster: any Cluster, env: CLIEnvironment, selector: FieldSelector?) async throws
        -> WorkflowView?
    {
        let client = WorkflowClient(cluster: cluster, namespace: env.namespace)
        var last: String? = nil
        return try await client.waitUntilFinished(client.resolve(name), pollInterval: env.pollInterval) { wf in
            var printer = WorkflowPrinter(style: env.style, now: env.now())
            printer.nodeSelector = selector
            let text = printer.render(wf)
            if env.isTerminal {
                env.console.out("\u{1B}[H\u{1B}[2J\u{1B}[0;0H" + text)
            } else if text != last {
                env.console.out((last == nil ? "" : "\n") + text)
            }
            last = text
        }
    }
}
