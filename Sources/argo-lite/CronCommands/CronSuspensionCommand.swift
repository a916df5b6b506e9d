import ArgumentParser
import Controller
import Templates

/// What `cron suspend` and `cron resume` set.
protocol CronSuspension: Sendable {
    static var commandName: String { get }
    static var suspend: Bool { get }
}

enum SuspendCron: CronSuspension {
    static let commandName = "suspend"
    static let suspend = true
}

enum ResumeCron: CronSuspension {
    static let commandName = "resume"
    static let suspend = false
}

/// `argo-lite cron suspend|resume NAME...`: sets `spec.suspend`; a suspended CronWorkflow starts nothing.
struct CronSuspensionCommand<Action: CronSuspension>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: Action.commandName, abstract: "\(Action.commandName.capitalized) zero or more cron workflows.")
    }

    @OptionGroup var global: GlobalOptions
    @Argument(help: "CronWorkflow names.") var names: [String] = []

    func run() async throws {
        try await global.run(execute)
    }

    func execute(cluster: any Cluster, env: CLIEnvironment) async throws -> Int32 {
        for name in names {
            do {
                _ = try await cluster.patch(.cronWorkflow, namespace: env.namespace, name: name,
                                            patch: ["spec": ["suspend": .bool(Action.suspend)]], type: .merge)
            } catch {
                env.printError(TemplateClient<CronWorkflows>.apiError(error).description)
                return 1
            }
            env.print("CronWorkflow '\(name)' \(Action.commandName == "suspend" ? "suspended" : "resumed")")
        }
        return 0
    }
}
