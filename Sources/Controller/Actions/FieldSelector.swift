import Templates
import ClusterAPI

/// A Kubernetes field selector (`a=b,c!=d`, `==` allowed), as `--node-field-selector` takes it.
public struct FieldSelector: Sendable {
    public enum Requirement: Sendable { case equals(String, String), notEquals(String, String) }
    public let requirements: [Requirement]
    public let text: String

    public init(_ text: String) throws(ActionError) {
        self.text = text
        var reqs: [Requirement] = []
        for raw in text.split(separator: ",") {
            let clause = String(raw).trimmingSpaces
            if clause.isEmpty { continue }
            if let r = clause.range(of: "!=") {
                reqs.append(.notEquals(String(clause[..<r.lowerBound]), String(clause[r.upperBound...])))
            } else if let r = clause.range(of: "==") ?? clause.range(of: "=") {
                reqs.append(.equals(String(clause[..<r.lowerBound]), String(clause[r.upperBound...])))
            } else {
                throw ActionError("invalid field selector \"\(text)\": expected key=value or key!=value")
            }
        }
        requirements = reqs
    }

    public func matches(_ fields: [String: String]) -> Bool {
        requirements.allSatisfy {
            switch $0 {
            case .equals(let k, let v): return (fields[k] ?? "") == v
            case .notEquals(let k, let v): return (fields[k] ?? "") != v
            }
        }
    }
}
