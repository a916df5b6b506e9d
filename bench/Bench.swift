import Foundation
import Templates

/// `swift run -c release argo-lite-bench <name>... [--rounds N] [--max-pods 2,4,8] [--sizes 1000,10000]
/// [--timeout SECONDS]`: runs the named benchmarks (or `all`) and prints numbers and ratios against their
/// baselines. See docs/benchmarks.md.
@main
struct Bench {
    /// Named benchmarks, in the order `all` runs them.
    static let benchmarks: [(name: String, run: @Sendable (BenchOptions) async throws -> Void)] = [
        ("lint", { _ in try lintAllExamples() }),
        ("operate", { try OperateBench.run($0) }),
        ("chain100", { try await Chain100Bench.run($0) }),
        ("dag1000", { try await Dag1000Bench.run($0) }),
        ("scale", { try await ScaleBench.run($0) }),
    ]
    /// Internal entry points (not part of `all`).
    static let internalCommands: [(name: String, run: @Sendable (BenchOptions) async throws -> Void)] = [
        ("scale-run", { try await ScaleBench.runOne($0) }),
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

    /// Reads every example, then times loading + linting them all together (best of several runs).
    static func lintAllExamples() throws {
        let dir = examplesDirectory()
        guard let walker = FileManager.default.enumerator(atPath: dir) else {
            print("lint-all-examples: no examples at \(dir)")
            return
        }
        var sources: [LintSource] = []
        for case let relative as String in walker where relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") {
            let text = try String(contentsOfFile: (dir as NSString).appendingPathComponent(relative), encoding: .utf8)
            sources.append(LintSource(file: relative, text: text))
        }
        let clock = ContinuousClock()
        var best = Duration.seconds(1_000)
        var findings = 0
        for _ in 0..<5 {
            let elapsed = clock.measure { findings = Linter.lint(sources).findings.count }
            best = min(best, elapsed)
        }
        let ms = Double(best.components.seconds) * 1000 + Double(best.components.attoseconds) / 1e15
        print("lint-all-examples: \(sources.count) files in \(String(format: "%.1f", ms)) ms (\(findings) findings)")
    }
}
