import Foundation
import Templates

/// `lint`: load, strictly decode and lint every upstream example together, as `argo lint examples/` does.
enum LintBench {
    static func run() throws {
        let dir = Bench.examplesDirectory()
        guard let walker = FileManager.default.enumerator(atPath: dir) else {
            print("lint: no examples at \(dir)")
            return
        }
        var sources: [LintSource] = []
        for case let relative as String in walker where relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") {
            let text = try String(contentsOfFile: (dir as NSString).appendingPathComponent(relative), encoding: .utf8)
            sources.append(LintSource(file: relative, text: text))
        }
        let documents = sources.reduce(0) { $0 + ManifestLoader.load($1.text, file: $1.file).documents.count }
        var findings = 0
        // Linter.lint loads each file with ManifestLoader (YAML → typed, strict decode) and then validates.
        let ms = Bench.bestMilliseconds { findings = Linter.lint(sources).findings.count }
        print("lint: \(sources.count) files, \(documents) documents, \(findings) findings, best of 5: \(String(format: "%.1f", ms)) ms")
    }
}
