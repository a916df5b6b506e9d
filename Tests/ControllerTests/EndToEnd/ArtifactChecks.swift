import Foundation
import Testing
import Templates
import TestSupport
@testable import Controller
@testable import Executor

/// What each `host+local-artifacts` conformance example must leave behind: the artifacts recorded on its nodes
/// with Argo's default keys, the repository files under those keys with the producer's content, and consumers
/// that printed what they were given.
struct ArtifactChecks {
    let engine: LocalEngine
    let workflow: Workflow
    var name: String { workflow.metadata.name ?? "" }
    var nodes: [NodeStatus] { Array((workflow.status?.nodes ?? [:]).values) }

    func check(_ example: String) async throws {
        switch example {
        case "global-outputs.yaml":
            let global = workflow.status?.outputs?.artifacts?.first { $0.name == "my-global-art" }
            let key = try #require(global?.s3?.key)
            #expect(try content(key) == "hello world")
            let consumers = nodes.filter { $0.templateName == "consume-global-art" && $0.type == .pod }
            // The step after `generate` and the same step in the exit handler.
            #expect(consumers.count == 2)
            for node in consumers {
                #expect(node.inputs?.artifacts?.first?.s3?.key == key)
                #expect(try log(of: node) == "hello world")
            }
        case "conditional-artifacts.yaml", "dag-conditional-artifacts.yaml":
            let root = try #require(workflow.status?.nodes?[name])
            let flip = try #require(nodes.first { $0.templateName == "flip-coin" })
            let side = try #require(flip.outputs?.result)
            let result = try #require(root.outputs?.artifacts?.first)
            #expect(result.name == "result")
            let key = try #require(result.s3?.key)
            #expect(key.hasPrefix("\(name)/\(name)-\(side)-") && key.hasSuffix("/result.tgz"))
            #expect(try content(key) == "it was \(side)")
        case "artifact-path-placeholders.yaml":
            let root = try #require(workflow.status?.nodes?[name])
            let text = try #require(root.outputs?.artifacts?.first)
            #expect(text.name == "text" && text.path == "/outputs/text/data")
            #expect(text.s3?.key == "\(name)/\(name)/text.tgz")
            #expect(try content(text.s3?.key ?? "") == "1\n2\n3\n")
            #expect(root.outputs?.parameters?.first?.value?.value.trimmingSpaces == "3")
        case "archive-location.yaml":
            let root = try #require(workflow.status?.nodes?[name])
            #expect(root.outputs?.artifacts == [Artifact(name: "main-logs", s3: S3Artifact(key: "\(name)/\(name)/main.log"))])
            #expect(try content("\(name)/\(name)/main.log") == "hello world\n")
        default:
            Issue.record("no artifact check for \(example)")
        }
    }

    /// The repository file's content; a tar.gz is unpacked as the emissary places an input.
    func content(_ key: String) throws -> String {
        let file = engine.cluster.artifactRepository.appendingPathComponent(key)
        let bytes = try #require(FileBytes.read(file.path), "no repository file for key \(key)")
        guard key.hasSuffix(".tgz") else { return String(decoding: bytes, as: UTF8.self) }
        let scratch = ScratchDirectory.url("artifact-check")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let target = scratch.appendingPathComponent("unpacked").path
        #expect(InputFile(source: file.path, destination: target, unarchived: false).place(bytes, stderr: 2) == nil)
        return String(decoding: FileBytes.read(target) ?? [], as: UTF8.self)
    }

    func log(of node: NodeStatus) throws -> String {
        let pod = NodeNames.podName(workflow: name, nodeName: node.name, templateName: node.templateName ?? "")
        let path = engine.cluster.logPath(namespace: workflow.metadata.namespace ?? "argo", pod: pod, container: "main")
        return String(decoding: FileBytes.read(path.path) ?? [], as: UTF8.self)
    }
}
