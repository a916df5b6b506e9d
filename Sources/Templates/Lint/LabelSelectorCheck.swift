/// Kubernetes' checks of a `metav1.LabelSelector` (`LabelSelectorAsSelector`), in its words: what Argo's
/// validation reports after `podGC.labelSelector invalid: `.
extension WorkflowValidator {
    /// nil when `selector` is absent or valid.
    static func labelSelectorProblem(_ selector: JSONValue?) -> String? {
        guard let selector else { return nil }
        guard case .object = selector else { return "a label selector must be an object" }
        for expression in selector["matchExpressions"]?.arrayValue ?? [] {
            let op = expression["operator"]?.stringValue ?? ""
            let values = expression["values"]?.arrayValue ?? []
            switch op {
            case "In", "NotIn":
                if values.isEmpty { return "for 'in', 'notin' operators, values set can't be empty" }
            case "Exists", "DoesNotExist":
                if !values.isEmpty { return "values set must be empty for exists and does not exist" }
            default:
                return "\"\(op)\" is not a valid label selector operator"
            }
        }
        return nil
    }
}
