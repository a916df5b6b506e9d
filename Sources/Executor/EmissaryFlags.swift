#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Templates
#if canImport(Glibc)
import Glibc
#endif

/// A malformed `emissary` command line: names the flag and what it expects.
public struct EmissaryUsageError: Error, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The command line of `emissary [flags] -- COMMAND ARGS...`, shared by `argo-lite-executor emissary` and
/// `argo-lite emissary`. Parsed by hand: every pod runs it once, and a reflection-based parser costs more at
/// start-up than the rest of the executor's own work.
public enum EmissaryFlags {
    /// One flag: its name, help text, and what it does to the options (`nil` value for a flag without one).
    struct Flag: Sendable {
        var name: String
        var help: String
        var takesValue = true
        var apply: @Sendable (inout EmissaryOptions, String) throws(EmissaryUsageError) -> Void
    }

    /// An array, not a dictionary: a `[String: Flag]` makes the runtime look up `String: Hashable`
    /// by scanning every protocol conformance record of the binary, the biggest single cost of a pod's start.
    static let flags: [Flag] = [
        Flag(name: "--result-file", help: "Also write outputs.result to this file.") { o, v in o.resultFile = v },
        Flag(name: "--output-params", help: "The template's outputs.parameters as a JSON array.") { o, v throws(EmissaryUsageError) in
            guard let params = (try? JSONParser.parse(v))?.arrayValue else {
                throw EmissaryUsageError("--output-params: expected a JSON array of output parameter objects")
            }
            o.outputParameters = params
        },
        Flag(name: "--task-result", help: "Write the task result JSON here.") { o, v in o.taskResultFile = v },
        Flag(name: "--include-script-output", help: "true or false: report outputs.result (default: $ARGO_INCLUDE_SCRIPT_OUTPUT, else true).") {
            o, v throws(EmissaryUsageError) in
            guard let b = Bool(v) else { throw EmissaryUsageError("--include-script-output \(v): expected true or false") }
            o.includeResult = b
        },
        Flag(name: "--script-file", help: "Write the script source here before running.") { o, v in o.scriptFile = v },
        Flag(name: "--script-source-from", help: "env:NAME or file:PATH.") { o, v throws(EmissaryUsageError) in
            guard let source = ScriptSource(argument: v) else {
                throw EmissaryUsageError("--script-source-from \(v): expected env:NAME or file:PATH")
            }
            o.scriptSource = source
        },
        Flag(name: "--input-file", help: "HOST:PODPATH, or {\"name\",\"source\",\"path\",\"optional\",\"unarchived\"}: place a host file (unpacking a tar.gz unless unarchived) in the pod before running (repeatable).") {
            o, v throws(EmissaryUsageError) in
            guard let file = InputFile(argument: v) else {
                throw EmissaryUsageError("--input-file \(v): expected HOST:PODPATH or a JSON object with source and path")
            }
            o.inputFiles.append(file)
        },
        Flag(name: "--output-artifacts", help: "The template's outputs.artifacts as a JSON array.") { o, v throws(EmissaryUsageError) in
            guard let arts = (try? JSONParser.parse(v))?.arrayValue else {
                throw EmissaryUsageError("--output-artifacts: expected a JSON array of output artifact objects")
            }
            o.outputArtifacts = arts
        },
        Flag(name: "--artifact-repository", help: "The artifact repository folder output artifacts are saved in.") { o, v in
            o.artifactTarget = OutputArtifactTarget(repositoryDirectory: v, keyPrefix: o.artifactTarget?.keyPrefix ?? "")
        },
        Flag(name: "--artifact-key-prefix", help: "WORKFLOW/POD: the key prefix of this pod's output artifacts.") { o, v in
            o.artifactTarget = OutputArtifactTarget(repositoryDirectory: o.artifactTarget?.repositoryDirectory ?? "", keyPrefix: v)
        },
        Flag(name: "--tmpfs", help: "Mount a private tmpfs here, in the new mount namespace (repeatable).") { o, v in
            o.mounts = o.mounts ?? MountPlan(tmpfs: [], binds: [], mountProc: false)
            o.mounts?.tmpfs.append(v)
        },
        Flag(name: "--bind", help: "HOST:MOUNTPATH[:ro] bind mount, in the new mount namespace (repeatable).") { o, v throws(EmissaryUsageError) in
            guard let bind = VolumeBind(argument: v) else {
                throw EmissaryUsageError("--bind \(v): expected HOST:MOUNTPATH[:ro] with absolute paths")
            }
            o.mounts = o.mounts ?? MountPlan(tmpfs: [], binds: [], mountProc: false)
            o.mounts?.binds.append(bind)
        },
        Flag(name: "--rootfs", help: "LAYER, memory or memory:BYTES: give the command its own root filesystem (overlays of the host's, upper layers under LAYER or in a tmpfs), then pivot_root into it.") {
            o, v throws(EmissaryUsageError) in
            guard var root = ContainerRoot(argument: v) else {
                throw EmissaryUsageError("--rootfs \(v): expected an absolute path, memory or memory:BYTES")
            }
            var plan = o.mounts ?? MountPlan(tmpfs: [], binds: [], mountProc: false)
            root.hidden = plan.root?.hidden ?? []
            root.readOnly = plan.root?.readOnly ?? false
            plan.root = root
            o.mounts = plan
        },
        Flag(name: "--hide", help: "A host path the command must not see in its root (repeatable; after --rootfs).") { o, v throws(EmissaryUsageError) in
            guard o.mounts?.root != nil else { throw EmissaryUsageError("--hide \(v): needs --rootfs before it") }
            o.mounts?.root?.hidden.append(v)
        },
        Flag(name: "--read-only-root", help: "Make the command's root read-only (readOnlyRootFilesystem; after --rootfs).", takesValue: false) {
            o, _ throws(EmissaryUsageError) in
            guard o.mounts?.root != nil else { throw EmissaryUsageError("--read-only-root needs --rootfs before it") }
            o.mounts?.root?.readOnly = true
        },
        Flag(name: "--capabilities", help: "NAME,NAME… or none: the only capabilities the command keeps.") { o, v throws(EmissaryUsageError) in
            guard let caps = Capabilities(argument: v) else { throw EmissaryUsageError("--capabilities \(v): expected capability names joined by commas, or none") }
            o.capabilities = caps
        },
        Flag(name: "--run-as", help: "UID:GID[:GROUP,GROUP…]: the user the command runs as.") { o, v throws(EmissaryUsageError) in
            guard let runAs = RunAs(argument: v) else { throw EmissaryUsageError("--run-as \(v): expected UID:GID or UID:GID:G1,G2") }
            o.runAs = runAs
        },
        Flag(name: "--cgroup", help: "NAME:MEMORY_BYTES:CPU_MILLIS: run the command in the cgroup argo-lite/NAME with these limits (an empty field for none).") {
            o, v throws(EmissaryUsageError) in
            guard let cgroup = ContainerCgroup(argument: v) else { throw EmissaryUsageError("--cgroup \(v): expected NAME:MEMORY_BYTES:CPU_MILLIS") }
            o.cgroup = cgroup
        },
        Flag(name: "--mount-proc", help: "Mount a fresh /proc (in the new PID namespace).", takesValue: false) { o, _ in
            o.mounts = o.mounts ?? MountPlan(tmpfs: [], binds: [], mountProc: false)
            o.mounts?.mountProc = true
        },
        Flag(name: "--deadline", help: "Seconds since 1970: stop the command's tree then (the pod's activeDeadlineSeconds), reporting DeadlineExceeded.") {
            o, v throws(EmissaryUsageError) in
            guard let t = Double(v) else { throw EmissaryUsageError("--deadline \(v): expected seconds since 1970") }
            o.deadline = t
        },
        Flag(name: "--grace", help: "Seconds between SIGTERM and SIGKILL when stopping the command (default 30).") {
            o, v throws(EmissaryUsageError) in
            guard let t = Double(v), t >= 0 else { throw EmissaryUsageError("--grace \(v): expected seconds") }
            o.gracePeriod = t
        },
        Flag(name: "--stop-if-gone", help: "A directory (the state directory): stop the command's tree when it is deleted.") { o, v in
            o.stopIfGone = v
        },
        Flag(name: "--chdir", help: "Working directory, entered after mounting.") { o, v in o.workingDirectory = v },
        Flag(name: "--exec", help: "Mount, change directory and exec the command in place.", takesValue: false) { o, _ in o.execOnly = true },
    ]

