import Templates

/// Decides which pod events need a pass of the owning workflow: only those that change what the operator reads
/// of a pod (phase, container states, times, deletion; whether it reported a task result). The node agent's own
/// bookkeeping writes (the process ID it records once a pod starts) would otherwise cost a whole pass each.
final class PodChangeFilter: Sendable {
    private struct Seen: Equatable, Sendable {
        var observation: PodObservation
        var reported: Bool
    }
    private let seen = Locked<[String: Seen]>([:])

    /// True when the pod's operator-visible state differs from the last one passed (or it was deleted).
    func shouldEnqueue(_ event: InformerEvent) -> Bool {
        switch event {
        case .delete(let pod):
            seen.withLock { _ = $0.removeValue(forKey: Informer.key(pod)) }
            return true
        case .upsert(let pod):
            let now = Seen(
                observation: PodObservation(pod: pod),
                reported: pod["metadata"]?["annotations"]?[PodReporter.reportedAnnotation] == "true")
            return seen.withLock { s in
                let key = Informer.key(pod)
                if s[key] == now { return false }
                s[key] = now
                return true
            }
        }
    }
}
