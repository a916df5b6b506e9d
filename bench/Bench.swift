import Foundation
import Templates

/// `swift run -c release argo-lite-bench <name>... [--rounds N] [--max-pods 2,4,8] [--sizes 1000,10000]
/// [--timeout SECONDS]`: runs the named benchmarks (or `all`) and prints numbers and ratios against their
/// baselines. See docs/benchmarks.md.
@main
struct Bench {
    /// Named benchmarks, in the order `all` runs them.
    static let benchmarks: [(name: String, run: @Sendable (BenchOptions) async throws -> Void)] = [
        ("lint", { _ in try LintBench.run() }),
        ("operate", { try OperateBench.run($0) }),
        ("chain100", { try await Chain100Bench.run($0) }),
        ("dag1000", { try await Dag1000Bench.run($0) }),
        ("scale", { try await ScaleBench.run($0) }),
        ("podroot", { try await PodRootBench.run($0) }),
    ]
    /// Internal entry points (not part of `all`).
    static let internalCommands: [(name: String, run: @Sendable (BenchOptions) async throws -> Void)] = [
        ("scale-run", { try await ScaleBench.runOne($0) }),
        ("operate-profile", { try OperateProfile.run($0) }),
    ]

    static func main() async throws {
        let args = Array(CommandLine.arguments.dropFirst())
        let known = Set((benchmarks + internalCommands).map(\.name))
        let names = args.prefix { known.contains($0) || $0 == "all" }
        let options = BenchOptions(Array(args.dropFirst(names.count)))
        guard !names.isEmpty else {
            print("usage: argo-lite-bench <\(benchmarks.map(\.name).joined(separator: "|"))|all>... [--rounds N] [--max-pods 2,4,8] [--sizes 1000,10000] [--timeout SECONDS]")
            exit(2)
        }
        for name in names {
            for bench in (benchmarks + internalCommands) where bench.name == name || (name == "all" && !internalCommands.contains { $0.name == bench.name }) {
                try await bench.run(options)
            }
        }
    }

    /// The upstream examples directory: `$ARGO_LITE_SHARED/argo-examples`, else `../shared/argo-examples`.
    static func examplesDirectory() -> String {
        let shared = ProcessInfo.processInfo.environment["ARGO_LITE_SHARED"].flatMap { $0.isEmpty ? nil : $0 } ?? "../shared"
        return (shared as NSString).appendingPathComponent("argo-examples")
    }

    /// Best of `runs` timings of `body`, in milliseconds.
    static func bestMilliseconds(runs: Int = 5, _ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        var best = Duration.seconds(1_000_000)
        for _ in 0..<runs { best = min(best, clock.measure(body)) }
        return Double(best.components.seconds) * 1000 + Double(best.components.attoseconds) / 1e15
    }
}