    /// Parses `[flags] -- COMMAND ARGS...` (also `--flag=value`). `ARGO_INCLUDE_SCRIPT_OUTPUT` is the default of
    /// `--include-script-output`, as in Argo's executor.
    public static func parse(_ arguments: [String], environment: [String: String]? = nil)
        throws(EmissaryUsageError) -> EmissaryOptions
    {
        var options = EmissaryOptions(command: [])
        let include = environment.map { $0["ARGO_INCLUDE_SCRIPT_OUTPUT"] } ?? getenv("ARGO_INCLUDE_SCRIPT_OUTPUT").map { String(cString: $0) }
        options.includeResult = include.map { $0 == "true" } ?? true
        var i = 0
        while i < arguments.count {
            let word = arguments[i]
            if word == "--" {
                options.command = Array(arguments[(i + 1)...])
                return options
            }
            var name = word
            var inline: String?
            if let eq = word.firstIndex(of: "="), word.hasPrefix("--") {
                name = String(word[..<eq])
                inline = String(word[word.index(after: eq)...])
            }
            guard let flag = flags.first(where: { $0.name == name }) else {
                throw EmissaryUsageError("unknown flag \"\(word)\"; the command goes after \"--\". Flags: \(flags.map(\.name).sorted().joined(separator: ", "))")
            }
            if flag.takesValue {
                guard let value = inline ?? (i + 1 < arguments.count ? arguments[i + 1] : nil) else {
                    throw EmissaryUsageError("\(name) needs a value")
                }
                if inline == nil { i += 1 }
                try flag.apply(&options, value)
            } else {
                guard inline == nil else { throw EmissaryUsageError("\(name) takes no value") }
                try flag.apply(&options, "")
            }
            i += 1
        }
        return options
    }

    /// `emissary --help`.
    public static var help: String {
        var text = "Usage: emissary [flags] -- COMMAND ARGS...\n"
            + "Runs a container's command: tees its output, captures outputs.result and output parameters.\n\nFlags:\n"
        for flag in flags.sorted(by: { $0.name < $1.name }) {
            text += "  \(flag.name)\(flag.takesValue ? " VALUE" : "")\n      \(flag.help)\n"
        }
        return text
    }

    /// The whole `emissary` command: parse, run, and the exit code (64 with a message for a bad command line).
    public static func main(_ arguments: [String], stderr: Int32 = 2) -> Int32 {
        if arguments.first == "--help" || arguments.first == "-h" {
            writeAll(1, Array(help.utf8))
            return 0
        }
        do {
            return Emissary.run(try parse(arguments))
        } catch {
            writeAll(stderr, Array("emissary: \(error)\n".utf8))
            return Emissary.setupFailureExitCode
        }
    }
}
