import ArgumentParser
import Controller
import Foundation

/// `argo-lite resume NAME...`: clears `spec.suspend` and lets waiting Suspend nodes succeed.
struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resume", abstract: "Resume zero or more workflows.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Workflow names (@latest: the newest workflow).") var names: [String] = []
    @Option(name: .customLong("node-field-selector"),
            help: "Selector of the Suspend node to resume, eg: --node-field-selector inputs.paramaters.myparam.value=abc")
    var nodeFieldSelector: String = ""

    func run() async throws {
        try await global.run(execute)
    }

    func execute(cluster: any Cluster, env: CLIEnvironment) async throws -> Int32 {
        guard case .success(let selector) = WorkflowCommands.nodeSelector(nodeFieldSelector, env: env) else { return 1 }
        let now = env.now()
        return await WorkflowCommands.each(names, cluster: cluster, env: env, done: "resumed") { wf throws(CLIError) in
            try WorkflowActions.resume(&wf, selector: selector, now: now)
        }
    }
}
