import ArgumentParser
import Controller
import Foundation
import Templates

/// `argo-lite cron list`: argo's table of CronWorkflows with their last and next runs.
struct CronListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List cron workflows.")

    @OptionGroup var global: GlobalOptions
    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "Show cron workflows from all namespaces.")
    var allNamespaces = false
    @Option(name: [.customShort("l"), .customLong("selector")], help: "Label selector, e.g. key1=value1,key2=value2.")
    var selector: String = ""
    @Option(name: [.customShort("o"), .customLong("output")], help: "Output format. One of: wide|name.")
    var output: String = ""

    func validate() throws {
        if !["", "wide", "name"].contains(output) { throw ValidationError("unknown output mode: \(output)") }
    }

    func run() async throws {
        try ExitCode.check(try await execute(cluster: global.openCluster(), env: global.environment()))
    }

    func execute(cluster: any Cluster, env: CLIEnvironment) async throws -> Int32 {
        let client = TemplateClient<CronWorkflows>(cluster: cluster, namespace: env.namespace)
        do {
            let labelSelector = selector.isEmpty ? nil : try LabelSelector(selector)
            env.console.out(render(try await client.list(allNamespaces: allNamespaces, selector: labelSelector), env: env))
            return 0
        } catch {
            env.printError("\(error)")
            return 1
        }
    }

    func render(_ items: [JSONValue], env: CLIEnvironment) -> String {
        if output == "name" { return items.map { ($0["metadata"]?["name"]?.stringValue ?? "") + "\n" }.joined() }
        let now = env.now()
        var w = TabWriter(padding: 3)
        if allNamespaces { w.write("NAMESPACE\t") }
        w.write("NAME\tAGE\tLAST RUN\tNEXT RUN\tSCHEDULES\tTIMEZONE\tSUSPENDED\n")
        for object in items {
            guard let cron = CronWorkflows.typed(object) else { continue }
            if allNamespaces { w.write("\(cron.metadata.namespace ?? "")\t") }
            let created = object["metadata"]?["creationTimestamp"]?.stringValue.flatMap(KubeTimeText.parse)
            let last = cron.status?.lastScheduledTime.map { Humanize.relativeDurationShort(Date(timeIntervalSince1970: Double($0.seconds)), now, now: now) } ?? "N/A"
            let next = CronWorkflows.nextRun(cron.spec, after: now).map { Humanize.relativeDurationShort($0, now, now: now) } ?? "N/A"
            let fields = [
                cron.metadata.name ?? "", Humanize.relativeDurationShort(created, now, now: now), last, next,
                CronWorkflows.schedules(cron.spec).joined(separator: ","), cron.spec.timezone ?? "",
                cron.spec.suspend == true ? "true" : "false",
            ]
            w.write(fields.joined(separator: "\t") + "\n")
        }
        return w.flush()
    }
}
