import Templates

/// argo-server's `fields` parameter (`util/fields.Cleaner`): comma-separated dotted paths. A leading `-` (once,
/// for the whole list) leaves the named paths out (`-status.nodes,metadata.managedFields`); otherwise only they
/// are kept (`items.metadata.name,items.status.phase`). As argo's cleaner: a key is kept in include mode when a
/// named path is it or starts with its path (as text), and then whole when it is named itself; lists are walked
/// through, their elements cleaned with the list's path.
public struct FieldsFilter: Sendable {
    let exclude: Bool
    let fields: Set<String>

    /// Nil when `text` is empty (everything is kept).
    public init?(_ text: String) {
        guard !text.isEmpty else { return nil }
        var list = Substring(text)
        exclude = list.hasPrefix("-")
        if exclude { list = list.dropFirst() }
        fields = Set(list.split(separator: ",", omittingEmptySubsequences: false).map(String.init))
    }

    init(exclude: Bool, fields: Set<String>) {
        self.exclude = exclude
        self.fields = fields
    }

    /// The same filter with `prefix` taken off each path (`WithoutPrefix`): the watch names its paths from the
    /// message (`result.object.metadata.name`) and cleans the workflow with them.
    public func withoutPrefix(_ prefix: String) -> FieldsFilter {
        FieldsFilter(exclude: exclude, fields: Set(fields.map { $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : $0 }))
    }

    public func apply(_ value: JSONValue) -> JSONValue { clean("", value) }

    private func clean(_ path: String, _ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            var out: JSONObject = [:]
            for (key, child) in object {
                let childPath = path.isEmpty ? key : path + "." + key
                let named = fields.contains(childPath)
                let below = named || fields.contains { $0.hasPrefix(childPath) }
                if exclude ? !named : below { out[key] = named ? child : clean(childPath, child) }
            }
            return .object(out)
        case .array(let items): return .array(items.map { clean(path, $0) })
        default: return value
        }
    }
}
