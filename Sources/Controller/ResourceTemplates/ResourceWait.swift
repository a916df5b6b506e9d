import Templates
import ClusterAPI

/// Waits for a Resource template's conditions on one object: evaluates them on the object as created, then on
/// every change a watch reports (no polling). The failure condition is checked first; with only a failure
/// condition, the first evaluation that does not fail succeeds (Argo: `numMatched >= len(successReqs)`).
struct ResourceWait {
    let cluster: any Cluster
    let kind: ResourceKind
    let namespace: String?
    let name: String
    let success: ResourceCondition?
    let failure: ResourceCondition?

    /// The object as it was when the success condition held.
    func run(initial: JSONValue) async throws(ResourceActionError) -> JSONValue {
        var current = initial
        while true {
            if try holds(current) { return current }
            switch await watchUntilDecided(from: current) {
            case .decided(let object): return object
            case .failed(let error): throw error
            case .restart:
                // The watch ended (version compacted away, store restarted): read the object again.
                do {
                    current = try await cluster.get(kind, namespace: namespace, name: name)
                } catch .notFound {
                    throw deleted()
                } catch {
                    try? await Task.sleep(for: .milliseconds(200))
                }
            }
            if Task.isCancelled { throw .condition("cancelled while waiting for the resource's conditions") }
        }
    }

    /// Argo's `matchConditions`.
    func holds(_ object: JSONValue) throws(ResourceActionError) -> Bool {
        for requirement in failure?.requirements ?? [] where requirement.matches(object) {
            throw .condition("failure condition '\(requirement)' evaluated true")
        }
        return (success?.requirements ?? []).allSatisfy { $0.matches(object) }
    }

    private enum WatchEnd { case decided(JSONValue), failed(ResourceActionError), restart }

    private func watchUntilDecided(from object: JSONValue) async -> WatchEnd {
        let version = object["metadata"]?["resourceVersion"]?.stringValue
        do {
            let stream = try await cluster.watch(kind, namespace: namespace, labelSelector: nil, resourceVersion: version)
            for try await event in stream {
                let eventName = event.name ?? event.object["metadata"]?["name"]?.stringValue
                guard eventName == name else { continue }
                switch event.type {
                case .deleted: return .failed(deleted())
                case .bookmark: continue
                case .added, .modified:
                    do {
                        if try holds(event.object) { return .decided(event.object) }
                    } catch {
                        return .failed(error)
                    }
                }
            }
        } catch {
            return .restart
        }
        return .restart
    }

    private func deleted() -> ResourceActionError {
        .condition("The resource has been deleted while its status was still being checked. Will not be retried: "
            + "\(kind) \"\(name)\" not found")
    }
}
