import Foundation
import Templates
import ClusterAPI

// One activation, as Argo's `cronWfOperationCtx.run`: stop check, runtime policy (suspend, stopped, `when`,
// concurrencyPolicy), then the workflow to submit and the status that records it.

enum CronRun {
    static func run(_ cron: CronWorkflow, at due: Date, children: [Workflow], _ pass: inout CronPass) {
        let name = cron.metadata.name ?? ""
        let scheduled = KubeTime(seconds: Int64(due.timeIntervalSince1970.rounded(.down)))
        let childName = CronChildWorkflow.name(cron: name, scheduled: scheduled)
        pass.events.append("Running \(name)")
        // Already submitted (a pass whose status write was lost): record it, submit nothing, terminate nothing.
        if children.contains(where: { $0.metadata.name == childName }) {
            pass.status.lastScheduledTime = scheduled
            return
        }
        CronOperator.checkStop(cron, &pass, report: true)
        if pass.status.conditions?.contains(where: { $0.type == "SpecError" }) == true { return }
        guard proceed(cron, &pass) else { return }

        let wf = CronChildWorkflow.make(cron, scheduled: scheduled)
        let object: JSONValue
        do {
            object = try JSONValue(encoding: wf)
        } catch {
            CronConditions.report(&pass, "SubmissionError", "Failed to submit Workflow: \(error)", countsAsFailure: true)
            return
        }
        pass.create.append(object)
        pass.status.active = (pass.status.active ?? []) + [CronChildWorkflow.reference(to: wf)]
        pass.status.phase = "Active"
        pass.status.lastScheduledTime = scheduled
        CronConditions.remove(&pass.status, "SubmissionError")
    }

    /// Argo's `enforceRuntimePolicy`. Replace puts the active workflows in `pass.terminate`.
    private static func proceed(_ cron: CronWorkflow, _ pass: inout CronPass) -> Bool {
        let name = cron.metadata.name ?? ""
        if cron.spec.suspend == true {
            pass.events.append("\(name) is suspended, skipping execution")
            return false
        }
        if pass.status.phase == "Stopped" {
            pass.events.append("CronWorkflow \(name) is marked as stopped since it achieved the stopping condition")
            return false
        }
        do throws(Diagnostic) {
            guard try CronExpressions.when(cron, pass.status) else { return false }
        } catch {
            CronConditions.report(&pass, "SubmissionError", "run policy error: \(error.message)", countsAsFailure: true)
            return false
        }
        let active = (pass.status.active ?? []).compactMap { $0["name"]?.stringValue }
        switch cron.spec.concurrencyPolicy ?? "" {
        case "", "Allow":
            return true
        case "Forbid":
            if active.isEmpty { return true }
            pass.events.append("\(name) has 'ConcurrencyPolicy: Forbid' and has an active Workflow so it was not run")
            return false
        case "Replace":
            if !active.isEmpty {
                pass.events.append("\(name) has 'ConcurrencyPolicy: Replace' and has active Workflows")
                for wf in active { pass.events.append("stopping '\(wf)'") }
                pass.terminate.append(contentsOf: active)
            }
            return true
        case let other:
            CronConditions.report(&pass, "SubmissionError", "run policy error: invalid ConcurrencyPolicy: \(other)",
                                  countsAsFailure: true)
            return false
        }
    }
}

enum CronConditions {
    /// Argo's `reportCronWorkflowError`: upsert a True condition; a SubmissionError also counts as a failed run.
    /// A pass that meets the same error again (same type and message already recorded) does not count it twice,
    /// so repeating a pass changes nothing.
    static func report(_ pass: inout CronPass, _ type: String, _ message: String, countsAsFailure: Bool = false) {
        pass.events.append(message)
        var conditions = pass.status.conditions ?? []
        let repeated = conditions.contains { $0.type == type && $0.message == message }
        conditions.removeAll { $0.type == type }
        conditions.append(Condition(type: type, status: "True", message: message))
        pass.status.conditions = conditions
        if countsAsFailure && !repeated { pass.status.failed = (pass.status.failed ?? 0) + 1 }
    }

    static func remove(_ status: inout CronWorkflowStatus, _ type: String) {
        guard var conditions = status.conditions else { return }
        conditions.removeAll { $0.type == type }
        status.conditions = conditions.isEmpty ? nil : conditions
    }
}
