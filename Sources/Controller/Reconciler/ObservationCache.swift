import Templates
import ClusterAPI
import Operator

/// What the operator needs of each pod and task result of a workflow, derived once per object version: a pass
/// over a 1,000-pod workflow reuses 999 observations instead of re-reading 1,000 pod objects and re-decoding
/// 1,000 task results.
struct ObservationCache: Sendable {
    private struct Entry<Value: Sendable>: Sendable {
        var version: String
        var value: Value
    }
    private var pods: [String: [String: Entry<PodObservation>]] = [:]
    private var results: [String: [String: Entry<TaskResultObservation?>]] = [:]

    /// The workflow's pods by name, from the informer's objects.
    mutating func pods(of workflow: String, _ objects: [JSONValue]) -> [String: PodObservation] {
        ObservationCache.refresh(&pods[workflow], objects) { PodObservation(pod: $0) }.mapValues(\.value)
    }

    /// The workflow's task results by node ID (the object's name); an undecodable result is left out.
    mutating func taskResults(of workflow: String, _ objects: [JSONValue]) -> [String: TaskResultObservation] {
        ObservationCache.refresh(&results[workflow], objects) { try? TaskResultObservation(taskResult: $0) }
            .compactMapValues(\.value)
    }

    /// Entries by object name for `objects`: the cached one where the resourceVersion is unchanged, else `derive`d.
    /// Objects no longer listed are dropped.
    private static func refresh<Value: Sendable>(
        _ entries: inout [String: Entry<Value>]?, _ objects: [JSONValue], derive: (JSONValue) -> Value
    ) -> [String: Entry<Value>] {
        var cached: [String: Entry<Value>] = [:]
        if entries != nil { swap(&cached, &entries!) }  // owned, so removing from it copies nothing
        var fresh: [String: Entry<Value>] = [:]
        fresh.reserveCapacity(objects.count)
        for object in objects {
            guard let name = object["metadata"]?["name"]?.stringValue else { continue }
            let version = object["metadata"]?["resourceVersion"]?.stringValue ?? ""
            if let hit = cached.removeValue(forKey: name), hit.version == version, !version.isEmpty {
                fresh[name] = hit
            } else {
                fresh[name] = Entry(version: version, value: derive(object))
            }
        }
        entries = fresh
        return fresh
    }

    mutating func remove(_ workflow: String) {
        pods[workflow] = nil
        results[workflow] = nil
    }
}
