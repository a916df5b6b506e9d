import Templates

/// The pods of one template within one pass, as a `PodPrototype` (or, for a pod of an unexpected shape, the
/// template's parts): the pods of a fan-out share one template, and encoding it per pod was most of the cost of
/// a pass that creates thousands of pods. Templates are compared whole (`==` is immediate for the same storage,
/// the usual hit), so a hit is always the same template; a few entries per name keep loops over distinct inputs
/// bounded.
struct PodTemplateCache {
    enum Maker {
        case prototype(PodPrototype)
        case parts(PodBuilder.TemplateParts)
    }
    private var entries: [String: [(template: Template, maker: Maker)]] = [:]
    /// The last hit: a fan-out asks for the same template thousands of times in a row.
    private var last: (template: Template, maker: Maker)?
    static let perName = 4

    mutating func maker(_ tmpl: Template, build: () -> Maker) -> Maker {
        if let last, last.template == tmpl { return last.maker }
        let maker = lookUp(tmpl, build: build)
        last = (tmpl, maker)
        return maker
    }

    private mutating func lookUp(_ tmpl: Template, build: () -> Maker) -> Maker {
        let key = tmpl.name ?? ""
        // By index: binding the matching entry would copy its template. (`==` answers at once for copies that
        // share their storage, the usual hit.)
        if let list = entries[key], let i = list.firstIndex(where: { $0.template == tmpl }) { return list[i].maker }
        let maker = build()
        var list = entries[key] ?? []
        if list.count >= PodTemplateCache.perName { list.removeFirst() }
        list.append((tmpl, maker))
        entries[key] = list
        return maker
    }
}

extension OperationContext {
    /// Argo's `executeContainer` / `executeScript` / `executeResource`: a Pod node, and its pod when none exists.
    func executePod(_ nodeName: String, _ tmpl: Template, _ holder: TemplateHolder, scope: String, kind: TemplateKind,
                    opts: ExecOpts) -> NodeStatus? {
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
