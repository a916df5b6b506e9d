import Templates
import ClusterAPI

/// Argo's `executeDAGTask` and `evaluateDependsLogic`: runs a task's dependencies first, then gates the task on
/// `depends` / `dependencies` (Omitted when the condition is not met) and on `when` (Skipped).
extension OperationContext {
    func executeDAGTask(_ dag: DAGContext, _ taskName: String) {
        guard let taskIdx = dag.taskIndex[taskName] else { return }
        executeDAGTask(dag, at: taskIdx)
    }

    /// The task at `taskIdx` (the last task of its name), after its dependencies.
    func executeDAGTask(_ dag: DAGContext, at taskIdx: Int) {
        guard !dag.visited[taskIdx] else { return }
        dag.visited[taskIdx] = true
        let existing = nodes[dag.nodeID(at: taskIdx)]
        if let n = existing, n.fulfilled {
            if let handler = dag.taskList[taskIdx].onExit { runOnExitNode(handler, parent: n, boundaryID: dag.boundaryID, tctx: dag.tctx) }
            return
        }
        // A running pod needs nothing from its task: pod reconciliation moves it on.
        if let n = existing, n.type == .pod, n.phase == .running { return }
        let taskName = dag.taskList[taskIdx].name
        let nodeName = dag.nodeName(at: taskIdx)
        // The task is read in place (a DAGTask is ~7 KB inline); only a task with a tag or a loop is copied.
        let taskTemplate = dag.taskList[taskIdx].template, taskRef = dag.taskList[taskIdx].templateRef
        let deps = dag.depNames[taskIdx]
        let groupNode = existing?.type == .taskGroup ? existing : nil
        func connect(_ child: String) {
            if deps.isEmpty || groupNode != nil {
                addChildNode(parent: groupNode?.name ?? dag.boundaryName, child: child)
            } else {
                // Only IDs here: a NodeStatus held across addChildNode would share the parent's storage, and the append
                // would then copy the parent's whole children list (quadratic over a 10,000-task fan-in).
                let childID = nodeID(child)
                for k in deps.indices {
                    let depID = dag.dependencyNodeID(of: taskIdx, k)
                    guard let at = nodes.index(forKey: depID) else { continue }
                    if nodes.values[at].type.isOwnOutbound {
                        addChildNode(at: at, parentID: depID, childID: childID)
                    } else {
                        for out in outboundNodes(of: depID) where nodes[out] != nil { addChildNode(parentID: out, childID: childID) }
                    }
                }
            }
        }
        func errorTask(_ message: String) {
            if node(named: nodeName) == nil {
                initializeNode(nodeName, type: .skipped, templateName: taskTemplate, templateRef: taskRef,
                               templateScope: dag.tctx.scope, boundaryID: dag.boundaryID, phase: .error, message: message)
            }
            connect(nodeName)
        }
        if !deps.isEmpty && existing == nil {
            for d in dag.depIndex[taskIdx] where d >= 0 { executeDAGTask(dag, at: d) }
            switch evaluateDepends(dag, at: taskIdx) {
            case .failure(let e): errorTask(e.message); return
            case .success(nil): return
            case .success(false?):
                initializeNode(nodeName, type: .skipped, templateName: taskTemplate, templateRef: taskRef,
                               templateScope: dag.tctx.scope, boundaryID: dag.boundaryID, phase: .omitted,
                               message: "omitted: depends condition not met")
                connect(nodeName)
                return
            case .success(true?): break
            }
        }
        // The scope (every ancestor's outputs: O(n) per task in a layered DAG) is only built for a task with a tag.
        let tagged = dag.plan.tagged[taskIdx]
        var hasLoop = groupNode != nil
        if case .some = dag.taskList[taskIdx].withItems { hasLoop = true }
        if case .some = dag.taskList[taskIdx].withParam { hasLoop = true }
        if case .some = dag.taskList[taskIdx].withSequence { hasLoop = true }
        guard tagged || hasLoop else {
            // The child is the task's own node: its name and ID come from the plan.
            memo.lastNodeID = (nodeName, dag.nodeID(at: taskIdx))
            runDAGTaskChild(dag, dag.taskList[taskIdx], group: nil, connect: connect, childName: nodeName)
            return
        }
        var resolved: DAGTask = dag.taskList[taskIdx]
        if tagged {
            do { resolved = try Placeholders.substitute(resolved, taskScope(dag, taskName)) } catch { errorTask("\(error)"); return }
        }
        var expanded: [DAGTask] = []
        let loops = Loops.shouldExpand(withItems: resolved.withItems, withParam: resolved.withParam, withSequence: resolved.withSequence)
        if loops {
            do {
                let items = try Loops.items(withItems: resolved.withItems, withParam: resolved.withParam, withSequence: resolved.withSequence)
                resolved.withItems = nil
                resolved.withParam = nil
                resolved.withSequence = nil
                expanded = try Loops.expand(resolved, name: taskName, items: items) { $0.name = $1 }
            } catch { errorTask("\(error)"); return }
        }
        var group = groupNode
        if loops && group == nil {
            connect(nodeName)
            group = initializeNode(nodeName, type: .taskGroup, templateName: taskTemplate, templateRef: taskRef,
                                   templateScope: dag.tctx.scope, boundaryID: dag.boundaryID, phase: .running)
        }
        if loops {
            for i in expanded.indices { runDAGTaskChild(dag, expanded[i], group: group, connect: connect) }
        } else {
            runDAGTaskChild(dag, resolved, group: group, connect: connect)
        }
        if let g = group {
            var phase = NodePhase.succeeded
            for name in loops ? expanded.map(\.name) : [resolved.name] {
                guard let n = node(named: dag.taskNodeName(name)), n.fulfilled else { return }
                if n.failedOrError { phase = n.phase ?? .failed }
            }
            markNodePhase(g.name, phase)
        }
    }

