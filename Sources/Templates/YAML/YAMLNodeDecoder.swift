/// The `Decoder` for one node. Scalars follow sigs.k8s.io/yaml's target-typed rules: a `String` takes any
/// scalar's text; a `Bool` or number takes a plain scalar as YAML 1.1 resolves it, and a quoted one is a type
/// mismatch (Kubernetes rejects `"3"` for an integer field). A plain null reads as the zero value, as Go does.
struct YAMLNodeDecoder: Decoder, SingleValueDecodingContainer, JSONValueProvidingDecoder {
    let node: YAMLNode
    let path: String
    let codingPath: [any CodingKey]
    let state: YAMLDecodingState
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        let pairs: [YAMLNode.Pair]
        switch node.content {
        case .mapping(let p): pairs = p
        case .scalar where isNull: pairs = []
        default: throw mismatch("a mapping")
        }
        let usage = try state.usage(of: node, pairs: pairs, path: path)
        return KeyedDecodingContainer(YAMLKeyedContainer<Key>(decoder: self, usage: usage))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        switch node.content {
        case .sequence(let items): return YAMLUnkeyedContainer(decoder: self, items: items)
        case .scalar where isNull: return YAMLUnkeyedContainer(decoder: self, items: [])
        default: throw mismatch("a sequence")
        }
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func decodeJSONValue() throws -> JSONValue { try YAMLConvert.json(node, path: path) }

    func child(_ node: YAMLNode, key: any CodingKey, path: String) -> YAMLNodeDecoder {
        YAMLNodeDecoder(node: node, path: path, codingPath: codingPath + [key], state: state)
    }

    // MARK: scalars

    var isNull: Bool {
        guard let s = node.scalar else { return false }
        if let tag = node.tag { return tag == YAMLTag.null && YAMLResolver.isNullText(s.text) }
        return s.isPlainNull
    }

    func mismatch(_ expected: String) -> Diagnostic {
        Diagnostic("expected \(expected), got \(node.kindDescription)", path: path.isEmpty ? nil : path, at: node.location)
    }

    /// The scalar's meaning for a typed (non-string) target; quoted scalars have none.
    private func typedScalar(_ expected: String) throws -> JSONValue {
        guard let s = node.scalar else { throw mismatch(expected) }
        if node.tag == nil && s.style != .plain { throw mismatch(expected) }
        return try YAMLConvert.scalarValue(node, path: path)
    }

    func decodeNil() -> Bool { isNull }

    func decode(_ type: String.Type) throws -> String {
        guard let s = node.scalar else { throw mismatch("a string") }
        if isNull { return "" }
        guard state.stringScalars == .kubernetes, s.style == .plain else { return s.text }
        switch try YAMLConvert.scalarValue(node, path: path) {
        case .int(let i): return String(i)
        case .double(let d): return GoFloat.formatG32(d)
        case .bool(let b): return b ? "true" : "false"
        default: return s.text
        }
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        switch try typedScalar("a boolean") {
        case .bool(let b): return b
        case .null: return false
        default: throw mismatch("a boolean")
        }
    }

    func decodeInteger<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        let value = try typedScalar("an integer")
        switch value {
        case .null: return 0
        case .int(let i):
            guard let v = T(exactly: i) else { throw outOfRange(T.self) }
            return v
        case .double(let d) where d.isFinite && d.rounded() == d:
            guard let v = T(exactly: d) else { throw outOfRange(T.self) }
            return v
        default: throw mismatch("an integer")
        }
    }

    func decodeFloat<T: BinaryFloatingPoint>(_ type: T.Type) throws -> T {
        switch try typedScalar("a number") {
        case .null: return 0
        case .int(let i): return T(i)
        case .double(let d): return T(d)
        default: throw mismatch("a number")
        }
    }

    private func outOfRange<T>(_ type: T.Type) -> Diagnostic {
        Diagnostic(
            "\(node.scalar?.text ?? "value") is out of range for \(T.self)", path: path.isEmpty ? nil : path,
            at: node.location)
    }

    func decode(_ type: Double.Type) throws -> Double { try decodeFloat(type) }
    func decode(_ type: Float.Type) throws -> Float { try decodeFloat(type) }
    func decode(_ type: Int.Type) throws -> Int { try decodeInteger(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decodeInteger(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decodeInteger(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decodeInteger(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decodeInteger(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try decodeInteger(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decodeInteger(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decodeInteger(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decodeInteger(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decodeInteger(type) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type) }

    /// Decodes a value of any type at this node, taking the direct road for JSON values and strings.
    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == JSONValue.self, let v = try decodeJSONValue() as? T { return v }
        if T.self == String.self, let v = try decode(String.self) as? T { return v }
        return try T(from: self)
    }
}
