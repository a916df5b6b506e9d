import Templates
import ClusterAPI

/// Accelerates Argo's `substituteParams` / `ProcessArgs` (templates without `{{` are not substituted).
///
/// Templates (after binding their arguments) already found to have no tag this pass, by name, with the last hit
/// remembered: a fan-out binds the same template thousands of times in a row, and the remembered one answers with
/// one template compare (immediate for copies that share their storage) instead of hashing its name.
struct TagFreeTemplates {
    private var byName: [String: Template] = [:]
    private var last: Template?

    /// Whether an equal template was recorded as tag-free.
    mutating func contains(_ tmpl: Template) -> Bool {
        if let last, last == tmpl { return true }
        guard let name = tmpl.name, let known = byName[name], known == tmpl else { return false }
        last = tmpl
        return true
    }

    /// Records a template found to have no tag.
    mutating func insert(_ tmpl: Template) {
        if let name = tmpl.name { byName[name] = tmpl }
        last = tmpl
    }
}
