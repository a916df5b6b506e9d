import Templates

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
        var cached = pods.removeValue(forKey: workflow) ?? [:]
        var fresh: [String: Entry<PodObservation>] = [:]
        fresh.reserveCapacity(objects.count)
        for object in objects {
            guard let name = object["metadata"]?["name"]?.stringValue else { continue }
            let version = object["metadata"]?["resourceVersion"]?.stringValue ?? ""
            if let hit = cached.removeValue(forKey: name), hit.version == version, !version.isEmpty {
                fresh[name] = hit
            } else {
                fresh[name] = Entry(version: version, value: PodObservation(pod: object))
            }
        }
        pods[workflow] = fresh
        return fresh.mapValues(\.value)
    }

    /// The workflow's task results by node ID (the object's name); an undecodable result is left out.
    mutating func taskResults(of workflow: String, _ objects: [JSONValue]) -> [String: TaskResultObservation] {
        var cached = results.removeValue(forKey: workflow) ?? [:]
        var fresh: [String: Entry<TaskResultObservation?>] = [:]
        fresh.reserveCapacity(objects.count)
        for object in objects {
            guard let nodeID = object["metadata"]?["name"]?.stringValue else { continue }
            let version = object["metadata"]?["resourceVersion"]?.stringValue ?? ""
            if let hit = cached.removeValue(forKey: nodeID), hit.version == version, !version.isEmpty {
                fresh[nodeID] = hit
            } else {
                fresh[nodeID] = Entry(version: version, value: try? TaskResultObservation(taskResult: object))
            }
        }
        results[workflow] = fresh
        return fresh.compactMapValues(\.value)
    }

    mutating func remove(_ workflow: String) {
        pods[workflow] = nil
        results[workflow] = nil
    }
}
