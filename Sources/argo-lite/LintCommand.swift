import ArgumentParser
import Controller
import Foundation
import Templates

/// `argo-lite lint PATH...`: validates Workflow, WorkflowTemplate, ClusterWorkflowTemplate and CronWorkflow
/// manifests as `argo lint` does, printing argo's output and exiting 1 on any error (or when nothing of the
/// `--kinds` asked for is in the paths). `templateRef`s resolve against the templates of all the given files, and,
/// unless `--offline`, against the templates stored in the state directory (`LintRun`), as `argo lint` resolves
/// them against the server.
struct LintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Validate files or directories of manifests.",
        discussion: """
            Directories are searched recursively for .yaml, .yml and .json files; `-` reads standard input. \
            templateRefs resolve against the templates in all the given files and, unless --offline, the templates \
            stored in the state directory (a state directory that does not exist is not created).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Files or directories to lint.")
    var paths: [String]

    @Option(name: .customLong("kinds"), help: ArgumentHelp(LintKinds.help + " (comma lists, repeatable; default all)"))
    var kinds: [String] = []

    @Option(name: [.customShort("o"), .customLong("output")], help: "Linting results output format. One of: pretty|simple")
    var output: String = "pretty"

    @Option(name: .customLong("strict"), help: "Perform strict workflow validation (unknown fields are errors).")
    var strict: Bool = true

    @Flag(name: .customLong("offline"), inversion: .prefixedNo,
          help: "Perform offline linting: references to other resources resolve only among the given files (also --offline=true|false).")
    var offline = false

    func run() async throws {
        try ExitCode.check(await execute(env: global.environment()))
    }

    /// Lints, prints the report, and returns the exit code; a bad flag value or a file that cannot be read is
    /// said on standard error, with exit code 1.
    func execute(env: CLIEnvironment) async -> Int32 {
        do {
            guard LintFormat(rawValue: output) != nil else { throw CLIError("unknown formatter: \(output)") }
            let kinds = try LintKinds.parse(self.kinds)
            let run = LintRun(paths: paths, strict: strict, kinds: kinds)
            let stored = offline ? StoredTemplates() : try await LintRun.stored(in: env.stateDirectory, namespace: env.namespace)
            let result = try run.lint(output: output, stored: stored)
            env.console.out(result.output)
            return result.exitCode
        } catch {
            return env.fail(error)
        }
    }

    struct Result: Equatable {
        var output: String
        var exitCode: Int32
    }

    /// Lints `paths` and renders the report; the exit code is 1 unless something was linted and nothing found.
    /// `kinds`: lint only documents of these kinds (`--kinds`, `template lint`, `cluster-template lint`).
    /// `stored`: the templates in the store that `templateRef`s may name besides the files' own.
    static func lint(paths: [String], output: String, strict: Bool, kinds: Set<String>? = nil,
                     stored: StoredTemplates = StoredTemplates()) throws -> Result {
        guard LintFormat(rawValue: output) != nil else {
            throw ValidationError("unknown formatter: \(output)")
        }
        return try LintRun(paths: paths, strict: strict, kinds: kinds).lint(output: output, stored: stored)
    }
}
