import ArgumentParser
import Controller
import Templates

/// `argo-lite template list` (and `cluster-template list`, `cron list`): argo's table of the kind.
struct TemplateListCommand<Kind: StoredTemplateKind>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "list", abstract: "List \(Kind.noun)s.")
    }

    @OptionGroup var global: GlobalOptions
    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "Show templates from all namespaces.")
    var allNamespaces = false
    @Option(name: [.customShort("l"), .customLong("selector")], help: "Label selector, e.g. key1=value1,key2=value2.")
    var selector: String = ""
    @Option(name: [.customShort("o"), .customLong("output")], help: "Output format. One of: wide|name.")
    var output: String = ""

    func validate() throws {
        if !["", "wide", "name"].contains(output) { throw ValidationError("unknown output mode: \(output)") }
    }

    func run() async throws {
        try await global.run(execute)
    }

    func execute(cluster: any Cluster, env: CLIEnvironment) async throws -> Int32 {
        let client = TemplateClient<Kind>(cluster: cluster, namespace: env.namespace)
        do {
            let labelSelector = selector.isEmpty ? nil : try LabelSelector(selector)
            let items = try await client.list(allNamespaces: allNamespaces, selector: labelSelector)
            env.console.out(render(items, env: env))
            return 0
        } catch {
            return env.fail(error)
        }
    }

    func render(_ items: [JSONValue], env: CLIEnvironment) -> String {
        if output == "name" { return items.map { ($0["metadata"]?["name"]?.stringValue ?? "") + "\n" }.joined() }
        return Kind.table(items, allNamespaces: allNamespaces, env: env)
    }
}
