import Templates
import Controller

/// `operate-profile <fan-out|all-running|steady|fan-in> [--sizes N] [--rounds R]`: repeats one pass of the fan
/// shape R times from the same snapshot (not part of `all`), so that `perf record` sees that pass and little else.
/// Prints the median and best of the repeats.
enum OperateProfile {
    static let passes = ["fan-out", "all-running", "steady", "fan-in"]

    static func run(_ options: BenchOptions) throws {
        let n = options.sizes?.first ?? 10_000
        let rounds = options.rounds ?? 20
        let pass = options.rest.first ?? "fan-out"
        guard let which = passes.firstIndex(of: pass) else {
            print("operate-profile: pass must be one of \(passes.joined(separator: ", "))")
            return
        }
        let workflow = try OperateBench.decode(WorkflowShapes.dag(name: "fan", tasks: WorkflowShapes.fan(n: n)))
        var driver = OperateDriver(workflow: workflow)
        driver.pass()
        driver.succeedAll()
        // Passes before the one profiled: fan-out, all-running, steady (then every B succeeds for the fan-in).
        for i in 0..<which {
            driver.pass()
            if i == 2 { driver.succeedAll() }
        }
        var samples = Samples()
        for _ in 0..<rounds {
            var d = driver
            samples.add(Clock.measure { d.pass() })
        }
        print("operate-profile \(pass) n=\(n): \(OperateBench.summary(samples)) over \(rounds) repeats")
    }
}
