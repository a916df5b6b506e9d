import Foundation
import Testing
import Templates
@testable import Controller
@testable import Cron

/// A CronWorkflow `hello` in `argo`, created 2024-06-01T12:00:30Z, and workflows standing for its children.
enum CronFixture {
    static let created = KubeTime(seconds: Int64(cronTime("2024-06-01T12:00:30").timeIntervalSince1970))

    static func cron(_ schedules: [String] = ["* * * * *"], _ edit: (inout CronWorkflowSpec) -> Void = { _ in },
                     status: CronWorkflowStatus? = nil) -> CronWorkflow {
        var spec = CronWorkflowSpec(workflowSpec: WorkflowSpec(entrypoint: "main"), schedules: schedules)
        edit(&spec)
        return CronWorkflow(
            metadata: ObjectMeta(name: "hello", namespace: "argo", uid: "cron-uid", creationTimestamp: created),
            spec: spec, status: status)
    }

    static func child(_ name: String, _ phase: WorkflowPhase?, finished: String? = nil, uid: String? = nil) -> Workflow {
        Workflow(
            metadata: ObjectMeta(name: name, namespace: "argo", uid: uid ?? "uid-\(name)", resourceVersion: "7",
                                 labels: ["workflows.argoproj.io/cron-workflow": "hello"]),
            status: WorkflowStatus(phase: phase, finishedAt: finished.map { time($0) }))
    }

    static func time(_ text: String) -> KubeTime { KubeTime(seconds: Int64(cronTime(text).timeIntervalSince1970)) }

    static func ref(_ name: String, uid: String? = nil) -> JSONValue {
        var o: JSONObject = ["kind": "Workflow", "namespace": "argo", "name": .string(name)]
        if let uid { o["uid"] = .string(uid) }
        o["apiVersion"] = "argoproj.io/v1alpha1"
        if uid != nil { o["resourceVersion"] = "7" }
        return .object(o)
    }

    static func names(_ pass: CronPass) -> [String] { pass.create.compactMap { $0["metadata"]?["name"]?.stringValue } }
}

@Suite struct CronOperatorTests {
    typealias F = CronFixture
    // 2024-06-01T12:01:00Z
    static let t1 = 1_717_243_260

    @Test func firstActivationCreatesTheExactWorkflow() throws {
        var cron = F.cron(["* * * * *"]) { spec in
            spec.workflowMetadata = ObjectMeta(labels: ["team": "a"], annotations: ["note": "n"])
        }
        cron.metadata.labels = ["workflows.argoproj.io/creator": "alice", "other": "x"]
        let pass = CronOperator.operate(cron, children: [], now: cronTime("2024-06-01T12:01:00").addingTimeInterval(0.5))
        let expected = try JSONParser.parse("""
        {"apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow",
         "metadata": {"name": "hello-\(Self.t1)", "namespace": "argo",
           "labels": {"workflows.argoproj.io/creator": "alice", "workflows.argoproj.io/cron-workflow": "hello", "team": "a"},
           "annotations": {"workflows.argoproj.io/scheduled-time": "2024-06-01T12:01:00Z", "note": "n"},
           "ownerReferences": [{"apiVersion": "argoproj.io/v1alpha1", "kind": "CronWorkflow", "name": "hello",
                                "uid": "cron-uid", "controller": true, "blockOwnerDeletion": true}]},
         "spec": {"entrypoint": "main"}}
        """)
        #expect(pass.create == [expected])
        #expect(pass.status.lastScheduledTime == F.time("2024-06-01T12:01:00"))
        #expect(pass.status.active == [F.ref("hello-\(Self.t1)")])
        #expect(pass.status.phase == "Active")
        #expect(pass.nextRun == cronTime("2024-06-01T12:02:00"))
        #expect(pass.terminate.isEmpty && pass.delete.isEmpty)
    }

    @Test func beforeTheFirstActivationNothingRuns() {
        let pass = CronOperator.operate(F.cron(), children: [], now: cronTime("2024-06-01T12:00:45"))
        #expect(pass.create.isEmpty)
        #expect(pass.status == CronWorkflowStatus())
        #expect(pass.nextRun == cronTime("2024-06-01T12:01:00"))
    }

