import CYAML

/// Turns libyaml events into `YAMLNode` trees: keeps anchors per document, expands aliases (counting the nodes
/// they add), applies merge keys when a mapping ends, and enforces the depth limit.
struct YAMLTreeBuilder {
    private enum Frame {
        case sequence(items: [YAMLNode], at: SourceLocation, anchor: String?, tag: String?)
        case mapping(pairs: [YAMLNode.Pair], key: YAMLNode?, at: SourceLocation, anchor: String?, tag: String?)
    }

    let file: String?
    let limits: YAML.Limits
    private(set) var documents: [YAMLNode] = []
    private var stack: [Frame] = []
    private var anchors: [String: YAMLNode] = [:]
    private var root: YAMLNode?
    private var nodeCount = 0

    init(file: String?, limits: YAML.Limits) {
        self.file = file
        self.limits = limits
    }

    mutating func handle(_ event: inout yaml_event_t) throws(Diagnostic) {
        let at = SourceLocation(
            file: file, line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            anchors = [:]
            root = nil
            nodeCount = 0
        case YAML_DOCUMENT_END_EVENT:
            documents.append(root ?? YAMLNode(.scalar(YAMLScalar("")), at: at))
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            let text = Self.string(s.value, length: s.length)
            let tag = Self.optionalString(s.tag)
            let node = YAMLNode(.scalar(YAMLScalar(text, style: Self.style(s.style))), at: at, tag: tag)
            try add(node, anchor: Self.optionalString(s.anchor))
        case YAML_ALIAS_EVENT:
            let name = Self.optionalString(event.data.alias.anchor) ?? ""
            guard var target = anchors[name] else {
                throw Diagnostic("unknown anchor '\(name)' referenced", at: at)
            }
            target.location = at
            try add(target, anchor: nil, counted: target.size)
        case YAML_SEQUENCE_START_EVENT:
            let d = event.data.sequence_start
            try push(.sequence(items: [], at: at, anchor: Self.optionalString(d.anchor), tag: Self.optionalString(d.tag)), at: at)
        case YAML_MAPPING_START_EVENT:
            let d = event.data.mapping_start
            try push(
                .mapping(pairs: [], key: nil, at: at, anchor: Self.optionalString(d.anchor), tag: Self.optionalString(d.tag)),
                at: at)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return }
            switch frame {
            case .sequence(let items, let loc, let anchor, let tag):
                try add(YAMLNode(.sequence(items), at: loc, tag: tag), anchor: anchor, counted: 0)
            case .mapping(let pairs, _, let loc, let anchor, let tag):
                let merged = try YAMLMerge.apply(to: pairs)
                try add(YAMLNode(.mapping(merged), at: loc, tag: tag), anchor: anchor, counted: 0)
            }
        default:
            break
        }
    }

    private mutating func push(_ frame: Frame, at: SourceLocation) throws(Diagnostic) {
        guard stack.count < limits.maxDepth else {
            throw Diagnostic(
                "YAML nests deeper than \(limits.maxDepth) levels; flatten the document", at: at)
        }
        try count(1, at: at)
        stack.append(frame)
    }

    private mutating func count(_ n: Int, at: SourceLocation) throws(Diagnostic) {
        nodeCount &+= n
        guard nodeCount <= limits.maxNodes, nodeCount >= 0 else {
            throw Diagnostic(
                "document expands to more than \(limits.maxNodes) nodes (aliases repeating a large anchor?)",
                at: at)
        }
    }

    /// Puts a finished node into its parent (or makes it the document root) and records its anchor.
    private mutating func add(_ node: YAMLNode, anchor: String?, counted: Int = 1) throws(Diagnostic) {
        try count(counted, at: node.location)
        if let anchor { anchors[anchor] = node }
        guard let top = stack.popLast() else {
            root = node
            return
        }
        switch top {
        case .sequence(var items, let loc, let a, let t):
            items.append(node)
            stack.append(.sequence(items: items, at: loc, anchor: a, tag: t))
        case .mapping(var pairs, let key, let loc, let a, let t):
            if let key {
                pairs.append(YAMLNode.Pair(key: key, value: node))
                stack.append(.mapping(pairs: pairs, key: nil, at: loc, anchor: a, tag: t))
            } else {
                stack.append(.mapping(pairs: pairs, key: node, at: loc, anchor: a, tag: t))
            }
        }
    }

    private static func style(_ s: yaml_scalar_style_t) -> YAMLScalar.Style {
        switch s {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }

    private static func string(_ p: UnsafeMutablePointer<yaml_char_t>?, length: Int) -> String {
        guard let p, length > 0 else { return "" }
        return String(decoding: UnsafeBufferPointer(start: p, count: length), as: UTF8.self)
    }

    private static func optionalString(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let p else { return nil }
        return String(cString: p)
    }
}
