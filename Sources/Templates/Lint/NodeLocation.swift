/// Where a lint finding's field is in its file: the validator names fields by `FieldPath`, and the document's
/// `YAMLNode` tree (from `ManifestLoader`) knows where every node starts.
extension YAMLNode {
    /// The location of the deepest node on `path` that exists (the document itself when nothing on it does).
    func location(of path: FieldPath) -> SourceLocation {
        var node = self
        for component in path.components {
            switch component {
            case .index(let i):
                guard let item = node[i] else { return node.location }
                node = item
            case .key(let k):
                guard let pair = node.pairs?.first(where: { (try? YAMLConvert.keyString($0.key)) == k }) else {
                    return node.location
                }
                node = pair.value
            }
        }
        return node.location
    }
}