    @Test func aSecondPassDoesNotRunAgain() {
        let now = cronTime("2024-06-01T12:01:02")
        let first = CronOperator.operate(F.cron(), children: [], now: now)
        // Before the informer has seen the new workflow.
        let unseen = CronOperator.operate(F.cron(status: first.status), children: [], now: now)
        #expect(unseen.create.isEmpty)
        #expect(unseen.status.lastScheduledTime == first.status.lastScheduledTime)
        // Once it is visible: its uid and resourceVersion complete the reference.
        let child = F.child("hello-\(Self.t1)", .running)
        let seen = CronOperator.operate(F.cron(status: first.status), children: [child], now: now)
        #expect(seen.create.isEmpty)
        #expect(seen.status.active == [F.ref("hello-\(Self.t1)", uid: "uid-hello-\(Self.t1)")])
        let again = CronOperator.operate(F.cron(status: seen.status), children: [child], now: now)
        #expect(again.status == seen.status && again.create.isEmpty && again.terminate.isEmpty)
    }

    @Test func aLostStatusWriteIsRecoveredFromTheChild() {
        let child = F.child("hello-\(Self.t1)", .running)
        let pass = CronOperator.operate(F.cron(["* * * * *"]) { $0.concurrencyPolicy = "Replace" }, children: [child],
                                        now: cronTime("2024-06-01T12:01:05"))
        #expect(pass.create.isEmpty && pass.terminate.isEmpty)
        #expect(pass.status.lastScheduledTime == F.time("2024-06-01T12:01:00"))
        #expect(pass.status.active == [F.ref("hello-\(Self.t1)", uid: "uid-hello-\(Self.t1)")])
    }

    static let running = CronWorkflowStatus(active: [F.ref("hello-1", uid: "uid-hello-1")],
                                            lastScheduledTime: F.time("2024-06-01T12:00:00"), phase: "Active")

    @Test(arguments: [("Forbid", [String](), [String]()), ("Replace", ["hello-\(t1)"], ["hello-1"]),
                      ("Allow", ["hello-\(t1)"], []), ("", ["hello-\(t1)"], [])])
    func concurrencyPolicyWithAnActiveWorkflow(policy: String, created: [String], terminated: [String]) {
        let cron = F.cron(["* * * * *"], { $0.concurrencyPolicy = policy }, status: Self.running)
        let pass = CronOperator.operate(cron, children: [F.child("hello-1", .running)], now: cronTime("2024-06-01T12:01:00"))
        #expect(F.names(pass) == created)
        #expect(pass.terminate == terminated)
        #expect(pass.status.lastScheduledTime == F.time(created.isEmpty ? "2024-06-01T12:00:00" : "2024-06-01T12:01:00"))
        if policy == "Forbid" {
            #expect(pass.events.contains("hello has 'ConcurrencyPolicy: Forbid' and has an active Workflow so it was not run"))
        }
        // Replace keeps the terminated workflow active until it has stopped.
        #expect(pass.status.active?.count == (created.isEmpty ? 1 : 2))
    }

    @Test func suspendedRunsNothingAndHasNoNextRun() {
        let pass = CronOperator.operate(F.cron(["* * * * *"]) { $0.suspend = true }, children: [], now: cronTime("2024-06-01T12:01:00"))
        #expect(pass.create.isEmpty)
        #expect(pass.nextRun == nil)
    }

    /// Hourly, last run at 10:00, controller back at 12:05:30: 12:00 was missed by 330 s.
    @Test(arguments: [(nil, false), (600, true), (330, false), (0, false)] as [(Int?, Bool)])
    func missedRunRunsOnlyWithinStartingDeadline(deadline: Int?, runs: Bool) {
        let status = CronWorkflowStatus(lastScheduledTime: F.time("2024-06-01T10:00:00"))
        let cron = F.cron(["0 * * * *"], { $0.startingDeadlineSeconds = deadline }, status: status)
        let pass = CronOperator.operate(cron, children: [], now: cronTime("2024-06-01T12:05:30"))
        #expect(F.names(pass) == (runs ? ["hello-1717243200"] : []))
        #expect(pass.status.lastScheduledTime == F.time(runs ? "2024-06-01T12:00:00" : "2024-06-01T10:00:00"))
        #expect(pass.nextRun == cronTime("2024-06-01T13:00:00"))
        let word = runs ? "hello missed an execution at Sat Jun  1 12:00:00 2024 and is within StartingDeadline"
                        : "hello missed an execution at Sat Jun  1 12:00:00 2024 and it was not run (outside startingDeadlineSeconds)"
        #expect(pass.events.contains(word))
    }

    @Test func aCronWorkflowThatNeverRanDoesNotCatchUp() {
        let cron = F.cron(["0 * * * *"]) { $0.startingDeadlineSeconds = 3600 }
        let pass = CronOperator.operate(cron, children: [], now: cronTime("2024-06-01T13:05:00"))
        #expect(pass.create.isEmpty)
        #expect(pass.nextRun == cronTime("2024-06-01T14:00:00"))
    }

