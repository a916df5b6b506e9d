import Executor
import Templates
import Testing

/// The emissary's command line, as both `argo-lite-executor emissary` and `argo-lite emissary` parse it.
@Suite struct EmissaryFlagsTests {
    @Test func everyFlagLandsInItsOption() throws {
        let o = try EmissaryFlags.parse([
            "--task-result", "/r.json", "--result-file=/result", "--output-params", #"[{"name":"p"}]"#,
            "--include-script-output", "false", "--script-file", "/argo/staging/script",
            "--script-source-from", "file:/s", "--input-file", "/h/a:/in/a", "--tmpfs", "/tmp",
            "--bind", "/h:/m:ro", "--mount-proc", "--chdir", "/w", "--", "sh", "-c", "echo --tmpfs",
        ], environment: [:])
        #expect(o.taskResultFile == "/r.json")
        #expect(o.resultFile == "/result")
        #expect(o.outputParameters == [["name": "p"]])
        #expect(o.includeResult == false)
        #expect(o.scriptFile == "/argo/staging/script")
        #expect(o.scriptSource == .file("/s"))
        #expect(o.inputFiles.map { "\($0.source)>\($0.destination)" } == ["/h/a>/in/a"])
        #expect(o.mounts == MountPlan(tmpfs: ["/tmp"], binds: [VolumeBind(hostPath: "/h", mountPath: "/m", readOnly: true)], mountProc: true))
        #expect(o.workingDirectory == "/w")
        #expect(o.execOnly == false)
        #expect(o.command == ["sh", "-c", "echo --tmpfs"])
    }

    @Test func defaultsWithoutFlags() throws {
        let o = try EmissaryFlags.parse(["--", "true"], environment: [:])
        #expect(o.command == ["true"])
        #expect(o.mounts == nil)
        #expect(o.includeResult)
        #expect(try EmissaryFlags.parse(["--", "true"], environment: ["ARGO_INCLUDE_SCRIPT_OUTPUT": "false"]).includeResult == false)
        #expect(try EmissaryFlags.parse(["--exec", "--", "true"], environment: [:]).execOnly)
    }

    @Test(arguments: [
        (["--bogus", "--", "true"], "unknown flag \"--bogus\""),
        (["--task-result"], "--task-result needs a value"),
        (["--output-params", "{", "--", "x"], "--output-params: expected a JSON array of output parameter objects"),
        (["--bind", "relative:/m", "--", "x"], "--bind relative:/m: expected HOST:MOUNTPATH[:ro] with absolute paths"),
        (["--input-file", "nocolon", "--", "x"], "--input-file nocolon: expected HOST:PODPATH"),
        (["--script-source-from", "web:x", "--", "x"], "--script-source-from web:x: expected env:NAME or file:PATH"),
        (["--mount-proc=yes", "--", "x"], "--mount-proc takes no value"),
    ])
    func badCommandLinesNameTheFlag(arguments: [String], message: String) {
        #expect {
            _ = try EmissaryFlags.parse(arguments, environment: [:])
        } throws: { error in
            "\(error)".hasPrefix(message)
        }
    }

    @Test func badCommandLineExitsWithTheSetupCode() {
        #expect(EmissaryFlags.main(["--bogus"], stderr: -1) == Emissary.setupFailureExitCode)
    }
}
