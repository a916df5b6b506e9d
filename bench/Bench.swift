import Foundation
import Templates

@main
struct Bench {
    static func main() async throws {
        try lintAllExamples()
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
