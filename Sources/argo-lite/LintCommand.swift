import ArgumentParser
import Foundation
import Templates

/// `argo-lite lint PATH...`: validates Workflow, WorkflowTemplate, ClusterWorkflowTemplate and CronWorkflow
/// manifests as `argo lint --offline` does, printing argo's output and exiting 1 on any error.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Validate files or directories of manifests.",
        discussion: "Directories are searched recursively for .yaml, .yml and .json files. templateRefs resolve against the templates in all the given files."
    )

    @Argument(help: "Files or directories to lint.")
    var paths: [String]

    @Option(name: [.customShort("o"), .customLong("output")], help: "Linting results output format. One of: pretty|simple")
    var output: String = "pretty"

    @Option(name: .customLong("strict"), help: "Perform strict workflow validation (unknown fields are errors).")
    var strict: Bool = true

    func run() throws {
        let result = try Self.lint(paths: paths, output: output, strict: strict)
        print(result.output, terminator: "")
        if result.exitCode != 0 { throw ExitCode(result.exitCode) }
    }

    struct Result: Equatable {
        var output: String
        var exitCode: Int32
    }

    /// Lints `paths` and renders the report; the exit code is 1 unless something was linted and nothing found.
    /// `kinds`: lint only documents of these kinds (`template lint`, `cluster-template lint`).
    static func lint(paths: [String], output: String, strict: Bool, kinds: Set<String>? = nil) throws -> Result {
        guard let format = LintFormat(rawValue: output) else {
            throw ValidationError("unknown formatter: \(output)")
        }
        var sources: [LintSource] = []
        for path in paths {
            for file in try manifestFiles(at: path) {
                let text: String
                do {
                    text = try String(contentsOfFile: file, encoding: .utf8)
                } catch {
                    throw ValidationError("cannot read \(file): \(error.localizedDescription)")
                }
                sources.append(LintSource(file: file, text: text))
            }
        }
        let report = Linter.lint(sources, strict: strict, kinds: kinds)
        return Result(output: format.render(report), exitCode: report.success ? 0 : 1)
    }

    /// `path` itself when it is a file; every `.yaml`/`.yml`/`.json` file below it, sorted, when a directory.
    static func manifestFiles(at path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ValidationError("\(path): no such file or directory")
        }
        guard isDirectory.boolValue else { return [path] }
        guard let walker = FileManager.default.enumerator(atPath: path) else { return [] }
        var files: [String] = []
        for case let relative as String in walker
        where ["yaml", "yml", "json"].contains((relative as NSString).pathExtension.lowercased()) {
            files.append((path as NSString).appendingPathComponent(relative))
        }
        return files.sorted()
    }
}
