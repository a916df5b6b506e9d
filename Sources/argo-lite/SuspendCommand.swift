import ArgumentParser
import Controller
import Foundation
import Templates

/// `argo-lite suspend NAME...`: sets `spec.suspend: true`; the controller stops starting new steps.
struct SuspendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "suspend", abstract: "Suspend zero or more workflows.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Workflow names (@latest: the newest workflow).") var names: [String] = []

    func run() async throws {
        try await global.run(execute)
    }

    func execute(cluster: any Cluster, env: CLIEnvironment) async throws -> Int32 {
        await WorkflowCommands.each(names, cluster: cluster, env: env, done: "suspended") { (wf) throws(CLIError) -> Bool in
            try WorkflowActions.suspend(&wf)
        }
    }
}

/// Applies one change to each named workflow and prints argo's `workflow NAME <done>` line for each.
enum WorkflowCommands {
    /// `--node-field-selector`: `.success(nil)` when empty; a malformed one is printed and is a failure, so the
    /// command exits 1 before changing anything.
    static func nodeSelector(_ text: String, env: CLIEnvironment) -> Result<FieldSelector?, CLIError> {
        guard !text.isEmpty else { return .success(nil) }
        do {
            return .success(try FieldSelector(text))
        } catch {
            env.printError(error.description)
            return .failure(error)
        }
    }

    static func each(_ names: [String], cluster: any Cluster, env: CLIEnvironment, done: String,
                     change: (inout JSONValue) throws(CLIError) -> Bool) async -> Int32 {
        let client = WorkflowClient(cluster: cluster, namespace: env.namespace)
        for name in names {
            do {
                let name = try await client.resolve(name)
                try await client.update(name, change)
                env.print("workflow \(name) \(done)")
            } catch {
                return env.fail(error)
            }
        }
        return 0
    }
}
