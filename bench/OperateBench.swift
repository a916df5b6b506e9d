import Foundation
import Templates
import Controller

/// `operate`: the time of one `Operator.operate` pass on a fan-out/fan-in DAG (A → B0..Bn-1 → Z), driven
/// directly on snapshots (no store, no pods): the fan-out pass (creates n pods), the pass that sees them all
/// running, a steady pass (nothing changes), and the fan-in pass (all B succeeded, Z starts).
enum OperateBench {
    struct Passes {
        var fanOut = Samples(), observe = Samples(), steady = Samples(), fanIn = Samples()
        var nodes = 0
    }

    static func run(_ options: BenchOptions) throws {
        let sizes = options.sizes ?? [1_000, 10_000]
        let rounds = options.rounds ?? 5
        print("operate: one Operator.operate pass on A -> B1..Bn -> Z; \(rounds) rounds per size")
        var all: [Int: Passes] = [:]
        for n in sizes {
            let json = WorkflowShapes.dag(name: "fan", tasks: WorkflowShapes.fan(n: n))
            var object = try JSONBridge.parse(json)
            object["metadata"]?["namespace"] = .string("bench")
            let workflow = try JSONBridge.decode(Workflow.self, from: object)
            var p = Passes()
            for _ in 0..<rounds { measureRound(workflow, into: &p) }
            all[n] = p
            print("  n=\(n) (\(p.nodes) nodes): fan-out \(summary(p.fanOut)), all-running \(summary(p.observe)), steady \(summary(p.steady)), fan-in \(summary(p.fanIn))")
        }
        if sizes.count >= 2, let small = all[sizes[0]], let large = all[sizes[sizes.count - 1]] {
            func r(_ a: Samples, _ b: Samples) -> String { Fmt.x(b.median / a.median) }
            print("  \(sizes[sizes.count - 1])/\(sizes[0]) medians: fan-out \(r(small.fanOut, large.fanOut)), all-running \(r(small.observe, large.observe)), steady \(r(small.steady, large.steady)), fan-in \(r(small.fanIn, large.fanIn))")
            let worst = [large.fanOut, large.observe, large.steady, large.fanIn].map(\.median).max() ?? .nan
            print("  slowest pass at n=\(sizes[sizes.count - 1]): \(Fmt.ms(worst)) (target <= 50 ms)")
        }
    }

    static func summary(_ s: Samples) -> String { "\(Fmt.ms(s.median)) (best \(Fmt.ms(s.best)))" }

    static func measureRound(_ workflow: Workflow, into p: inout Passes) {
        var snapshot = WorkflowSnapshot(workflow: workflow)
        var now: Int64 = 1_700_000_000
        func pass() -> OperateResult {
            let r = Operator.operate(snapshot, now: KubeTime(seconds: now))
            snapshot.workflow.status = r.status
            for case .createPod(let pod) in r.actions {
                if let name = pod["metadata"]?["name"]?.stringValue { snapshot.pods[name] = PodObservation(phase: .running) }
            }
            now += 1
            return r
        }
        func succeedAll() { for name in snapshot.pods.keys { snapshot.pods[name] = PodObservation(phase: .succeeded) } }
        _ = pass()  // A's pod created
        succeedAll()
        p.fanOut.add(Clock.measure { _ = pass() })
        p.observe.add(Clock.measure { _ = pass() })
        p.steady.add(Clock.measure { _ = pass() })
        succeedAll()
        p.fanIn.add(Clock.measure { _ = pass() })
        p.nodes = snapshot.workflow.status?.nodes?.count ?? 0
    }
}
