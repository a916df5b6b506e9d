import Controller
import Foundation
import Testing
import TestSupport
@testable import argo_lite

/// `lint --kinds` as argo parses it (pflag string slice: comma lists, repeatable, default `all`) and filters by
/// it, and `--offline` in Go's bool flag syntax.
@Suite struct LintKindsTests {
    static let wf = "Workflow", wftmpl = "WorkflowTemplate", cwftmpl = "ClusterWorkflowTemplate", cron = "CronWorkflow"

    @Test(arguments: [
        ([], nil),
        (["all"], nil),
        ([""], nil),
        (["wf,all"], nil),
        (["wf"], [wf]),
        (["workflows"], [wf]),
        (["wftmpl"], [wftmpl]),
        (["workflowtemplates"], [wftmpl]),
        (["cwftmpl"], [cwftmpl]),
        (["clusterworkflowtemplates"], [cwftmpl]),
        (["cronwf"], [cron]),
        (["cronworkflows"], [cron]),
        (["workflows,cronworkflows"], [wf, cron]),
        (["wf", "wftmpl"], [wf, wftmpl]),
        (["cwftmpl,clusterworkflowtemplates", "wf"], [cwftmpl, wf]),
    ] as [([String], Set<String>?)])
    func kindsParseAsArgoSpellsThem(values: [String], kinds: Set<String>?) throws {
        #expect(try LintKinds.parse(values) == kinds)
    }

    @Test(arguments: [
        (["workflow"], "unknown kind: workflow"),
        (["Workflows"], "unknown kind: Workflows"),
        (["wf,"], "unknown kind: "),
        (["wf", "cwf"], "unknown kind: cwf"),
        ([" wf"], "unknown kind:  wf"),
    ])
    func unknownKindsAreRefused(values: [String], message: String) {
        let error = #expect(throws: CLIError.self) { try LintKinds.parse(values) }
        #expect(error?.description == message)
    }

    /// One broken object of each kind (each names an entrypoint it does not have).
    static func brokenOfEveryKind() throws -> String {
        let dir = ScratchDirectory.url("lint-kinds")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let spec = "{entrypoint: nowhere, templates: [{name: main, container: {image: alpine}}]}"
        let objects = [
            ("wf.yaml", "Workflow", "spec: \(spec)"), ("wftmpl.yaml", "WorkflowTemplate", "spec: \(spec)"),
            ("cwftmpl.yaml", "ClusterWorkflowTemplate", "spec: \(spec)"),
            ("cron.yaml", "CronWorkflow", "spec: {schedules: ['0 * * * *'], workflowSpec: \(spec)}"),
        ]
        for (file, kind, body) in objects {
            let text = "apiVersion: argoproj.io/v1alpha1\nkind: \(kind)\nmetadata: {name: broken}\n\(body)\n"
            try text.write(to: dir.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
        return dir.path
    }

    func lint(_ arguments: [String]) async throws -> (out: String, err: String, status: Int32) {
        let buffer = OutputBuffer()
        let env = CLIEnvironment(console: .capturing(buffer), stateDirectory: ScratchDirectory.url("lint-kinds-no-state"))
        let status = await try LintCommand.parse(GoBoolFlags.normalize(arguments)).execute(env: env)
        return (buffer.out, buffer.err, status)
    }

    @Test(arguments: [
        ([], [cron, cwftmpl, wf, wftmpl]),
        (["--kinds=all"], [cron, cwftmpl, wf, wftmpl]),
        (["--kinds", "wf"], [wf]),
        (["--kinds=wftmpl,cronwf"], [cron, wftmpl]),
        (["--kinds", "cwftmpl", "--kinds", "workflows"], [cwftmpl, wf]),
    ])
    func onlyTheKindsAskedForAreLinted(flags: [String], kinds: [String]) async throws {
        let dir = try Self.brokenOfEveryKind()
        let result = try await lint(flags + ["-o", "simple", dir])
        #expect(result.status == 1)
        let reported = result.out.split(separator: "\n").compactMap { (line: Substring) -> String? in
            guard let range = line.range(of: "\"broken\" (") else { return nil }
            return String(line[range.upperBound...].prefix { $0 != ")" })
        }
        #expect(reported.sorted() == kinds.sorted())
    }

    @Test(arguments: [("pretty", "✖ found nothing to lint in the specified paths, failing...\n"),
                      ("simple", "found nothing to lint in the specified paths, failing...\n")])
    func nothingOfTheKindsFailsWithArgosWords(output: String, expected: String) async throws {
        let dir = ScratchDirectory.url("lint-kinds-wf-only")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try LintCommandTests.good.write(to: dir.appendingPathComponent("wf.yaml"), atomically: true, encoding: .utf8)
        let result = try await lint(["--kinds", "cronwf,wftmpl", "-o", output, dir.path])
        #expect(result == (expected, "", 1))
        #expect(try await lint(["--kinds", "wf", "-o", output, dir.path]).status == 0)
    }

    @Test func anUnknownKindIsAnErrorWithExitCode1() async throws {
        let result = try await lint(["--kinds", "wf,pods", "a.yaml"])
        #expect(result == ("", "unknown kind: pods\n", 1))
    }

    @Test(arguments: [
        ([], false), (["--offline"], true), (["--offline=true"], true), (["--offline=false"], false),
        (["--offline=1"], true), (["--offline=F"], false), (["--offline", "--offline=false"], false),
        (["--offline=false", "--offline"], true), (["--offline=TRUE"], true),
    ])
    func offlineTakesGosBoolSyntax(flags: [String], offline: Bool) throws {
        let cmd = try LintCommand.parse(GoBoolFlags.normalize(flags + ["a.yaml"]))
        #expect(cmd.offline == offline)
        #expect(cmd.paths == ["a.yaml"])
    }

    @Test func goBoolFlagsLeaveOtherArgumentsAlone() {
        #expect(GoBoolFlags.normalize(["lint", "--offline=false", "--strict=false", "--", "--offline=true"])
            == ["lint", "--no-offline", "--strict=false", "--", "--offline=true"])
        #expect(GoBoolFlags.normalize(["--offline=maybe"]) == ["--offline=maybe"])
        #expect(throws: (any Error).self) { try LintCommand.parse(GoBoolFlags.normalize(["--offline=maybe", "a.yaml"])) }
    }
}
