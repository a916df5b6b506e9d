import Templates
import ClusterAPI

/// One pass over a DAG template (Argo's `dagContext`).
///
/// Tasks are addressed by their index in the template (the last task of a repeated name, as Argo's lookup by name
/// finds it): dependencies, node names and node IDs come from the template's `DAGPlan`, built once and kept across
/// passes, so walking a 10,000-task fan-in hashes each task's node ID once instead of a dozen times.
final class DAGContext {
    let boundaryName: String
    let boundaryID: String
    let workflowName: String
    let tmpl: Template
    let tctx: TemplateContext
    let onExit: Bool
    let plan: DAGPlan
    /// The template's tasks. Tasks are read in place: a DAGTask is large (it can hold an inline template), and
    /// copying each one on every pass shows.
    let taskList: [DAGTask]
    var visited: [Bool]

    init(boundaryName: String, boundaryID: String, workflowName: String, tmpl: Template, tctx: TemplateContext,
         onExit: Bool) {
        self.boundaryName = boundaryName
        self.boundaryID = boundaryID
        self.workflowName = workflowName
        self.tmpl = tmpl
        self.tctx = tctx
        self.onExit = onExit
        plan = DAGPlans.plan(for: tmpl, boundaryName: boundaryName, workflowName: workflowName)
        taskList = tmpl.dag?.tasks ?? []
        visited = [Bool](repeating: false, count: taskList.count)
    }

    var taskIndex: [String: Int] { plan.taskIndex }
    var order: [String] { plan.order }
    /// The dependencies of the task named so (the last task of that name).
    func dependencies(of name: String) -> [String] { taskIndex[name].map { depNames[$0] } ?? [] }
    var depNames: [[String]] { plan.depNames }
    var depIndex: [[Int]] { plan.depIndex }

    func hasTask(_ name: String) -> Bool { taskIndex[name] != nil }
    /// A copy of the task named so.
    func task(_ name: String) -> DAGTask? { taskIndex[name].map { taskList[$0] } }
    func onExitHandler(_ name: String) -> String? { taskIndex[name].flatMap { taskList[$0].onExit } }
    func continueOn(_ name: String) -> ContinueOn? { taskIndex[name].flatMap { taskList[$0].continueOn } }

    var failFast: Bool { tmpl.dag?.failFast ?? true }
    func taskNodeName(_ task: String) -> String { NodeNames.dagTask(dag: boundaryName, task: task) }

    /// The node name and node ID of the task at `index`.
    func nodeName(at index: Int) -> String { plan.nodeNames[index] }
    func nodeID(at index: Int) -> String { plan.nodeIDs[index] }

    /// The node ID of the task named so (made from the name when no task has it).
    func nodeID(ofTask name: String) -> String {
        if let i = taskIndex[name] { return nodeID(at: i) }
        return NodeNames.nodeID(workflow: workflowName, nodeName: taskNodeName(name))
    }

    /// The node ID of the `k`th dependency of the task at `index`.
    func dependencyNodeID(of index: Int, _ k: Int) -> String {
        let d = depIndex[index][k]
        return d >= 0 ? nodeID(at: d) : NodeNames.nodeID(workflow: workflowName, nodeName: taskNodeName(depNames[index][k]))
    }

    /// `dag.target` (space separated) or every task nothing depends on, sorted.
    var targetTasks: [String] { plan.targets }
}

extension OperationContext {
    func executeDAG(_ nodeName: String, _ tmpl: Template, _ holder: TemplateHolder, _ tctx: TemplateContext,
                    opts: ExecOpts) -> NodeStatus? {
        let dagNode = boundaryNode(nodeName, type: .dag, tmpl, holder, tctx, opts: opts)
        let dag = DAGContext(boundaryName: nodeName, boundaryID: dagNode.id, workflowName: wfName, tmpl: tmpl, tctx: tctx,
                             onExit: opts.onExitTemplate)
        reserveForNewNodes(dag.taskList.count)
        let targets = dag.targetTasks
        for t in targets {
            guard dag.hasTask(t) else {
                return markNodeError(nodeName, "target '\(t)' does not exist in the DAG")
            }
        }
        for t in targets {
            executeDAGTask(dag, t)
            if let taskNode = nodes[dag.nodeID(ofTask: t)], taskNode.fulfilled, let handler = dag.onExitHandler(t) {
                runOnExitNode(handler, parent: taskNode, boundaryID: dag.boundaryID, tctx: tctx)
            }
        }
        let phase = assessDAGPhase(dag, targets: targets)
        switch phase {
        case .running, .pending:
            return node(named: nodeName)
        case .failed, .error:
            updateDAGOutbound(dag, targets: targets)
            return markNodePhase(nodeName, phase)
        default:
            break
        }
        var scope: [String: String] = [:]
        for name in dag.order {
            guard let taskNode = nodes[dag.nodeID(ofTask: name)] else { continue }
            if taskNode.type == .taskGroup {
                let children = (taskNode.children ?? []).compactMap { nodes[$0] }
                let template = children.first.flatMap { _ in dag.task(name).flatMap { try? resolve(TemplateHolder($0), in: tctx).get().1 } }
                addAggregatedOutputs(&scope, prefix: "tasks.\(name)", children: children, template: template)
            } else {
                addNodeToScope(&scope, prefix: "tasks.\(name)", node: taskNode)
            }
            addOutputsToGlobalScope(taskNode.outputs)
        }
        if let outputs = templateOutputs(tmpl, scope: scope) {
            do {
                let resolved = try outputs.get()
                if var n = node(named: nodeName), n.outputs != resolved {
                    n.outputs = resolved
                    store(n)
                }
            } catch {
                return markNodeError(nodeName, "\(error)")
            }
        }
        updateDAGOutbound(dag, targets: targets)
        return markNodePhase(nodeName, .succeeded)
    }

