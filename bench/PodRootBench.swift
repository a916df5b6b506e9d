import Controller
import Executor
import Foundation

/// `podroot`: what a pod's own root filesystem costs (issue 18). 500 no-op pod processes through the node agent's
/// runner, two at a time, in three ways alternating within each round: namespaces only (mount and PID namespaces,
/// private `/tmp` and `/proc`: the isolation before), and the whole isolation a pod has now (its own root:
/// overlays, `/dev`, `/sys`, the state directory hidden, `pivot_root`, capabilities cut) with its upper layers in
/// memory (the default) and on disk (`ARGO_LITE_POD_LAYERS=disk`), whose removal, which the agent does when the
/// pod is deleted, is timed apart. Needs root.
enum PodRootBench {
    static func run(_ options: BenchOptions) async throws {
        let rounds = options.rounds ?? 3
        let count = options.sizes?.first ?? 500
        let runner = try await PodProcesses.runner()
        guard case .namespaces = runner.isolation else {
            print("podroot: skipped (no mount namespaces: needs root)")
            return
        }
        let state = try Paths.temporaryDirectory("argo-lite-bench-podroot")
        defer { try? FileManager.default.removeItem(at: state) }
        let root = ContainerRoot(layer: state.appendingPathComponent("pods/default/p/layers").path, hidden: [state.path])
        try await PodProcesses.run(4, atATime: 2, runner: runner)  // warm up
        try await PodProcesses.run(4, atATime: 2, runner: runner, root: root)
        try? FileManager.default.removeItem(atPath: root.layer)
        print("podroot: \(count) no-op pod processes, 2 at a time; \(rounds) rounds")
        let memory = ContainerRoot.memory(hidden: [state.path])
        var namespaces = Samples(), inMemory = Samples(), onDisk = Samples(), removal = Samples()
        for round in 1...rounds {
            namespaces.add(try await PodProcesses.time(count, atATime: 2, runner: runner))
            inMemory.add(try await PodProcesses.time(count, atATime: 2, runner: runner, root: memory))
            onDisk.add(try await PodProcesses.time(count, atATime: 2, runner: runner, root: root))
            let start = ContinuousClock.now
            try FileManager.default.removeItem(atPath: root.layer)
            removal.add(Clock.seconds(ContinuousClock.now - start))
            print("  round \(round): namespaces only \(Fmt.s(namespaces.values.last!)), own root in memory \(Fmt.s(inMemory.values.last!)), on disk \(Fmt.s(onDisk.values.last!)), removing \(count) disk layers \(Fmt.s(removal.values.last!))")
        }
        let perPod = { (s: Double) in String(format: "%.2f ms", s * 1000 / Double(count)) }
        print("  namespaces only (baseline): median \(Fmt.s(namespaces.median)) (\(perPod(namespaces.median)) a pod)")
        print("  own root, layers in memory (default): median \(Fmt.s(inMemory.median)) (\(perPod(inMemory.median)) a pod); ratio \(Fmt.x(inMemory.median / namespaces.median)) (target <= 1.30x)")
        print("  own root, layers on disk: median \(Fmt.s(onDisk.median)) (\(perPod(onDisk.median)) a pod); ratio \(Fmt.x(onDisk.median / namespaces.median)), with their removal \(Fmt.x((onDisk.median + removal.median) / namespaces.median))")
    }
}
