extension JSONValue {
    /// This value with each boolean or number replaced by the string that `typed` holds at the same place: YAML
    /// loaded without its target types (`command: [true]`) given the scalar types of the typed model's encoding
    /// (`["true"]`), as sigs.k8s.io/yaml decodes into a typed object. Keys keep this value's order; places that
    /// `typed` lacks are left as they are.
    public func retypingScalars(like typed: JSONValue?) -> JSONValue {
        switch (self, typed) {
        case (.object(let object), .object(let shape)?):
            var out = JSONObject()
            out.reserveCapacity(object.count)
            for (key, value) in object { out[key] = value.retypingScalars(like: shape[key]) }
            return .object(out)
        case (.array(let items), .array(let shape)?):
            return .array(items.indices.map { items[$0].retypingScalars(like: $0 < shape.count ? shape[$0] : nil) })
        case (.bool, .string(let text)?), (.int, .string(let text)?), (.double, .string(let text)?):
            return .string(text)
        default:
            return self
        }
    }
}
