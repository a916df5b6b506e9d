import ArgumentParser
import Controller
import Foundation

/// `argo-lite delete NAME... | --all | --completed`: removes workflows (their pods go with them).
/// `argo-lite delete -f FILE|DIR|-`: removes the objects the files name, of any kind, as kubectl does.
struct DeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete workflows, or the objects files name (-f).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Workflow names (@latest: the newest workflow).") var names: [String] = []
    @Flag(name: .customLong("all"), help: "Delete all workflows.") var all = false
    @Flag(name: .customLong("completed"), help: "Delete completed workflows.") var completed = false
    @Option(name: .customLong("older"), help: "Delete completed workflows finished before the duration, eg: 10m, 3h, 1d.")
    var older: String = ""
    @Option(name: [.customShort("l"), .customLong("selector")], help: "Label selector.") var selector: String = ""
    @Flag(name: .customLong("dry-run"), help: "Do not delete the workflow, only print what would happen.") var dryRun = false
    @Option(name: [.customShort("f"), .customLong("filename")], help: "Delete the objects these files name (`-`: stdin).")
    var filenames: [String] = []
    @Flag(name: [.customShort("R"), .customLong("recursive")], help: "Read the directories of -f recursively.")
    var recursive = false
    @Flag(name: .customLong("ignore-not-found"), help: "With -f: a missing object is not an error.") var ignoreNotFound = false
    @Option(name: [.customShort("o"), .customLong("output")], help: "With -f: name prints resource/name only.")
    var output: String = ""

    func validate() throws {
        if !filenames.isEmpty {
            if !names.isEmpty || all || completed || !older.isEmpty || !selector.isEmpty {
                throw ValidationError("-f names the objects to delete: give no names, --all, --completed, --older or --selector with it")
            }
            return
        }
        if names.isEmpty && !all && !completed && older.isEmpty && selector.isEmpty {
            throw ValidationError("name a workflow, or use --all, --completed, --older, --selector or -f FILE")
        }
    }

    func run() async throws {
        try await global.run(execute)
    }

    func execute(cluster: any Cluster, env: CLIEnvironment) async throws -> Int32 {
        if !filenames.isEmpty {
            return await DeleteFiles.run(filenames, recursive: recursive, ignoreNotFound: ignoreNotFound, dryRun: dryRun,
                                         output: output, cluster: cluster, env: env)
        }
        let client = WorkflowClient(cluster: cluster, namespace: env.namespace)
        do {
            var targets: [String] = []
            for name in names { targets.append(try await client.resolve(name)) }
            if all || completed || !older.isEmpty || !selector.isEmpty {
                let cutoff = try older.isEmpty ? nil : env.now().addingTimeInterval(-Self.parseDuration(older))
                let labelSelector = selector.isEmpty ? nil : try LabelSelector(selector)
                for wf in try await client.list(selector: labelSelector) {
                    if (completed || cutoff != nil) && !wf.isCompleted { continue }
                    if let cutoff, let f = wf.finishedAt, f >= cutoff { continue }
                    if !targets.contains(wf.name) { targets.append(wf.name) }
                }
            }
            for name in targets {
                if !dryRun { try await client.delete(name) }
                env.print("Workflow '\(name)' deleted\(dryRun ? " (dry-run)" : "")")
            }
            return 0
        } catch {
            return env.fail(error)
        }
    }

    /// argo's `--older` durations: a number and a unit (s, m, h, d).
    static func parseDuration(_ text: String) throws(CLIError) -> TimeInterval {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        guard let unit = text.last, let scale = units[unit], let n = Double(text.dropLast()) else {
            throw CLIError("invalid duration \"\(text)\": use a number and a unit, eg: 10m, 3h, 1d")
        }
        return n * scale
    }
}
