import Foundation
import Testing
import Templates
import TestSupport
@testable import Controller
@testable import LocalStore
@testable import LocalNode

/// A deleted pod's files (its process and task-result files, its folder, its logs) go with it, as a kubelet's do.
@Suite(.serialized) struct PodFilesCleanupTests {
    @Test(arguments: [
        ("wf-main-123.process", false, "wf-main-123"),
        ("wf-main-123.task-result.json", false, "wf-main-123"),
        ("wf-main-123.main.log", false, "wf-main-123"),
        ("a.b.init.log", false, "a.b"),  // pod names may hold dots; container names never do
        ("wf-main-123", true, "wf-main-123"),  // a pod's own folder, or its logs in the earlier layout
        ("notes.txt", false, nil),
        (".log", false, nil),
    ] as [(String, Bool, String?)])
    func eachFileHasTheOwnerItsNameSays(entry: String, isDirectory: Bool, owner: String?) {
        #expect(PodFiles.owner(ofEntry: entry, isDirectory: isDirectory) == owner)
    }

    static let workflow = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: tidy}
        spec:
          entrypoint: main
          templates:
          - name: main
            script: {image: alpine:3.20, command: [sh], source: "echo hi"}
        """

    static func entries(_ dir: URL) -> [String] {
        ["pods/argo", "logs/argo"].flatMap { sub in
            ((try? FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent(sub).path)) ?? []).map { "\(sub)/\($0)" }
        }.sorted()
    }

    @Test func deletingAWorkflowRemovesItsPodsFiles() async throws {
        let engine = try await LocalEngine.start()
        defer { Task { await engine.stop() } }
        let name = try await engine.submit(Self.workflow)
        #expect(try await engine.waitForCompletion(name).status?.phase == .succeeded)
        let pod = NodeNames.podName(workflow: name, nodeName: name, templateName: "main")
        #expect(Self.entries(engine.directory).contains("logs/argo/\(pod).main.log"))
        #expect(Self.entries(engine.directory).contains("pods/argo/\(pod)"))  // the script's folder

        try await engine.cluster.delete(.workflow, namespace: "argo", name: name)
        var left = Self.entries(engine.directory)
        for _ in 0..<50 where !left.isEmpty {
            try await Task.sleep(for: .milliseconds(100))
            left = Self.entries(engine.directory)
        }
        #expect(left == [])
    }

    @Test func anAgentStartingUpRemovesTheFilesOfPodsDeletedWhileNoneRan() async throws {
        let dir = ScratchDirectory.url("argo-lite-sweep")
        defer { try? FileManager.default.removeItem(at: dir) }
        let cluster = try LocalCluster(directory: dir)
        _ = try await cluster.create(.pod, ["metadata": ["name": "kept", "namespace": "argo"], "status": ["phase": "Succeeded", "startTime": "2026-11-22T12:00:00Z"]])
        let fm = FileManager.default
        for sub in ["pods/argo/gone", "logs/argo/gone-legacy"] {
            try fm.createDirectory(at: dir.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        for file in ["pods/argo/gone.process", "pods/argo/kept.process", "logs/argo/gone.main.log", "logs/argo/kept.main.log",
                     "logs/argo/kept.init.log", "logs/argo/notes.txt"] {
            #expect(fm.createFile(atPath: dir.appendingPathComponent(file).path, contents: Data("x".utf8)))
        }
        guard let runtime = try await LocalRuntime.startIfNeeded(cluster: cluster, executable: SharedData.argoLiteExecutable)
        else { Issue.record("a fresh state directory's lease was already held"); return }
        var left = Self.entries(dir)
        for _ in 0..<50 where left.contains(where: { $0.contains("gone") }) {
            try await Task.sleep(for: .milliseconds(100))
            left = Self.entries(dir)
        }
        await runtime.shutdown()
        #expect(left == ["logs/argo/kept.init.log", "logs/argo/kept.main.log", "logs/argo/notes.txt", "pods/argo/kept.process"])
    }
}
