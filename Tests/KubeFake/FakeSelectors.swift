import Controller
import Templates

/// Label and field selectors on list and watch. Labels: the full set-based syntax (Controller's `LabelSelector`).
/// Fields: `metadata.name` and `metadata.namespace` on every type, and for pods `status.phase`, `spec.nodeName`,
/// `spec.serviceAccountName`, `spec.restartPolicy`, as kube-apiserver's pod field set; `=`, `==` and `!=`.
extension FakeKubeServer {
    struct FieldRequirement {
        var path: [String]
        var value: String
        var equal: Bool
    }

    static func labelSelector(_ text: String?) throws -> LabelSelector? {
        guard let text, !text.isEmpty else { return nil }
        do { return try LabelSelector(text) } catch {
            throw FakeStatus.badRequest("unable to parse requirement: \(error.kubernetesReason.message)")
        }
    }

    static func fieldSelector(_ text: String?, _ r: FakeResource) throws -> [FieldRequirement] {
        guard let text, !text.isEmpty else { return [] }
        var allowed = ["metadata.name", "metadata.namespace"]
        if r.plural == "pods" { allowed += ["status.phase", "spec.nodeName", "spec.serviceAccountName", "spec.restartPolicy"] }
        var out: [FieldRequirement] = []
        for clause in text.split(separator: ",") {
            let c = String(clause)
            let (field, value, equal): (String, String, Bool)
            if let range = c.range(of: "!=") {
                (field, value, equal) = (String(c[..<range.lowerBound]), String(c[range.upperBound...]), false)
            } else if let range = c.range(of: "==") ?? c.range(of: "=") {
                (field, value, equal) = (String(c[..<range.lowerBound]), String(c[range.upperBound...]), true)
            } else {
                throw FakeStatus.badRequest("invalid selector: '\(text)'; can't understand '\(c)'")
            }
            guard allowed.contains(field) else {
                throw FakeStatus.badRequest(r.isCustom
                    ? "\"\(field)\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\""
                    : "field label not supported: \(field)")
            }
            out.append(FieldRequirement(path: field.split(separator: ".").map(String.init), value: value, equal: equal))
        }
        return out
    }

    static func matches(_ object: JSONValue, _ labels: LabelSelector?, _ fields: [FieldRequirement]) -> Bool {
        if let labels {
            var map: [String: String] = [:]
            for (k, v) in object["metadata"]?["labels"]?.objectValue ?? [:] { map[k] = v.stringValue ?? "" }
            if !labels.matches(map) { return false }
        }
        return fields.allSatisfy { f in
            var v: JSONValue? = object
            for p in f.path { v = v?[p] }
            return ((v?.stringValue ?? "") == f.value) == f.equal
        }
    }
}
