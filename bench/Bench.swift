import Foundation

/// `swift run -c release argo-lite-bench [NAME...]`: runs the named benchmarks (all of them when none is named).
/// Each benchmark lives in its own file and registers here by name.
@main
struct Bench {
    static let benchmarks: [(name: String, run: @Sendable () throws -> Void)] = [
        ("lint", LintBench.run),
    ]

    static func main() throws {
        let asked = Array(CommandLine.arguments.dropFirst())
        let names = Set(benchmarks.map(\.name))
        if let unknown = asked.first(where: { !names.contains($0) }) {
            let known = benchmarks.map(\.name).joined(separator: ", ")
            FileHandle.standardError.write(Data("argo-lite-bench: unknown benchmark \"\(unknown)\" (known: \(known))\n".utf8))
            exit(2)
        }
        for b in benchmarks where asked.isEmpty || asked.contains(b.name) { try b.run() }
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
