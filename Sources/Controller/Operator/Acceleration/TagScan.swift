import Templates
import ClusterAPI

/// Accelerates Argo's `template.Replace` (`util/template`), skipped for values without a `{{` tag.
///
/// Whether a Codable value would need substitution: some string or key in it contains `{{`. Walks the value with
/// a minimal `Encoder` that builds nothing and stops at the first tag, so the operator can skip the JSON round
/// trip of `Placeholders.substitute` for the (usual) values without tags. A non-finite number also answers true:
/// only the JSON path knows how to reject it, so such a value takes that path.
enum TagScan {
    static func needsSubstitution<T: Encodable>(_ value: T) -> Bool {
        let state = TagScanState()
        do {
            try value.encode(to: TagScanEncoder(state: state))
            return state.found
        } catch {
            return true
        }
    }

    /// `needsSubstitution` for a DAG task without going through Codable when it only has plain fields (name,
    /// template, dependencies, depends, when, withParam, onExit). `OperatorTagScanTests.theFastTaskCheckKnowsEveryDAGTaskField`
    /// fails when DAGTask gains a field, so that this list is revisited. (A DAGTask is a copy-on-write reference:
    /// passing one by value costs a retain.)
    static func needsSubstitution(task: DAGTask) -> Bool {
        if task.inline != nil || task.arguments != nil || task.templateRef != nil || task.withItems != nil
            || task.withSequence != nil || task.continueOn != nil || task.hooks != nil
        {
            return needsSubstitution(task)
        }
        func tagged(_ text: String?) -> Bool { text.map(hasTag) ?? false }
        if hasTag(task.name) || tagged(task.template) || tagged(task.withParam) || tagged(task.when)
            || tagged(task.onExit) || tagged(task.depends) { return true }
        return task.dependencies?.contains(where: hasTag) ?? false
    }

    /// `needsSubstitution(task:)` for a step: the same plain fields.
    static func needsSubstitution(step: WorkflowStep) -> Bool {
        if step.inline != nil || step.arguments != nil || step.templateRef != nil || step.withItems != nil
            || step.withSequence != nil || step.continueOn != nil || step.hooks != nil
        {
            return needsSubstitution(step)
        }
        func tagged(_ text: String?) -> Bool { text.map(hasTag) ?? false }
        return tagged(step.name) || tagged(step.template) || tagged(step.withParam) || tagged(step.when) || tagged(step.onExit)
    }

    /// `needsSubstitution` for a template, taking its steps and DAG tasks one by one through the fast checks (a
    /// steps or DAG template can hold thousands of them and is scanned on every pass).
    static func needsSubstitution(template t: Template) -> Bool {
        guard t.steps != nil || (t.dag?.tasks.count ?? 0) > 1 else { return needsSubstitution(t) }
        var rest = t
        rest.steps = nil
        rest.dag?.tasks = []
        if needsSubstitution(rest) { return true }
        for group in t.steps ?? [] {
            if group.contains(where: { needsSubstitution(step: $0) }) { return true }
        }
        return t.dag?.tasks.contains(where: { needsSubstitution(task: $0) }) ?? false
    }

    /// `{{` anywhere in the text, checked on UTF-8 bytes.
    @inline(__always)
    static func hasTag(_ s: String) -> Bool {
        var previousBrace = false
        for byte in s.utf8 {
            if byte == UInt8(ascii: "{") {
                if previousBrace { return true }
                previousBrace = true
            } else {
                previousBrace = false
            }
        }
        return false
    }
}

/// Thrown to stop the walk: a tag (or a value only the JSON path can judge) was found.
private struct TagFound: Error {}

/// Where a tag found in a place that cannot throw (the key of a nested container) is recorded.
private final class TagScanState { var found = false }

private struct TagScanEncoder: Encoder {
    let state: TagScanState
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedTagScan<Key>(state: state))
    }
    func unkeyedContainer() -> any UnkeyedEncodingContainer { UnkeyedTagScan(state: state) }
    func singleValueContainer() -> any SingleValueEncodingContainer { SingleTagScan(state: state) }
}

