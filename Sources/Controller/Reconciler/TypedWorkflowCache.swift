import Foundation
import Templates
import ClusterAPI
import Operator

/// Decoded objects by key and resourceVersion: a workflow is decoded from JSON only when its version changed
/// since the controller last saw it — never for the controller's own writes, which it stores here directly.
actor TypedWorkflowCache {
    private var workflows: [String: (version: String, workflow: Workflow)] = [:]
    private var others: [String: (version: String, value: any Sendable)] = [:]
    private var observations = ObservationCache()

    func workflow(_ key: String, _ object: JSONValue) throws -> Workflow {
        let version = object["metadata"]?["resourceVersion"]?.stringValue ?? ""
        if let cached = workflows[key], cached.version == version { return cached.workflow }
        // The informer may not have caught up with the controller's own last write yet: working from its older
        // copy would redo the pass and fail on the stale version. Versions that are numbers (the local store;
        // Kubernetes in practice) are compared; opaque ones fall through to the informer's copy.
        if let cached = workflows[key], let mine = Int64(cached.version), let theirs = Int64(version), mine > theirs {
            return cached.workflow
        }
        let wf = try object.decode(Workflow.self)
        workflows[key] = (version, wf)
        return wf
    }

    func store(_ key: String, _ workflow: Workflow) {
        workflows[key] = (workflow.metadata.resourceVersion ?? "", workflow)
    }

    func remove(_ key: String) {
        workflows[key] = nil
        observations.remove(key)
    }

    /// The workflow's pods by name and task results by node ID, each derived once per object version.
    func observe(_ key: String, pods: [JSONValue], results: [JSONValue])
        -> (pods: [String: PodObservation], results: [String: TaskResultObservation])
    {
        (observations.pods(of: key, pods), observations.taskResults(of: key, results))
    }

    func decode<T: Decodable & Sendable>(_ type: T.Type, _ object: JSONValue) throws -> T {
        let key = "\(T.self)/\(object["metadata"]?["namespace"]?.stringValue ?? "")/\(object["metadata"]?["name"]?.stringValue ?? "")"
        let version = object["metadata"]?["resourceVersion"]?.stringValue ?? ""
        if let cached = others[key], cached.version == version, let value = cached.value as? T { return value }
        let value = try object.decode(T.self)
        others[key] = (version, value)
        return value
    }
}
