import Controller
import Foundation
import Templates

/// The options of argo-server's ListWorkflows, read as its `BuildListOptions` reads them: the field selector is
/// argo-server's own (`metadata.name=` matched by `nameFilter`: Exact, Prefix or Contains; `metadata.namespace=`
/// only as the path's namespace; `spec.startedAt>TIME` / `spec.startedAt<TIME`; `ext.showRemainingItemCount=BOOL`),
/// and `listOptions.continue` is the offset of the page.
struct WorkflowListOptions: Sendable {
    var labelSelector: LabelSelector?
    var name = ""
    var nameFilter = ""
    var minStartedAt: Date?
    var maxStartedAt: Date?
    var showRemainingItemCount = false
    var limit = 0
    var offset = 0

    init(_ query: QueryParameters, namespace: String) throws(APIError) {
        labelSelector = try ListOptions.labelSelector(query)
        nameFilter = query["nameFilter"]
        guard ["", "Exact", "Prefix", "Contains"].contains(nameFilter) else {
            throw .invalid("nameFilter \(QueryParameters.goQuote(nameFilter)): use Exact, Prefix or Contains")
        }
        limit = Int(try query.int64("listOptions.limit") ?? 0)
        let token = query["listOptions.continue"].isEmpty ? "0" : query["listOptions.continue"]
        guard let offset = Int(token) else { throw .invalid("listOptions.continue must be int") }
        guard offset >= 0 else { throw .invalid("listOptions.continue must >= 0") }
        self.offset = offset
        for selector in query["listOptions.fieldSelector"].split(separator: ",").map(String.init) where !selector.isEmpty {
            if let value = selector.dropping("metadata.namespace=") {
                guard value == namespace else {
                    throw .invalid("'namespace' query param (\(QueryParameters.goQuote(namespace))) and fieldselector 'metadata.namespace' (\(QueryParameters.goQuote(value))) are both specified and contradict each other")
                }
            } else if let value = selector.dropping("metadata.name=") {
                name = value
            } else if let value = selector.dropping("spec.startedAt>") {
                minStartedAt = try Self.time(value)
            } else if let value = selector.dropping("spec.startedAt<") {
                maxStartedAt = try Self.time(value)
            } else if let value = selector.dropping("ext.showRemainingItemCount=") {
                guard let show = QueryParameters.parseBool(value) else {
                    throw APIError(.internal, "strconv.ParseBool: parsing \(QueryParameters.goQuote(value)): invalid syntax")
                }
                showRemainingItemCount = show
            } else {
                throw .invalid("unsupported requirement \(selector)")
            }
        }
    }

    static func time(_ text: String) throws(APIError) -> Date {
        guard let date = KubeTimeText.parse(text) else {
            throw APIError(.internal, "parsing time \(QueryParameters.goQuote(text)) as RFC3339: cannot parse it")
        }
        return date
    }

    func matches(_ workflow: JSONValue) -> Bool {
        let view = WorkflowView(workflow)
        if !name.isEmpty {
            switch nameFilter {
            case "Prefix": if !view.name.hasPrefix(name) { return false }
            case "Contains": if !view.name.contains(name) { return false }
            default: if view.name != name { return false }
            }
        }
        if let minStartedAt, !(view.startedAt.map { $0 > minStartedAt } ?? false) { return false }
        if let maxStartedAt, !(view.startedAt.map { $0 < maxStartedAt } ?? false) { return false }
        return true
    }

    /// The page from `offset`, the next page's `continue` ("" at the end) and, when asked for, how many remain.
    func page(_ items: [JSONValue]) -> (items: [JSONValue], next: String, remaining: Int?) {
        let start = min(offset, items.count)
        let end = limit > 0 ? min(start + limit, items.count) : items.count
        let remaining = items.count - end
        return (Array(items[start..<end]), remaining > 0 ? String(end) : "", showRemainingItemCount ? remaining : nil)
    }
}

extension String {
    /// The rest after `prefix`, or nil when the string does not start with it.
    func dropping(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}
