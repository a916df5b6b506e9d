/// One node of a loaded YAML document: a scalar, a sequence or a mapping, with where it starts in the source.
/// Aliases are already expanded and merge keys (`<<`) already applied, so consumers never see either.
public struct YAMLNode: Sendable, Hashable {
    public enum Content: Sendable, Hashable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        case mapping([Pair])
    }

    /// One `key: value` entry of a mapping, in source order.
    public struct Pair: Sendable, Hashable {
        public var key: YAMLNode
        public var value: YAMLNode
        public init(key: YAMLNode, value: YAMLNode) {
            self.key = key
            self.value = value
        }
    }

    public var content: Content
    public var location: SourceLocation
    /// The explicit tag as libyaml reports it (`tag:yaml.org,2002:str` for `!!str`), nil when there is none.
    public var tag: String?
    /// How many nodes this subtree holds (itself included); bounds alias expansion.
    public internal(set) var size: Int

    public init(_ content: Content, at location: SourceLocation, tag: String? = nil) {
        self.content = content
        self.location = location
        self.tag = tag
        switch content {
        case .scalar: size = 1
        case .sequence(let items): size = items.reduce(1) { $0 &+ $1.size }
        case .mapping(let pairs): size = pairs.reduce(1) { $0 &+ $1.key.size &+ $1.value.size }
        }
    }

    public var scalar: YAMLScalar? { if case .scalar(let s) = content { return s } else { return nil } }
    public var items: [YAMLNode]? { if case .sequence(let a) = content { return a } else { return nil } }
    public var pairs: [Pair]? { if case .mapping(let p) = content { return p } else { return nil } }

    /// The value for a key written as plain text (first match), for tests and quick look-ups.
    public subscript(key: String) -> YAMLNode? {
        pairs?.first(where: { $0.key.scalar?.text == key })?.value
    }

    public subscript(index: Int) -> YAMLNode? {
        guard let a = items, a.indices.contains(index) else { return nil }
        return a[index]
    }

    /// What this node is, for messages: `a mapping`, `a sequence`, or the scalar's text in quotes.
    var kindDescription: String {
        switch content {
        case .mapping: return "a mapping"
        case .sequence: return "a sequence"
        case .scalar(let s):
            if s.isPlainNull && tag == nil { return "null" }
            var out = ""
            JSONValue.writeQuoted(s.text.count > 60 ? String(s.text.prefix(57)) + "..." : s.text, to: &out)
            return out
        }
    }
}

/// A scalar's text exactly as written (after YAML's own unescaping and folding), and how it was written.
public struct YAMLScalar: Sendable, Hashable {
    public enum Style: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public var text: String
    public var style: Style

    public init(_ text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }

    /// A plain scalar that YAML 1.1 reads as null: empty, `~`, `null`, `Null`, `NULL`.
    public var isPlainNull: Bool {
        style == .plain && YAMLResolver.isNullText(text)
    }
}

/// Short forms of the YAML core tags (`!!str` for `tag:yaml.org,2002:str`).
enum YAMLTag {
    static let prefix = "tag:yaml.org,2002:"
    static let str = prefix + "str"
    static let int = prefix + "int"
    static let float = prefix + "float"
    static let bool = prefix + "bool"
    static let null = prefix + "null"
    static let timestamp = prefix + "timestamp"
    static let binary = prefix + "binary"
    static let merge = prefix + "merge"

    static func short(_ tag: String) -> String {
        tag.hasPrefix(prefix) ? "!!" + tag.dropFirst(prefix.count) : tag
    }
}
