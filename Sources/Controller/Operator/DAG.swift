import Templates

/// One pass over a DAG template (Argo's `dagContext`).
final class DAGContext {
    let boundaryName: String
    let boundaryID: String
    let tmpl: Template
    let tctx: TemplateContext
    let onExit: Bool
    /// The template's tasks, and where each name's task is (the last one of a repeated name). Tasks are read in
    /// place: a DAGTask is large (it can hold an inline template), and copying each one on every pass shows.
    let taskList: [DAGTask]
    var taskIndex: [String: Int] = [:]
    var order: [String] = []
    var visited = Set<String>()
    var dependencies: [String: [String]] = [:]

    init(boundaryName: String, boundaryID: String, tmpl: Template, tctx: TemplateContext, onExit: Bool) {
        self.boundaryName = boundaryName
        self.boundaryID = boundaryID
        self.tmpl = tmpl
        self.tctx = tctx
        self.onExit = onExit
        taskList = tmpl.dag?.tasks ?? []
        taskIndex.reserveCapacity(taskList.count)
        dependencies.reserveCapacity(taskList.count)
        for i in taskList.indices {
            let name = taskList[i].name
            if taskIndex.updateValue(i, forKey: name) == nil { order.append(name) }
            if let depends = taskList[i].depends, !depends.trimmingSpaces.isEmpty {
                dependencies[name] = Gates.dependsTasks(depends)
            } else {
                dependencies[name] = taskList[i].dependencies ?? []
            }
        }
    }

    func hasTask(_ name: String) -> Bool { taskIndex[name] != nil }
    /// A copy of the task named so.
    func task(_ name: String) -> DAGTask? { taskIndex[name].map { taskList[$0] } }
    func onExitHandler(_ name: String) -> String? { taskIndex[name].flatMap { taskList[$0].onExit } }
    func continueOn(_ name: String) -> ContinueOn? { taskIndex[name].flatMap { taskList[$0].continueOn } }

    var failFast: Bool { tmpl.dag?.failFast ?? true }
    func taskNodeName(_ task: String) -> String { NodeNames.dagTask(dag: boundaryName, task: task) }

    /// `dag.target` (space separated) or every task nothing depends on, sorted.
    var targetTasks: [String] {
        if let target = tmpl.dag?.target, !target.trimmingSpaces.isEmpty {
            return target.split(separator: " ").map(String.init)
        }
        var hasDependents = Set<String>()
        for deps in dependencies.values { hasDependents.formUnion(deps) }
        return order.filter { !hasDependents.contains($0) }.sorted()
    }
}

extension OperationContext {
    func executeDAG(_ nodeName: String, _ tmpl: Template, _ holder: TemplateHolder, _ tctx: TemplateContext,
                    opts: ExecOpts) -> NodeStatus? {
        let dagNode = node(named: nodeName) ?? initializeNode(
            nodeName, type: .dag, templateName: holder.template, templateRef: holder.templateRef,
            templateScope: tctx.scope, boundaryID: opts.boundaryID, phase: .running, inputs: tmpl.inputs)
        let dag = DAGContext(boundaryName: nodeName, boundaryID: dagNode.id, tmpl: tmpl, tctx: tctx, onExit: opts.onExitTemplate)
        let targets = dag.targetTasks
        for t in targets {
            guard dag.hasTask(t) else {
                return markNodeError(nodeName, "target '\(t)' does not exist in the DAG")
            }
        }
        for t in targets {
            executeDAGTask(dag, t)
            if let taskNode = node(named: dag.taskNodeName(t)), taskNode.fulfilled, let handler = dag.onExitHandler(t) {
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
            guard let taskNode = node(named: dag.taskNodeName(name)) else { continue }
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
            if let n = node(named: dag.taskNodeName(t)) { outbound += outboundNodes(of: n.id) }
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
        for t in targets { targetPhases[nodeID(dag.taskNodeName(t))] = .some(nil) }
        var queue: [(String, NodePhase)] = (nodes[dag.boundaryID]?.children ?? []).map { ($0, .succeeded) }
        var seen = Set<String>()
        var head = 0
        while head < queue.count {
            let (id, inherited) = queue[head]
            head += 1
            guard seen.insert("\(id)/\(inherited.rawValue)").inserted, let node = nodes[id] else { continue }
            if !node.fulfilled { return .running }
            var branch = inherited
            if let p = node.phase, p != .skipped, p != .omitted { branch = p }
            if let previous = targetPhases[id] {
                if !(previous?.failedOrError ?? false) { targetPhases[id] = .some(branch) }
            }
            var next = node.children ?? []
            if node.type == .retry, let last = next.last { next = nodes[last]?.children ?? [] }
            for c in next { queue.append((c, branch)) }
        }
        var result = NodePhase.succeeded
        for t in targets {
            let phase = targetPhases[nodeID(dag.taskNodeName(t))] ?? nil
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
