import ArgumentParser
import Controller

/// `argo-lite template lint PATH...` (and `cluster-template lint`, `cron lint`): `lint`, for this kind's documents
/// only. As argo's (which has no `--offline`), `templateRef`s resolve against the files and the stored templates.
struct TemplateLintCommand<Kind: StoredTemplateKind>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "lint", abstract: "Validate files or directories of \(Kind.noun) manifests.")
    }

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Files or directories to lint.") var paths: [String]
    @Option(name: [.customShort("o"), .customLong("output")], help: "Linting results output format. One of: pretty|simple")
    var output: String = "pretty"
    @Option(name: .customLong("strict"), help: "Perform strict validation (unknown fields are errors).") var strict = true

    func run() async throws {
        try ExitCode.check(await execute(env: global.environment()))
    }

    /// Lints and prints the report; a file that cannot be read is said on standard error (exit code 1).
    func execute(env: CLIEnvironment) async -> Int32 {
        do {
            let stored = try await LintRun.stored(in: env.stateDirectory, namespace: env.namespace)
            let result = try LintRun(paths: paths, strict: strict, kinds: [Kind.kind]).lint(output: output, stored: stored)
            env.console.out(result.output)
            return result.exitCode
        } catch {
            return env.fail(error)
        }
    }
}
