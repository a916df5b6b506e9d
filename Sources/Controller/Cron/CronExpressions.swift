import Templates
import ClusterAPI

// `spec.when` and `spec.stopStrategy.expression`, over the `cronworkflow.*` variables Argo provides
// (`expressionEnv` in workflow/cron/operator.go).

enum CronExpressions {
    /// `spec.when`: `{{cronworkflow.*}}` substituted, then evaluated as govaluate (Argo's `evalWhen`).
    /// Empty is true.
    static func when(_ cron: CronWorkflow, _ status: CronWorkflowStatus) throws(Diagnostic) -> Bool {
        guard let text = cron.spec.when, !text.isEmpty else { return true }
        var scope: [String: String] = [:]
        for (key, value) in fields(cron, status) {
            switch value {
            case .string(let s): scope["cronworkflow.\(key)"] = s
            case .int(let i): scope["cronworkflow.\(key)"] = String(i)
            case .null: break
            default: scope["cronworkflow.\(key)"] = value.compactJSON
            }
        }
        let substituted = try Substitution.replace(text, scope: scope, allowUnresolved: false)
        return try WhenExpression.evaluate(substituted)
    }

    /// `spec.stopStrategy.expression` as expr-lang over `{cronworkflow: {...}}` (Argo's `checkStopingCondition`).
    /// False without a stop strategy.
    static func shouldStop(_ cron: CronWorkflow, _ status: CronWorkflowStatus) throws(Diagnostic) -> Bool {
        guard let expression = cron.spec.stopStrategy?.expression else { return false }
        let env: JSONObject = ["cronworkflow": .object(fields(cron, status))]
        let program = try ExprProgram.parse(expression)
        let result: JSONValue
        do throws(Diagnostic) {
            result = try program.evaluate(env)
        } catch {
            throw Diagnostic("failed to evaluate stop expression: \(error.message)")
        }
        guard case .bool(let stop) = result else {
            throw Diagnostic("failed to evaluate stop expression: unable to cast expression result '\(result.compactJSON)' to bool")
        }
        return stop
    }

    /// The variables, as Argo sets them (including its `annotations` holding the labels).
    static func fields(_ cron: CronWorkflow, _ status: CronWorkflowStatus) -> JSONObject {
        let labels = cron.metadata.labels ?? [:]
        let annotations = cron.metadata.annotations ?? [:]
        func object(_ map: [String: String]) -> JSONValue {
            var out: JSONObject = [:]
            for (k, v) in map.sorted(by: { $0.key < $1.key }) { out[k] = .string(v) }
            return .object(out)
        }
        return [
            "name": .string(cron.metadata.name ?? ""),
            "namespace": .string(cron.metadata.namespace ?? ""),
            "labels": object(labels),
            "annotations": object(labels),
            "failed": .int(Int64(status.failed ?? 0)),
            "succeeded": .int(Int64(status.succeeded ?? 0)),
            "annotations.json": .string(object(annotations).compactJSON),
            "labels.json": .string(object(labels).compactJSON),
            "lastScheduledTime": status.lastScheduledTime.map { .string($0.rfc3339) } ?? .null,
        ]
    }
}
