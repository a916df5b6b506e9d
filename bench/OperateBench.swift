import Foundation
import Templates
import Controller

/// `operate`: the time of one `Operator.operate` pass, driven directly on snapshots (no store, no pods), on three
/// shapes: a fan-out/fan-in DAG (A → B0..Bn-1 → Z: the fan-out pass that creates n pods, the pass that sees them
/// all running, a steady pass, the fan-in pass), a chain (a steps template of n sequential steps) and the layered
/// DAG of `dag1000` (layers of 100, each task depending on 2 of the previous layer). The chain and the layered DAG
/// get a start pass, a mid-run pass (half the tasks done, the next pods created) and a steady pass.
enum OperateBench {
    struct Passes {
        var fanOut = Samples(), observe = Samples(), steady = Samples(), fanIn = Samples()
        var nodes = 0
    }

    static func run(_ options: BenchOptions) throws {
        let sizes = options.sizes ?? [1_000, 10_000]
        let rounds = options.rounds ?? 5
        // Extra words pick shapes (`fan`, `chain`, `layered`); none means all.
        let picked = Set(options.rest)
        func wanted(_ shape: String) -> Bool { picked.isEmpty || picked.contains(shape) }
        if wanted("fan") { print("operate: one Operator.operate pass on A -> B1..Bn -> Z; \(rounds) rounds per size") }
        var all: [Int: Passes] = [:]
        for n in sizes where wanted("fan") {
            let workflow = try decode(WorkflowShapes.dag(name: "fan", tasks: WorkflowShapes.fan(n: n)))
            var p = Passes()
            for _ in 0..<rounds { measureRound(workflow, into: &p) }
            all[n] = p
            print("  n=\(n) (\(p.nodes) nodes): fan-out \(summary(p.fanOut)), all-running \(summary(p.observe)), steady \(summary(p.steady)), fan-in \(summary(p.fanIn))")
        }
        var worst = [Double]()
        if sizes.count >= 2, let small = all[sizes[0]], let large = all[sizes[sizes.count - 1]] {
            func r(_ a: Samples, _ b: Samples) -> String { Fmt.x(b.median / a.median) }
            print("  \(sizes[sizes.count - 1])/\(sizes[0]) medians: fan-out \(r(small.fanOut, large.fanOut)), all-running \(r(small.observe, large.observe)), steady \(r(small.steady, large.steady)), fan-in \(r(small.fanIn, large.fanIn))")
            worst += [large.fanOut, large.observe, large.steady, large.fanIn].map(\.median)
        }
        worst += try OperateShapesBench.run(sizes: sizes, rounds: rounds, shapes: OperateShapesBench.shapes.filter { wanted($0.name) })
        if sizes.count >= 2 {
            print("  slowest pass at n=\(sizes[sizes.count - 1]) (all shapes): \(Fmt.ms(worst.max() ?? .nan)) (target <= 50 ms)")
        }
    }

    static func decode(_ json: String) throws -> Workflow {
        var object = try JSONBridge.parse(json)
        object["metadata"]?["namespace"] = .string("bench")
        return try JSONBridge.decode(Workflow.self, from: object)
    }

    static func summary(_ s: Samples) -> String { "\(Fmt.ms(s.median)) (best \(Fmt.ms(s.best)))" }

    static func measureRound(_ workflow: Workflow, into p: inout Passes) {
        var driver = OperateDriver(workflow: workflow)
        _ = driver.pass()  // A's pod created
        driver.succeedAll()
        p.fanOut.add(Clock.measure { _ = driver.pass() })
        p.observe.add(Clock.measure { _ = driver.pass() })
        p.steady.add(Clock.measure { _ = driver.pass() })
        driver.succeedAll()
        p.fanIn.add(Clock.measure { _ = driver.pass() })
        p.nodes = driver.snapshot.workflow.status?.nodes?.count ?? 0
    }
}