/// Checks one leaf value: strings for tags, non-finite numbers for the JSON path; everything else recursively.
private func scan<T: Encodable>(_ value: T, _ state: TagScanState) throws {
    if let s = value as? String {
        if TagScan.hasTag(s) { throw TagFound() }
        return
    }
    try value.encode(to: TagScanEncoder(state: state))
}

private func scan(_ d: Double) throws { if !d.isFinite { throw TagFound() } }

private struct KeyedTagScan<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let state: TagScanState
    var codingPath: [any CodingKey] { [] }

    private func check(_ key: Key) throws { if TagScan.hasTag(key.stringValue) { throw TagFound() } }

    mutating func encodeNil(forKey key: Key) throws { try check(key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { try check(key) }
    mutating func encode(_ value: String, forKey key: Key) throws {
        try check(key)
        if TagScan.hasTag(value) { throw TagFound() }
    }
    mutating func encode(_ value: Double, forKey key: Key) throws { try check(key); try scan(value, state) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try check(key); try scan(Double(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try check(key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try check(key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try check(key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try check(key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try check(key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try check(key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try check(key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try check(key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try check(key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try check(key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try check(key); try scan(value, state) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey> {
        if TagScan.hasTag(key.stringValue) { state.found = true }
        return KeyedEncodingContainer(KeyedTagScan<NestedKey>(state: state))
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        if TagScan.hasTag(key.stringValue) { state.found = true }
        return UnkeyedTagScan(state: state)
    }
    mutating func superEncoder() -> any Encoder { TagScanEncoder(state: state) }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        if TagScan.hasTag(key.stringValue) { state.found = true }
        return TagScanEncoder(state: state)
    }
}

private struct UnkeyedTagScan: UnkeyedEncodingContainer {
    let state: TagScanState
    var codingPath: [any CodingKey] { [] }
    var count = 0

    mutating func encodeNil() throws { count += 1 }
    mutating func encode(_ value: Bool) throws { count += 1 }
    mutating func encode(_ value: String) throws {
        count += 1
        if TagScan.hasTag(value) { throw TagFound() }
    }
    mutating func encode(_ value: Double) throws { count += 1; try scan(value, state) }
    mutating func encode(_ value: Float) throws { count += 1; try scan(Double(value)) }
    mutating func encode(_ value: Int) throws { count += 1 }
    mutating func encode(_ value: Int8) throws { count += 1 }
    mutating func encode(_ value: Int16) throws { count += 1 }
    mutating func encode(_ value: Int32) throws { count += 1 }
    mutating func encode(_ value: Int64) throws { count += 1 }
    mutating func encode(_ value: UInt) throws { count += 1 }
    mutating func encode(_ value: UInt8) throws { count += 1 }
    mutating func encode(_ value: UInt16) throws { count += 1 }
    mutating func encode(_ value: UInt32) throws { count += 1 }
    mutating func encode(_ value: UInt64) throws { count += 1 }
    mutating func encode<T: Encodable>(_ value: T) throws { count += 1; try scan(value, state) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        count += 1
        return KeyedEncodingContainer(KeyedTagScan<NestedKey>(state: state))
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { count += 1; return UnkeyedTagScan(state: state) }
    mutating func superEncoder() -> any Encoder { TagScanEncoder(state: state) }
}

private struct SingleTagScan: SingleValueEncodingContainer {
    let state: TagScanState
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws {}
    mutating func encode(_ value: Bool) throws {}
    mutating func encode(_ value: String) throws { if TagScan.hasTag(value) { throw TagFound() } }
    mutating func encode(_ value: Double) throws { try scan(value) }
    mutating func encode(_ value: Float) throws { try scan(Double(value)) }
    mutating func encode(_ value: Int) throws {}
    mutating func encode(_ value: Int8) throws {}
    mutating func encode(_ value: Int16) throws {}
    mutating func encode(_ value: Int32) throws {}
    mutating func encode(_ value: Int64) throws {}
    mutating func encode(_ value: UInt) throws {}
    mutating func encode(_ value: UInt8) throws {}
    mutating func encode(_ value: UInt16) throws {}
    mutating func encode(_ value: UInt32) throws {}
    mutating func encode(_ value: UInt64) throws {}
    mutating func encode<T: Encodable>(_ value: T) throws { try scan(value, state) }
}
