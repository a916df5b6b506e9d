import ArgumentParser
import Controller

/// How `retry` and `resubmit` print the workflows they write and whether they follow them: `-o`, `--wait`,
/// `--watch`, as argo's commands share them.
struct FollowOptions: ParsableArguments {
    @Option(name: [.customShort("o"), .customLong("output")], help: "Output format. One of: name|json|yaml|wide.")
    var output: String = ""
    @Flag(name: [.customShort("w"), .customLong("wait")], help: "Wait for the workflow to complete (one workflow only).")
    var wait = false
    @Flag(name: .customLong("watch"), help: "Watch the workflow until it completes (one workflow only).")
    var watch = false

    func validate() throws {
        if !["", "name", "json", "yaml", "wide"].contains(output) {
            throw ValidationError("unknown output mode \"\(output)\": use name, json, yaml or wide")
        }
        if watch && wait { throw ValidationError("--wait cannot be combined with --watch") }
    }

    func printed(_ wf: WorkflowView, env: CLIEnvironment) throws(CLIError) -> String {
        try SubmitCommand.printed(wf, output: output, env: env)
    }

    /// Follows `names` as asked (nothing without `--wait` / `--watch`), as `submit` follows what it created.
    func follow(_ names: [String], cluster: any Cluster, env: CLIEnvironment) async throws -> Int32 {
        guard wait || watch else { return 0 }
        return try await SubmitCommand.follow(names, wait: wait, output: output, cluster: cluster, env: env)
    }
}
