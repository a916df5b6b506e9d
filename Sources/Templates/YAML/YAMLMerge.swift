/// Merge keys (`<<: *base` or `<<: [*a, *b]`), applied when a mapping is complete. Keys written explicitly in
/// the mapping win over merged ones wherever they appear; among merged mappings the earlier one in the list
/// wins. Merged entries take the place of the `<<` entry, in their own order.
enum YAMLMerge {
    static func isMergeKey(_ node: YAMLNode) -> Bool {
        guard let s = node.scalar, s.text == "<<" else { return false }
        if let tag = node.tag { return tag == YAMLTag.merge }
        return s.style == .plain
    }

    static func apply(to pairs: [YAMLNode.Pair]) throws(Diagnostic) -> [YAMLNode.Pair] {
        guard pairs.contains(where: { isMergeKey($0.key) }) else { return pairs }
        var explicit = Set<String>()
        for p in pairs where !isMergeKey(p.key) {
            explicit.insert(identity(p.key))
        }
        var taken = explicit
        var out: [YAMLNode.Pair] = []
        out.reserveCapacity(pairs.count)
        for p in pairs {
            guard isMergeKey(p.key) else {
                out.append(p)
                continue
            }
            for source in try sources(p.value) {
                for m in source where !taken.contains(identity(m.key)) {
                    taken.insert(identity(m.key))
                    out.append(m)
                }
            }
        }
        return out
    }

    /// The mappings a `<<` value names, earliest (strongest) first.
    private static func sources(_ value: YAMLNode) throws(Diagnostic) -> [[YAMLNode.Pair]] {
        switch value.content {
        case .mapping(let pairs):
            return [pairs]
        case .sequence(let items):
            var out: [[YAMLNode.Pair]] = []
            for item in items {
                guard let pairs = item.pairs else {
                    throw Diagnostic(
                        "a merge key (<<) list may only hold mappings, found \(item.kindDescription)",
                        at: item.location)
                }
                out.append(pairs)
            }
            return out
        case .scalar:
            throw Diagnostic(
                "a merge key (<<) needs a mapping or a list of mappings, found \(value.kindDescription)",
                at: value.location)
        }
    }

    /// How a key compares with another for merging: its JSON key text, or its position for complex keys.
    private static func identity(_ key: YAMLNode) -> String {
        if let s = (try? YAMLConvert.keyString(key)) { return s }
        return "\u{0}\(key.location.line):\(key.location.column)"
    }
}
