import Foundation

/// `chain100`: a steps template of 100 sequential `true` steps. Per-step overhead =
/// (wall time − the cost of running `argo-lite-executor emissary --task-result /dev/null -- true` 100 times directly,
/// the process work of a pod without its namespaces) / 100,
/// the direct runs alternating with the workflow runs. A second figure takes the pod's whole process as the
/// baseline: the same command 100 times through the node agent's runner, in the pod's namespaces
/// (`PodProcesses`), so that what remains is the engine's part (controller, agent bookkeeping, store).
enum Chain100Bench {
    static let steps = 100

    static func run(_ options: BenchOptions) async throws {
        let rounds = options.rounds ?? 3
        let maxPods = options.maxPods?.first ?? 8
        let emissary = [try Paths.executor(), "emissary", "--task-result", "/dev/null", "--", "true"]
        try Spawn.check(emissary)  // warm up
        print("chain100: \(steps) sequential steps of `true`, maxPods=\(maxPods); \(rounds) rounds")
        let runner = try await PodProcesses.runner()
        try await PodProcesses.run(1, atATime: 1, runner: runner)  // warm up
        var alone = Samples(), wall = Samples(), overhead = Samples(), engineCPU = Samples(), podCPU = Samples()
        var pods = Samples(), engineOverhead = Samples()
        for round in 1...rounds {
            let direct = try Clock.measure { for _ in 0..<steps { try Spawn.check(emissary) } }
            alone.add(direct)
            let engine = try await BenchEngine.start(maxPods: maxPods)
            let before = ResourceUsage.now()
            let outcome = try await engine.run(
                WorkflowShapes.chain(name: "chain100-\(round)", count: steps), timeout: options.timeout)
            let after = ResourceUsage.now()
            await engine.stop()
            engineCPU.add((after.selfCPU - before.selfCPU) / Double(steps))
            podCPU.add((after.childrenCPU - before.childrenCPU) / Double(steps))
            guard outcome.phase == "Succeeded" else {
                throw Spawn.Failure(description: "chain100 ended \(outcome.phase ?? "still running after the timeout")")
            }
            wall.add(outcome.seconds)
            overhead.add((outcome.seconds - direct) / Double(steps))
            // After the engine's run, so that tearing down a hundred namespaces cannot weigh on it.
            let isolated = try await PodProcesses.time(steps, atATime: 1, runner: runner)
            pods.add(isolated)
            engineOverhead.add((outcome.seconds - isolated) / Double(steps))
            print("  round \(round): workflow \(Fmt.s(outcome.seconds)), emissary x\(steps) alone \(Fmt.s(direct)), overhead per step \(Fmt.ms(overhead.values.last!)); pod processes x\(steps) alone \(Fmt.s(isolated)), engine overhead per step \(Fmt.ms(engineOverhead.values.last!))")
        }
        print("  workflow wall: median \(Fmt.s(wall.median)), best \(Fmt.s(wall.best)) (\(Fmt.ms(wall.median / Double(steps))) per step)")
        print("  emissary alone: median \(Fmt.ms(alone.median / Double(steps))), best \(Fmt.ms(alone.best / Double(steps))) per process")
        print("  CPU per step: engine (controller, agent, store) median \(Fmt.ms(engineCPU.median)), best \(Fmt.ms(engineCPU.best)); pod processes median \(Fmt.ms(podCPU.median))")
        print("  overhead per step: median \(Fmt.ms(overhead.median)), best \(Fmt.ms(overhead.best)) (target <= 5.0 ms)")
        print("  pod process alone (\(PodProcesses.describe(runner)), through the agent's runner): median \(Fmt.ms(pods.median / Double(steps))), best \(Fmt.ms(pods.best / Double(steps))) per pod")
        print("  engine overhead per step, over the pod process alone: median \(Fmt.ms(engineOverhead.median)), best \(Fmt.ms(engineOverhead.best))")
    }
}