    /// Runs one task (or one loop iteration): `when` gates it, then its template runs under the DAG's boundary.
    func runDAGTaskChild(_ dag: DAGContext, _ t: DAGTask, group: NodeStatus?, connect: (String) -> Void,
                         childName known: String? = nil) {
        let childName = known ?? dag.taskNodeName(t.name)
        if node(named: childName) == nil {
            if let g = group { addChildNode(parent: g.name, child: childName) } else { connect(childName) }
            let proceed: Bool
            do { proceed = try t.when.map(Self.shouldExecute) ?? true } catch {
                initializeNode(childName, type: .skipped, templateName: t.template, templateRef: t.templateRef,
                               templateScope: dag.tctx.scope, boundaryID: dag.boundaryID, phase: .error, message: "\(error)")
                return
            }
            if !proceed {
                initializeNode(childName, type: .skipped, templateName: t.template, templateRef: t.templateRef,
                               templateScope: dag.tctx.scope, boundaryID: dag.boundaryID, phase: .skipped,
                               message: "when '\(t.when ?? "")' evaluated false")
                return
            }
        }
        execError = nil
        executeTemplate(childName, TemplateHolder(t), dag.tctx, args: t.arguments,
                        opts: ExecOpts(boundaryID: dag.boundaryID, onExitTemplate: dag.onExit))
        if let err = execError {
            execError = nil
            markNodeError(childName, "task '\(childName)' errored: \(err)")
        }
    }

