import ArgumentParser
import Controller
import Templates

/// `argo-lite template update FILE...` (and `cluster-template update`): replaces stored templates with the files'.
struct TemplateUpdateCommand<Kind: StoredTemplateKind>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "update", abstract: "Update a \(Kind.noun).")
    }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: TemplateFileOptions

    func run() async throws {
        try ExitCode.check(try await execute(cluster: global.openCluster(), env: global.environment()))
    }

    func execute(cluster: any Cluster, env: CLIEnvironment) async throws -> Int32 {
        let client = TemplateClient<Kind>(cluster: cluster, namespace: env.namespace)
        return await options.store(client, action: "update", env: env, client.update)
    }
}
