import Controller
import Foundation

/// `dag1000`: a 1,000-task layered DAG (10 layers × 100, each task depending on 2 of the previous layer) of
/// no-op pods on the local engine, submit to Succeeded, against `make -j2` running the same graph of `true`.
/// Baseline and subject alternate within each round; each maxPods value gets its own subject samples.
///
/// Each round also times the pods' processes alone: 1,000 runs of a no-op pod's process through the node agent's
/// runner, two at a time as `make -j2` runs. No engine that runs each task as such a pod can be faster than that on
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
        let runner = PodProcessRunner(isolation: await Isolation.detect(), selfExecutable: try Paths.argoLite())
        try await podsAlone(2, runner: runner)  // warm up

        print("dag1000: 1,000 no-op tasks, 10 layers x 100, 2 dependencies each; \(rounds) rounds")
        var baseline = Samples(), processes = Samples()
        var subject: [Int: Samples] = [:]
        for round in 1...rounds {
            let start = ContinuousClock.now
            try await podsAlone(graph.count, runner: runner)
            processes.add(Clock.seconds(ContinuousClock.now - start))
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
        print("  make -j2 (baseline): median \(Fmt.s(baseline.median)), best \(Fmt.s(baseline.best))")
        print("  pods' processes alone (\(runner.isolation == .processGroup ? "no namespaces" : "in namespaces"), 2 at a time): median \(Fmt.s(processes.median)), best \(Fmt.s(processes.best)); ratio to make median \(Fmt.x(processes.median / baseline.median)) (the least any pod-per-task engine needs here)")
        var bestMaxPods = maxPodsValues[0]
        for maxPods in maxPodsValues {
            let s = subject[maxPods]!
            if s.median < subject[bestMaxPods]!.median { bestMaxPods = maxPods }
            print("  argo-lite maxPods=\(maxPods): median \(Fmt.s(s.median)), best \(Fmt.s(s.best)); ratio median \(Fmt.x(s.median / baseline.median)), best \(Fmt.x(s.best / baseline.best)) (target <= 1.50x)")
        }
        print("  best maxPods: \(bestMaxPods)")
    }

    /// Runs a no-op pod's process (the executor running `true`) `count` times, two at a time, through the node
    /// agent's own `PodProcessRunner` (in a pod's namespaces when the engine uses them), with no controller or store.
    static func podsAlone(_ count: Int, runner: PodProcessRunner) async throws {
        let spec = ContainerProcessSpec(
            argv: [runner.executor, "emissary", "--task-result", "/dev/null", "--", "true"], logFile: "/dev/null")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for half in 0..<2 {
                group.addTask {
                    for _ in stride(from: half, to: count, by: 2) {
                        let outcome = try await runner.run(spec)
                        guard outcome.exitCode == 0 else {
                            throw Spawn.Failure(description: "a no-op pod's process exited \(outcome.exitCode)")
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}
