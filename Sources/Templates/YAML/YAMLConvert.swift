extension YAMLNode {
    /// The node as untyped JSON, the way sigs.k8s.io/yaml turns YAML into JSON: YAML 1.1 scalar resolution
    /// (see `YAMLResolver`), non-string keys turned into strings (`yes:` is the key "true", `1.0:` is "1"),
    /// key order kept. Duplicate keys are an error, as in Kubernetes' strict decoding.
    public func toJSONValue() throws(Diagnostic) -> JSONValue {
        try YAMLConvert.json(self, path: "")
    }
}

enum YAMLConvert {
    static func json(_ node: YAMLNode, path: String) throws(Diagnostic) -> JSONValue {
        switch node.content {
        case .scalar:
            return try scalarValue(node, path: path)
        case .sequence(let items):
            var out: [JSONValue] = []
            out.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                out.append(try json(item, path: "\(path)[\(i)]"))
            }
            return .array(out)
        case .mapping(let pairs):
            var out = JSONObject(minimumCapacity: pairs.count)
            for p in pairs {
                let key = try keyString(p.key, path: path)
                let childPath = path.isEmpty ? key : path + "." + key
                guard out[key] == nil else {
                    throw Diagnostic("duplicate field \"\(key)\"", path: childPath, at: p.key.location)
                }
                out[key] = try json(p.value, path: childPath)
            }
            return .object(out)
        }
    }

    /// A scalar's meaning: resolved when plain and untagged, a string when quoted or a block, and as the
    /// explicit tag says otherwise (`!!str 1` is "1", `!!float 1` is 1.0, `!!int abc` is an error).
    static func scalarValue(_ node: YAMLNode, path: String = "") throws(Diagnostic) -> JSONValue {
        guard let s = node.scalar else { return .null }
        guard let tag = node.tag, tag != "!" else {
            return s.style == .plain && node.tag == nil ? YAMLResolver.resolvePlain(s.text) : .string(s.text)
        }
        switch tag {
        case YAMLTag.str, YAMLTag.binary, YAMLTag.timestamp:
            return .string(s.text)
        case YAMLTag.int, YAMLTag.float, YAMLTag.bool, YAMLTag.null:
            let resolved = YAMLResolver.resolvePlain(s.text)
            switch (tag, resolved) {
            case (YAMLTag.int, .int), (YAMLTag.float, .double), (YAMLTag.bool, .bool), (YAMLTag.null, .null):
                return resolved
            case (YAMLTag.float, .int(let i)):
                return .double(Double(i))
            default:
                throw Diagnostic(
                    "cannot decode \(YAMLTag.short(resolvedTag(resolved))) `\(s.text)` as a \(YAMLTag.short(tag))",
                    path: path.isEmpty ? nil : path, at: node.location)
            }
        default:
            // Application tags (`!foo`) are not resolvable: the text stays a string.
            return .string(s.text)
        }
    }

    private static func resolvedTag(_ v: JSONValue) -> String {
        switch v {
        case .null: return YAMLTag.null
        case .bool: return YAMLTag.bool
        case .int: return YAMLTag.int
        case .double: return YAMLTag.float
        default: return YAMLTag.str
        }
    }

    /// A mapping key as JSON key text, as sigs.k8s.io/yaml converts it: strings as they are, integers in
    /// decimal, floats as Go's `FormatFloat(f, 'g', -1, 32)`, booleans as `true`/`false`; null and
    /// collection keys are errors.
    static func keyString(_ key: YAMLNode, path: String = "") throws(Diagnostic) -> String {
        guard key.scalar != nil else {
            throw Diagnostic(
                "a mapping key must be a scalar, found \(key.kindDescription)", path: path.isEmpty ? nil : path,
                at: key.location)
        }
        switch try scalarValue(key, path: path) {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .double(let d): return GoFloat.formatG32(d)
        default:
            throw Diagnostic(
                "a mapping key may not be null; quote it if \"\(key.scalar?.text ?? "")\" is meant as text",
                path: path.isEmpty ? nil : path, at: key.location)
        }
    }
}
