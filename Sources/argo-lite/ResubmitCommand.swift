import ArgumentParser
import Controller
import Templates

/// `argo-lite resubmit NAME... | -l SELECTOR`: runs workflows again as new workflows (`WorkflowResubmit`).
struct ResubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resubmit", abstract: "Resubmit one or more workflows.",
        discussion: "The new workflow runs the old one's spec from the start, under a generated name; the old one is left as it is.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Workflow names (@latest: the newest workflow).") var names: [String] = []
    @Option(name: [.customShort("l"), .customLong("selector")], help: "Resubmit the workflows this label selector matches.")
    var selector: String = ""
    @Option(name: [.customShort("p"), .customLong("parameter")], help: "Input parameter to override on the new workflow (NAME=VALUE).")
    var parameters: [String] = []
    @Flag(name: .customLong("memoized"), help: "Re-use the successful steps of a failed workflow (not supported by argo-lite yet).")
    var memoized = false
    @OptionGroup var follow: FollowOptions

    func validate() throws {
        if names.isEmpty && selector.isEmpty { throw ValidationError("name a workflow, or use --selector") }
        if memoized { throw ValidationError("--memoized is not supported by argo-lite yet: resubmit without it to run every step again") }
    }

    func run() async throws {
        try await global.run(execute)
    }

    func execute(cluster: any Cluster, env: CLIEnvironment) async throws -> Int32 {
        let client = WorkflowClient(cluster: cluster, namespace: env.namespace)
        var created: [String] = []
        do {
            var old: [WorkflowView] = []
            for name in names { old.append(try await client.get(try await client.resolve(name))) }
            if !selector.isEmpty {
                for wf in try await client.list(selector: try LabelSelector(selector)) where !old.contains(where: { $0.name == wf.name }) {
                    old.append(wf)
                }
            }
            if follow.watch && old.count > 1 { throw CLIError("Cannot watch more than one workflow") }
            for wf in old {
                let new = try WorkflowResubmit.formulate(wf.object, parameters: parameters)
                let stored: WorkflowView
                do {
                    stored = WorkflowView(try await cluster.create(.workflow, new))
                } catch {
                    throw CLIError("Failed to resubmit workflow \(wf.name): \(error.description)")
                }
                created.append(stored.name)
                env.console.out(try follow.printed(stored, env: env))
            }
        } catch {
            return env.fail(error)
        }
        return try await follow.follow(created, cluster: cluster, env: env)
    }
}
