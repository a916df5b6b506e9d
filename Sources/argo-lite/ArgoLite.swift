import ArgumentParser
import Controller

@main
struct ArgoLite: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "argo-lite",
        abstract: "Run Argo Workflows YAML on one machine or on Kubernetes.",
        version: ControllerModule.version,
        subcommands: [EmissaryCommand.self, ArgosayCommand.self]
    )
}
