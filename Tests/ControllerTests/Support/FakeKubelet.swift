import Foundation
import Templates
@testable import Controller
@testable import Operator

/// Drives `Operator.operate` the way the controller does: each pass's status is written back, created pods start
/// Running, and between passes the test decides how each running pod ends (exit code, result, output parameters).
struct FakeKubelet {
    enum Outcome {
        case succeed(result: String? = nil, parameters: [String: String] = [:], artifacts: [Artifact] = [])
        case fail(exitCode: Int)
        case keepRunning
    }

    var snapshot: WorkflowSnapshot
    var now: Double = 1_700_000_000
    /// Node name of each created pod, by pod name.
    var podNodes: [String: String] = [:]
    var createdPods: [String] = []
    var lastResult: OperateResult?

    init(json: String, templates: TemplateCatalog = TemplateCatalog()) throws {
        let wf = try JSONDecoder().decode(Workflow.self, from: Data(json.utf8))
        snapshot = WorkflowSnapshot(workflow: wf, templates: templates)
    }

    var status: WorkflowStatus { snapshot.workflow.status ?? WorkflowStatus() }
    var nodes: [String: NodeStatus] { status.nodes ?? [:] }
    var name: String { snapshot.workflow.metadata.name ?? "" }
    func id(_ nodeName: String) -> String { NodeNames.nodeID(workflow: name, nodeName: nodeName) }
    func node(_ nodeName: String) -> NodeStatus? { nodes[id(nodeName)] }

    @discardableResult
    mutating func pass() -> OperateResult {
        let result = Operator.operate(snapshot, now: KubeTime(time: now))
        snapshot.workflow.status = result.status
        for action in result.actions {
            guard case .createPod(let pod) = action, let podName = pod["metadata"]?["name"]?.stringValue else { continue }
            createdPods.append(podName)
            podNodes[podName] = pod["metadata"]?["annotations"]?["workflows.argoproj.io/node-name"]?.stringValue
            snapshot.pods[podName] = PodObservation(phase: .running, startedAt: KubeTime(time: now))
        }
        lastResult = result
        return result
    }

    /// Ends every running pod as `decide(nodeName)` says, filling its WorkflowTaskResult.
    mutating func finishPods(_ decide: (String) -> Outcome) {
        for (podName, pod) in snapshot.pods where pod.phase == .running {
            guard let nodeName = podNodes[podName] else { continue }
            let nodeID = id(nodeName)
            switch decide(nodeName) {
            case .keepRunning:
                continue
            case .succeed(let result, let params, let artifacts):
                snapshot.pods[podName] = PodObservation(
                    phase: .succeeded,
                    containers: [ContainerObservation(name: "main", state: .terminated(exitCode: 0, reason: "Completed", message: nil, finishedAt: KubeTime(time: now)))])
                var outputs = Outputs()
                outputs.result = result
                if !params.isEmpty { outputs.parameters = params.keys.sorted().map { Parameter(name: $0, value: AnyString(params[$0]!)) } }
                if !artifacts.isEmpty { outputs.artifacts = artifacts }
                snapshot.taskResults[nodeID] = TaskResultObservation(outputs: outputs)
            case .fail(let code):
                snapshot.pods[podName] = PodObservation(
                    phase: .failed,
                    containers: [ContainerObservation(name: "main", state: .terminated(exitCode: code, reason: "Error", message: nil, finishedAt: KubeTime(time: now)))])
            }
        }
    }

    /// Passes until the workflow completes (or `maxPasses`), ending pods as `decide` says after each pass.
    mutating func run(maxPasses: Int = 50, _ decide: (String) -> Outcome = { _ in .succeed() }) {
        for _ in 0..<maxPasses {
            pass()
            if let p = status.phase, p != .running && p != .pending { return }
            finishPods(decide)
            now += 1
        }
    }

    /// One line per node, sorted by name: `name type phase display boundary-name children outbound template message`.
    func tree() -> [String] {
        let byID = nodes
        func names(_ ids: [String]?) -> String { "[" + (ids ?? []).map { byID[$0]?.name ?? "?\($0)" }.joined(separator: ",") + "]" }
        return byID.values.sorted { $0.name < $1.name }.map { n in
            var line = "\(n.name) \(n.type.rawValue) \(n.phase?.rawValue ?? "-") display=\(n.displayName ?? "-")"
            line += " boundary=\(n.boundaryID.flatMap { byID[$0]?.name } ?? "-") children=\(names(n.children))"
            if let o = n.outboundNodes { line += " outbound=\(names(o))" }
            line += " template=\(n.templateName ?? "-")"
            if let m = n.message { line += " message=\(m)" }
            return line
        }
    }
}
