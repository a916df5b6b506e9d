import Foundation
import Testing
import Templates
import TestSupport
@testable import Controller

/// Upstream's `parallelism-limit.yaml` (`parallelism: 2`, ten 10 s pods) on an agent that could run eight at once:
/// never more than two pods run at the same time, checked from the pods' own start and end times, so it takes
/// five rounds (about 50 s), where the old count let eight run and it ended in about 20 s.
@Suite(.serialized, .tags(.fault), .needsSharedData) struct FaultParallelismLimitTests {
    @Test func neverMoreThanTwoPodsRunAtOnce() async throws {
        let engine = try await LocalEngine.start(maxPods: 8)
        defer { Task { await engine.stop() } }
        let name = try await engine.submit(try SharedData.read(example: "parallelism-limit.yaml"), file: "parallelism-limit.yaml")
        let wf = try await engine.waitForCompletion(name, seconds: 150)
        #expect(wf.status?.phase == .succeeded, "\(wf.status?.message ?? "")")
        let pods = (wf.status?.nodes?.values.map { $0 } ?? []).filter { $0.type == .pod }
        #expect(pods.count == 10)
        // Whole seconds, as Kubernetes records them: a pod that starts as another ends shares that second.
        let spans = pods.compactMap { p -> (start: Int64, end: Int64)? in
            guard let s = p.startedAt?.seconds, let e = p.finishedAt?.seconds else { return nil }
            return (s, e)
        }
        #expect(spans.count == 10)
        let most = spans.map { at in spans.filter { $0.start <= at.start && at.start < $0.end }.count }.max() ?? 0
        #expect(most <= 2, "\(most) pods ran at once")
        #expect(most == 2, "the limit is 2, not 1")
    }
}
