import Templates
import ClusterAPI

/// Argo's `executeSteps`: the Steps node, one StepGroup node per group (`name[i]`), each group a child of the
/// previous group's outbound nodes, steps as `name[i].step`.
extension OperationContext {
    func executeSteps(_ nodeName: String, _ tmpl: Template, _ holder: TemplateHolder, _ tctx: TemplateContext,
                      opts: ExecOpts) -> NodeStatus? {
        let steps = boundaryNode(nodeName, type: .steps, tmpl, holder, tctx, opts: opts)
        var scope: [String: String] = [:]
        addOutputsToScope(&scope, prefix: "workflow", outputs: status.outputs)
        // Steps' outputs are only read by tags in the steps and by the template's outputs: without either, the
        // scope of every finished step (O(steps) per pass) is not built.
        let needsScope = tmpl.outputs != nil || TagScan.needsSubstitution(template: tmpl)
        let groups = tmpl.steps ?? []
        for (i, group) in groups.enumerated() {
            let sgName = "\(nodeName)[\(i)]"
            if let sg = node(named: sgName) {
                if !sg.fulfilled { markNodePhase(sgName, .running) }
            } else {
                initializeNode(sgName, type: .stepGroup, templateName: nil, templateRef: nil, templateScope: tctx.scope,
                               boundaryID: steps.id, phase: .running)
            }
            if i == 0 {
                addChildNode(parent: nodeName, child: sgName)
            } else {
                let prevName = "\(nodeName)[\(i - 1)]"
                let prevChildren = node(named: prevName)?.children ?? []
                if prevChildren.isEmpty {
                    addChildNode(parent: prevName, child: sgName)
                } else {
                    let sgID = nodeID(sgName)
                    for c in prevChildren {
                        for out in outboundNodes(of: c) where nodes[out] != nil { addChildNode(parentID: out, childID: sgID) }
                    }
                }
            }
            guard let sg = executeStepGroup(group, sgName, tctx, boundaryID: steps.id, scope: scope, opts: opts),
                  sg.fulfilled else { return node(named: nodeName) }
            if sg.failedOrError {
                updateStepsOutbound(nodeName, groupCount: groups.count)
                return markNodePhase(nodeName, .failed, message: sg.message ?? "")
            }
            for step in group where needsScope {
                let stepName = step.name ?? ""
                let childName = "\(sgName).\(stepName)"
                if let child = node(named: childName) {
                    addNodeToScope(&scope, prefix: "steps.\(stepName)", node: child)
                } else {
                    let loopChildren = (sg.children ?? []).compactMap { nodes[$0] }
                        .filter { $0.name.hasPrefix(childName + "(") && $0.type != .skipped }
                    let template = loopChildren.isEmpty ? nil : try? resolve(TemplateHolder(step), in: tctx).get().1
                    addAggregatedOutputs(&scope, prefix: "steps.\(stepName)", children: loopChildren, template: template)
                }
            }
        }
        updateStepsOutbound(nodeName, groupCount: groups.count)
        if let outputs = templateOutputs(tmpl, scope: scope) {
            do {
                let resolved = try outputs.get()
                if var n = node(named: nodeName), n.outputs != resolved {
                    n.outputs = resolved
                    store(n)
                }
                addOutputsToGlobalScope(resolved)
            } catch {
                return markNodeError(nodeName, "\(error)")
            }
        }
        return markNodePhase(nodeName, .succeeded)
    }

    func updateStepsOutbound(_ nodeName: String, groupCount: Int) {
        var last: NodeStatus?
        for i in stride(from: groupCount - 1, through: 0, by: -1) {
            if let sg = node(named: "\(nodeName)[\(i)]") { last = sg; break }
        }
        guard let last, var n = node(named: nodeName) else { return }
        let outbound = (last.children ?? []).flatMap { outboundNodes(of: $0) }
        if n.outboundNodes ?? [] != outbound {
            n.outboundNodes = outbound
            store(n)
        }
    }

