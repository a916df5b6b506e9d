import Foundation
import Testing
import Templates
@testable import Controller
@testable import Cron

@Suite struct CronOperatorEdgeTests {
    typealias F = CronFixture

    static func unix(_ text: String) -> Int { Int(cronTime(text).timeIntervalSince1970) }

    @Test func everyCountsFromTheLastRunOrCreation() {
        // Created 12:00:30: activations 12:02:00, 12:03:30, 12:05:00.
        let pass = CronOperator.operate(F.cron(["@every 90s"]), children: [], now: cronTime("2024-06-01T12:05:10"))
        #expect(F.names(pass) == ["hello-\(Self.unix("2024-06-01T12:05:00"))"])
        #expect(pass.nextRun == cronTime("2024-06-01T12:06:40"))
    }

    @Test func aLongOutageFindsTheLatestActivation() {
        let status = CronWorkflowStatus(lastScheduledTime: F.time("2023-06-01T00:00:00"))
        let minutely = F.cron(["* * * * *"], status: status)
        let now = cronTime("2024-06-01T12:00:30")
        #expect(F.names(CronOperator.operate(minutely, children: [], now: now)) == ["hello-\(Self.unix("2024-06-01T12:00:00"))"])
        let yearly = F.cron(["0 0 1 1 *"], { $0.startingDeadlineSeconds = 400 * 86_400 }, status: status)
        #expect(F.names(CronOperator.operate(yearly, children: [], now: now)) == ["hello-\(Self.unix("2024-01-01T00:00:00"))"])
    }

    @Test func replaceNamesTheWorkflowsItStops() {
        let status = CronWorkflowStatus(active: [F.ref("hello-1", uid: "uid-hello-1")],
                                        lastScheduledTime: F.time("2024-06-01T12:00:00"))
        let pass = CronOperator.operate(F.cron(["* * * * *"], { $0.concurrencyPolicy = "Replace" }, status: status),
                                        children: [F.child("hello-1", .running)], now: cronTime("2024-06-01T12:01:00"))
        #expect(pass.events.contains("hello has 'ConcurrencyPolicy: Replace' and has active Workflows"))
        #expect(pass.events.contains("stopping 'hello-1'"))
    }

    @Test func aPolicyErrorIsReportedAndCountedOnce() {
        let status = CronWorkflowStatus(lastScheduledTime: F.time("2024-06-01T12:00:00"))
        let cron = F.cron(["* * * * *"], { $0.concurrencyPolicy = "Sometimes" }, status: status)
        let now = cronTime("2024-06-01T12:01:00")
        let pass = CronOperator.operate(cron, children: [], now: now)
        #expect(pass.create.isEmpty)
        #expect(pass.status.conditions == [Condition(type: "SubmissionError", status: "True",
                                                     message: "run policy error: invalid ConcurrencyPolicy: Sometimes")])
        #expect(pass.status.failed == 1)
        var again = cron
        again.status = pass.status
        #expect(CronOperator.operate(again, children: [], now: now).status == pass.status)
    }

    @Test func aSuccessfulRunClearsASubmissionError() {
        let status = CronWorkflowStatus(lastScheduledTime: F.time("2024-06-01T12:00:00"),
                                        conditions: [Condition(type: "SubmissionError", status: "True", message: "x")])
        let pass = CronOperator.operate(F.cron(["* * * * *"], status: status), children: [], now: cronTime("2024-06-01T12:01:00"))
        #expect(pass.create.count == 1)
        #expect(pass.status.conditions == nil)
    }

    @Test func bothScheduleAndSchedulesIsASpecError() {
        let pass = CronOperator.operate(F.cron(["* * * * *"], { $0.schedule = "0 * * * *" }), children: [],
                                        now: cronTime("2024-06-01T12:01:00"))
        #expect(pass.status.conditions?.first?.message == "cron workflow cant be configured with both Spec.Schedule and Spec.Schedules")
        #expect(pass.create.isEmpty && pass.nextRun == nil)
    }

    @Test func theOldScheduleFieldWorksAlone() {
        let pass = CronOperator.operate(F.cron([], { $0.schedule = "* * * * *"; $0.schedules = nil }), children: [],
                                        now: cronTime("2024-06-01T12:01:00"))
        #expect(pass.create.count == 1)
    }
}