    @Test func latestActivationOverAllSchedulesAndInTheTimezone() {
        let cron = F.cron(["0 8 * * *", "30 7 * * *"]) { $0.timezone = "America/New_York" }
        // 07:30 EDT = 11:30Z; created at 12:00:30Z, so the next is 08:00 EDT = 12:00Z the following day.
        let pass = CronOperator.operate(cron, children: [], now: cronTime("2024-06-02T11:30:20"))
        #expect(F.names(pass) == ["hello-\(Int(cronTime("2024-06-02T11:30:00").timeIntervalSince1970))"])
        #expect(pass.nextRun == cronTime("2024-06-02T12:00:00"))
    }

    @Test func finishedChildrenLeaveActiveAndAreCounted() {
        let status = CronWorkflowStatus(active: [F.ref("a", uid: "uid-a"), F.ref("b", uid: "uid-b"), F.ref("gone", uid: "uid-gone")],
                                        lastScheduledTime: F.time("2024-06-01T12:00:00"), succeeded: 4, failed: 1, phase: "Active")
        let kids = [F.child("a", .succeeded, finished: "2024-06-01T12:00:40"), F.child("b", .error, finished: "2024-06-01T12:00:41")]
        let pass = CronOperator.operate(F.cron(status: status), children: kids, now: cronTime("2024-06-01T12:00:50"))
        #expect(pass.status.active == nil)
        #expect(pass.status.succeeded == 5 && pass.status.failed == 2)
        // Idempotent: counted once.
        let again = CronOperator.operate(F.cron(status: pass.status), children: kids, now: cronTime("2024-06-01T12:00:50"))
        #expect(again.status == pass.status)
    }

    @Test func historyLimitsDeleteTheOldestFinished() {
        let kids = [
            F.child("s1", .succeeded, finished: "2024-06-01T01:00:00"), F.child("s2", .succeeded, finished: "2024-06-01T05:00:00"),
            F.child("s3", .succeeded, finished: "2024-06-01T03:00:00"), F.child("s4", .succeeded, finished: "2024-06-01T04:00:00"),
            F.child("s5", .succeeded, finished: "2024-06-01T02:00:00"), F.child("f1", .failed, finished: "2024-06-01T01:00:00"),
            F.child("f2", .error, finished: "2024-06-01T02:00:00"), F.child("r1", .running),
        ]
        let now = cronTime("2024-06-01T12:00:40")
        #expect(CronOperator.operate(F.cron(), children: kids, now: now).delete == ["s5", "s1", "f1"])
        let limited = F.cron(["* * * * *"]) { $0.successfulJobsHistoryLimit = 1; $0.failedJobsHistoryLimit = 0 }
        #expect(CronOperator.operate(limited, children: kids, now: now).delete == ["s4", "s3", "s5", "s1", "f2", "f1"])
    }

    @Test func stopStrategyStopsScheduling() {
        let status = CronWorkflowStatus(active: [F.ref("a", uid: "uid-a")], lastScheduledTime: F.time("2024-06-01T12:00:00"),
                                        failed: 1, phase: "Active")
        let cron = F.cron(["* * * * *"], { $0.stopStrategy = StopStrategy(expression: "cronworkflow.failed >= 2") }, status: status)
        let pass = CronOperator.operate(cron, children: [F.child("a", .failed, finished: "2024-06-01T12:00:59")],
                                        now: cronTime("2024-06-01T12:01:00"))
        #expect(pass.status.phase == "Stopped")
        #expect(pass.create.isEmpty && pass.nextRun == nil)
    }

    @Test(arguments: [(0, true), (2, false)])
    func whenGatesEachRun(succeeded: Int, runs: Bool) {
        let status = CronWorkflowStatus(lastScheduledTime: F.time("2024-06-01T12:00:00"), succeeded: succeeded)
        let cron = F.cron(["* * * * *"], { $0.when = "{{cronworkflow.succeeded}} < 2" }, status: status)
        let pass = CronOperator.operate(cron, children: [], now: cronTime("2024-06-01T12:01:00"))
        #expect(F.names(pass) == (runs ? ["hello-\(Self.t1)"] : []))
    }

    @Test func malformedScheduleIsASpecError() {
        let pass = CronOperator.operate(F.cron(["* * * 13 *"]), children: [], now: cronTime("2024-06-01T12:01:00"))
        #expect(pass.status.conditions == [Condition(type: "SpecError", status: "True",
            message: "cron schedule * * * 13 * is malformed: end of range (13) above maximum (12): 13")])
        #expect(pass.create.isEmpty && pass.nextRun == nil)
    }
}
