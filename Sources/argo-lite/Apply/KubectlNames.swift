import Controller
import Templates

/// How kubectl names a resource kind in what it prints: `configmap/NAME created`, `configmap "NAME" deleted`,
/// `Error from server (NotFound): configmaps "NAME" not found` (group appended for all but the core group).
extension ResourceKind {
    /// `configmap`, `workflowtemplate.argoproj.io`: lowercase kind, then the group.
    var kubectlSingular: String { group.isEmpty ? kind.lowercased() : "\(kind.lowercased()).\(group)" }

    /// `configmap/NAME`, as `-o name` prints it.
    func kubectlName(_ name: String) -> String { "\(kubectlSingular)/\(name)" }

    /// The API server's NotFound message: `configmaps "NAME" not found`.
    func notFoundMessage(_ name: String) -> String { "\(description) \"\(name)\" not found" }

    /// The kind a `get-object`/kubectl type argument names: a kind, plural or short name kubectl knows (`cm`,
    /// `wftmpl`), or any `kind.group` / `plurals.group` (then both spellings are tried, see `candidates`).
    static func candidates(kubectlType text: String) -> [ResourceKind] {
        if let known = ResourceKind(kubectlType: text) { return [known] }
        guard let dot = text.firstIndex(of: "."), dot != text.startIndex else { return [] }
        let name = String(text[..<dot]).lowercased()
        let group = String(text[text.index(after: dot)...]).lowercased()
        guard !group.isEmpty else { return [] }
        let singular = ResourceKind(group: group, version: "v1", kind: name, plural: ResourceKind.plural(of: name))
        let asPlural = ResourceKind(group: group, version: "v1", kind: name, plural: name)
        return [singular, asPlural]
    }
}

extension ClusterError {
    /// kubectl's `Error from server (Reason): ` prefix and the message. `source`: the file, for
    /// `error when deleting "FILE": `, as kubectl adds it to errors about objects read from files.
    func kubectlText(when action: String? = nil, source: String? = nil) -> String {
        let (reason, text) = self.kubernetesReason
        let when = action.flatMap { a in source.map { "error when \(a) \"\($0)\": " } } ?? ""
        return "Error from server (\(reason)): \(when)\(text)"
    }
}
