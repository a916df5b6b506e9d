import Templates
import ClusterAPI

/// What invokes a template: a step, a DAG task, the entrypoint or an exit handler.
struct TemplateHolder {
    var template: String?
    var templateRef: TemplateRef?
    var arguments: Arguments?
    /// A template written in place (`inline:` on a step or task): it has no name, so its node records none and
    /// its pod name leaves the template name out.
    var inline: Template?

    init(template: String?, templateRef: TemplateRef? = nil, arguments: Arguments? = nil, inline: Template? = nil) {
        self.template = template
        self.templateRef = templateRef
        self.arguments = arguments
        self.inline = inline
    }
    init(_ step: WorkflowStep) {
        self.init(template: step.template, templateRef: step.templateRef, arguments: step.arguments, inline: step.inline)
    }
    init(_ task: DAGTask) {
        self.init(template: task.template, templateRef: task.templateRef, arguments: task.arguments, inline: task.inline)
    }

    /// The template name the node records (`templateName`), or the referenced template's name.
    var podTemplateName: String { template ?? templateRef?.template ?? "" }
}

struct ExecOpts {
    var boundaryID = ""
    var onExitTemplate = false
}

enum TemplateKind {
    case container, containerSet, script, resource, suspend, steps, dag, unsupported(String), missing

    init(_ t: Template) {
        if t.container != nil { self = .container }
        else if t.script != nil { self = .script }
        else if t.resource != nil { self = .resource }
        else if t.steps != nil { self = .steps }
        else if t.dag != nil { self = .dag }
        else if t.suspend != nil { self = .suspend }
        else if t.containerSet != nil { self = .containerSet }
        else if t.data != nil { self = .unsupported("data") }
        else if t.http != nil { self = .unsupported("http") }
        else if t.plugin != nil { self = .unsupported("plugin") }
        else { self = .missing }
    }

    var isPod: Bool {
        switch self { case .container, .containerSet, .script, .resource: return true; default: return false }
    }
}

extension OperationContext {
    /// Finds the template a holder names: by name in the current context, or through a templateRef in a
    /// WorkflowTemplate / ClusterWorkflowTemplate (which becomes the context for names inside it).
    func resolve(_ holder: TemplateHolder, in tctx: TemplateContext) -> Result<(TemplateContext, Template), OperatorError> {
        if let inline = holder.inline, holder.template == nil, holder.templateRef == nil { return .success((tctx, inline)) }
        if let ref = holder.templateRef {
            let name = ref.name ?? ""
            let cluster = ref.clusterScope == true
            let found: WorkflowSpec? = cluster
                ? snapshot.templates.clusterWorkflowTemplates[name]?.spec : snapshot.templates.workflowTemplates[name]?.spec
            guard let wftSpec = found else {
                let kind = cluster ? "clusterworkflowtemplates" : "workflowtemplates"
                return .failure(OperatorError("\(kind).argoproj.io \"\(name)\" not found"))
            }
            var byName: [String: Template] = [:]
            for t in wftSpec.templates ?? [] { if let n = t.name, byName[n] == nil { byName[n] = t } }
            guard let t = byName[ref.template ?? ""] else {
                return .failure(OperatorError("template \(ref.template ?? "") not found in workflow template \(name)"))
            }
            return .success((TemplateContext(templates: byName, scope: "\(cluster ? "cluster" : "namespaced")/\(name)"), t))
        }
        let name = holder.template ?? ""
        guard let t = tctx.templates[name] else { return .failure(OperatorError("template \(name) not found")) }
        return .success((tctx, t))
    }

