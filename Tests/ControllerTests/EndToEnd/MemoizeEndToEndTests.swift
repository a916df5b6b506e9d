import Foundation
import Testing
import Templates
import TestSupport
@testable import Controller
@testable import ClusterAPI
@testable import Operator

@Suite(.serialized, .needsSharedData) struct MemoizeEndToEndTests {
    /// The upstream `memoize-simple.yaml`, submitted twice: the first run's pod writes the cache ConfigMap, the
    /// second run's node is a cache hit with the same output and no pod of its own.
    @Test func memoizeSimpleSubmittedTwiceHitsTheCacheTheSecondTime() async throws {
        let engine = try await LocalEngine.start()
        defer { Task { await engine.stop() } }
        let yaml = try SharedData.read(example: "memoize-simple.yaml")

        let first = try await engine.submit(yaml, file: "memoize-simple.yaml")
        let one = try await engine.waitForCompletion(first)
        #expect(one.status?.phase == .succeeded, "\(one.status?.message ?? "")")
        let ran = try #require(one.status?.nodes?[first])
        #expect(ran.memoizationStatus == MemoizationStatus(hit: false, key: "cache-key", cacheName: "cache-config"))
        #expect(ran.outputs?.parameters?.first?.value == "world")

        let configMap = try await engine.cluster.get(.configMap, namespace: "argo", name: "cache-config")
        #expect(configMap["metadata"]?["labels"]?["workflows.argoproj.io/configmap-type"] == "Cache")
        let text = try #require(configMap["data"]?["cache-key"]?.stringValue)
        let entry = try MemoEntry(json: text)
        #expect(entry.nodeID == first)
        #expect(entry.outputs?.parameters?.first?.value == "world")

        let second = try await engine.submit(yaml, file: "memoize-simple.yaml")
        let two = try await engine.waitForCompletion(second)
        #expect(two.status?.phase == .succeeded, "\(two.status?.message ?? "")")
        let hit = try #require(two.status?.nodes?[second])
        #expect(hit.memoizationStatus == MemoizationStatus(hit: true, key: "cache-key", cacheName: "cache-config"))
        #expect(hit.phase == .succeeded)
        #expect(hit.outputs?.parameters?.first?.value == "world")
        let podName = NodeNames.podName(workflow: second, nodeName: second, templateName: "world-to-file")
        await #expect(throws: ClusterError.self) {
            _ = try await engine.cluster.get(.pod, namespace: "argo", name: podName)
        }
        let firstPod = NodeNames.podName(workflow: first, nodeName: first, templateName: "world-to-file")
        _ = try await engine.cluster.get(.pod, namespace: "argo", name: firstPod)
    }
}
