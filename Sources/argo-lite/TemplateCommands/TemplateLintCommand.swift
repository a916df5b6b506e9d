import ArgumentParser

/// `argo-lite template lint PATH...` (and `cluster-template lint`): `lint`, for this kind's documents only.
struct TemplateLintCommand<Kind: StoredTemplateKind>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "lint", abstract: "Validate files or directories of \(Kind.noun) manifests.")
    }

    @Argument(help: "Files or directories to lint.") var paths: [String]
    @Option(name: [.customShort("o"), .customLong("output")], help: "Linting results output format. One of: pretty|simple")
    var output: String = "pretty"
    @Option(name: .customLong("strict"), help: "Perform strict validation (unknown fields are errors).") var strict = true

    func run() throws {
        let result = try LintCommand.lint(paths: paths, output: output, strict: strict, kinds: [Kind.kind])
        print(result.output, terminator: "")
        if result.exitCode != 0 { throw ExitCode(result.exitCode) }
    }
}