    func updateDAGOutbound(_ dag: DAGContext, targets: [String]) {
        var outbound: [String] = []
        for t in targets {
            if let n = nodes[dag.nodeID(ofTask: t)] { outbound += outboundNodes(of: n.id) }
        }
        if var n = nodes[dag.boundaryID], (n.outboundNodes ?? []) != outbound {
            n.outboundNodes = outbound
            store(n)
        }
    }

    /// Argo's `assessDAGPhase`: walks the DAG's nodes from its roots; an omitted target inherits its branch's
    /// phase (Failed/Error preferred over Succeeded).
    func assessDAGPhase(_ dag: DAGContext, targets: [String]) -> NodePhase {
        var targetPhases: [String: NodePhase?] = [:]
        for t in targets { targetPhases[dag.nodeID(ofTask: t)] = .some(nil) }
        // With a few targets, a node is compared with their IDs before its ID is hashed to look it up.
        let fewTargetIDs: [String]? = targetPhases.count <= 4 ? Array(targetPhases.keys) : nil
        var queue: [(String, NodePhase)] = (nodes[dag.boundaryID]?.children ?? []).map { ($0, .succeeded) }
        // The (node, inherited phase) pairs already walked: a bit per phase by node ID.
        var seen: [String: UInt8] = [:]
        seen.reserveCapacity(dag.taskList.count)
        var head = 0
        // The pair just walked: a fan-in's join is queued once per parent, one after another, and a repeat of the
        // previous pair is skipped without hashing its ID.
        var previous: (id: String, bit: UInt8)?
        while head < queue.count {
            let (id, inherited) = queue[head]
            head += 1
            let bit = inherited.walkBit
            if let p = previous, p.bit == bit, p.id == id { continue }
            previous = (id, bit)
            guard DAGContext.addBit(bit, to: &seen[id, default: 0]) else { continue }
            guard let node = nodes[id] else { continue }
            if !node.fulfilled { return .running }
            var branch = inherited
            if let p = node.phase, p != .skipped, p != .omitted { branch = p }
            if fewTargetIDs?.contains(id) ?? true, let recorded = targetPhases[id] {
                if !(recorded?.failedOrError ?? false) { targetPhases[id] = .some(branch) }
            }
            var next = node.children ?? []
            if node.type == .retry, let last = next.last { next = nodes[last]?.children ?? [] }
            for c in next { queue.append((c, branch)) }
        }
        var result = NodePhase.succeeded
        for t in targets {
            let phase = targetPhases[dag.nodeID(ofTask: t)] ?? nil
            guard let phase else {
                result = .running
                if !dag.failFast { break }
                continue
            }
            if phase.failedOrError {
                if continues(dag.continueOn(t), phase) { continue }
                result = phase
                if dag.failFast { break }
            }
        }
        return result
    }
}

extension DAGContext {
    /// Sets `bit` in `bits` (one hash for the read and the write); false when it was set already.
    static func addBit(_ bit: UInt8, to bits: inout UInt8) -> Bool {
        guard bits & bit == 0 else { return false }
        bits |= bit
        return true
    }
}

extension NodePhase {
    /// One bit per phase, for sets of phases.
    var walkBit: UInt8 {
        switch self {
        case .pending: return 1
        case .running: return 2
        case .succeeded: return 4
        case .skipped: return 8
        case .failed: return 16
        case .error: return 32
        case .omitted: return 64
        }
    }
}
