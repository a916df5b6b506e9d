import Foundation
import Testing
import Templates
@testable import Controller
@testable import Operator

/// `template.memoize`, as Argo's operator does it: a cache hit is a Succeeded node with the cached outputs and no
/// pod; a miss runs, and its outputs are saved when it succeeds.
@Suite struct OperatorMemoizeTests {
    /// A workflow whose entrypoint is a memoized container template.
    static func single(key: String = "hello", maxAge: String? = nil) -> String {
        let age = maxAge.map { #", "maxAge": "\#($0)""# } ?? ""
        return """
        {"metadata": {"name": "memo", "namespace": "argo"}, "spec": {"entrypoint": "say", "templates": [
          {"name": "say", "memoize": {"key": "\(key)"\(age), "cache": {"configMap": {"name": "cache"}}},
           "container": {"image": "busybox", "command": ["echo", "hi"]},
           "outputs": {"parameters": [{"name": "out", "valueFrom": {"path": "/tmp/out"}}]}}]}}
        """
    }

    static func saves(_ actions: [OperatorAction]) -> [MemoSave] {
        actions.compactMap { if case .saveMemo(let s) = $0 { s } else { nil } }
    }

    static func cached(_ nodeID: String, value: String, createdAt: Double) -> String {
        let t = KubeTime(time: createdAt).rfc3339
        return #"{"nodeID":"\#(nodeID)","outputs":{"parameters":[{"name":"out","value":"\#(value)"}],"exitCode":"0"},"#
            + #""creationTimestamp":"\#(t)","lastHitTimestamp":"\#(t)"}"#
    }

    @Test func aMissRunsThePodAndSavesItsOutputsWhenItSucceeds() throws {
        var k = try FakeKubelet(json: Self.single())
        let first = k.pass()
        #expect(k.createdPods.count == 1)
        #expect(Self.saves(first.actions).isEmpty)
        let running = try #require(k.node("memo"))
        #expect(running.memoizationStatus == MemoizationStatus(hit: false, key: "hello", cacheName: "cache"))
        k.finishPods { _ in .succeed(parameters: ["out": "world"]) }
        k.now += 5
        let second = k.pass()
        let node = try #require(k.node("memo"))
        #expect(node.phase == .succeeded)
        #expect(k.status.phase == .succeeded)
        let saves = Self.saves(second.actions)
        #expect(saves.count == 1)
        let save = try #require(saves.first)
        #expect(save.configMap == "cache")
        #expect(save.namespace == "argo")
        #expect(save.key == "hello")
        #expect(save.entry.json == #"{"nodeID":"memo","outputs":{"parameters":[{"name":"out","value":"world"}],"exitCode":"0"},"creationTimestamp":"2023-11-14T22:13:25Z","lastHitTimestamp":"2023-11-14T22:13:25Z"}"#)
        #expect(save.entry.outputs == node.outputs)
    }

    @Test func aSecondPassWithNothingChangedSavesNothingAgain() throws {
        var k = try FakeKubelet(json: Self.single())
        k.pass()
        k.finishPods { _ in .succeed(parameters: ["out": "world"]) }
        #expect(Self.saves(k.pass().actions).count == 1)
        let again = Operator.operate(k.snapshot, now: KubeTime(time: k.now + 1))
        #expect(again.isNoop)
        let (converged, done) = Operator.converge(k.snapshot, now: KubeTime(time: k.now + 1))
        #expect(done)
        #expect(Self.saves(converged.actions).isEmpty)
    }

    @Test func aHitIsSucceededAtOnceWithTheCachedOutputsAndNoPod() throws {
        var k = try FakeKubelet(json: Self.single())
        let entry = Self.cached("memo-old", value: "different world", createdAt: k.now - 100)
        k.snapshot.memoCaches["cache"] = MemoCacheObservation(data: ["hello": entry])
        let result = k.pass()
        #expect(k.createdPods.isEmpty)
        let node = try #require(k.node("memo"))
        #expect(node.type == .pod)
        #expect(node.phase == .succeeded)
        #expect(node.message == nil)
        #expect(node.memoizationStatus == MemoizationStatus(hit: true, key: "hello", cacheName: "cache"))
        #expect(node.outputs?.parameters?.first?.value == "different world")
        #expect(node.outputs?.exitCode == "0")
        #expect(k.status.phase == .succeeded)
        // Argo's Load records the hit in the entry's lastHitTimestamp; the entry is not saved as new.
        let touch = try #require(Self.saves(result.actions).first)
        #expect(Self.saves(result.actions).count == 1)
        #expect(touch.entry.nodeID == "memo-old")
        #expect(touch.entry.creationTimestamp == KubeTime(time: k.now - 100))
        #expect(touch.entry.lastHitTimestamp == KubeTime(time: k.now))
    }

    @Test(arguments: [(age: 10.0, hit: true), (age: 11.0, hit: false)])
    func anEntryOlderThanMaxAgeIsAMissAndRunsAgain(age: Double, hit: Bool) throws {
        var k = try FakeKubelet(json: Self.single(maxAge: "10s"))
        k.snapshot.memoCaches["cache"] = MemoCacheObservation(
            data: ["hello": Self.cached("memo-old", value: "old", createdAt: k.now - age)])
        k.pass()
        #expect(k.createdPods.count == (hit ? 0 : 1))
        #expect(k.node("memo")?.memoizationStatus == MemoizationStatus(hit: hit, key: "hello", cacheName: "cache"))
        #expect(k.node("memo")?.phase == (hit ? .succeeded : .pending))
        guard !hit else { return }
        k.finishPods { _ in .succeed(parameters: ["out": "new"]) }
        let saves = Self.saves(k.pass().actions)
        #expect(saves.map(\.entry.nodeID) == ["memo"])
        #expect(saves.first?.entry.outputs?.parameters?.first?.value == "new")
    }

    @Test func aFailedNodeIsNotCached() throws {
        var k = try FakeKubelet(json: Self.single())
        var saves: [MemoSave] = []
        for _ in 0..<5 {
            saves += Self.saves(k.pass().actions)
            k.finishPods { _ in .fail(exitCode: 1) }
        }
        #expect(k.node("memo")?.phase == .failed)
        #expect(k.status.phase == .failed)
        #expect(saves.isEmpty)
    }

    @Test func aLaterStepWithTheSameKeyHitsTheEntrySavedInTheSamePass() throws {
        var k = try FakeKubelet(json: """
        {"metadata": {"name": "twice"}, "spec": {"entrypoint": "main", "templates": [
          {"name": "main", "steps": [
            [{"name": "a", "template": "say", "arguments": {"parameters": [{"name": "m", "value": "k1"}]}}],
            [{"name": "b", "template": "say", "arguments": {"parameters": [{"name": "m", "value": "k1"}]}}]]},
          {"name": "say", "inputs": {"parameters": [{"name": "m"}]},
           "memoize": {"key": "{{inputs.parameters.m}}", "cache": {"configMap": {"name": "c"}}},
           "container": {"image": "busybox", "command": ["echo", "{{inputs.parameters.m}}"]}}]}}
        """)
        k.run { _ in .succeed(result: "out") }
        #expect(k.status.phase == .succeeded)
        #expect(k.createdPods.count == 1)
        let b = try #require(k.node("twice[1].b"))
        #expect(b.memoizationStatus == MemoizationStatus(hit: true, key: "k1", cacheName: "c"))
        #expect(b.outputs?.result == "out")
        #expect(k.node("twice[0].a")?.memoizationStatus?.hit == false)
    }

    @Test func aKeyArgoRejectsIsANodeError() throws {
        var k = try FakeKubelet(json: Self.single(key: "hello world"))
        k.pass()
        #expect(k.createdPods.isEmpty)
        #expect(k.node("memo")?.phase == .error)
        #expect(k.node("memo")?.message == "invalid cache key: hello world")
        #expect(k.status.phase == .error)
    }

    @Test func aConfigMapNotLabelledAsACacheIsRefused() throws {
        var k = try FakeKubelet(json: Self.single())
        k.snapshot.memoCaches["cache"] = MemoCacheObservation(typeLabelValue: nil, data: [:])
        k.pass()
        #expect(k.createdPods.isEmpty)
        #expect(k.node("memo")?.message == "memoization configmap doesn't have workflows.argoproj.io/configmap-type label, refusing to use it")
    }

    @Test func anEntryRoundTripsThroughItsJSON() throws {
        let text = Self.cached("n-1", value: "v", createdAt: 1_700_000_000)
        let entry = try MemoEntry(json: text)
        #expect(entry.nodeID == "n-1")
        #expect(entry.creationTimestamp == KubeTime(time: 1_700_000_000))
        #expect(entry.json == text)
        #expect(throws: MemoError.self) { try MemoEntry(json: "{not json") }
    }

    /// Argo's functional `steps-memoize`: a memoized steps template saves the outputs it gathers from its steps;
    /// a later call with the same key is a Steps node Succeeded with those outputs, with no children and no pod.
    @Test func aMemoizedStepsTemplateIsSavedAndHitAsAWhole() throws {
        var k = try FakeKubelet(json: """
        {"metadata": {"name": "sm"}, "spec": {"entrypoint": "main", "templates": [
          {"name": "main", "steps": [
            [{"name": "one", "template": "memostep", "arguments": {"parameters": [{"name": "m", "value": "hello1"}]}}],
            [{"name": "two", "template": "memostep", "arguments": {"parameters": [{"name": "m", "value": "hello1"}]}}]]},
          {"name": "memostep", "inputs": {"parameters": [{"name": "m"}]},
           "memoize": {"key": "{{inputs.parameters.m}}", "maxAge": "10s", "cache": {"configMap": {"name": "memo-step"}}},
           "steps": [[{"name": "cache", "template": "say", "arguments": {"parameters": [{"name": "m", "value": "{{inputs.parameters.m}}"}]}}]],
           "outputs": {"parameters": [{"name": "output", "valueFrom": {"parameter": "{{steps.cache.outputs.result}}"}}]}},
          {"name": "say", "inputs": {"parameters": [{"name": "m"}]},
           "container": {"image": "busybox", "command": ["echo", "{{inputs.parameters.m}}"]}}]}}
        """)
        var saves: [MemoSave] = []
        for _ in 0..<10 {
            saves += Self.saves(k.pass().actions)
            if k.status.phase == .succeeded { break }
            k.finishPods { _ in .succeed(result: "said") }
            k.now += 1
        }
        #expect(k.status.phase == .succeeded)
        #expect(k.createdPods.count == 1)
        let one = try #require(k.node("sm[0].one"))
        #expect(one.type == .steps)
        #expect(one.memoizationStatus == MemoizationStatus(hit: false, key: "hello1", cacheName: "memo-step"))
        let two = try #require(k.node("sm[1].two"))
        #expect(two.type == .steps)
        #expect(two.phase == .succeeded)
        #expect(two.memoizationStatus == MemoizationStatus(hit: true, key: "hello1", cacheName: "memo-step"))
        #expect(two.children == nil)
        #expect(two.outputs?.parameters?.first?.value == "said")
        #expect(saves.map(\.entry.nodeID) == [one.id])
        #expect(saves.first?.entry.outputs?.parameters?.first?.value == "said")
    }

    /// With a retryStrategy, the memoized node is the Retry node: its outputs (its last attempt's) are saved.
    @Test func aMemoizedRetryTemplateSavesTheRetryNodesOutputs() throws {
        var k = try FakeKubelet(json: """
        {"metadata": {"name": "rm"}, "spec": {"entrypoint": "say", "templates": [
          {"name": "say", "retryStrategy": {"limit": 2}, "memoize": {"key": "k", "cache": {"configMap": {"name": "c"}}},
           "container": {"image": "busybox", "command": ["echo"]}}]}}
        """)
        var saves: [MemoSave] = []
        var attempt = 0
        for _ in 0..<10 {
            saves += Self.saves(k.pass().actions)
            if k.status.phase == .succeeded { break }
            k.finishPods { _ in attempt += 1; return attempt == 1 ? .fail(exitCode: 1) : .succeed(result: "ok") }
            k.now += 1
        }
        #expect(k.status.phase == .succeeded)
        let retry = try #require(k.node("rm"))
        #expect(retry.type == .retry)
        #expect(retry.memoizationStatus == MemoizationStatus(hit: false, key: "k", cacheName: "c"))
        #expect(saves.map(\.entry.nodeID) == [retry.id])
        #expect(saves.first?.entry.outputs?.result == "ok")
    }
}
