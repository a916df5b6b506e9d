import Templates
import ClusterAPI

extension JSONValue {
    /// Removes a key from an object value (no effect on other values).
    public mutating func objectRemove(_ key: String) {
        guard case .object(var o) = self else { return }
        o.removeValue(forKey: key)
        self = .object(o)
    }
}