    /// nil while a dependency (or its exit handler) is still running; otherwise whether the task should run.
    func evaluateDepends(_ dag: DAGContext, at taskIdx: Int) -> Result<Bool?, OperatorError> {
        let deps = dag.depNames[taskIdx]
        var logic = ""
        if let depends = dag.taskList[taskIdx].depends, !depends.trimmingSpaces.isEmpty { logic = depends }
        // `dependencies` of plain names: each must have completed well, as the joined expression would say,
        // without parsing an expression per task (nor keeping the dependencies by name).
        if logic.isEmpty && deps.allSatisfy(Self.isPlainTaskName) {
            var satisfied = true
            let depIndex = dag.depIndex[taskIdx], ids = dag.plan.nodeIDs
            for k in deps.indices {
                let id = depIndex[k] >= 0 ? ids[depIndex[k]] : dag.dependencyNodeID(of: taskIdx, k)
                guard let d = nodes[id], d.fulfilled else { return .success(nil) }
                if exitHandlerRunning(after: d) { return .success(nil) }
                if satisfied, d.phase != .succeeded {
                    let i = depIndex[k]
                    satisfied = dependencySatisfied(d, continueOn: i >= 0 ? dag.taskList[i].continueOn : nil)
                }
            }
            return .success(satisfied)
        }
        var results: [String: NodeStatus] = [:]
        for k in deps.indices {
            guard let d = nodes[dag.dependencyNodeID(of: taskIdx, k)], d.fulfilled else { return .success(nil) }
            if exitHandlerRunning(after: d) { return .success(nil) }
            results[deps[k]] = d
        }
        if logic.isEmpty { logic = deps.joined(separator: " && ") }
        // The plan's parse, unless this pass's task says something else (its `depends` had a tag substituted).
        let planned = dag.plan.gates[taskIdx]
        let gate = planned?.text == logic ? planned! : DependsGate(logic)
        switch gate.expression {
        case .failure(let error):
            return .failure(OperatorError("unable to evaluate expression '\(logic)': \(error.message)"))
        case .success(let expression):
            return .success(expression.evaluate { name, property in
                guard let n = results[name] else { return false }
                let phase = n.phase
                switch property {
                case nil: return dependencySatisfied(n, continueOn: dag.continueOn(name))
                case .succeeded: return phase == .succeeded
                case .failed: return phase == .failed
                case .errored: return phase == .error
                case .skipped: return phase == .skipped
                case .omitted: return phase == .omitted
                case .daemoned: return n.daemoned == true
                case .anySucceeded, .allFailed:
                    let children = (n.children ?? []).compactMap { nodes[$0] }
                    if property == .anySucceeded { return children.contains { $0.phase == .succeeded } }
                    return !children.isEmpty && children.allSatisfy { $0.phase == .failed }
                }
            })
        }
    }

    /// Globals, the workflow's outputs and the outputs of every task this one depends on, directly or not.
    func taskScope(_ dag: DAGContext, _ taskName: String) -> [String: String] {
        var scope = globalParams
        addOutputsToScope(&scope, prefix: "workflow", outputs: status.outputs)
        for ancestor in ancestry(dag, taskName) {
            guard let a = node(named: dag.taskNodeName(ancestor)) else { continue }
            if a.type == .taskGroup {
                let children = (a.children ?? []).compactMap { nodes[$0] }
                let template = children.first.flatMap { _ in dag.task(ancestor).flatMap { try? resolve(TemplateHolder($0), in: dag.tctx).get().1 } }
                addAggregatedOutputs(&scope, prefix: "tasks.\(ancestor)", children: children, template: template)
            } else {
                addNodeToScope(&scope, prefix: "tasks.\(ancestor)", node: a)
            }
        }
        return scope
    }

    /// Whether the exit handler node of `node` (`<name>.onExit`) exists and has not finished. Asked for every
    /// dependency of a waiting task: the lookup is skipped while no node of the workflow is an exit handler.
    func exitHandlerRunning(after node: NodeStatus) -> Bool {
        guard mayHaveExitHandlerNodes else { return false }
        if let exit = self.node(named: NodeNames.onExit(node.name)), !exit.fulfilled { return true }
        return false
    }

    /// A dependency named without a property: Succeeded, Skipped, Daemoned, or failed with `continueOn` saying so.
    func dependencySatisfied(_ n: NodeStatus?, continueOn c: ContinueOn?) -> Bool {
        guard let n else { return false }
        let phase = n.phase
        return phase == .succeeded || phase == .skipped || n.daemoned == true
            || (phase == .failed && c?.failed == true) || (phase == .error && c?.error == true)
    }

    /// A task name the `depends` parser reads as one word naming a task (no operator, quote, space or property).
    static func isPlainTaskName(_ name: String) -> Bool {
        // A `switch` on the keywords: `[...].contains` made a four-string array per dependency of every task.
        switch name {
        case "true", "false", "nil", "null": return false
        default: break
        }
        guard let first = name.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return false }
        return name.utf8.allSatisfy { b in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(b)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
        }
    }

    /// All tasks a task transitively depends on.
    func ancestry(_ dag: DAGContext, _ taskName: String) -> [String] {
        var out: [String] = []
        var seen = Set<String>()
        var stack = dag.dependencies(of: taskName)
        while let t = stack.popLast() {
            guard seen.insert(t).inserted else { continue }
            out.append(t)
            stack += dag.dependencies(of: t)
        }
        return out
    }
}
