import Templates
import ClusterAPI

/// Errors that stop the execution of one template (the node is marked Error with the message).
struct OperatorError: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

/// Where a template name is looked up: the workflow itself, or the WorkflowTemplate / ClusterWorkflowTemplate a
/// `templateRef` led into (Argo's `templateresolution.Context`).
struct TemplateContext {
    var templates: [String: Template]
    /// Argo's templateScope: `local/<workflow>`, `namespaced/<template>` or `cluster/<template>`.
    var scope: String
}

/// The mutable state of one `operate` pass. Lives only for the pass.
///
/// The state touched for every node is `@exclusivity(unchecked)`: a pass runs on one thread and no access to these
/// overlaps another (the tests exercise every path with the other properties still checked); the run-time check
/// of each access was about a twentieth of a 10,000-task fan-out.
package final class OperationContext {
    let snapshot: WorkflowSnapshot
    let now: KubeTime
    let wfName: String
    let spec: WorkflowSpec
    @exclusivity(unchecked) var nodes: [String: NodeStatus]
    let originalStatus: WorkflowStatus
    var status: WorkflowStatus
    @exclusivity(unchecked) var changed = Set<String>()
    /// Each changed node's value when the pass first changed it (its value at the start of the pass, nil for a
    /// node added by the pass), in order of first change: `result` compares against these without a second lookup.
    @exclusivity(unchecked) var firstChanges: [(id: String, before: NodeStatus?)] = []
    /// Set when a store or an added child changed something progress depends on (see `progressInputsChanged`).
    @exclusivity(unchecked) var progressInputsDirty = false
    @exclusivity(unchecked) var actions: [OperatorAction] = []
    var requeueAt: Double?
    var globalParams: [String: String] = [:]
    var rootContext: TemplateContext
    /// Children lists as sets, built lazily for nodes with many children (keeps addChildNode O(1)).
    @exclusivity(unchecked) var childSets = ChildSets()
    @exclusivity(unchecked) var activePods = 0
    /// Active (Pending/Running) Pod/Steps/DAG children per boundary, counted once per pass when first needed.
    @exclusivity(unchecked) var activeChildrenCount: [String: Int] = [:]
    /// Set when executeTemplate failed to resolve or bind a template (Argo returns that error to the caller).
    @exclusivity(unchecked) var execError: String?
    @exclusivity(unchecked) var createdPods = Set<String>()
    @exclusivity(unchecked) var podTemplateCache = PodTemplateCache()
    /// `boundaryParallelism` by boundary node ID.
    @exclusivity(unchecked) var parallelismByBoundary = BoundaryParallelism()
    /// Templates already found to have no tag this pass: an equal template skips the scan.
    @exclusivity(unchecked) var tagFreeTemplates = TagFreeTemplates()
    /// Memos of the last answer of a few per-node lookups (see `NodeMemos.swift`).
    @exclusivity(unchecked) var memo = NodeMemos()
    /// Memoization (`template.memoize`) in this pass: see `Memoization.swift`.
    @exclusivity(unchecked) var memos = MemoPass()
    /// Whether some node may be an exit handler (`<name>.onExit`): found once per pass when first asked, set again
    /// when such a node is added. While false, no `<name>.onExit` lookup can find anything.
    private var exitHandlerNodesSeen: Bool?
    var mayHaveExitHandlerNodes: Bool {
        if let known = exitHandlerNodesSeen { return known }
        let seen = nodes.values.contains { OperationContext.isExitHandlerName($0.name) }
        exitHandlerNodesSeen = seen
        return seen
    }

    private static let exitSuffix = Array(".onExit".utf8)
    static func isExitHandlerName(_ name: String) -> Bool {
        let utf8 = name.utf8
        return utf8.count >= exitSuffix.count && utf8.suffix(exitSuffix.count).elementsEqual(exitSuffix)
    }

    /// The pod builder of this workflow (its workflow-level volumes encoded once per pass).
    lazy var podBuilder = PodBuilder(
        workflowName: wfName, namespace: snapshot.workflow.metadata.namespace ?? "default",
        workflowUID: snapshot.workflow.metadata.uid ?? "", serviceAccountName: spec.serviceAccountName,
        workflowVolumes: (spec.volumes ?? []).map { Placeholders.jsonValue($0) }, podMetadata: spec.podMetadata,
        archiveLogs: spec.archiveLogs, securityContext: spec.securityContext)

    init(snapshot: WorkflowSnapshot, now: KubeTime) {
        self.snapshot = snapshot
        self.now = now
        let wf = snapshot.workflow
        wfName = wf.metadata.name ?? ""
        var spec = wf.spec
        // A workflow that only references a WorkflowTemplate runs with that template's spec underneath its own.
        if let ref = spec.workflowTemplateRef, let name = ref.name {
            let base = ref.clusterScope == true
                ? snapshot.templates.clusterWorkflowTemplates[name]?.spec
                : snapshot.templates.workflowTemplates[name]?.spec
            if let base { spec = OperationContext.merge(workflow: spec, onto: base) }
        }
        self.spec = spec
        originalStatus = wf.status ?? WorkflowStatus()
        status = originalStatus
        nodes = originalStatus.nodes ?? [:]
        var byName: [String: Template] = [:]
        for t in spec.templates ?? [] { if let n = t.name, byName[n] == nil { byName[n] = t } }
        rootContext = TemplateContext(templates: byName, scope: "local/\(wfName)")
        memos.enabled = !snapshot.memoCaches.isEmpty || OperationContext.memoizes(spec, snapshot.templates)
    }

    package static func merge(workflow: WorkflowSpec, onto base: WorkflowSpec) -> WorkflowSpec {
        JoinWorkflowSpec.join(workflow: workflow, onto: base)
    }

    // MARK: - Nodes

    /// The last name turned into an ID: a task's name is asked for several times in a row (its task, its
    /// template, its pod, its node), and the hash and the string are made once.
    func nodeID(_ name: String) -> String {
        if let last = memo.lastNodeID, last.name == name { return last.id }
        let id = NodeNames.nodeID(workflow: wfName, nodeName: name)
        memo.lastNodeID = (name, id)
        return id
    }

    /// A new node is looked up by its task, its template and its pod before it is made: the ID last found missing
    /// is remembered until the next store (the only way a node is added).
    func node(named name: String) -> NodeStatus? {
        let id = nodeID(name)
        if let missing = memo.lastMissingID, missing == id { return nil }
        guard let found = nodes[id] else { memo.lastMissingID = id; return nil }
        return found
    }

    func store(_ node: NodeStatus) {
        memo.lastMissingID = nil
        // One hash for the write and the previous value: the latter says whether progress inputs changed and,
        // on a node's first change in this pass, is its value at the start of the pass.
        let before = nodes.updateValue(node, forKey: node.id)
        if !progressInputsDirty, OperationContext.changesProgressInputs(from: before, to: node) { progressInputsDirty = true }
        if changed.insert(node.id).inserted { noteFirstChange(node.id, before) }
        if exitHandlerNodesSeen == false, OperationContext.isExitHandlerName(node.name) { exitHandlerNodesSeen = true }
        if memos.enabled, node.phase == .succeeded, before?.phase != .succeeded { memoNodeSucceeded(node) }
    }

    func noteFirstChange(_ id: String, _ before: NodeStatus?) {
        firstChanges.append((id, before))
        // A pass that changes many nodes (a fan-out, a fan-in) often changes most of them: room for all at once
        // instead of growing (and rehashing) by doubling.
        if firstChanges.count == 64 {
            changed.reserveCapacity(nodes.count)
            firstChanges.reserveCapacity(nodes.count)
        }
    }

    @discardableResult
    func initializeNode(_ name: String, type: NodeType, templateName: String?, templateRef: TemplateRef?,
                        templateScope: String, boundaryID: String, phase: NodePhase, message: String? = nil,
                        inputs: Inputs? = nil, progress: String? = nil) -> NodeStatus {
        // Every field is given to the initializer: setting them one by one checked the storage's uniqueness each time.
        let displayName = boundaryName(boundaryID).map { OperationContext.displayName(name, boundaryName: $0) } ?? name
        let keptInputs = inputs.flatMap { !($0.parameters ?? []).isEmpty || !($0.artifacts ?? []).isEmpty ? $0 : nil }
        let node = NodeStatus(
            id: nodeID(name), name: name, displayName: displayName, type: type, templateName: templateName,
            templateRef: templateRef, templateScope: templateScope, phase: phase,
            boundaryID: boundaryID.isEmpty ? nil : boundaryID, message: message.flatMap { $0.isEmpty ? nil : $0 },
            startedAt: now, finishedAt: phase.isFulfilled ? now : nil, progress: progress, inputs: keptInputs)
        store(node)
        if phase == .pending || phase == .running {
            if type == .pod { activePods += 1 }
            if type == .pod || type == .steps || type == .dag, !activeChildrenCount.isEmpty,
               let at = activeChildrenCount.index(forKey: boundaryID) {
                activeChildrenCount.values[at] += 1
            }
        }
        return node
    }

    /// A Steps or DAG template's own node: the one this workflow has, else a new Running one (Argo's
    /// `executeSteps` / `executeDAG` start).
    func boundaryNode(_ name: String, type: NodeType, _ tmpl: Template, _ holder: TemplateHolder,
                      _ tctx: TemplateContext, opts: ExecOpts) -> NodeStatus {
        node(named: name) ?? initializeNode(
            name, type: type, templateName: holder.template, templateRef: holder.templateRef,
            templateScope: tctx.scope, boundaryID: opts.boundaryID, phase: .running, inputs: tmpl.inputs)
    }

    @discardableResult
    func markNodePhase(_ name: String, _ phase: NodePhase, message: String? = nil) -> NodeStatus? {
        guard var node = node(named: name) else { return nil }
        var touched = false
        if node.phase != phase { node.phase = phase; touched = true }
        if let message, message != (node.message ?? "") {
            node.message = message.isEmpty ? nil : message
            touched = true
        }
        if phase.isFulfilled && node.finishedAt == nil { node.finishedAt = now; touched = true }
        if touched { store(node) }
        return node
    }

    @discardableResult
    func markNodeError(_ name: String, _ message: String) -> NodeStatus? { markNodePhase(name, .error, message: message) }

    // MARK: - Timers and actions

    func requeue(at seconds: Double) {
        if let r = requeueAt, r <= seconds { return }
        requeueAt = seconds
    }

    func result() -> OperateResult {
        var newStatus = status
        // Stored nodes equal to where the pass started are not changes. The set is moved out (the pass ends here),
        // so removing from it copies nothing; a node the pass added is not looked up twice.
        var nodesChanged = changed
        changed = []
        for (id, before) in firstChanges where OperationContext.same(nodes[id], before) { nodesChanged.remove(id) }
        newStatus.nodes = nodes.isEmpty ? nil : nodes
        var compareOld = originalStatus
        compareOld.nodes = nil
        var compareNew = newStatus
        compareNew.nodes = nil
        var actions = self.actions
        if !memos.succeeded.isEmpty { actions += memoSaveActions() }
        if let r = requeueAt, !status.phaseIsCompleted { actions.append(.requeue(after: max(0, r - now.time))) }
        return OperateResult(status: newStatus, changedNodeIDs: nodesChanged,
                             workflowFieldsChanged: compareOld != compareNew, actions: actions)
    }
}

extension OperationContext {
    /// `a == b`, answered from the phase first: most nodes a pass stores changed phase, and whole-node equality
    /// copies out and compares every field up to the first that differs.
    static func same(_ a: NodeStatus?, _ b: NodeStatus?) -> Bool {
        if let a, let b, a.phase != b.phase { return false }
        return a == b
    }
}

extension NodePhase {
    var isFulfilled: Bool {
        switch self {
        case .succeeded, .failed, .error, .skipped, .omitted: return true
        case .pending, .running: return false
        }
    }
    var isCompleted: Bool { isFulfilled }
    var failedOrError: Bool { self == .failed || self == .error }
}

extension NodeStatus {
    package var fulfilled: Bool { phase?.isFulfilled ?? false }
    var failedOrError: Bool { phase?.failedOrError ?? false }
}

extension WorkflowStatus {
    var phaseIsCompleted: Bool { phase == .succeeded || phase == .failed || phase == .error }
}
