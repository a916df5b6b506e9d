import Foundation
import Templates
import ClusterAPI
import Operator

extension WorkflowController {
    /// One reconcile of one workflow: snapshot → `Operator.operate` → its actions → `Operator.converge` → any more
    /// actions → status write. Idempotent: a pass with nothing new to do writes nothing; pods have deterministic
    /// names so "already exists" is success.
    ///
    /// Returns how long `operate` computed: the part of a pass that grows with the workflow (see `work`).
    @discardableResult
    func sync(_ key: String) async throws -> Duration {
        // Every event queued so far has its object in the informers' caches: this pass sees them all.
        await queue.snapshot(key)
        guard let object = await workflows.get(key) else {
            await cache.remove(key)
            return .zero
        }
        let workflow: Workflow
        do {
            workflow = try await cache.workflow(key, object)
        } catch let error as DecodingError {
            try await failUnreadable(object, error: error)
            return .zero
        }
        if !WorkflowController.hasStarted(workflow), let message = Linter.unimplementedField(inWorkflow: object) {
            try await failAtOnce(object, message: message)  // what lint refuses is never run without the field
            return .zero
        }
        if WorkflowController.isSettled(workflow) {
            try await collectGarbage(workflow, key: key)
            return .zero
        }
        let namespace = workflow.metadata.namespace ?? "default"
        let name = workflow.metadata.name ?? ""

        let podObjects = await pods.items(indexedBy: key)
        let observed = await cache.observe(key, pods: podObjects, results: await results.items(indexedBy: key))
        var podsByName = observed.pods
        var resultsByNode = observed.results
        // Pod and task-result watches are separate streams, so one may run ahead of the other. A finished pod of a
        // node not yet fulfilled may arrive before its task result, or before the result's last update (Argo's
        // `report-outputs-completed` label still `false`): read such a result directly rather than finish the node
        // without it (none stored: the node ends without one, as Argo's). A task result may arrive before its
        // pod's final status (the local agent writes both at once): read such a pod directly rather than run a
        // pass that has only half the news. The watch event of what was read directly then starts no pass of its
        // own (`DirectReads`).
        for pod in podObjects {
            guard let nodeID = pod["metadata"]?["annotations"]?[Common.annotationKeyNodeID]?.stringValue else { continue }
            let podName = pod["metadata"]?["name"]?.stringValue ?? ""
            let phase = podsByName[podName]?.phase
            if phase == .succeeded || phase == .failed {
                guard resultsByNode[nodeID]?.outputsCompleted != true,
                      workflow.status?.nodes?[nodeID]?.fulfilled != true else { continue }
                let resultKey = "\(namespace)/\(nodeID)"
                directReads.expect(.workflowTaskResult, key: resultKey)
                let result = try? await cluster.get(.workflowTaskResult, namespace: namespace, name: nodeID)
                if let result { resultsByNode[nodeID] = try? TaskResultObservation(taskResult: result) }
                let version = result?["metadata"]?["resourceVersion"]?.stringValue
                if directReads.settle(.workflowTaskResult, key: resultKey, version: version) { await queue.add(key) }
            } else if resultsByNode[nodeID] != nil, phase == .pending || phase == .running {
                let podKey = "\(namespace)/\(podName)"
                directReads.expect(.pod, key: podKey)
                let fresh = try? await cluster.get(.pod, namespace: namespace, name: podName)
                if let fresh { podsByName[podName] = PodObservation(pod: fresh) }
                let version = fresh?["metadata"]?["resourceVersion"]?.stringValue
                if directReads.settle(.pod, key: podKey, version: version) { await queue.add(key) }
            }
        }
        let templates = await templateCatalog(for: Self.hasStarted(workflow) ? nil : workflow.spec, namespace: namespace)
        let snapshot = WorkflowSnapshot(
            workflow: workflow, pods: podsByName, taskResults: resultsByNode, templates: templates,
            memoCaches: try await memoCaches(for: workflow.spec, templates: templates, namespace: namespace),
            parameterConfigMaps: try await parameterConfigMaps(for: workflow.spec, templates: templates, namespace: namespace))
        // The first pass's actions go out at once (the next pod starts while the pass is checked); then the passes
        // run to a fixed point, so that the watch event of this sync's own write needs no pass (`DirectReads`).
        let time = now()
        let clock = ContinuousClock()
        var started = clock.now
        let first = Operator.operate(snapshot, now: time)
        var computing = clock.now - started
        var refused = try await perform(first.actions[...], key: key, namespace: namespace)
        started = clock.now
        let (converged, complete) = Operator.converge(snapshot, now: time, first: first)
        var result = converged
        computing += clock.now - started
        if !complete { await queue.add(key) }
        refused += try await perform(result.actions.dropFirst(first.actions.count), key: key, namespace: namespace)
        if !refused.isEmpty {
            Self.markRefused(refused, in: &result, at: time)
            await queue.add(key)  // what this sync writes is then not a fixed point of operate
        }
        guard result.changedNodeIDs.count > 0 || result.workflowFieldsChanged else {
            try await collectGarbage(workflow, key: key, templates: snapshot.templates)
            return computing
        }
        let patch = StatusPatch.make(
            workflow: workflow, newStatus: result.status, changedNodeIDs: result.changedNodeIDs)
        // applyPatch returns only the new version: the store does not rebuild a 10,000-node object per pass.
        directReads.expect(.workflow, key: key)
        let version: String
        do {
            version = try await cluster.applyPatch(.workflow, namespace: namespace, name: name, patch: patch, type: .merge)
        } catch {
            if directReads.settle(.workflow, key: key, version: nil) { await queue.add(key) }
            throw error
        }
        var updated = workflow
        updated.status = result.status
        updated.metadata.resourceVersion = version
        updated.metadata.labels = StatusPatch.labels(workflow, result.status)
        await cache.store(key, updated)
        if directReads.settle(.workflow, key: key, version: version) { await queue.add(key) }
        try await collectGarbage(updated, key: key, templates: snapshot.templates)
        return computing
    }

