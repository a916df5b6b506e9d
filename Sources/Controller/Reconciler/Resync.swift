import Foundation
import Templates
import ClusterAPI

/// The controller's periodic resync, as Argo's informers resync and its controller requeues every incomplete
/// workflow: whatever a watch missed (an event lost, a write that failed and was retried elsewhere, a pod that
/// ended while nothing looked) is picked up within one period, never left Running for ever. A pass with
/// nothing new writes nothing, so a resync of a quiet workflow costs one `operate`.
extension WorkflowController {
    public static let defaultResyncPeriod = Duration.seconds(30)

    /// Requeues every workflow that has not completed, every `period`, until cancelled.
    func resync(every period: Duration) async {
        await workflows.waitForSync()
        while !Task.isCancelled {
            try? await Task.sleep(for: period)
            if Task.isCancelled { return }
            for key in await incompleteWorkflowKeys() { await queue.add(key) }
        }
    }

    /// The keys of the cached workflows whose phase is not Succeeded, Failed or Error.
    func incompleteWorkflowKeys() async -> [String] {
        await workflows.items { object in
            !(object["status"]?["phase"]?.stringValue.flatMap(WorkflowPhase.init(rawValue:))?.isCompleted ?? false)
        }.map(Informer.key)
    }
}
