import ArgumentParser
import Controller
import Executor

/// `argo-lite emissary [flags] -- COMMAND ARGS...`: the executor, exactly as `argo-lite-executor emissary` runs it
/// (same parser), plus the resource action (`argo-lite emissary resource ACTION`), which needs the cluster and so
/// lives only here.
struct EmissaryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emissary",
        abstract: "Run a container's command: tee its output, capture outputs.result and output parameters.",
        discussion: EmissaryFlags.help,
        shouldDisplay: false)

    @Argument(parsing: .allUnrecognized, help: "[flags] -- COMMAND ARGS...") var arguments: [String] = []

    func run() async throws {
        if arguments.first == EmissaryResourceCommand.configuration.commandName {
            let resource = EmissaryResourceCommand.parseOrExit(Array(arguments.dropFirst()))
            try await resource.run()
        }
        throw ExitCode(EmissaryFlags.main(arguments))
    }
}