    /// Performs the actions; returns the pods the backend's decoration refused, by node ID, with its message.
    private func perform(_ actions: ArraySlice<OperatorAction>, key: String, namespace: String) async throws
        -> [(nodeID: String, message: String)]
    {
        var refused: [(nodeID: String, message: String)] = []
        for action in actions {
            switch action {
            case .createPod(let pod):
                let json = pod.json
                let decorated: JSONValue
                do throws(ClusterError) {
                    decorated = try podDecoration.decorate(json)
                } catch {
                    let message = if case .invalid(let text) = error { text } else { "\(error)" }
                    let nodeID = json["metadata"]?["annotations"]?[Common.annotationKeyNodeID]?.stringValue ?? ""
                    logger.warning("\(key): pod for node \(nodeID) not created: \(message)")
                    refused.append((nodeID, message))
                    continue
                }
                try await cluster.createIfAbsent(.pod, decorated)
            case .deletePod(let podName):
                try await cluster.deleteIfPresent(.pod, namespace: namespace, name: podName)
            case .requeue(let seconds):
                await queue.addAfter(key, .milliseconds(Int64((seconds * 1000).rounded(.up))))
            case .emitEvent(let type, let reason, let message):
                logger.info("\(key): \(type) \(reason): \(message)")
            case .saveMemo(let save):
                try await saveMemo(save)
            }
        }
        return refused
    }

    /// The nodes whose pods were refused end `Error` with the refusal's message.
    static func markRefused(_ refused: [(nodeID: String, message: String)], in result: inout OperateResult, at time: KubeTime) {
        for (id, message) in refused {
            guard var node = result.status.nodes?[id], !node.fulfilled else { continue }
            node.phase = .error
            node.message = message
            node.finishedAt = time
            result.status.nodes?[id] = node
            result.changedNodeIDs.insert(id)
        }
    }

    /// Whether a pass has run the workflow (its references were read then: templates it names exist by now).
    static func hasStarted(_ workflow: Workflow) -> Bool {
        guard let phase = workflow.status?.phase else { return false }
        return phase != .pending && phase != .unknown
    }

    /// A workflow that has finished and whose completion has been recorded needs no more passes.
    static func isSettled(_ workflow: Workflow) -> Bool {
        guard let phase = workflow.status?.phase, phase.isCompleted else { return false }
        return workflow.metadata.labels?[Common.labelKeyCompleted] == "true"
    }
}
