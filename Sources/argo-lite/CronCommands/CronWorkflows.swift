import Controller
import Foundation
import Templates

/// CronWorkflows, for `argo-lite cron`: the stored-object commands of `template` (create, get, delete, update,
/// lint) with argo's cron wording and its long `get` print.
enum CronWorkflows: StoredTemplateKind {
    static let resource = ResourceKind.cronWorkflow
    static let commandName = "cron"
    static let noun = "cron workflow"
    static var noneInFiles: String { "No CronWorkflows found in given files" }
    static func deletedLine(_ name: String) -> String? { nil }

    /// The typed CronWorkflow of a stored object (nil when it does not decode: lint refuses such files).
    static func typed(_ object: JSONValue) -> CronWorkflow? { try? JSONBridge.decode(CronWorkflow.self, from: object) }

    /// The schedules argo runs: `schedules`, else the older `schedule`.
    static func schedules(_ spec: CronWorkflowSpec) -> [String] {
        if let many = spec.schedules, !many.isEmpty { return many }
        return spec.schedule.map { [$0] } ?? []
    }

    /// argo's `GetNextRuntime`: the soonest next activation over all schedules (nil when one does not parse).
    static func nextRun(_ spec: CronWorkflowSpec, after now: Date) -> Date? {
        var soonest: Date?
        for text in schedules(spec) {
            guard let schedule = try? CronScheduleSpec(text, timeZone: spec.timezone) else { return nil }
            if let next = schedule.next(after: now), next < (soonest ?? .distantFuture) { soonest = next }
        }
        return soonest
    }

    /// argo's `getCronWorkflowGet`.
    static func describe(_ object: JSONValue, env: CLIEnvironment) -> String {
        guard let cron = typed(object) else { return describeLine("Name:", object["metadata"]?["name"]?.stringValue ?? "", width: 30) }
        let now = env.now(), zone = env.style.timeZone
        func line(_ label: String, _ value: String) -> String { describeLine(label, value, width: 30) }
        func stamp(_ date: Date?) -> String { Humanize.timestamp(date, now: now, timeZone: zone) }
        let spec = cron.spec, status = cron.status ?? CronWorkflowStatus()
        var out = line("Name:", cron.metadata.name ?? "") + line("Namespace:", cron.metadata.namespace ?? "")
        out += line("Created:", stamp(object["metadata"]?["creationTimestamp"]?.stringValue.flatMap(KubeTimeText.parse)))
        out += line("Schedules:", schedules(spec).joined(separator: ","))
        out += line("Suspended:", spec.suspend == true ? "true" : "false")
        if let zone = spec.timezone, !zone.isEmpty { out += line("Timezone:", zone) }
        if let deadline = spec.startingDeadlineSeconds { out += line("StartingDeadlineSeconds:", String(deadline)) }
        if let policy = spec.concurrencyPolicy, !policy.isEmpty { out += line("ConcurrencyPolicy:", policy) }
        if let last = status.lastScheduledTime { out += line("LastScheduledTime:", stamp(Date(timeIntervalSince1970: Double(last.seconds)))) }
        if let next = nextRun(spec, after: now) {
            out += line("NextScheduledTime:", stamp(next) + " (assumes workflow-controller is in UTC)")
        }
        let active = (status.active ?? []).compactMap { $0["name"]?.stringValue }
        if !active.isEmpty { out += line("Active Workflows:", active.joined(separator: ", ")) }
        if let conditions = status.conditions, !conditions.isEmpty {
            out += line("Conditions:", "")
            for c in conditions {
                let icon = c.type == "SubmissionError" ? "✖" : ""
                out += line("\(icon) \(c.type ?? "")", (c.message ?? "").isEmpty ? c.status ?? "" : c.message ?? "")
            }
        }
        let parameters = spec.workflowSpec.arguments?.parameters ?? []
        if !parameters.isEmpty {
            out += line("Workflow Parameters:", "")
            for p in parameters {
                guard let value = p.value?.value ?? p.`default`?.value else { continue }
                out += line("  \(p.name):", value)
            }
        }
        return out
    }
}