    /// Argo's `executeStepGroup`: substitutes references, expands loops, gates with `when`, runs each step, and
    /// settles the group once all children (and their exit handlers) are done.
    func executeStepGroup(_ group: [WorkflowStep], _ sgName: String, _ tctx: TemplateContext, boundaryID: String,
                          scope: [String: String], opts: ExecOpts) -> NodeStatus? {
        guard let sgNode = node(named: sgName) else { return nil }
        if sgNode.fulfilled { return sgNode }
        var merged = globalParams
        for (k, v) in scope { merged[k] = v }
        var expanded: [WorkflowStep] = []
        for original in group {
            var step: WorkflowStep
            do { step = try Placeholders.substitute(original, merged) } catch { return markNodeError(sgName, "\(error)") }
            guard Loops.shouldExpand(withItems: step.withItems, withParam: step.withParam, withSequence: step.withSequence) else {
                expanded.append(step)
                continue
            }
            do {
                let items = try Loops.items(withItems: step.withItems, withParam: step.withParam, withSequence: step.withSequence)
                if items.isEmpty {
                    let childName = "\(sgName).\(step.name ?? "")"
                    if node(named: childName) == nil {
                        initializeNode(childName, type: .skipped, templateName: step.template, templateRef: step.templateRef,
                                       templateScope: tctx.scope, boundaryID: boundaryID, phase: .skipped,
                                       message: "Skipped, empty params")
                        addChildNode(parent: sgName, child: childName)
                    }
                    continue
                }
                let base = step.name ?? ""
                step.withItems = nil
                step.withParam = nil
                step.withSequence = nil
                expanded += try Loops.expand(step, name: base, items: items) { $0.name = $1 }
            } catch {
                return markNodeError(sgName, "\(error)")
            }
        }
        var stepsByChild: [String: WorkflowStep] = [:]
        for step in expanded {
            let childName = "\(sgName).\(step.name ?? "")"
            let proceed: Bool
            do { proceed = try Self.shouldExecute(step.when ?? "") } catch {
                if node(named: childName) == nil {
                    initializeNode(childName, type: .skipped, templateName: step.template, templateRef: step.templateRef,
                                   templateScope: tctx.scope, boundaryID: boundaryID, phase: .error, message: "\(error)")
                }
                addChildNode(parent: sgName, child: childName)
                return markNodeError(sgName, "\(error)")
            }
            if !proceed {
                if node(named: childName) == nil {
                    initializeNode(childName, type: .skipped, templateName: step.template, templateRef: step.templateRef,
                                   templateScope: tctx.scope, boundaryID: boundaryID, phase: .skipped,
                                   message: "when '\(step.when ?? "")' evaluated false")
                    addChildNode(parent: sgName, child: childName)
                }
                continue
            }
            execError = nil
            let child = executeTemplate(childName, TemplateHolder(step), tctx, args: step.arguments,
                                        opts: ExecOpts(boundaryID: boundaryID, onExitTemplate: opts.onExitTemplate))
            if let err = execError {
                execError = nil
                addChildNode(parent: sgName, child: childName)
                return markNodeError(sgName, "step group deemed errored due to child \(childName) error: \(err)")
            }
            if child != nil {
                stepsByChild[childName] = step
                addChildNode(parent: sgName, child: childName)
            }
        }
        guard let sg = node(named: sgName) else { return nil }
        var completed = true
        for id in sg.children ?? [] {
            guard let child = nodes[id] else { continue }
            if !child.fulfilled {
                completed = false
            } else if let handler = stepsByChild[child.name]?.onExit {
                if let exitNode = runOnExitNode(handler, parent: child, boundaryID: boundaryID, tctx: tctx),
                   !exitNode.fulfilled { completed = false }
            }
        }
        if !completed { return sg }
        for id in sg.children ?? [] {
            guard let child = nodes[id], child.failedOrError else { continue }
            if continues(stepsByChild[child.name]?.continueOn, child.phase) { continue }
            return markNodePhase(sgName, .failed, message: "child '\(id)' failed")
        }
        return markNodePhase(sgName, .succeeded)
    }

    func continues(_ c: ContinueOn?, _ phase: NodePhase?) -> Bool {
        guard let c else { return false }
        return (phase == .failed && c.failed == true) || (phase == .error && c.error == true)
    }

    /// Argo's `getOutboundNodes`: the leaf nodes through which a node's subtree is left.
    func outboundNodes(of id: String) -> [String] {
        guard let node = nodes[id] else { return [] }
        if node.type.isOwnOutbound { return [id] }
        switch node.type {
        case .taskGroup:
            let children = node.children ?? []
            if children.isEmpty { return [id] }
            return children.flatMap { outboundNodes(of: $0) }
        case .retry:
            if let last = node.children?.last { return [last] }
            return []
        default:
            var out: [String] = []
            for o in node.outboundNodes ?? [] {
                if nodes[o]?.type == .pod { out.append(o) } else { out += outboundNodes(of: o) }
            }
            return out
        }
    }

    /// Argo's `shouldExecute` (steps.go): an already substituted `when`, evaluated as govaluate does (bare words are
    /// strings); empty is true. Steps and DAG tasks both gate on it.
    static func shouldExecute(_ when: String) throws -> Bool {
        if when.trimmingSpaces.isEmpty { return true }
        do { return try WhenExpression.evaluate(when) } catch { throw OperatorError(error.message) }
    }
}

extension NodeType {
    /// A node that is its own outbound node (Argo's `getOutboundNodes` returns it alone).
    var isOwnOutbound: Bool {
        switch self {
        case .pod, .skipped, .suspend, .container, .http, .plugin: return true
        default: return false
        }
    }
}
