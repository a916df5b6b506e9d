import ArgumentParser
import Controller

/// `argo-lite emissary resource ACTION`: performs a Resource template's action (Argo: `argoexec resource`).
struct EmissaryResourceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resource",
        abstract: "Perform a resource template's action and wait for its conditions (reads ARGO_TEMPLATE, ARGO_LITE_STATE).",
        shouldDisplay: false)

    @Argument(help: "get, create, apply, delete, replace or patch (must match the template's resource.action).")
    var action: String
    @Option(name: .customLong("task-result"), help: "Write the task result JSON here.")
    var taskResult: String?
    @Option(name: .customLong("termination-message"), help: "On failure, write the message here.")
    var terminationMessage: String?

    func run() async throws {
        let options = ResourceExecutor.Options(
            action: action, taskResultFile: taskResult, terminationMessageFile: terminationMessage)
        let code = await ResourceExecutor.run(options, connect: ResourcePod.connect)
        throw ExitCode(code)
    }
}
