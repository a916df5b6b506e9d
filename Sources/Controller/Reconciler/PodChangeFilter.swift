import Templates
import ClusterAPI
import Operator

/// Decides which pod events need a pass of the owning workflow, and how soon: only changes to what the operator
/// reads of a pod (phase, container states, times, deletion) need one. The
/// node agent's own bookkeeping writes (the process ID it records once a pod starts) would otherwise cost a whole
/// pass each. A pod that only started running needs a pass soon, not now: it may well have finished by then
/// (most pods of a busy workflow do), and one pass then shows both. A pod that appears Pending and unstarted
/// needs no pass at all: it is the one the controller has just created.
final class PodChangeFilter: Sendable {
    enum Decision: Equatable { case none, now, soon }

    private let seen = Locked<[String: PodObservation]>([:])

    func decide(_ event: InformerEvent) -> Decision {
        switch event {
        case .delete(let pod):
            seen.withLock { _ = $0.removeValue(forKey: Informer.key(pod)) }
            return .now
        case .upsert(let pod):
            let now = PodObservation(pod: pod)
            return seen.withLock { s in
                let key = Informer.key(pod)
                let before = s[key]
                if before == now { return .none }
                s[key] = now
                // A pod just created and not yet started: the pass that created it knows all there is to know.
                if before == nil, now.phase == .pending, now.startedAt == nil, now.containers.isEmpty, !now.deleting {
                    return .none
                }
                guard before?.phase ?? .pending == .pending, now.phase == .running, !now.deleting,
                      !now.containers.contains(where: \.isTerminated)
                else { return .now }
                return .soon
            }
        }
    }
}

extension ContainerObservation {
    var isTerminated: Bool {
        if case .terminated = state { return true }
        return false
    }
}