/// Runs passes on a snapshot as the controller would see them: the status of a pass is the next pass's status,
/// and every pod a pass creates is observed Running.
struct OperateDriver {
    var snapshot: WorkflowSnapshot
    var now: Int64 = 1_700_000_000

    init(workflow: Workflow) { snapshot = WorkflowSnapshot(workflow: workflow) }

    @discardableResult
    mutating func pass() -> OperateResult {
        let r = Operator.operate(snapshot, now: KubeTime(seconds: now))
        snapshot.workflow.status = r.status
        for case .createPod(let pod) in r.actions {
            if !pod.name.isEmpty { snapshot.pods[pod.name] = PodObservation(phase: .running) }
        }
        now += 1
        return r
    }

    mutating func succeedAll() {
        for (name, pod) in snapshot.pods where pod.phase != .succeeded { snapshot.pods[name] = PodObservation(phase: .succeeded) }
    }

    var podCount: Int { snapshot.pods.count }
}


/// The chain and layered-DAG part of `operate`: per shape and size, the start pass (the first pods created), a
/// mid-run pass (half the tasks succeeded, the next pods created) and a steady pass (nothing changed). The mid-run
/// snapshot is reached once per size by real passes (every pod succeeding at once) and reused by every round.
enum OperateShapesBench {
    struct Passes { var start = Samples(), mid = Samples(), steady = Samples(); var nodes = 0 }

    struct Shape: Sendable {
        var name: String
        var describe: String
        var workflow: @Sendable (Int) throws -> Workflow
    }

    static let shapes = [
        Shape(name: "chain", describe: "a steps template of n sequential steps") {
            try OperateBench.decode(WorkflowShapes.chain(name: "chain", count: $0))
        },
        Shape(name: "layered", describe: "n/100 layers x 100 tasks, each depending on 2 of the previous layer") {
            try OperateBench.decode(WorkflowShapes.dag(name: "layered", tasks: WorkflowShapes.layeredGraph(layers: max(1, $0 / 100), width: 100)))
        },
    ]

    /// Returns the medians of every pass at the largest size.
    static func run(sizes: [Int], rounds: Int, shapes: [Shape]) throws -> [Double] {
        var largest: [Double] = []
        for shape in shapes {
            print("operate \(shape.name): \(shape.describe); \(rounds) rounds per size")
            var all: [Int: Passes] = [:]
            for n in sizes {
                let workflow = try shape.workflow(n)
                var p = Passes()
                // Start: the first pass on a fresh workflow.
                for _ in 0..<rounds {
                    var d = OperateDriver(workflow: workflow)
                    p.start.add(Clock.measure { d.pass() })
                }
                // Mid-run: succeed pods until half the tasks are done; then the pass that creates the next pods.
                var d = OperateDriver(workflow: workflow)
                d.pass()
                while d.podCount < n / 2 {
                    d.succeedAll()
                    d.pass()
                }
                d.succeedAll()
                let halfDone = d
                for _ in 0..<rounds {
                    var m = halfDone
                    p.mid.add(Clock.measure { m.pass() })
                    m.pass()  // the new pods seen Running
                    p.steady.add(Clock.measure { m.pass() })
                    p.nodes = m.snapshot.workflow.status?.nodes?.count ?? 0
                }
                all[n] = p
                print("  n=\(n) (\(p.nodes) nodes at mid-run): start \(OperateBench.summary(p.start)), mid-run \(OperateBench.summary(p.mid)), steady \(OperateBench.summary(p.steady))")
            }
            if sizes.count >= 2, let small = all[sizes[0]], let large = all[sizes[sizes.count - 1]] {
                func r(_ a: Samples, _ b: Samples) -> String { Fmt.x(b.median / a.median) }
                print("  \(sizes[sizes.count - 1])/\(sizes[0]) medians: start \(r(small.start, large.start)), mid-run \(r(small.mid, large.mid)), steady \(r(small.steady, large.steady))")
                largest += [large.start.median, large.mid.median, large.steady.median]
            }
        }
        return largest
    }
}
