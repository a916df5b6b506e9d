import Foundation

/// Where the project's shared test data lives: `../shared` beside the repository (as in CI's clone), or the
/// directory named by `ARGO_LITE_SHARED`. Tests read the upstream examples from there; they are never copied in.
public enum SharedData {
    public static let repositoryRoot: URL = {
        // this file is Tests/TestSupport/SharedData.swift
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }()

    public static let directory: URL = {
        if let env = ProcessInfo.processInfo.environment["ARGO_LITE_SHARED"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }()

    public static var argoExamples: URL { directory.appendingPathComponent("argo-examples") }
    public static var conformanceTable: URL { directory.appendingPathComponent("conformance/examples.tsv") }

    /// Every `.yaml`/`.yml` file under the upstream examples, as paths relative to that directory, sorted.
    public static func exampleFiles() -> [String] {
        let root = argoExamples
        guard let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        var out: [String] = []
        for case let url as URL in e where ["yaml", "yml"].contains(url.pathExtension) {
            out.append(String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1)))
        }
        return out.sorted()
    }

    public static func read(example relativePath: String) throws -> String {
        try String(contentsOf: argoExamples.appendingPathComponent(relativePath), encoding: .utf8)
    }

    /// Rows of `conformance/examples.tsv` as dictionaries keyed by the header's column names.
    public static func conformanceRows() throws -> [[String: String]] {
        let text = try String(contentsOf: conformanceTable, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard !lines.isEmpty else { return [] }
        let header = lines.removeFirst().split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        return lines.map { line in
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            var row: [String: String] = [:]
            for (i, h) in header.enumerated() { row[h] = i < cols.count ? cols[i] : "" }
            return row
        }
    }

    /// The `argo-lite` executable that `swift build` / `swift test` put beside the test bundle (pods run
    /// `argo-lite emissary` and `argo-lite argosay`; inside tests, the running executable is the test runner).
    public static let argoLiteExecutable: String = {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: me).deletingLastPathComponent()
        // macOS-style bundles nest the binary deeper; walk up until a sibling argo-lite exists.
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("argo-lite")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
            dir = dir.deletingLastPathComponent()
        }
        return "argo-lite"
    }()
}

extension SharedData {
    /// Whether the upstream examples and the conformance table are there. A user's clone has no `../shared`
    /// beside it; CI's always has.
    public static var isPresent: Bool { FileManager.default.fileExists(atPath: conformanceTable.path) }

    /// Why the tests that read it are not run, and what to do.
    public static var absentMessage: String {
        "no shared test data at \(directory.path) (the upstream Argo examples and conformance/examples.tsv): "
            + "put the project's shared/ folder beside the repository, or name it with ARGO_LITE_SHARED"
    }
}
