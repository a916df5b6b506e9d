import Controller
import Foundation
import Templates
import Testing
import TestSupport
@testable import argo_lite

/// `cp` reads artifacts through the `ArtifactRepository` protocol, never a particular cluster: what it copies,
/// and what it says when an artifact is missing or no repository is configured.
@Suite final class CpCommandTests {
    let directory = ScratchDirectory.url("argo-lite-cp")
    let buffer = OutputBuffer()

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// A repository that holds what the test puts in it, in memory.
    struct MemoryRepository: ArtifactRepository {
        var objects: [String: String]
        func download(key: String, to destination: URL) async throws(ArtifactRepositoryError) {
            guard let text = objects[key] else { throw .notFound(location: "memory:\(key)") }
            do { try Data(text.utf8).write(to: destination) } catch { throw .failed("\(error)") }
        }
    }

    func storeWorkflow(in cluster: any Cluster) async throws {
        let workflow: JSONValue = [
            "apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow",
            "metadata": ["name": "art", "namespace": "default"],
            "spec": ["entrypoint": "main", "templates": [["name": "main", "container": ["image": "alpine"]]]],
            "status": ["phase": "Succeeded", "nodes": ["art": [
                "id": "art", "name": "art", "displayName": "art", "type": "Pod", "templateName": "main",
                "phase": "Succeeded",
                "outputs": ["artifacts": [["name": "greeting", "s3": ["key": "art/art/greeting.tgz"]]]],
            ]]],
        ]
        _ = try await cluster.create(.workflow, workflow)
    }

    @Test(arguments: [
        (stored: true, code: 0 as Int32, err: "Created \"greeting.tgz\"\n"),
        (stored: false, code: 1, err: "failed to get and store artifact data: artifact greeting of node art is not in the artifact repository (memory:art/art/greeting.tgz)\n"),
    ] as [(stored: Bool, code: Int32, err: String)])
    func copiesThroughTheRepository(stored: Bool, code: Int32, err: String) async throws {
        let cluster = try LocalCluster(directory: directory)
        try await storeWorkflow(in: cluster)
        let repository = MemoryRepository(objects: stored ? ["art/art/greeting.tgz": "hello"] : [:])
        let env = CLIEnvironment(namespace: "default", console: .capturing(buffer), style: .plain, artifacts: repository)
        let out = directory.appendingPathComponent("out")
        #expect(try await CpCommand.parse(["art", out.path]).execute(cluster: cluster, env: env) == code)
        #expect(buffer.err == err)
        let copied = out.appendingPathComponent("default/art/art/outputs/greeting/greeting.tgz")
        #expect((try? String(contentsOf: copied, encoding: .utf8)) == (stored ? "hello" : nil))
    }

    @Test func saysSoWhenNoRepositoryIsConfigured() async throws {
        let cluster = try LocalCluster(directory: directory)
        try await storeWorkflow(in: cluster)
        let env = CLIEnvironment(namespace: "default", console: .capturing(buffer), style: .plain)
        #expect(try await CpCommand.parse(["art", directory.path]).execute(cluster: cluster, env: env) == 1)
        #expect(buffer.err == "cp reads the artifact repository, and none is configured\n")
    }
}
