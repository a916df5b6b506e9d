import Templates
import ClusterAPI

extension OperationContext {
    /// Argo's `executeContainer`: a container template's Pod node, and its pod when none exists.
    func executeContainer(_ nodeName: String, _ tmpl: Template, _ holder: TemplateHolder, scope: String,
                          opts: ExecOpts) -> NodeStatus? {
        createWorkflowPod(nodeName, tmpl, holder, scope: scope, kind: .container, opts: opts)
    }

    /// Argo's `executeScript`: as a container, the script's source staged for the main container.
    func executeScript(_ nodeName: String, _ tmpl: Template, _ holder: TemplateHolder, scope: String,
                       opts: ExecOpts) -> NodeStatus? {
        createWorkflowPod(nodeName, tmpl, holder, scope: scope, kind: .script, opts: opts)
    }

    /// Argo's `executeResource`: a pod that runs `argo-lite emissary resource ACTION` on the manifest.
    func executeResource(_ nodeName: String, _ tmpl: Template, _ holder: TemplateHolder, scope: String,
                         opts: ExecOpts) -> NodeStatus? {
        createWorkflowPod(nodeName, tmpl, holder, scope: scope, kind: .resource, opts: opts)
    }

    /// The Pod node (Argo's `initializeExecutableNode`, done by each `execute…` there) and Argo's
    /// `createWorkflowPod`: the pod, when none exists, built from the template's cached `PodPrototype`.
    func createWorkflowPod(_ nodeName: String, _ tmpl: Template, _ holder: TemplateHolder, scope: String,
                           kind: TemplateKind, opts: ExecOpts) -> NodeStatus? {
        var node = self.node(named: nodeName)
        var isNew = false
        if node == nil {
            node = initializeNode(nodeName, type: .pod, templateName: holder.template, templateRef: holder.templateRef,
                                  templateScope: scope, boundaryID: opts.boundaryID, phase: .pending, inputs: tmpl.inputs,
                                  progress: "0/1")
            isNew = true
        }
        guard let current = node, current.phase == .pending else { return node }
        let name = isNew ? podName(ofNew: current) : podName(of: current)
        if snapshot.pods[name] == nil && (isNew || mayCreatePod(named: name, of: current)) {
            // The builder is read only on a miss or for a pod of an unexpected shape (reading it copies it).
            let maker = podTemplateCache.maker(tmpl) {
                let builder = podBuilder
                let parts = builder.parts(template: tmpl, kind: kind)
                return PodPrototype(builder: builder, parts: parts).map { .prototype($0) } ?? .parts(parts)
            }
            switch maker {
            case .prototype(let p):
                actions.append(.createPod(PodToCreate(prototype: p, podName: name, nodeName: nodeName, nodeID: current.id)))
            case .parts(let parts):
                actions.append(.createPod(PodToCreate(podBuilder.build(podName: name, nodeName: nodeName, nodeID: current.id, parts: parts))))
            }
        }
        return current
    }
}

extension OperationContext {
    /// `podName(of:)` for a node this pass just made, from its ID and a `<workflow>-<template>` prefix made once per
    /// template (`NodeNames.podName(prefix:…)`); any case that short cut does not cover takes `podName(of:)`.
    func podName(ofNew node: NodeStatus) -> String {
        let template = node.templateName ?? node.templateRef?.template ?? ""
        if memo.podNamePrefix?.template != template {
            memo.podNamePrefix = (template, NodeNames.podNamePrefix(workflow: wfName, templateName: template))
        }
        if let prefix = memo.podNamePrefix?.prefix,
           let name = NodeNames.podName(prefix: prefix, workflow: wfName, nodeName: node.name, nodeID: node.id)
        {
            return name
        }
        return podName(of: node)
    }
}
