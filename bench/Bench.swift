import Foundation
import Templates
import Controller

/// `swift run -c release argo-lite-bench [tasks...]`: time of one `operate` pass on a fan-out/fan-in DAG
/// (A → B0..Bn-1 → Z) at the first pass (creating n pods) and at a steady pass (all B running, nothing changes).
@main
struct Bench {
    static func workflow(tasks n: Int) throws -> Workflow {
        var tasks = [#"{"name": "A", "template": "t"}"#]
        for i in 0..<n { tasks.append(#"{"name": "B\#(i)", "template": "t", "dependencies": ["A"]}"#) }
        let deps = (0..<n).map { "\"B\($0)\"" }.joined(separator: ",")
        tasks.append(#"{"name": "Z", "template": "t", "dependencies": [\#(deps)]}"#)
        let json = """
        {"metadata": {"name": "fan", "namespace": "bench"}, "spec": {"entrypoint": "main", "templates": [
          {"name": "main", "dag": {"tasks": [\(tasks.joined(separator: ","))]}},
          {"name": "t", "container": {"image": "alpine", "command": ["true"]}}]}}
        """
        return try JSONDecoder().decode(Workflow.self, from: Data(json.utf8))
    }

    static func time(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func main() throws {
        let sizes = CommandLine.arguments.dropFirst().compactMap { Int($0) }
        for n in sizes.isEmpty ? [1_000, 10_000] : sizes {
            var snapshot = WorkflowSnapshot(workflow: try workflow(tasks: n))
            var now = 1_700_000_000.0
            func pass() -> OperateResult {
                let r = Operator.operate(snapshot, now: KubeTime(seconds: Int64(now)))
                snapshot.workflow.status = r.status
                for case .createPod(let pod) in r.actions {
                    if let name = pod["metadata"]?["name"]?.stringValue { snapshot.pods[name] = PodObservation(phase: .running) }
                }
                now += 1
                return r
            }
            _ = pass()  // A created
            for (name, _) in snapshot.pods { snapshot.pods[name] = PodObservation(phase: .succeeded) }
            var created = 0
            let fanOut = time { created = pass().actions.count }
            var changed = 0
            let observe = time { changed = pass().changedNodeIDs.count }
            var steadyChanged = -1
            let steady = time { steadyChanged = pass().changedNodeIDs.count }
            for (name, _) in snapshot.pods { snapshot.pods[name] = PodObservation(phase: .succeeded) }
            let fanIn = time { _ = pass() }
            print("tasks=\(n) fan-out pass \(fmt(fanOut)) (\(created) actions), pods-running pass \(fmt(observe)) (\(changed) nodes changed), steady pass \(fmt(steady)) (\(steadyChanged) changed), fan-in pass \(fmt(fanIn)), nodes=\(snapshot.workflow.status?.nodes?.count ?? 0)")
        }
    }

    static func fmt(_ s: Double) -> String { String(format: "%.3fs", s) }
}
