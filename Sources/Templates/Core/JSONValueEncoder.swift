import OrderedCollections

extension JSONValue {
    /// The JSON form of any `Encodable` value, built directly (see `JSONValueEncoder`).
    public init(encoding value: some Encodable) throws {
        self = try JSONValueEncoder.encode(value, codingPath: []).json
    }
}

/// An `Encoder` that builds a `JSONValue` directly: no JSON text in between, and object keys in the order the
/// value encodes them (its `CodingKeys` order). Numbers follow the JSON round trip: a `Double` with an integral
/// value becomes an `.int`, as it would after printing and parsing.
struct JSONValueEncoder: Encoder {
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    let slot: JSONSlot

    init(codingPath: [any CodingKey] = [], slot: JSONSlot = JSONSlot()) {
        self.codingPath = codingPath
        self.slot = slot
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        slot.makeObject()
        return KeyedEncodingContainer(KeyedContainer<Key>(codingPath: codingPath, slot: slot))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        slot.makeArray()
        return UnkeyedContainer(codingPath: codingPath, slot: slot)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleValue(codingPath: codingPath, slot: slot) }

    /// The JSON of one encodable value: scalars without building an encoder, the rest through one.
    /// `key`, when given, is appended to `codingPath` for a value that needs an encoder of its own (the array is
    /// built only then).
    static func encode<T: Encodable>(_ value: T, codingPath: [any CodingKey], key: (any CodingKey)? = nil) throws
        -> JSONSlot.Entry
    {
        // Comparing metadata pointers first is much cheaper than the dynamic casts below, which a struct (most
        // values) would fail one by one.
        if T.self == String.self { return .value(.string(unsafeBitCast(value, to: String.self))) }
        if T.self == Bool.self { return .value(.bool(unsafeBitCast(value, to: Bool.self))) }
        if T.self == Int.self { return .value(.int(Int64(unsafeBitCast(value, to: Int.self)))) }
        if T.self == JSONValue.self { return .value(unsafeBitCast(value, to: JSONValue.self)) }
        switch value {
        case let v as any BinaryInteger:
            guard let i = Int64(exactly: v) else { return .value(.double(Double(v))) }
            return .value(.int(i))
        case let v as any BinaryFloatingPoint: return .value(JSONValueEncoder.number(Double(v)))
        default:
            let slot = JSONSlot()
            try value.encode(to: JSONValueEncoder(codingPath: key.map { codingPath + [$0] } ?? codingPath, slot: slot))
            return slot.entry
        }
    }

    static func number(_ v: Double) -> JSONValue {
        if v.rounded() == v, abs(v) < 9.0e15 { return .int(Int64(v)) }
        return .double(v)
    }

    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let codingPath: [any CodingKey]
        let slot: JSONSlot

        mutating func encodeNil(forKey key: Key) throws { slot.object[key.stringValue] = .value(.null) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { slot.object[key.stringValue] = .value(.bool(value)) }
        mutating func encode(_ value: String, forKey key: Key) throws { slot.object[key.stringValue] = .value(.string(value)) }
        mutating func encode(_ value: Int, forKey key: Key) throws { slot.object[key.stringValue] = .value(.int(Int64(value))) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { slot.object[key.stringValue] = .value(.int(value)) }
        mutating func encode(_ value: Double, forKey key: Key) throws {
            slot.object[key.stringValue] = .value(JSONValueEncoder.number(value))
        }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            slot.object[key.stringValue] = try JSONValueEncoder.encode(value, codingPath: codingPath, key: key)
        }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
            if let value { slot.object[key.stringValue] = .value(.string(value)) }
        }
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
            if let value { slot.object[key.stringValue] = .value(.bool(value)) }
        }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
            if let value { slot.object[key.stringValue] = .value(.int(Int64(value))) }
        }
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) }
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
            -> KeyedEncodingContainer<NestedKey>
        {
            let child = JSONSlot()
            child.makeObject()
            slot.object[key.stringValue] = .slot(child)
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(codingPath: codingPath + [key], slot: child))
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let child = JSONSlot()
            child.makeArray()
            slot.object[key.stringValue] = .slot(child)
            return UnkeyedContainer(codingPath: codingPath + [key], slot: child)
        }
        mutating func superEncoder() -> any Encoder { superEncoder(named: "super") }
        mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key.stringValue) }
        private func superEncoder(named name: String) -> any Encoder {
            let child = JSONSlot()
            slot.object[name] = .slot(child)
            return JSONValueEncoder(codingPath: codingPath, slot: child)
        }
    }

    struct UnkeyedContainer: UnkeyedEncodingContainer {
        let codingPath: [any CodingKey]
        let slot: JSONSlot
        var count: Int { slot.array.count }

        mutating func encodeNil() throws { slot.array.append(.value(.null)) }
        mutating func encode(_ value: String) throws { slot.array.append(.value(.string(value))) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            slot.array.append(try JSONValueEncoder.encode(value, codingPath: codingPath))
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let child = JSONSlot()
            child.makeObject()
            slot.array.append(.slot(child))
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(codingPath: codingPath, slot: child))
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let child = JSONSlot()
            child.makeArray()
            slot.array.append(.slot(child))
            return UnkeyedContainer(codingPath: codingPath, slot: child)
        }
        mutating func superEncoder() -> any Encoder {
            let child = JSONSlot()
            slot.array.append(.slot(child))
            return JSONValueEncoder(codingPath: codingPath, slot: child)
        }
    }

    struct SingleValue: SingleValueEncodingContainer {
        let codingPath: [any CodingKey]
        let slot: JSONSlot

        mutating func encodeNil() throws { slot.set(.null) }
        mutating func encode(_ value: Bool) throws { slot.set(.bool(value)) }
        mutating func encode(_ value: String) throws { slot.set(.string(value)) }
        mutating func encode(_ value: Int) throws { slot.set(.int(Int64(value))) }
        mutating func encode(_ value: Int64) throws { slot.set(.int(value)) }
        mutating func encode(_ value: Double) throws { slot.set(JSONValueEncoder.number(value)) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            switch try JSONValueEncoder.encode(value, codingPath: codingPath) {
            case .value(let v): slot.set(v)
            case .slot(let s): slot.adopt(s)
            }
        }
    }
}

/// Where an encoder writes: nothing yet, one value, or an object or array under construction whose members are
/// values or further slots. Scalars are stored inline; only containers allocate.
final class JSONSlot {
    enum Entry {
        case value(JSONValue)
        case slot(JSONSlot)

        var json: JSONValue {
            switch self {
            case .value(let v): return v
            case .slot(let s): return s.json
            }
        }
    }

    private enum Kind { case empty, value, object, array }
    private var kind = Kind.empty
    private var single = JSONValue.null
    var object: OrderedDictionary<String, Entry> = [:]
    var array: [Entry] = []

    func makeObject() { if kind != .object { kind = .object; object = [:] } }
    func makeArray() { if kind != .array { kind = .array; array = [] } }
    func set(_ value: JSONValue) { kind = .value; single = value }

    func adopt(_ other: JSONSlot) {
        kind = other.kind
        single = other.single
        object = other.object
        array = other.array
    }

    /// The slot as an entry of its parent: a plain value when it holds one (no slot kept alive).
    var entry: Entry { kind == .object || kind == .array ? .slot(self) : .value(json) }

    var json: JSONValue {
        switch kind {
        case .empty: return .object([:])
        case .value: return single
        case .object:
            var out = JSONObject(minimumCapacity: object.count)
            for (k, v) in object { out[k] = v.json }
            return .object(out)
        case .array: return .array(array.map(\.json))
        }
    }
}
