import ArgumentParser
import Controller
import Foundation
import Templates

/// `argo-lite logs NAME [POD]`: the workflow's container logs, each line prefixed with its pod name.
struct LogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "logs", abstract: "View logs of a pod or workflow.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Workflow name (@latest: the newest workflow).") var workflow: String
    @Argument(help: "Pod name (default: every pod of the workflow).") var pod: String?
    @Option(name: [.customShort("c"), .customLong("container")], help: "Print the logs of this container.")
    var container: String = "main"
    @Flag(name: [.customShort("f"), .customLong("follow")], help: "Specify if the logs should be streamed.")
    var follow = false

    func run() async throws {
        try await global.run(execute)
    }

    func execute(cluster: any Cluster, env: CLIEnvironment) async throws -> Int32 {
        do {
            let client = WorkflowClient(cluster: cluster, namespace: env.namespace)
            let workflow = try await client.resolve(workflow)
            let wf = try await client.get(workflow)
            if follow && pod == nil {
                try await followAll(workflow, client, cluster: cluster, env: env)
                return 0
            }
            for podName in pod.map({ [$0] }) ?? Self.podNames(wf) {
                try await printLogs(podName, cluster: cluster, env: env)
            }
            return 0
        } catch {
            return env.fail(error)
        }
    }

    /// `--follow` on a whole workflow: streams every pod that has started, picking up new pods as the workflow
    /// runs, until it finishes and every stream has ended.
    private func followAll(_ workflow: String, _ client: WorkflowClient, cluster: any Cluster, env: CLIEnvironment)
        async throws
    {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var started = Set<String>()
            _ = try await client.waitUntilFinished(workflow, pollInterval: env.pollInterval) { wf in
                for podName in Self.podNames(wf, startedOnly: true) where started.insert(podName).inserted {
                    group.addTask { try await self.printLogs(podName, cluster: cluster, env: env) }
                }
            }
            if let last = try? await client.get(workflow) {
                for podName in Self.podNames(last, startedOnly: true) where started.insert(podName).inserted {
                    group.addTask { try await self.printLogs(podName, cluster: cluster, env: env) }
                }
            }
            try await group.waitForAll()
        }
    }

    private func printLogs(_ podName: String, cluster: any Cluster, env: CLIEnvironment) async throws {
        let stream: AsyncThrowingStream<String, any Error>
        do {
            stream = try await cluster.logs(namespace: env.namespace, pod: podName, container: container, follow: follow)
        } catch .notFound {
            return  // a pod that never ran (or was cleaned up) has no log
        } catch {
            throw CLIError(error.description)
        }
        let color = Style.colorCode(for: podName)
        for try await chunk in stream {
            for line in Self.lines(chunk) {
                env.console.out(env.style.ansi("\(podName): \(line)", color) + "\n")
            }
        }
    }

    /// The lines of one element of a log stream (a line without its newline, or several lines with theirs).
    static func lines(_ chunk: String) -> [Substring] {
        let body = chunk.hasSuffix("\n") ? chunk.dropLast() : Substring(chunk)
        return body.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The workflow's pods in the order they started (argo streams all of them; sorted here for stable output).
    static func podNames(_ wf: WorkflowView, startedOnly: Bool = false) -> [String] {
        wf.nodes.values.filter { $0.type == "Pod" && (!startedOnly || !["", "Pending"].contains($0.phase)) }
            .sorted { ($0.startedAt ?? .distantPast, $0.id) < ($1.startedAt ?? .distantPast, $1.id) }
            .map { WorkflowPrinter.podName(wf, $0) }
    }
}
