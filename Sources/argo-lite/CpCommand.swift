import ArgumentParser
import Controller
import Foundation
import Templates

/// `argo-lite cp WORKFLOW OUTPUT_DIR`: copies a workflow's output artifacts out of the local artifact repository,
/// as `argo cp` downloads them through argo-server: each to `--path` (default
/// `{namespace}/{workflowName}/{nodeId}/outputs/{artifactName}`) below the output folder, under the last part of
/// its key (`hello-art.tgz`: the stored object as it is, archive included).
struct CpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cp", abstract: "Copy artifacts from a workflow.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The workflow (@latest: the newest).") var workflow: String
    @Argument(help: "The folder to copy into.") var outputDirectory: String
    @Option(name: .customLong("node-id"), help: "Only this node's artifacts.") var nodeID: String = ""
    @Option(name: .customLong("template-name"), help: "Only the artifacts of nodes of this template.") var templateName: String = ""
    @Option(name: .customLong("artifact-name"), help: "Only artifacts of this name.") var artifactName: String = ""
    @Option(name: .customLong("path"), help: "Where below the folder, from {workflowName}, {nodeId}, {templateName}, {artifactName} and {namespace}.")
    var path: String = "{namespace}/{workflowName}/{nodeId}/outputs/{artifactName}"

    func run() async throws {
        try await global.run(execute)
    }

    func execute(cluster: any Cluster, env: CLIEnvironment) async throws -> Int32 {
        guard let repository = env.artifacts else {
            env.printError("cp reads the artifact repository, and none is configured")
            return 1
        }
        let client = WorkflowClient(cluster: cluster, namespace: env.namespace)
        do {
            let wf = try await client.get(try await client.resolve(workflow))
            for (node, artifact, key) in search(wf) {
                let folder = URL(fileURLWithPath: outputDirectory).appendingPathComponent(
                    path.replacingOccurrences(of: "{templateName}", with: node.templateForPodName)
                        .replacingOccurrences(of: "{namespace}", with: env.namespace)
                        .replacingOccurrences(of: "{workflowName}", with: wf.name)
                        .replacingOccurrences(of: "{nodeId}", with: node.id)
                        .replacingOccurrences(of: "{artifactName}", with: artifact))
                let file = (key as NSString).lastPathComponent
                do {
                    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                } catch {
                    throw CLIError("failed to get and store artifact data: \(error.localizedDescription)")
                }
                do throws(ArtifactRepositoryError) {
                    try await repository.download(key: key, to: folder.appendingPathComponent(file))
                } catch .notFound(let location) {
                    throw CLIError("failed to get and store artifact data: artifact \(artifact) of node \(node.id) is not in the artifact repository (\(location))")
                } catch {
                    throw CLIError("failed to get and store artifact data: \(error)")
                }
                env.printError("Created \"\(file)\"")
            }
            return 0
        } catch {
            return env.fail(error)
        }
    }

    /// argo's `SearchArtifacts`: every node's output artifacts with a repository key, filtered by the flags, in
    /// node ID order (argo's follows Go's map order).
    func search(_ wf: WorkflowView) -> [(NodeView, String, String)] {
        var found: [(NodeView, String, String)] = []
        for node in wf.nodes.values.sorted(by: { $0.id < $1.id }) {
            if !nodeID.isEmpty && node.id != nodeID { continue }
            if !templateName.isEmpty && node.templateForPodName != templateName { continue }
            for artifact in node.object["outputs"]?["artifacts"]?.arrayValue ?? [] {
                guard let name = artifact["name"]?.stringValue, let key = artifact["s3"]?["key"]?.stringValue else { continue }
                if !artifactName.isEmpty && name != artifactName { continue }
                found.append((node, name, key))
            }
        }
        return found
    }
}
