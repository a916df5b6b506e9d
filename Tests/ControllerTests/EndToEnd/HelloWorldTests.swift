import Foundation
import Testing
import Templates
import TestSupport
@testable import Controller

@Suite(.serialized) struct HelloWorldEndToEndTests {
    @Test func helloWorldRunsToSucceededWithItsOutput() async throws {
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
