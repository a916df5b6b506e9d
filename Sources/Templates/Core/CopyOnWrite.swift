// CopyOnWrite: heap storage for a large value type, shared by its copies until one of them changes it.

/// Holds a value on the heap so the struct that stores it is one reference wide: copying it is a retain, not a
/// copy of every field. Writing through `value` copies the storage first when another copy still shares it, so
/// the holder keeps value semantics. Equality and hashing are the stored value's.
@usableFromInline
struct CopyOnWrite<Value: Sendable>: @unchecked Sendable {
    @usableFromInline
    final class Storage {
        @usableFromInline var value: Value
        @inlinable init(_ value: Value) { self.value = value }
    }

    @usableFromInline var storage: Storage

    @inlinable init(_ value: Value) { storage = Storage(value) }

    @inlinable var value: Value {
        get { storage.value }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.value) }
            yield &storage.value
        }
    }
}

extension CopyOnWrite: Equatable where Value: Equatable {
    /// Copies that still share their storage are equal without comparing (and copying out) every field.
    @inlinable static func == (a: Self, b: Self) -> Bool { a.storage === b.storage || a.storage.value == b.storage.value }
}

extension CopyOnWrite: Hashable where Value: Hashable {
    @inlinable func hash(into hasher: inout Hasher) { hasher.combine(storage.value) }
}
