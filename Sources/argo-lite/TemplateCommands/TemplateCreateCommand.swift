import ArgumentParser
import Controller
import Templates

/// `argo-lite template create FILE...` (and `cluster-template create`): lint, then store every template of the
/// files; nothing is stored when any file has a finding.
struct TemplateCreateCommand<Kind: StoredTemplateKind>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "create", abstract: "Create a \(Kind.noun).")
    }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: TemplateFileOptions

    func run() async throws {
        try ExitCode.check(try await execute(cluster: global.openCluster(), env: global.environment()))
    }

    func execute(cluster: any Cluster, env: CLIEnvironment) async throws -> Int32 {
        let client = TemplateClient<Kind>(cluster: cluster, namespace: env.namespace)
        return await options.store(client, action: "create", env: env, client.create)
    }
}
