import ArgumentParser
import Controller
import Foundation
import Templates

/// `argo-lite retry NAME...`: runs a failed workflow again from where it failed (argo's `retry`): its failed
/// nodes' pods are deleted, the nodes removed and their parents set Running, and the controller carries on.
struct RetryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "retry", abstract: "Retry zero or more workflows.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Workflow names (@latest: the newest workflow).") var names: [String] = []
    @Option(name: [.customShort("p"), .customLong("parameter")], help: "Input parameter to override on the original workflow spec (NAME=VALUE).")
    var parameters: [String] = []
    @Flag(name: .customLong("restart-successful"), help: "Indicates to restart successful nodes matching the --node-field-selector.")
    var restartSuccessful = false
    @Option(name: .customLong("node-field-selector"), help: "Selector of nodes to reset, eg: --node-field-selector inputs.paramaters.myparam.value=abc")
    var nodeFieldSelector: String = ""
    @Option(name: [.customShort("l"), .customLong("selector")], help: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2)")
    var selector: String = ""
    @OptionGroup var follow: FollowOptions

    func run() async throws {
        try await global.run(execute)
    }

    func execute(cluster: any Cluster, env: CLIEnvironment) async throws -> Int32 {
        if !nodeFieldSelector.isEmpty {
            do {
                _ = try FieldSelector(nodeFieldSelector)
            } catch {
                env.printError("unable to parse node field selector '\(nodeFieldSelector)': \(error.description)")
                return 1
            }
        }
        let client = WorkflowClient(cluster: cluster, namespace: env.namespace)
        let retry = WorkflowRetry(restartSuccessful: restartSuccessful, nodeFieldSelector: nodeFieldSelector,
                                  parameters: parameters)
        var targets: [String] = []
        do {
            if !selector.isEmpty {
                targets += try await client.list(selector: try LabelSelector(selector)).map(\.name)
            }
        } catch {
            return env.fail(error)
        }
        targets += names
        var retried: [String] = []
        for typed in targets {
            do {
                let name = try await client.resolve(typed)
                guard !retried.contains(name) else { continue }
                let wf = try await Self.retry(name, with: retry, client: client, now: env.now())
                retried.append(name)
                env.console.out(try follow.printed(wf, env: env))
            } catch {
                return env.fail(error)
            }
        }
        // argo follows a retried workflow only when there is one.
        guard retried.count == 1 else { return 0 }
        return try await follow.follow(retried, cluster: cluster, env: env)
    }

    /// Formulates the retry on the stored workflow, deletes the pods of the nodes it removes (one already gone is
    /// fine), then writes the workflow back; a conflicting write starts over from the newer version.
    static func retry(_ name: String, with retry: WorkflowRetry, client: WorkflowClient, now: Date)
        async throws(CLIError) -> WorkflowView
    {
        for _ in 0..<20 {
            let current = try await client.get(name)
            let plan = try retry.formulate(current.object, now: now)
            for pod in plan.podsToDelete {
                do {
                    try await client.cluster.deleteIfPresent(.pod, namespace: client.namespace, name: pod)
                } catch {
                    throw CLIError(error.description)
                }
            }
            do {
                return WorkflowView(try await client.cluster.update(.workflow, plan.workflow))
            } catch .conflict {
                continue
            } catch .notFound {
                throw WorkflowClient.notFound(name)
            } catch {
                throw CLIError(error.description)
            }
        }
        throw CLIError("workflow \(name): gave up after repeated update conflicts")
    }
}
