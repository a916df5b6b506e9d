import Controller
import Synchronization

/// A controller for this command: started at once when no other process holds the state directory's lease,
/// else taken over as soon as the lease is free, as extra replicas of Argo's workflow-controller wait for the
/// leader lease. `argo-lite controller` stands by like this, and so does `submit --wait/--watch`: when the
/// command that ran the controller ends, a command still waiting takes over rather than wait for ever.
final class ControllerStandby: Sendable {
    private let slot = Mutex<(any RunningController)?>(nil)
    private let standby = Mutex<Task<Void, Never>?>(nil)

    /// Tries `start` now; when another process holds the lease, keeps trying every `interval` (in the
    /// background) and calls `onTakeOver` once this command has the controller.
    init(start: @escaping ControllerStarter, cluster: any Cluster, interval: Duration,
         onTakeOver: @escaping @Sendable () -> Void = {}) async throws {
        if let controller = try await start(cluster) {
            slot.withLock { $0 = controller }
            return
        }
        let task = Task { [self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard !Task.isCancelled, let controller = try? await start(cluster) else { continue }
                slot.withLock { $0 = controller }
                onTakeOver()
                return
            }
        }
        standby.withLock { $0 = task }
    }

    /// The controller this command runs, if it has one yet.
    var controller: (any RunningController)? { slot.withLock { $0 } }

    /// Waits until this command has the controller, then until that controller stops.
    func waitUntilStopped() async {
        await standby.withLock { $0 }?.value
        await controller?.waitUntilStopped()
    }

    /// Stops standing by, and the controller if this command has one; true when it had one.
    @discardableResult
    func shutdown() async -> Bool {
        let task = standby.withLock { $0 }
        task?.cancel()
        await task?.value
        guard let controller else { return false }
        await controller.shutdown()
        return true
    }
}
