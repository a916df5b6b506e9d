import Foundation

/// `scale`: fan-out/fan-in DAGs (A → B1..Bn → Z) at n = 1,000 and 10,000 on the local engine. Each size runs
/// in a fresh child process (`argo-lite-bench scale-run N`) so that its getrusage numbers are its own: wall
/// time, process CPU (user+sys, nothing subtracted), CPU of the pods (RUSAGE_CHILDREN), max RSS, and bytes
/// written (`/proc/self/io` write_bytes, and the size of `state.db*`).
enum ScaleBench {
    struct Result {
        var fields: [String: String] = [:]
        func number(_ key: String) -> Double { Double(fields[key] ?? "") ?? .nan }
    }

    static func run(_ options: BenchOptions) async throws {
        let sizes = options.sizes ?? [1_000, 10_000]
        let maxPods = options.maxPods?.first ?? 8
        let me = Paths.binaryDirectory.appendingPathComponent("argo-lite-bench").path
        print("scale: fan-out/fan-in A -> B1..Bn -> Z, maxPods=\(maxPods), one child process per size, timeout \(Int(options.timeout)) s")
        var results: [Int: Result] = [:]
        for n in sizes {
            let out = FileManager.default.temporaryDirectory.appendingPathComponent("argo-lite-scale-\(n)-\(getpid()).txt")
            try? FileManager.default.removeItem(at: out)
            try Spawn.check([me, "scale-run", "--sizes", "\(n)", "--max-pods", "\(maxPods)",
                             "--timeout", "\(options.timeout)", out.path])
            let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
            try? FileManager.default.removeItem(at: out)
            var r = Result()
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
                if parts.count == 2 { r.fields[parts[0]] = parts[1] }
            }
            results[n] = r
            print("  n=\(n): \(r.fields["phase"] ?? "?") in \(Fmt.s(r.number("wall"))); controller process CPU \(Fmt.s(r.number("cpu"))) (\(Fmt.s(r.number("cpuRun"))) during the run), pods' CPU \(Fmt.s(r.number("childrenCPU"))); max RSS \(Fmt.mb(r.number("maxRSS"))); written \(Fmt.mb(r.number("writeBytes"))) (/proc/self/io), state.db* \(Fmt.mb(r.number("storeBefore"))) -> \(Fmt.mb(r.number("storeAfter")))")
            if let progress = r.fields["progress"] { print("    progress at the timeout: \(progress)") }
        }
        if sizes.count >= 2, let small = results[sizes[0]], let large = results[sizes[sizes.count - 1]] {
            let k = Double(sizes[sizes.count - 1]) / Double(sizes[0])
            func ratio(_ key: String) -> String { Fmt.x(large.number(key) / small.number(key)) }
            print("  \(sizes[sizes.count - 1])/\(sizes[0]) (\(Int(k))x nodes): wall \(ratio("wall")), controller CPU \(ratio("cpu")) (target <= ~\(Int(k * 1.2))x), pods' CPU \(ratio("childrenCPU")), max RSS \(ratio("maxRSS")), written \(ratio("writeBytes"))")
        }
    }

    /// The child: one size, results as `key=value` lines in the file named by the last argument.
    static func runOne(_ options: BenchOptions) async throws {
        guard let n = options.sizes?.first, let out = options.rest.last else {
            throw Spawn.Failure(description: "usage: scale-run --sizes N [--max-pods M] [--timeout S] OUTPUT")
        }
        let workflow = WorkflowShapes.dag(name: "fan\(n)", tasks: WorkflowShapes.fan(n: n))
        let engine = try await BenchEngine.start(maxPods: options.maxPods?.first ?? 8)
        let before = ResourceUsage.now()
        let storeBefore = Paths.storeBytes(engine.directory)
        let outcome = try await engine.run(workflow, timeout: options.timeout)
        let after = ResourceUsage.now()
        var lines = [
            "phase=\(outcome.phase ?? "Running (timeout)")", "wall=\(outcome.seconds)",
            "cpu=\(after.selfCPU)", "cpuRun=\(after.selfCPU - before.selfCPU)",
            "childrenCPU=\(after.childrenCPU - before.childrenCPU)", "maxRSS=\(after.maxRSSBytes)",
            "writeBytes=\(after.writeBytes - before.writeBytes)",
            "storeBefore=\(storeBefore)", "storeAfter=\(Paths.storeBytes(engine.directory))",
        ]
        if outcome.phase == nil {
            let counts = try await engine.progress(of: "fan\(n)")
            lines.append("progress=" + counts.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: out, atomically: true, encoding: .utf8)
        await engine.stop()
    }
}
