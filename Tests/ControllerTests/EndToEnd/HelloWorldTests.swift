import Foundation
import Testing
import Templates
import TestSupport
@testable import Controller

@Suite(.serialized) struct HelloWorldEndToEndTests {
    @Test(.needsSharedData) func helloWorldRunsToSucceededWithItsOutput() async throws {
        let engine = try await LocalEngine.start()
        defer { Task { await engine.stop() } }
        let name = try await engine.submit(try SharedData.read(example: "hello-world.yaml"), file: "hello-world.yaml")
        let wf = try await engine.waitForCompletion(name)
        #expect(wf.status?.phase == .succeeded, "\(wf.status?.message ?? "")")
        let root = try #require(wf.status?.nodes?[name])
        #expect(root.type == .pod)
        #expect(root.phase == .succeeded)
        let podName = NodeNames.podName(workflow: name, nodeName: name, templateName: "hello-world")
        var log = ""
        for try await line in try await engine.cluster.logs(namespace: "argo", pod: podName, container: "main", follow: false) {
            log += line + "\n"
        }
        #expect(log.contains("hello world"))
    }
}

@Suite(.serialized) struct UnmappedImageEndToEndTests {
    /// An image the catalog does not know, with no command: that node fails with a message saying how to fix it;
    /// its sibling in the same DAG still runs, and the controller carries on.
    @Test func anUnmappedImageFailsOnlyItsNodeWithAnActionableMessage() async throws {
        let engine = try await LocalEngine.start()
        defer { Task { await engine.stop() } }
        let name = try await engine.submit("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: unmapped}
            spec:
              entrypoint: main
              templates:
              - name: main
                dag:
                  tasks:
                  - {name: mystery, template: mystery}
                  - {name: fine, template: fine}
              - name: mystery
                container: {image: "example.com/no-such-tool:1.2"}
              - name: fine
                container: {image: alpine:3.20, command: [echo, ok]}
            """)
        let wf = try await engine.waitForCompletion(name)
        #expect(wf.status?.phase == .failed)
        let nodes = Array(wf.status?.nodes?.values ?? [:].values)
        let mystery = try #require(nodes.first { $0.displayName == "mystery" })
        #expect(mystery.phase == .failed)
        #expect(mystery.message?.contains("image \"example.com/no-such-tool:1.2\" has no command and no entry in the image catalog") == true,
                "\(mystery.message ?? "")")
        #expect(mystery.message?.contains("images.json") == true)
        #expect(nodes.first { $0.displayName == "fine" }?.phase == .succeeded)
    }
}

@Suite(.serialized) struct ParallelScriptsEndToEndTests {
    /// Script pods running at the same time each run their own script (every pod stages it in its own
    /// `/argo/staging`; a shared one let pods run each other's scripts).
    @Test func parallelScriptPodsEachRunTheirOwnScript() async throws {
        let engine = try await LocalEngine.start(maxPods: 6)
        defer { Task { await engine.stop() } }
        let tasks = (0..<6).map { "- {name: t\($0), template: say, arguments: {parameters: [{name: num, value: \"\($0)\"}]}}" }
        let name = try await engine.submit("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: scripts}
            spec:
              entrypoint: main
              templates:
              - name: main
                dag:
                  tasks:
            \(tasks.map { "        " + $0 }.joined(separator: "\n"))
              - name: say
                inputs: {parameters: [{name: num}]}
                script:
                  image: alpine:3.20
                  command: [sh]
                  source: |
                    sleep 0.3
                    echo "task {{inputs.parameters.num}}"
            """)
        let wf = try await engine.waitForCompletion(name)
        #expect(wf.status?.phase == .succeeded)
        for i in 0..<6 {
            let node = wf.status?.nodes?.values.first { $0.displayName == "t\(i)" }
            #expect(node?.outputs?.result == "task \(i)", "t\(i) ran: \(node?.outputs?.result ?? "-")")
        }
    }
}
