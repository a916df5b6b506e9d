import Controller
import Foundation
import Templates
import Testing
import TestSupport
@testable import argo_lite

/// `cron create/get/list/suspend/resume/delete`, printing what `argo cron` prints.
@Suite final class CronCommandTests {
    let directory: URL
    let cluster: LocalCluster
    let buffer = OutputBuffer()
    var env: CLIEnvironment { CLIEnvironment(namespace: "default", console: .capturing(buffer), style: .plain, now: { Fixture.now }) }

    init() throws {
        (directory, cluster) = try Fixture.cluster(scratch: "argo-lite-cron")
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    static let hourly = """
        apiVersion: argoproj.io/v1alpha1
        kind: CronWorkflow
        metadata: {name: hourly}
        spec:
          schedules: ["0 * * * *", "30 9 * * 1-5"]
          concurrencyPolicy: Forbid
          startingDeadlineSeconds: 60
          workflowSpec:
            entrypoint: main
            arguments: {parameters: [{name: who, value: world}]}
            templates:
            - name: main
              container: {image: alpine, command: [echo, hi]}
        """

    func file(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func createThenGetPrintsArgosLongForm() async throws {
        let path = try file("c.yaml", Self.hourly)
        #expect(try await TemplateWriteCommand<CronWorkflows, CreateTemplates>.parse([path]).execute(cluster: cluster, env: env) == 0)
        #expect(buffer.out == """
            Name:                          hourly
            Namespace:                     default
            Created:                       Fri Mar 01 10:00:00 +0000 (5 minutes ago)
            Schedules:                     0 * * * *,30 9 * * 1-5
            Suspended:                     false
            StartingDeadlineSeconds:       60
            ConcurrencyPolicy:             Forbid
            NextScheduledTime:             Fri Mar 01 11:00:00 +0000 (55 minutes from now) (assumes workflow-controller is in UTC)
            Workflow Parameters:           
              who:                         world

            """)
    }

    @Test func listSuspendResumeAndDelete() async throws {
        _ = try await TemplateWriteCommand<CronWorkflows, CreateTemplates>.parse([try file("c.yaml", Self.hourly), "-o", "name"])
            .execute(cluster: cluster, env: env)
        #expect(try await CronSuspensionCommand<SuspendCron>.parse(["hourly"]).execute(cluster: cluster, env: env) == 0)
        #expect(try await TemplateListCommand<CronWorkflows>.parse([]).execute(cluster: cluster, env: env) == 0)
        #expect(try await CronSuspensionCommand<ResumeCron>.parse(["hourly"]).execute(cluster: cluster, env: env) == 0)
        #expect(try await TemplateDeleteCommand<CronWorkflows>.parse(["hourly"]).execute(cluster: cluster, env: env) == 0)
        #expect(buffer.out == """
            hourly
            CronWorkflow 'hourly' suspended
            NAME     AGE   LAST RUN   NEXT RUN   SCHEDULES                TIMEZONE   SUSPENDED
            hourly   5m    N/A        55m        0 * * * *,30 9 * * 1-5              true
            CronWorkflow 'hourly' resumed

            """)
        #expect(try await cluster.list(.cronWorkflow, namespace: "default", labelSelector: nil).items.isEmpty)
        #expect(try await CronSuspensionCommand<SuspendCron>.parse(["hourly"]).execute(cluster: cluster, env: env) == 1)
        #expect(buffer.err == "cronworkflows.argoproj.io \"hourly\" not found\n")
    }

    /// `submit --from cronwf/NAME` runs the CronWorkflow's workflow now, as argo's `ConvertCronWorkflowToWorkflow`.
    @Test func submitFromACronWorkflowRunsItNow() async throws {
        _ = try await TemplateWriteCommand<CronWorkflows, CreateTemplates>.parse([try file("c.yaml", Self.hourly), "-o", "name"])
            .execute(cluster: cluster, env: env)
        #expect(try await SubmitCommand.parse(["--from", "cronwf/hourly", "-o", "name"]).execute(cluster: cluster, env: env) == 0)
        let wf = try #require(try await cluster.list(.workflow, namespace: "default", labelSelector: nil).items.first)
        #expect(wf["metadata"]?["name"]?.stringValue?.hasPrefix("hourly-") == true)
        #expect(wf["metadata"]?["labels"]?["workflows.argoproj.io/cron-workflow"] == "hourly")
        #expect(wf["metadata"]?["annotations"]?["workflows.argoproj.io/scheduled-time"] == "2024-03-01T10:05:00Z")
        #expect(wf["metadata"]?["ownerReferences"]?[0]?["kind"] == "CronWorkflow")
        #expect(wf["spec"]?["entrypoint"] == "main")
    }

    @Test func aFileWithoutCronWorkflowsIsRefused() async throws {
        let path = try file("w.yaml", "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: w}\nspec:\n  entrypoint: main\n  templates:\n  - name: main\n    container: {image: alpine}\n")
        #expect(try await TemplateWriteCommand<CronWorkflows, CreateTemplates>.parse([path]).execute(cluster: cluster, env: env) == 1)
        #expect(buffer.err == "No CronWorkflows found in given files\n")
    }
}
