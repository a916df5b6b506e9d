import Foundation
import Templates
import ClusterAPI

/// Argo's `processNodeRetries`: settles a Retry node from its last attempt, honouring `limit`, `retryPolicy`,
/// `backoff` (duration × factor^(attempts-1), `maxDuration`) and `expression`.
extension OperationContext {
    /// Returns the (maybe updated) retry node and whether a new attempt may start now.
    func processNodeRetries(_ node: NodeStatus, _ strategy: RetryStrategy) -> (NodeStatus, Bool) {
        if node.fulfilled { return (node, true) }
        let children = node.children ?? []
        guard let lastID = children.last, let last = nodes[lastID] else { return (node, true) }
        if !last.fulfilled { return (node, true) }
        if !last.failedOrError {
            var n = node
            if n.outputs != last.outputs { n.outputs = last.outputs; store(n) }
            return (markNodePhase(n.name, .succeeded) ?? n, true)
        }
        if let shutdown = spec.shutdown, !shutdown.isEmpty {
            return (markNodePhase(node.name, last.phase ?? .failed, message: "Stopped with strategy '\(shutdown)'") ?? node, true)
        }
        if let deadline = workflowDeadline, now.time > deadline {
            return (markNodePhase(node.name, last.phase ?? .failed,
                                  message: "retry exceeded workflow deadline \(KubeTime(time: deadline).rfc3339)") ?? node, true)
        }
        if let backoff = strategy.backoff {
            var maxDeadline: Double?
            if let text = backoff.maxDuration, let maxDuration = Durations.parse(text),
               let firstID = children.first, let first = nodes[firstID], let started = first.startedAt {
                maxDeadline = started.time + maxDuration
                if now.time > maxDeadline! {
                    return (markNodePhase(node.name, last.phase ?? .failed, message: "Max duration limit exceeded") ?? node, true)
                }
            }
            guard let text = backoff.duration, let base = Durations.parse(text) else {
                return (markNodeError(node.name, "no base duration specified for retryStrategy") ?? node, false)
            }
            var wait = base
            if let factor = backoff.factor?.intValue, factor > 0 {
                var f = 1.0
                for _ in 0..<max(0, children.count - 1) { f *= Double(factor) }
                wait = base * f
            }
            let finished = (last.finishedAt ?? now).time
            let waitUntil = finished + wait
            if let maxDeadline, waitUntil > maxDeadline {
                return (markNodePhase(node.name, last.phase ?? .failed, message: "Backoff would exceed max duration limit") ?? node, true)
            }
            if now.time < waitUntil {
                requeue(at: waitUntil)
                return (markNodePhase(node.name, node.phase ?? .running, message: "Backoff for \(Durations.humanize(wait))") ?? node, false)
            }
            if node.message != nil { markNodePhase(node.name, node.phase ?? .running, message: "") }
        }
        let policy = strategy.retryPolicy ?? "OnFailure"
        let retryOnFailed: Bool, retryOnError: Bool
        switch policy {
        case "Always": (retryOnFailed, retryOnError) = (true, true)
        case "OnError": (retryOnFailed, retryOnError) = (false, true)
        case "OnTransientError": (retryOnFailed, retryOnError) = (false, false)
        case "OnFailure", "": (retryOnFailed, retryOnError) = (true, false)
        default:
            return (markNodeError(node.name, "\(policy) is not a valid RetryPolicy") ?? node, false)
        }
        if (last.phase == .failed && !retryOnFailed) || (last.phase == .error && !retryOnError) {
            return (markNodePhase(node.name, last.phase ?? .failed, message: last.message ?? "") ?? node, true)
        }
        if let expression = strategy.expression, !expression.trimmingSpaces.isEmpty {
            let scope = [
                "lastRetry.exitCode": last.outputs?.exitCode ?? "-1",
                "lastRetry.status": last.phase?.rawValue ?? "",
                "lastRetry.duration": String(Int(((last.finishedAt ?? now).time - (last.startedAt ?? now).time).rounded())),
                "lastRetry.message": last.message ?? "",
            ]
            // Argo's `shouldRetryWithExpression`: expr-lang over the `lastRetry.*` scope, as a bool.
            var ok: Bool?
            if let program = try? ExprProgram.parse(expression) {
                ok = (try? program.evaluate(Substitution.environment(from: scope)))?.boolValue
            }
            if let ok, ok == false {
                return (markNodePhase(node.name, last.phase ?? .failed,
                                      message: "retryStrategy.expression evaluated to false") ?? node, true)
            }
        }
        if let limit = strategy.limit?.intValue, children.count > limit {
            return (markNodePhase(node.name, last.phase ?? .failed, message: "No more retries left") ?? node, true)
        }
        return (node, true)
    }

    /// `spec.activeDeadlineSeconds` after the workflow started, in seconds since the epoch.
    var workflowDeadline: Double? {
        guard let d = spec.activeDeadlineSeconds, let started = status.startedAt else { return nil }
        return started.time.rounded(.down) + Double(d)
    }
}