    /// Argo's `executeTemplate`: resolves the template, binds arguments to inputs, wraps retries and runs the
    /// template by its type. Returns nil when parallelism held the node back.
    @discardableResult
    func executeTemplate(_ name: String, _ holder: TemplateHolder, _ tctx: TemplateContext, args: Arguments?,
                         opts: ExecOpts, depth: Int = 0) -> NodeStatus? {
        var nodeName = name
        var node = node(named: nodeName)
        if let n = node, n.fulfilled { return n }
        // A running pod node needs nothing from its template: pod reconciliation moves it on.
        if let n = node, n.type == .pod, n.phase == .running { return n }
        let scope = tctx.scope
        let resolved: (TemplateContext, Template)
        switch resolve(holder, in: tctx) {
        case .failure(let e): return errorNode(node, nodeName, holder, scope, opts, e.message)
        case .success(let r): resolved = r
        }
        let kind = TemplateKind(resolved.1)
        // `pod.name` is only made when the template has a tag to substitute (most pod templates have none).
        let podNameInScope = kind.isPod && resolved.1.retryStrategy == nil
        let wf = wfName, podTemplateName = holder.podTemplateName
        var tmpl: Template
        do {
            tmpl = try processArgs(resolved.1, args: args) {
                podNameInScope ? ["pod.name": NodeNames.podName(workflow: wf, nodeName: nodeName, templateName: podTemplateName)] : [:]
            }
        } catch {
            return errorNode(node, nodeName, holder, scope, opts, "\(error)")
        }
        if !checkParallelism(tmpl, kind: kind, node: node, boundaryID: opts.boundaryID) { return node }

        // Argo checks the memoization cache for a node about to be created: a hit is the node, Succeeded.
        var memoMiss: MemoizationStatus?
        if node == nil, let memoize = tmpl.memoize {
            switch lookUpMemo(memoize) {
            case .failure(let message): return errorNode(nil, nodeName, holder, scope, opts, message)
            case .hit(let status, let outputs):
                return memoHitNode(nodeName, tmpl, holder, kind: kind, scope: scope, opts: opts, status: status, outputs: outputs)
            case .miss(let status): memoMiss = status
            }
        }

        var retryNodeName: String?
        if let strategy = tmpl.retryStrategy {
            retryNodeName = nodeName
            var parent = node ?? initializeNode(nodeName, type: .retry, templateName: holder.template,
                                                templateRef: holder.templateRef, templateScope: scope,
                                                boundaryID: opts.boundaryID, phase: .running, inputs: tmpl.inputs)
            let (processed, proceed) = processNodeRetries(parent, strategy)
            parent = processed
            if !proceed || parent.fulfilled { return parent }
            let children = parent.children ?? []
            if let lastID = children.last, let last = nodes[lastID], !last.fulfilled {
                nodeName = last.name
                node = last
            } else {
                nodeName = NodeNames.retryChild(name, attempt: children.count)
                node = nil
                var retryLocal = ["retries": String(children.count)]
                if kind.isPod {
                    retryLocal["pod.name"] = NodeNames.podName(workflow: wfName, nodeName: nodeName, templateName: holder.podTemplateName)
                }
                if let t = try? Placeholders.substitute(tmpl, retryLocal) { tmpl = t }
            }
        }

        let result: NodeStatus?
        switch kind {
        case .container:
            result = executeContainer(nodeName, tmpl, holder, scope: scope, opts: opts)
        case .script:
            result = executeScript(nodeName, tmpl, holder, scope: scope, opts: opts)
        case .resource:
            result = executeResource(nodeName, tmpl, holder, scope: scope, opts: opts)
        case .containerSet:
            result = executeContainerSet(nodeName, tmpl, holder, scope: scope, opts: opts)
        case .steps:
            result = executeSteps(nodeName, tmpl, holder, TemplateContext(templates: resolved.0.templates, scope: resolved.0.scope), opts: opts)
        case .dag:
            result = executeDAG(nodeName, tmpl, holder, resolved.0, opts: opts)
        case .suspend:
            result = executeSuspend(nodeName, tmpl, holder, scope: scope, opts: opts)
        case .unsupported(let field):
            result = errorNode(node, nodeName, holder, scope, opts,
                               "template '\(tmpl.name ?? "")' uses '\(field)', which is not supported yet by argo-lite")
        case .missing:
            result = errorNode(node, nodeName, holder, scope, opts, "Template '\(tmpl.name ?? "")' missing specification")
        }
        if let memoMiss { attachMemo(memoMiss, toNodeNamed: name) }
        if let retryNodeName, retryNodeName != nodeName {
            addChildNode(parent: retryNodeName, child: nodeName)
            if let child = self.node(named: nodeName), child.fulfilled, depth < 64,
               let retry = self.node(named: retryNodeName), !retry.fulfilled {
                return executeTemplate(retryNodeName, holder, tctx, args: args, opts: opts, depth: depth + 1)
            }
            return self.node(named: retryNodeName)
        }
        return result
    }

    /// Argo's `initializeNodeOrMarkError`: an Error node of type Skipped, or the existing node marked Error.
    @discardableResult
    func errorNode(_ node: NodeStatus?, _ name: String, _ holder: TemplateHolder, _ scope: String, _ opts: ExecOpts,
                   _ message: String) -> NodeStatus? {
        execError = message
        if node != nil { return markNodeError(name, message) }
        return initializeNode(name, type: .skipped, templateName: holder.template, templateRef: holder.templateRef,
                              templateScope: scope, boundaryID: opts.boundaryID, phase: .error, message: message)
    }

    /// Argo's `getActivePods("")`: pod nodes that are Pending or Running (none waits for a lock: no synchronization yet).
    func countActivePods() -> Int {
        nodes.values.reduce(0) { $0 + ($1.type == .pod && ($1.phase == .pending || $1.phase == .running) ? 1 : 0) }
    }

    /// Argo's `checkParallelism`: the workflow's `parallelism` caps active pods, a steps/DAG template's
    /// `parallelism` caps its active children.
    func checkParallelism(_ tmpl: Template, kind: TemplateKind, node: NodeStatus?, boundaryID: String) -> Bool {
        if let limit = spec.parallelism, activePods >= limit { return false }
        if boundaryID.isEmpty { return true }
        if let n = node, n.phase == .pending || n.phase == .running { return true }
        guard let limit = boundaryParallelism(boundaryID) else { return true }
        return activeChildren(of: boundaryID) < limit
    }
}
