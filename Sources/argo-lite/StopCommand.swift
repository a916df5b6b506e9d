import ArgumentParser
import Controller
import Foundation

/// `argo-lite stop NAME...`: `spec.shutdown: Stop` — running steps finish, exit handlers run, nothing new starts.
struct StopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stop", abstract: "Stop zero or more workflows allowing an exit handler to run.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Workflow names (@latest: the newest workflow).") var names: [String] = []
    @Option(name: .customLong("node-field-selector"), help: "Selector of nodes to stop, eg: --node-field-selector inputs.paramaters.myparam.value=abc")
    var nodeFieldSelector: String = ""
    @Option(name: .customLong("message"), help: "Message to add to previously running nodes.") var message: String = ""

    func run() async throws {
        try await global.run(execute)
    }

    func execute(cluster: any Cluster, env: CLIEnvironment) async throws -> Int32 {
        guard case .success(let selector) = WorkflowCommands.nodeSelector(nodeFieldSelector, env: env) else { return 1 }
        let now = env.now(), message = self.message
        return await WorkflowCommands.each(names, cluster: cluster, env: env, done: "stopped") { wf throws(CLIError) in
            var changed = false
            if let selector { changed = try WorkflowActions.failSuspendNodes(&wf, selector: selector, message: message, now: now) }
            return try WorkflowActions.shutdown(&wf, strategy: "Stop") || changed
        }
    }
}

/// `argo-lite terminate NAME...`: `spec.shutdown: Terminate` — running steps are killed, exit handlers do not run.
struct TerminateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "terminate", abstract: "Terminate zero or more workflows immediately.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Workflow names (@latest: the newest workflow).") var names: [String] = []

    func run() async throws {
        try await global.run(execute)
    }

    func execute(cluster: any Cluster, env: CLIEnvironment) async throws -> Int32 {
        await WorkflowCommands.each(names, cluster: cluster, env: env, done: "terminated") { wf throws(CLIError) in
            try WorkflowActions.shutdown(&wf, strategy: "Terminate")
        }
    }
}
