import Templates
import ClusterAPI

/// The memoization state of one pass: whether the workflow memoizes at all (so the per-store check costs nothing
/// otherwise), and the entries this pass saves, so that a node started later in the same pass finds them as
/// Argo's `Load` would find them in the ConfigMap just written.
struct MemoPass {
    var enabled = false
    /// Node IDs of memoized nodes that succeeded in this pass, in order.
    var succeeded: [String] = []
    /// cache name → key → node ID of the node whose outputs this pass saves there.
    var saved: [String: [String: String]] = [:]
}

/// Argo's `cacheKeyRegex`: `^[a-zA-Z0-9][-a-zA-Z0-9]*$`.
enum MemoKeys {
    static func isValid(_ key: String) -> Bool {
        guard let first = key.utf8.first, isAlphanumeric(first) else { return false }
        return key.utf8.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    private static func isAlphanumeric(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }

    /// `memoize.maxAge` through Go's `time.ParseDuration` (so a bare number other than 0 has no unit), in seconds.
    static func maxAge(_ text: String) -> Result<Double, MemoError> {
        switch GoDurationText.parse(text.trimmingSpaces) {
        case .success(let nanoseconds): return .success(Double(nanoseconds) / 1e9)
        case .failure(let failure): return .failure(MemoError("invalid maxAge: \(failure.description)"))
        }
    }
}

extension OperationContext {
    enum MemoLookup {
        case hit(MemoizationStatus, Outputs?)
        case miss(MemoizationStatus)
        case failure(String)
    }

    static func memoizes(_ spec: WorkflowSpec, _ catalog: TemplateCatalog) -> Bool {
        func any(_ templates: [Template]?) -> Bool { templates?.contains { $0.memoize != nil } ?? false }
        return any(spec.templates) || catalog.workflowTemplates.values.contains { any($0.spec.templates) }
            || catalog.clusterWorkflowTemplates.values.contains { any($0.spec.templates) }
    }

    /// Argo's cache check in `executeTemplate` (for a node about to be created): `Load` the entry under the
    /// template's key, then hit when it names a node and, with `maxAge`, is no older than that.
    func lookUpMemo(_ memoize: Memoize) -> MemoLookup {
        memos.enabled = true
        let key = memoize.key ?? ""
        let cacheName = memoize.cache?.configMap?.name ?? ""
        guard !cacheName.isEmpty else { return .failure("memoize.cache.configMap.name is required") }
        guard MemoKeys.isValid(key) else { return .failure("invalid cache key: \(key)") }
        var entry: MemoEntry?
        if let nodeID = memos.saved[cacheName]?[key] {
            entry = MemoEntry(nodeID: nodeID, outputs: nodes[nodeID]?.outputs, creationTimestamp: now, lastHitTimestamp: now)
        } else if let cache = snapshot.memoCaches[cacheName] {
            if let refusal = cache.refusal { return .failure(refusal) }
            if let raw = cache.data[key], !raw.isEmpty {
                do throws(MemoError) {
                    var loaded = try MemoEntry(json: raw)
                    // `Load` records the time of every read of an existing entry.
                    loaded.lastHitTimestamp = now
                    actions.append(.saveMemo(MemoSave(configMap: cacheName, namespace: namespace, key: key, entry: loaded)))
                    entry = loaded
                } catch {
                    return .failure(error.message)
                }
            }
        }
        var hit = entry?.isHit ?? false
        if let maxAge = memoize.maxAge, !maxAge.isEmpty {
            switch MemoKeys.maxAge(maxAge) {
            case .failure(let error): return .failure(error.message)
            case .success(let seconds):
                if let entry, now.time - entry.creationTimestamp.time > seconds { hit = false }
            }
        }
        let status = MemoizationStatus(hit: hit, key: key, cacheName: cacheName)
        return hit ? .hit(status, entry?.outputs) : .miss(status)
    }

    var namespace: String { snapshot.workflow.metadata.namespace ?? "default" }

    /// Argo's `initializeCacheHitNode`: the node is Succeeded at once with the cached outputs; no pod runs.
    func memoHitNode(_ nodeName: String, _ tmpl: Template, _ holder: TemplateHolder, kind: TemplateKind, scope: String,
                     opts: ExecOpts, status: MemoizationStatus, outputs: Outputs?) -> NodeStatus {
        var node = initializeNode(nodeName, type: OperationContext.nodeType(tmpl, kind), templateName: holder.template,
                                  templateRef: holder.templateRef, templateScope: scope, boundaryID: opts.boundaryID,
                                  phase: .succeeded, inputs: tmpl.inputs)
        node.outputs = outputs
        node.memoizationStatus = status
        store(node)
        return node
    }

    /// Argo's `GetNodeType`.
    static func nodeType(_ tmpl: Template, _ kind: TemplateKind) -> NodeType {
        if tmpl.retryStrategy != nil { return .retry }
        switch kind {
        case .steps: return .steps
        case .dag: return .dag
        case .suspend: return .suspend
        default: return .pod
        }
    }

    /// Argo's `initializeCacheNode`: the node that runs on a miss carries `memoizationStatus` (hit false), and
    /// its outputs are saved when it succeeds.
    func attachMemo(_ status: MemoizationStatus, toNodeNamed name: String) {
        guard var node = node(named: name), node.memoizationStatus == nil else { return }
        node.memoizationStatus = status
        store(node)
        if node.phase == .succeeded { memos.succeeded.append(node.id); noteMemoSaved(node) }
    }

    /// Called by `store` when a node turns Succeeded in a memoizing workflow.
    func memoNodeSucceeded(_ node: NodeStatus) {
        guard let status = node.memoizationStatus, !status.hit else { return }
        memos.succeeded.append(node.id)
        noteMemoSaved(node)
    }

    private func noteMemoSaved(_ node: NodeStatus) {
        guard let status = node.memoizationStatus else { return }
        memos.saved[status.cacheName, default: [:]][status.key] = node.id
    }

    /// The saves of the nodes that succeeded in this pass, with their final outputs (Argo saves in the same
    /// pass that marks the node Succeeded; the sync writes them before it persists the status).
    func memoSaveActions() -> [OperatorAction] {
        var seen = Set<String>()
        var out: [OperatorAction] = []
        for id in memos.succeeded where seen.insert(id).inserted {
            guard let node = nodes[id], node.phase == .succeeded, let status = node.memoizationStatus, !status.hit else { continue }
            let entry = MemoEntry(nodeID: id, outputs: node.outputs, creationTimestamp: now, lastHitTimestamp: now)
            out.append(.saveMemo(MemoSave(configMap: status.cacheName, namespace: namespace, key: status.key, entry: entry)))
        }
        return out
    }
}
