import ArgumentParser
import Controller
import Executor

@main
struct ArgoLite: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "argo-lite",
        abstract: "Run Argo Workflows YAML on one machine or on Kubernetes.",
        version: ControllerModule.version,
        subcommands: [
            SubmitCommand.self, ListCommand.self, GetCommand.self, LogsCommand.self, WatchCommand.self,
            WaitCommand.self, DeleteCommand.self, SuspendCommand.self, ResumeCommand.self, StopCommand.self,
            TerminateCommand.self, RetryCommand.self, ResubmitCommand.self, CpCommand.self, ControllerCommand.self,
            TemplateCommand.self, ClusterTemplateCommand.self, CronCommand.self,
            ApplyCommand.self, GetObjectCommand.self, LintCommand.self, VersionCommand.self, ServerCommand.self,
            EmissaryCommand.self, ArgosayCommand.self,
        ]
    )

    /// Go's `--flag=true|false` for `lint`'s boolean flags (`GoBoolFlags`; no other command's arguments are
    /// touched, so a pod's command line passed to `emissary` stays as it is), then the usual dispatch.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        await main(arguments.first == "lint" ? GoBoolFlags.normalize(arguments) : arguments)
    }
}
