import Controller
import Templates

/// `listOptions.*` of a request argo-server hands to Kubernetes as they are (the workflow-events watch, the lists
/// of templates and cron workflows), and what they select. Field selectors support what Kubernetes supports for
/// custom resources: `metadata.name` and `metadata.namespace`, with `=`, `==` and `!=`. (Workflow lists are
/// argo-server's own: `WorkflowListOptions`.)
struct ListOptions: Sendable {
    var labelSelector: LabelSelector?
    var fieldSelector: FieldSelector?
    var limit: Int?
    var continueToken: String
    var resourceVersion: String
    var timeoutSeconds: Int64?

    static let supportedFields: Set<String> = ["metadata.name", "metadata.namespace"]

    init(_ query: QueryParameters) throws(APIError) {
        labelSelector = try Self.labelSelector(query)
        let fields = query["listOptions.fieldSelector"]
        if fields.isEmpty {
            fieldSelector = nil
        } else {
            let selector: FieldSelector
            do {
                selector = try FieldSelector(fields)
            } catch {
                throw .invalid(error.description)
            }
            for requirement in selector.requirements {
                let key: String
                switch requirement {
                case .equals(let k, _), .notEquals(let k, _): key = k
                }
                guard Self.supportedFields.contains(key) else {
                    throw .invalid("\"\(key)\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"")
                }
            }
            fieldSelector = selector
        }
        if let limit = try query.int64("listOptions.limit"), limit > 0 { self.limit = Int(limit) } else { limit = nil }
        continueToken = query["listOptions.continue"]
        resourceVersion = query["listOptions.resourceVersion"]
        timeoutSeconds = try query.int64("listOptions.timeoutSeconds")
    }

    /// `listOptions.labelSelector` in Kubernetes' syntax; nil when empty.
    static func labelSelector(_ query: QueryParameters) throws(APIError) -> LabelSelector? {
        let text = query["listOptions.labelSelector"]
        guard !text.isEmpty else { return nil }
        do {
            return try LabelSelector(text)
        } catch {
            throw .invalid("invalid labelSelector \(QueryParameters.goQuote(text)): \(error.kubernetesReason.message)")
        }
    }

    /// Whether an object passes the field selector (the label selector is the store's to apply).
    func matchesFields(_ object: JSONValue) -> Bool {
        guard let fieldSelector else { return true }
        let name = object["metadata"]?["name"]?.stringValue ?? ""
        let namespace = object["metadata"]?["namespace"]?.stringValue ?? ""
        return fieldSelector.requirements.allSatisfy { requirement in
            switch requirement {
            case .equals("metadata.name", let v): return name == v
            case .notEquals("metadata.name", let v): return name != v
            case .equals(_, let v): return namespace == v
            case .notEquals(_, let v): return namespace != v
            }
        }
    }

    /// One page of `items` (already in order) from `continue` on, and the token for the next page ("" at the end).
    /// The token is the offset of the next item: lists are not snapshots here (see docs/server.md).
    func page(_ items: [JSONValue]) throws(APIError) -> (items: [JSONValue], next: String) {
        var start = 0
        if !continueToken.isEmpty {
            guard let offset = Int(continueToken), offset >= 0 else {
                throw .invalid("continue key is not valid: \(QueryParameters.goQuote(continueToken))")
            }
            start = min(offset, items.count)
        }
        guard let limit, start + limit < items.count else { return (Array(items[start...]), "") }
        return (Array(items[start..<(start + limit)]), String(start + limit))
    }
}
