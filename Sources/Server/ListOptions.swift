import Controller
import Templates

/// `listOptions.*` and `nameFilter` of a list or watch request, and what they select.
/// Field selectors support what Kubernetes supports for custom resources: `metadata.name` and
/// `metadata.namespace`, with `=`, `==` and `!=`.
struct ListOptions: Sendable {
    var labelSelector: LabelSelector?
    var fieldSelector: FieldSelector?
    var limit: Int?
    var continueToken: String
    var resourceVersion: String
    var timeoutSeconds: Int64?
    /// How `metadata.name=` of the field selector matches: Exact (default), Prefix or Contains.
    var nameFilter: String

    static let supportedFields: Set<String> = ["metadata.name", "metadata.namespace"]

    init(_ query: QueryParameters) throws(APIError) {
        let labels = query["listOptions.labelSelector"]
        if labels.isEmpty {
            labelSelector = nil
        } else {
            do {
                labelSelector = try LabelSelector(labels)
            } catch {
                throw .invalid("invalid labelSelector \(QueryParameters.goQuote(labels)): \(error.kubernetesReason.message)")
            }
        }
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
        nameFilter = query["nameFilter"]
        guard ["", "Exact", "Prefix", "Contains"].contains(nameFilter) else {
            throw .invalid("nameFilter \(QueryParameters.goQuote(nameFilter)): use Exact, Prefix or Contains")
        }
    }

    /// Whether an object passes the field selector (the label selector is the store's to apply).
    func matchesFields(_ object: JSONValue) -> Bool {
        guard let fieldSelector else { return true }
        let name = object["metadata"]?["name"]?.stringValue ?? ""
        let namespace = object["metadata"]?["namespace"]?.stringValue ?? ""
        return fieldSelector.requirements.allSatisfy { requirement in
            switch requirement {
            case .equals("metadata.name", let v): return nameMatches(name, v)
            case .notEquals("metadata.name", let v): return !nameMatches(name, v)
            case .equals(_, let v): return namespace == v
            case .notEquals(_, let v): return namespace != v
            }
        }
    }

    private func nameMatches(_ name: String, _ wanted: String) -> Bool {
        switch nameFilter {
        case "Prefix": name.hasPrefix(wanted)
        case "Contains": wanted.isEmpty || name.contains(wanted)
        default: name == wanted
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
