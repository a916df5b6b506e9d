import ArgumentParser
import Controller
import Templates

/// `argo-lite template get NAME...` (and `cluster-template get`): each stored template, as argo prints it.
struct TemplateGetCommand<Kind: StoredTemplateKind>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "get", abstract: "Display details about a \(Kind.noun).")
    }

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Template names.") var names: [String] = []
    @Option(name: [.customShort("o"), .customLong("output")], help: "Output format. One of: name|json|yaml|wide.")
    var output: String = ""

    func validate() throws {
        if names.isEmpty { throw ValidationError("a template name is required") }
        try TemplateClient<Kind>.checkOutput(output)
    }

    func run() async throws {
        try await global.run(execute)
    }

    func execute(cluster: any Cluster, env: CLIEnvironment) async throws -> Int32 {
        let client = TemplateClient<Kind>(cluster: cluster, namespace: env.namespace)
        do {
            for name in names {
                env.console.out(try TemplateClient<Kind>.printed(try await client.get(name), output: output, env: env))
            }
            return 0
        } catch {
            return env.fail(error)
        }
    }
}
