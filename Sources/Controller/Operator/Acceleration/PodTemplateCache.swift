import Templates
import ClusterAPI

/// Accelerates Argo's `createWorkflowPod` (`workflowpod.go`), which builds every pod from its template: the pods
/// of one template within one pass, as a `PodPrototype` (or, for a pod of an unexpected shape, the
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
