import ArgumentParser
import Controller
import Foundation
import Templates

/// `argo-lite submit FILE...`: lint, apply overrides, create; optionally wait for or watch the run.
struct SubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "submit", abstract: "Submit a workflow.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Workflow manifest files (`-` reads standard input).") var files: [String] = []
    @Option(name: [.customShort("p"), .customLong("parameter")], help: "Pass an input parameter (NAME=VALUE).")
    var parameters: [String] = []
    @Option(name: [.customShort("f"), .customLong("parameter-file")], help: "Pass a file containing all input parameters.")
    var parameterFile: String = ""
    @Option(name: .customLong("entrypoint"), help: "Override entrypoint.") var entrypoint: String = ""
    @Option(name: .customLong("generate-name"), help: "Override metadata.generateName.") var generateName: String = ""
    @Option(name: .customLong("name"), help: "Override metadata.name.") var name: String = ""
    @Option(name: [.customShort("l"), .customLong("labels")], help: "Comma separated labels to apply to the workflow.")
    var labels: String = ""
    @Option(name: .customLong("serviceaccount"), help: "Run all pods in the workflow using specified serviceaccount.")
    var serviceAccount: String = ""
    @Option(name: .customLong("priority"), help: "Workflow priority.") var priority: Int?
    @Flag(name: [.customShort("w"), .customLong("wait")], help: "Wait for the workflow to complete.") var wait = false
    @Flag(name: .customLong("watch"), help: "Watch the workflow until it completes.") var watch = false
    @Option(name: [.customShort("o"), .customLong("output")], help: "Output format. One of: name|json|yaml|wide.")
    var output: String = ""
    @Flag(name: .customLong("dry-run"), help: "Modify the workflow on the client-side without creating it.")
    var dryRun = false
    @Option(name: .customLong("from"), help: "Submit from an existing KIND/NAME: workflowtemplate/NAME, clusterworkflowtemplate/NAME or cronwf/NAME.")
    var from: String = ""

    func validate() throws {
        if files.isEmpty && from.isEmpty { throw ValidationError("a workflow manifest file is required") }
        if !files.isEmpty && !from.isEmpty { throw ValidationError("--from cannot be combined with files") }
        if !from.isEmpty { _ = try SubmitFrom(from) }
        if !["", "name", "json", "yaml", "wide"].contains(output) {
            throw ValidationError("unknown output mode \"\(output)\": use name, json, yaml or wide")
        }
        if watch && wait { throw ValidationError("--wait cannot be combined with --watch") }
        if (watch || wait) && dryRun { throw ValidationError("--\(wait ? "wait" : "watch") cannot be combined with --dry-run") }
        if dryRun && output.isEmpty { throw ValidationError("--dry-run should have an output option") }
    }

    func run() async throws {
        try await global.run(execute)
    }

    func execute(cluster: any Cluster, env: CLIEnvironment) async throws -> Int32 {
        let workflows: [JSONValue]
        do {
            workflows = try await prepare(cluster: cluster, env: env)
        } catch {
            return env.fail(error)
        }
        if watch && workflows.count > 1 {
            env.printError("Cannot watch more than one workflow")
            return 1
        }
        var created: [WorkflowView] = []
        for wf in workflows {
            if dryRun {
                created.append(WorkflowView(wf))
            } else {
                do {
                    created.append(WorkflowView(try await cluster.create(.workflow, wf)))
                } catch {
                    env.printError("Failed to submit workflow: \(error.description)")
                    return 1
                }
            }
            guard let last = created.last else { continue }
            do {
                env.console.out(try Self.printed(last, output: output, env: env))
            } catch {
                return env.fail(error)
            }
        }
        guard wait || watch else { return 0 }
        return try await Self.follow(created.map(\.name), wait: wait, output: output, cluster: cluster, env: env)
    }

    /// Every workflow of every file, linted and with the overrides applied. Any lint error refuses them all.
    /// `--from`: one workflow that runs the stored template.
    func prepare(cluster: any Cluster, env: CLIEnvironment) async throws(CLIError) -> [JSONValue] {
        var problems: [String] = []
        var documents: [JSONValue] = []
        if !from.isEmpty {
            do {
                documents.append(try await SubmitFrom(from).workflow(cluster: cluster, namespace: env.namespace, now: env.now()))
            } catch {
                throw CLIError("Failed to submit workflow: \(error)")
            }
        }
        let stored = files.isEmpty ? StoredTemplates()
            : try await TemplateClient<NamespacedTemplates>(cluster: cluster, namespace: env.namespace).stored()
        for file in files {
            let text = try Manifests.read(file)
            // YAML syntax first: a file that does not load is refused before the linter sees it.
            _ = try Manifests.documents(text: text, file: file)
            let findings = Manifests.lint(text: text, file: file, stored: stored)
            if !findings.isEmpty {
                problems += findings
                continue
            }
            documents += try Manifests.workflows(text: text, file: file)
        }
        if !problems.isEmpty { throw CLIError("Failed to submit workflow: " + problems.joined(separator: "\n")) }
        if documents.isEmpty { throw CLIError("No Workflow found in given files") }
        var overrides = SubmitOverrides(namespace: env.namespace)
        overrides.name = name
        overrides.generateName = generateName
        overrides.entrypoint = entrypoint
        overrides.serviceAccount = serviceAccount
        overrides.labels = labels
        overrides.priority = priority
        overrides.parameters = parameters
        if !parameterFile.isEmpty {
            let text = try Manifests.read(parameterFile)
            overrides.parameters += try SubmitOverrides.parameterFile(
                try Manifests.documents(text: text, file: parameterFile), file: parameterFile)
        }
        return try documents.map { (doc) throws(CLIError) -> JSONValue in
            var wf = doc
            try overrides.apply(to: &wf)
            return wf
        }
    }

    /// A created workflow as `argo submit` (and `resubmit`, `retry`) print it, by `-o`.
    static func printed(_ wf: WorkflowView, output: String, env: CLIEnvironment) throws(CLIError) -> String {
        switch output {
        case "name": return wf.name + "\n"
        case "json": return ObjectText.json(wf.object)
        case "yaml": return try ObjectText.yaml(wf.object)
        default:
            var printer = WorkflowPrinter(style: env.style, now: env.now())
            printer.mode = output == "wide" ? .wide : .normal
            return printer.render(wf)
        }
    }

    /// `--wait` (`wait`) / `--watch` (else): makes sure a controller runs (starting one in-process if none holds
    /// the state directory's lease), then follows the workflows. Exit code 1 when one did not succeed.
    static func follow(_ names: [String], wait: Bool, output: String, cluster: any Cluster, env: CLIEnvironment)
        async throws -> Int32
    {
        var controller: ControllerStandby? = nil
        if let start = env.startController {
            do {
                // Another process's controller runs the workflows; should it stop first, this command takes over.
                controller = try await ControllerStandby(start: start, cluster: cluster, interval: env.pollInterval)
            } catch {
                env.printError("cannot start a controller: \(error)")
                return 1
            }
        } else {
            env.printError("note: this build cannot start a controller in-process; run `argo-lite controller` to run the workflow")
        }
        let ok: Bool
        if wait {
            ok = await WaitCommand.waitAll(names, cluster: cluster, env: env, ignoreNotFound: false,
                                          quiet: !(output.isEmpty || output == "wide"))
        } else {
            let wf = try? await WatchCommand.watch(names[0], cluster: cluster, env: env, selector: nil)
            ok = wf != nil
        }
        if let controller, await controller.shutdown() {
            await Self.noteUnfinished(except: names, cluster: cluster, env: env)
        }
        return ok ? 0 : 1
    }

    /// Other workflows the in-process controller took up and leaves unfinished (their pods run on) need a
    /// controller to go on: say so, rather than leave them looking stuck.
    static func noteUnfinished(except names: [String], cluster: any Cluster, env: CLIEnvironment) async {
        guard let items = try? await cluster.list(.workflow, namespace: nil, labelSelector: nil).items else { return }
        let unfinished = items.filter { wf in
            !names.contains(wf["metadata"]?["name"]?.stringValue ?? "")
                && !["Succeeded", "Failed", "Error"].contains(wf["status"]?["phase"]?.stringValue ?? "")
        }
        guard !unfinished.isEmpty else { return }
        let count = unfinished.count == 1 ? "1 other workflow is" : "\(unfinished.count) other workflows are"
        env.printError("note: \(count) not finished; run `argo-lite controller` to go on with them")
    }
}
