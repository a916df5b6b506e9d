import ArgumentParser
import Controller
import Foundation

/// `argo-lite wait NAME...`: blocks until the workflows finish; exit code 1 when any failed.
struct WaitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "wait", abstract: "Waits for workflows to complete.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Workflow names (@latest: the newest workflow).") var names: [String] = []
    @Flag(name: .customLong("ignore-not-found"), help: "Ignore the wait if the workflow is not found.")
    var ignoreNotFound = false

    func run() async throws {
        try await global.run(execute)
    }

    func execute(cluster: any Cluster, env: CLIEnvironment) async throws -> Int32 {
        await Self.waitAll(names, cluster: cluster, env: env, ignoreNotFound: ignoreNotFound, quiet: false) ? 0 : 1
    }

    /// Waits for every workflow at once (argo's `WaitWorkflows`); prints `NAME PHASE at TIME` for each as it
    /// finishes unless `quiet`. True when all succeeded (or were not found, with `ignoreNotFound`).
    static func waitAll(_ names: [String], cluster: any Cluster, env: CLIEnvironment, ignoreNotFound: Bool,
                        quiet: Bool) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            for name in names {
                group.addTask {
                    await waitOne(name, cluster: cluster, env: env, ignoreNotFound: ignoreNotFound, quiet: quiet)
                }
            }
            var ok = true
            for await result in group { ok = ok && result }
            return ok
        }
    }

    static func waitOne(_ name: String, cluster: any Cluster, env: CLIEnvironment, ignoreNotFound: Bool,
                        quiet: Bool) async -> Bool {
        let client = WorkflowClient(cluster: cluster, namespace: env.namespace)
        do {
            let name = try await client.resolve(name)
            guard let wf = try await client.waitUntilFinished(name, pollInterval: env.pollInterval) else {
                env.printError("workflow \(name) was deleted before it finished")
                return false
            }
            if !quiet { env.print(finishedLine(wf, timeZone: env.style.timeZone)) }
            return wf.phase != "Failed" && wf.phase != "Error"
        } catch let error as CLIError {
            if ignoreNotFound && error.description == WorkflowClient.notFound(name).description { return true }
            env.printError(error.description)
        } catch {
            env.printError("\(error)")
        }
        return false
    }

    /// `NAME PHASE at 2024-01-02 10:00:00 +0000 UTC` (argo prints the finish time with Go's `Time.String`).
    static func finishedLine(_ wf: WorkflowView, timeZone: TimeZone) -> String {
        let at = wf.finishedAt.map { KubeTimeText.goString($0, timeZone: timeZone) } ?? ""
        return "\(wf.name) \(wf.phase) at \(at)"
    }
}
