import Foundation
import Templates
import ClusterAPI

/// The outcome of one CronWorkflow pass: what to write and what to do. Nothing here has been done yet.
public struct CronPass: Sendable {
    /// New status to write (active refs, lastScheduledTime, succeeded, failed, phase, conditions).
    public var status: CronWorkflowStatus
    /// Workflows to create (full objects, namespace set). "Already exists" counts as created.
    public var create: [JSONValue]
    /// Names of active workflows to stop (concurrencyPolicy Replace).
    public var terminate: [String]
    /// Names of finished child workflows beyond the history limits.
    public var delete: [String]
    /// When to call `operate` again (the next activation); nil if suspended, stopped or the spec is invalid.
    public var nextRun: Date?
    /// Log lines, in Argo's wording where it has one.
    public var events: [String]

    public init(status: CronWorkflowStatus, create: [JSONValue] = [], terminate: [String] = [],
                delete: [String] = [], nextRun: Date? = nil, events: [String] = []) {
        self.status = status
        self.create = create
        self.terminate = terminate
        self.delete = delete
        self.nextRun = nextRun
        self.events = events
    }
}

/// One reconcile of one CronWorkflow, as Argo's cron controller (workflow/cron) does it, with `now` handed in.
///
/// Argo runs a cron engine that fires each activation on time, plus a catch-up on start-up
/// (`runOutstandingWorkflows`). Here both are one rule over the latest activation `T` in
/// (lastScheduledTime, or creationTimestamp when it never ran, `now`]: `T` within `onTimeWindow` of `now` is the
/// engine firing (run it); an older `T` was missed while no controller ran, and runs only if the CronWorkflow ran
/// before and `now` is within `startingDeadlineSeconds` of `T`; otherwise it is skipped.
public enum CronOperator {
    /// How late a pass may come after an activation and still count as the engine firing on time.
    public static let onTimeWindow: TimeInterval = 60

    /// `children`: the workflows labelled `workflows.argoproj.io/cron-workflow=<name>` in its namespace, as stored.
    public static func operate(_ cron: CronWorkflow, children: [Workflow], now: Date) -> CronPass {
        let name = cron.metadata.name ?? ""
        var pass = CronPass(status: cron.status ?? CronWorkflowStatus())
        pass.delete = CronHistory.toDelete(cron, children: children, events: &pass.events)
        let finished = CronHistory.reconcileActive(&pass.status, children: children)
        if !finished.isEmpty { checkStop(cron, &pass, report: false) }

        if !(cron.spec.schedule ?? "").isEmpty && !(cron.spec.schedules ?? []).isEmpty {
            CronConditions.report(&pass, "SpecError", "cron workflow cant be configured with both Spec.Schedule and Spec.Schedules")
            return pass
        }
        var schedules: [CronScheduleSpec] = []
        for text in scheduleTexts(cron.spec) {
            do throws(CronScheduleError) {
                schedules.append(try CronScheduleSpec(text, timeZone: cron.spec.timezone))
            } catch {
                let full = (cron.spec.timezone ?? "").isEmpty ? text : "CRON_TZ=\(cron.spec.timezone ?? "") \(text)"
                CronConditions.report(&pass, "SpecError", "cron schedule \(full) is malformed: \(error.description)")
                return pass
            }
        }
        if schedules.isEmpty {
            CronConditions.report(&pass, "SpecError", "cron workflow must have at least one schedule")
            return pass
        }
        CronConditions.remove(&pass.status, "SpecError")
        if cron.spec.suspend == true || pass.status.phase == "Stopped" { return pass }

        let start = pass.status.lastScheduledTime ?? cron.metadata.creationTimestamp
        let from = start.map { Date(timeIntervalSince1970: Double($0.seconds)) } ?? now.addingTimeInterval(-onTimeWindow)
        if let due = CronDue.latest(schedules, after: from, through: now) {
            let lateness = now.timeIntervalSince(due)
            if lateness <= onTimeWindow {
                CronRun.run(cron, at: due, children: children, &pass)
            } else if pass.status.lastScheduledTime != nil, let deadline = cron.spec.startingDeadlineSeconds,
                      lateness < Double(deadline) {
                pass.events.append("\(name) missed an execution at \(CronDue.goANSIC(due)) and is within StartingDeadline")
                CronRun.run(cron, at: due, children: children, &pass)
            } else {
                pass.events.append("\(name) missed an execution at \(CronDue.goANSIC(due)) and it was not run (outside startingDeadlineSeconds)")
            }
        }
        if cron.spec.suspend != true && pass.status.phase != "Stopped" {
            pass.nextRun = schedules.compactMap { $0.next(after: now) }.min()
        }
        return pass
    }

    /// `spec.schedule` (the pre-3.6 form) then `spec.schedules`, empty entries dropped.
    static func scheduleTexts(_ spec: CronWorkflowSpec) -> [String] {
        ([spec.schedule ?? ""] + (spec.schedules ?? [])).filter { !$0.isEmpty }
    }

    /// Argo's `checkStopingCondition` + `setAsCompleted`: phase Stopped once the stop expression holds.
    static func checkStop(_ cron: CronWorkflow, _ pass: inout CronPass, report: Bool) {
        do throws(Diagnostic) {
            if try CronExpressions.shouldStop(cron, pass.status), pass.status.phase != "Stopped" {
                pass.status.phase = "Stopped"
                pass.events.append("CronWorkflow \(cron.metadata.name ?? "") is marked as stopped since it achieved the stopping condition")
            }
        } catch {
            let message = "failed to check CronWorkflow '\(cron.metadata.name ?? "")' stopping condition: \(error.message)"
            if report { CronConditions.report(&pass, "SpecError", message) } else { pass.events.append(message) }
        }
    }
}
