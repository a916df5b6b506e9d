import ArgumentParser
import Controller
import Templates

/// `argo-lite template delete NAME... | --all` (and `cluster-template delete`). Workflows that run a deleted
/// template are left as they are; those not started yet fail when they find it gone.
struct TemplateDeleteCommand<Kind: StoredTemplateKind>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "delete", abstract: "Delete a \(Kind.noun).")
    }

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Template names.") var names: [String] = []
    @Flag(name: .customLong("all"), help: "Delete all \(Kind.noun)s.") var all = false

    func validate() throws {
        if names.isEmpty && !all { throw ValidationError("name a template, or use --all") }
    }

    func run() async throws {
        try await global.run(execute)
    }

    func execute(cluster: any Cluster, env: CLIEnvironment) async throws -> Int32 {
        let client = TemplateClient<Kind>(cluster: cluster, namespace: env.namespace)
        do {
            let targets = all ? try await client.list(allNamespaces: false).compactMap { $0["metadata"]?["name"]?.stringValue } : names
            for name in targets {
                try await client.delete(name)
                if let line = Kind.deletedLine(name) { env.print(line) }
            }
            return 0
        } catch {
            return env.fail(error)
        }
    }
}
