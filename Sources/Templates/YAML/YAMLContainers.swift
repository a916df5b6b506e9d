/// Keyed access to a mapping. Every key asked for (decode, decodeIfPresent, contains) is recorded; reading
/// `allKeys` counts as asking for all of them. What is never asked for is reported as an unknown field.
struct YAMLKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: YAMLNodeDecoder
    let usage: YAMLMappingUsage

    var codingPath: [any CodingKey] { decoder.codingPath }

    var allKeys: [Key] {
        usage.allKeysRead = true
        return usage.keys.compactMap { Key(stringValue: $0) }
    }

    func contains(_ key: Key) -> Bool {
        usage.consumed.insert(key.stringValue)
        return usage.index[key.stringValue] != nil
    }

    private func valueDecoder(_ key: Key) -> YAMLNodeDecoder? {
        usage.consumed.insert(key.stringValue)
        guard let i = usage.index[key.stringValue] else { return nil }
        return decoder.child(
            usage.pairs[i].value, key: key, path: YAMLPath.child(decoder.path, key: key.stringValue))
    }

    private func required(_ key: Key) throws -> YAMLNodeDecoder {
        guard let d = valueDecoder(key) else {
            throw Diagnostic(
                "missing required field \"\(key.stringValue)\"", path: decoder.path.isEmpty ? nil : decoder.path,
                at: decoder.node.location)
        }
        return d
    }

    func decodeNil(forKey key: Key) throws -> Bool { valueDecoder(key)?.isNull ?? true }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try required(key).decodeValue(type)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let d = valueDecoder(key), !d.isNull else { return nil }
        return try d.decodeValue(type)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try required(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try required(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder }

    func superDecoder(forKey key: Key) throws -> any Decoder { try required(key) }
}

/// Sequential access to a sequence; element paths are `parent[i]`.
struct YAMLUnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: YAMLNodeDecoder
    let items: [YAMLNode]
    private(set) var currentIndex = 0

    init(decoder: YAMLNodeDecoder, items: [YAMLNode]) {
        self.decoder = decoder
        self.items = items
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private mutating func next() throws -> YAMLNodeDecoder {
        guard !isAtEnd else {
            throw Diagnostic(
                "expected more items in the list", path: decoder.path.isEmpty ? nil : decoder.path,
                at: decoder.node.location)
        }
        let i = currentIndex
        currentIndex += 1
        return decoder.child(items[i], key: IndexKey(i), path: YAMLPath.child(decoder.path, index: i))
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { return false }
        let d = decoder.child(items[currentIndex], key: IndexKey(currentIndex), path: "")
        if d.isNull {
            currentIndex += 1
            return true
        }
        return false
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decodeValue(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }

    mutating func superDecoder() throws -> any Decoder { try next() }
}

/// A sequence position in a coding path.
struct IndexKey: CodingKey {
    let intValue: Int?
    let stringValue: String
    init(_ i: Int) {
        intValue = i
        stringValue = String(i)
    }
    init?(intValue: Int) { self.init(intValue) }
    init?(stringValue: String) { nil }
}
