import Controller
import Foundation

/// `dag1000`: a 1,000-task layered DAG (10 layers × 100, each task depending on 2 of the previous layer) of
/// no-op pods on the local engine, submit to Succeeded, against `make -j2` running the same graph of `true`.
/// Baseline and subject alternate within each round; each maxPods value gets its own subject samples.
///
/// After the engine's runs, it also times the pods' processes alone (once per round): 1,000 runs of a no-op pod's
/// process through the node agent's runner, two at a time as `make -j2` runs. No engine that runs each task as such a pod can be faster than that on
/// this machine, so its ratio to make bounds what the target can ask.
enum Dag1000Bench {
    static func run(_ options: BenchOptions) async throws {
        let rounds = options.rounds ?? 3
        let maxPodsValues = options.maxPods ?? [2, 4, 8]
        let graph = WorkflowShapes.layeredGraph(layers: 10, width: 100)
        let dir = try Paths.temporaryDirectory("argo-lite-bench-make")
        defer { try? FileManager.default.removeItem(at: dir) }
        try WorkflowShapes.makefile(tasks: graph).write(
            to: dir.appendingPathComponent("Makefile"), atomically: true, encoding: .utf8)
        let make = ["make", "-j2", "-s", "-C", dir.path, "all"]
        try Spawn.check(make)  // warm up
        let runner = try await PodProcesses.runner()
        try await PodProcesses.run(2, atATime: 2, runner: runner)  // warm up

        print("dag1000: 1,000 no-op tasks, 10 layers x 100, 2 dependencies each; \(rounds) rounds")
        var baseline = Samples(), processes = Samples()
        var subject: [Int: Samples] = [:]
        for round in 1...rounds {
            for maxPods in maxPodsValues {
                baseline.add(try Clock.measure { try Spawn.check(make) })
                let engine = try await BenchEngine.start(maxPods: maxPods)
                let outcome = try await engine.run(
                    WorkflowShapes.dag(name: "dag1000-\(round)-\(maxPods)", tasks: graph), timeout: options.timeout)
                await engine.stop()
                guard outcome.phase == "Succeeded" else {
                    throw Spawn.Failure(description: "dag1000 ended \(outcome.phase ?? "still running after the timeout")")
                }
                subject[maxPods, default: Samples()].add(outcome.seconds)
                print("  round \(round) maxPods=\(maxPods): argo-lite \(Fmt.s(outcome.seconds)), make -j2 \(Fmt.s(baseline.values.last!))")
            }
        }
        // Timed after the engine's runs, so that tearing down a thousand namespaces cannot weigh on them.
        for _ in 1...rounds { processes.add(try await PodProcesses.time(graph.count, atATime: 2, runner: runner)) }
        print("  make -j2 (baseline): median \(Fmt.s(baseline.median)), best \(Fmt.s(baseline.best))")
        print("  pods' processes alone (\(PodProcesses.describe(runner)), 2 at a time): median \(Fmt.s(processes.median)), best \(Fmt.s(processes.best)); ratio to make median \(Fmt.x(processes.median / baseline.median)) (the least any pod-per-task engine needs here)")
        var bestMaxPods = maxPodsValues[0]
        for maxPods in maxPodsValues {
            let s = subject[maxPods]!
            if s.median < subject[bestMaxPods]!.median { bestMaxPods = maxPods }
            print("  argo-lite maxPods=\(maxPods): median \(Fmt.s(s.median)), best \(Fmt.s(s.best)); ratio median \(Fmt.x(s.median / baseline.median)), best \(Fmt.x(s.best / baseline.best)) (target <= 1.50x)")
        }
        print("  best maxPods: \(bestMaxPods)")
    }
}
