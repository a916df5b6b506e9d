/// Decodes any `Decodable` from a `YAMLNode` with Kubernetes' rules (sigs.k8s.io/yaml, guided by the target
/// type), reporting errors with file, line, column and the Argo field path (`spec.templates[2].dag`).
public struct YAMLDecoder: Sendable {
    /// How a plain scalar that YAML resolves to a number or boolean reads when a `String` is asked for.
    public enum StringScalars: Sendable {
        /// The text exactly as written: `value: 1.0` is "1.0", `value: yes` is "yes".
        case sourceText
        /// As sigs.k8s.io/yaml converts it before JSON decoding: `1.0` is "1", `yes` is "true", `0x10` is "16".
        /// This is what Argo and `kubectl` do (sigs.k8s.io/yaml `convertToJSONableObject`), so it is the default.
        case kubernetes
    }

    public var file: String?
    public var stringScalars: StringScalars

    public init(file: String? = nil, stringScalars: StringScalars = .kubernetes) {
        self.file = file
        self.stringScalars = stringScalars
    }

    /// The decoded value, and every mapping key the target type never asked for (`unknown field "spec.x"`),
    /// in source order. `lint` and `submit` treat those as errors; other readers may ignore them.
    public struct DecodeResult<T> {
        public var value: T
        public var unknownFields: [Diagnostic]
    }

    public func decode<T: Decodable>(_ type: T.Type, from node: YAMLNode) throws(Diagnostics) -> DecodeResult<T> {
        let state = YAMLDecodingState(stringScalars: stringScalars)
        let decoder = YAMLNodeDecoder(node: node, path: "", codingPath: [], state: state)
        do {
            let value = try decoder.decodeValue(T.self)
            return DecodeResult(value: value, unknownFields: state.unknownFields())
        } catch let d as Diagnostic {
            throw Diagnostics([d])
        } catch let ds as Diagnostics {
            throw ds
        } catch let e as DecodingError {
            throw Diagnostics([YAMLDecodingState.diagnostic(for: e, root: node)])
        } catch {
            throw Diagnostics([Diagnostic("\(error)", at: node.location)])
        }
    }

    /// Decodes the first document of a YAML text.
    public func decode<T: Decodable>(_ type: T.Type, from text: String) throws(Diagnostics) -> DecodeResult<T> {
        let node: YAMLNode
        do {
            node = try YAML.loadFirst(text, file: file)
        } catch {
            throw Diagnostics([error])
        }
        return try decode(type, from: node)
    }
}

extension YAMLDecoder.DecodeResult: Sendable where T: Sendable {}

/// What one decode run shares: which keys of which mappings were asked for.
final class YAMLDecodingState {
    let stringScalars: YAMLDecoder.StringScalars
    private var usages: [String: YAMLMappingUsage] = [:]

    init(stringScalars: YAMLDecoder.StringScalars) { self.stringScalars = stringScalars }

    /// The usage record of the mapping at `path`, made (and checked for duplicate keys) on first use.
    func usage(of node: YAMLNode, pairs: [YAMLNode.Pair], path: String) throws(Diagnostic) -> YAMLMappingUsage {
        if let u = usages[path] { return u }
        let u = try YAMLMappingUsage(pairs: pairs, path: path)
        usages[path] = u
        return u
    }

    func unknownFields() -> [Diagnostic] {
        var out: [Diagnostic] = []
        for u in usages.values where !u.allKeysRead {
            for (i, key) in u.keys.enumerated() where !u.consumed.contains(key) {
                let full = u.path.isEmpty ? key : u.path + "." + key
                out.append(Diagnostic("unknown field \"\(full)\"", path: full, at: u.pairs[i].key.location))
            }
        }
        return out.sorted {
            ($0.location?.line ?? 0, $0.location?.column ?? 0) < ($1.location?.line ?? 0, $1.location?.column ?? 0)
        }
    }

    /// A `DecodingError` thrown by a type's own `init(from:)`, placed at the node its coding path names.
    static func diagnostic(for error: DecodingError, root: YAMLNode) -> Diagnostic {
        let context: DecodingError.Context
        var message: String
        switch error {
        case .typeMismatch(_, let c): context = c; message = c.debugDescription
        case .valueNotFound(_, let c): context = c; message = c.debugDescription
        case .keyNotFound(let key, let c): context = c; message = "missing required field \"\(key.stringValue)\""
        case .dataCorrupted(let c): context = c; message = c.debugDescription
        @unknown default: return Diagnostic("\(error)", at: root.location)
        }
        if message.isEmpty { message = "invalid value" }
        let path = YAMLPath.string(context.codingPath)
        return Diagnostic(message, path: path.isEmpty ? nil : path, at: YAMLPath.locate(context.codingPath, in: root))
    }
}

/// The keys of one mapping, which of them the target type asked for, and where each one is.
final class YAMLMappingUsage {
    let path: String
    let pairs: [YAMLNode.Pair]
    let keys: [String]
    let index: [String: Int]
    var consumed = Set<String>()
    var allKeysRead = false

    init(pairs: [YAMLNode.Pair], path: String) throws(Diagnostic) {
        self.path = path
        self.pairs = pairs
        var keys: [String] = []
        var index: [String: Int] = [:]
        keys.reserveCapacity(pairs.count)
        for (i, p) in pairs.enumerated() {
            let k = try YAMLConvert.keyString(p.key, path: path)
            if index[k] != nil {
                let full = path.isEmpty ? k : path + "." + k
                throw Diagnostic("duplicate field \"\(k)\"", path: full, at: p.key.location)
            }
            index[k] = i
            keys.append(k)
        }
        self.keys = keys
        self.index = index
    }
}

/// Field paths in Argo's form: keys joined by `.`, sequence indices as `[i]`.
enum YAMLPath {
    static func child(_ path: String, key: String) -> String { path.isEmpty ? key : path + "." + key }
    static func child(_ path: String, index: Int) -> String { path + "[\(index)]" }

    static func string(_ codingPath: [any CodingKey]) -> String {
        var out = ""
        for k in codingPath {
            if let i = k.intValue, k.stringValue == String(i) || k.stringValue.hasPrefix("Index") {
                out = child(out, index: i)
            } else {
                out = child(out, key: k.stringValue)
            }
        }
        return out
    }

    /// The location of the deepest node a coding path reaches.
    static func locate(_ codingPath: [any CodingKey], in root: YAMLNode) -> SourceLocation {
        var node = root
        for k in codingPath {
            if let items = node.items, let i = k.intValue, items.indices.contains(i) {
                node = items[i]
            } else if let pairs = node.pairs,
                let p = pairs.first(where: { (try? YAMLConvert.keyString($0.key)) == k.stringValue })
            {
                node = p.value
            } else {
                break
            }
        }
        return node.location
    }
}
