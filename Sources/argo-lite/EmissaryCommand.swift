import ArgumentParser
import Controller
import Foundation
import Templates

/// `argo-lite emissary [flags] -- COMMAND ARGS...`: the executor that wraps a container's command.
struct EmissaryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emissary",
        abstract: "Run a container's command: tee its output, capture outputs.result and output parameters.",
        shouldDisplay: false,
        subcommands: [EmissaryResourceCommand.self])

    @Option(name: .customLong("result-file"), help: "Also write outputs.result to this file.")
    var resultFile: String?
    @Option(name: .customLong("output-params"), help: "The template's outputs.parameters as a JSON array.")
    var outputParams: String?
    @Option(name: .customLong("task-result"), help: "Write the task result JSON here.")
    var taskResult: String?
    @Option(name: .customLong("include-script-output"), help: "Report outputs.result (default: $ARGO_INCLUDE_SCRIPT_OUTPUT, else true).")
    var includeScriptOutput: Bool?
    @Option(name: .customLong("script-file"), help: "Write the script source here before running.")
    var scriptFile: String?
    @Option(name: .customLong("script-source-from"), help: "env:NAME or file:PATH.")
    var scriptSourceFrom: String?
    @Option(name: .customLong("input-file"), help: "HOST:PODPATH: copy a host file into the pod before running.")
    var inputFile: [String] = []
    @Option(name: .customLong("tmpfs"), help: "Mount a private tmpfs here (inside a new mount namespace).")
    var tmpfs: [String] = []
    @Option(name: .customLong("bind"), help: "HOST:MOUNTPATH[:ro] bind mount (inside a new mount namespace).")
    var bind: [String] = []
    @Flag(name: .customLong("mount-proc"), help: "Mount a fresh /proc (inside a new PID namespace).")
    var mountProc = false
    @Option(name: .customLong("chdir"), help: "Working directory, entered after mounting.")
    var chdir: String?
    @Flag(name: .customLong("exec"), help: "Mount, change directory and exec the command in place.")
    var execOnly = false
    @Argument(parsing: .postTerminator) var command: [String] = []

    func run() async throws {
        var options = EmissaryOptions(command: command)
        if !tmpfs.isEmpty || !bind.isEmpty || mountProc {
            var binds: [VolumeBind] = []
            for b in bind {
                guard let v = VolumeBind(argument: b) else { throw ValidationError("--bind \(b): expected HOST:MOUNTPATH[:ro] with absolute paths") }
                binds.append(v)
            }
            options.mounts = MountPlan(tmpfs: tmpfs, binds: binds, mountProc: mountProc)
        }
        options.workingDirectory = chdir
        options.execOnly = execOnly
        options.resultFile = resultFile
        options.taskResultFile = taskResult
        if let outputParams {
            guard let params = try? JSONDecoder().decode([JSONValue].self, from: Data(outputParams.utf8)) else {
                throw ValidationError("--output-params: expected a JSON array of output parameter objects")
            }
            options.outputParameters = params
        }
        let env = ProcessInfo.processInfo.environment["ARGO_INCLUDE_SCRIPT_OUTPUT"]
        options.includeResult = includeScriptOutput ?? (env.map { $0 == "true" } ?? true)
        options.scriptFile = scriptFile
        for item in inputFile {
            guard let colon = item.firstIndex(of: ":") else { throw ValidationError("--input-file \(item): expected HOST:PODPATH") }
            options.inputFiles.append((String(item[..<colon]), String(item[item.index(after: colon)...])))
        }
        if let scriptSourceFrom {
            guard let source = ScriptSource(argument: scriptSourceFrom) else {
                throw ValidationError("--script-source-from \(scriptSourceFrom): expected env:NAME or file:PATH")
            }
            options.scriptSource = source
        }
        let code = await Emissary.run(options)
        throw ExitCode(code)
    }
}
