import Foundation
import Templates

/// A Kubernetes label selector in its string form (`a=b,c!=d,e in (x,y),!f,g`), parsed once.
public struct LabelSelector: Sendable, Hashable, CustomStringConvertible {
    public enum Requirement: Sendable, Hashable {
        case equals(String, String)
        case notEquals(String, String)
        case isIn(String, Set<String>)
        case notIn(String, Set<String>)
        case exists(String)
        case doesNotExist(String)
    }

    public var requirements: [Requirement]
    public let description: String

    public init(_ text: String) throws(ClusterError) {
        description = text
        requirements = try LabelSelector.parse(text)
    }

    /// A selector of these requirements, described in the string form.
    public init(requirements: [Requirement]) {
        self.requirements = requirements
        description = requirements.map { r in
            switch r {
            case .equals(let k, let v): "\(k)=\(v)"
            case .notEquals(let k, let v): "\(k)!=\(v)"
            case .isIn(let k, let vs): "\(k) in (\(vs.sorted().joined(separator: ",")))"
            case .notIn(let k, let vs): "\(k) notin (\(vs.sorted().joined(separator: ",")))"
            case .exists(let k): k
            case .doesNotExist(let k): "!\(k)"
            }
        }.joined(separator: ",")
    }

    public func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { r in
            switch r {
            case .equals(let k, let v): return labels[k] == v
            case .notEquals(let k, let v): return labels[k] != v
            case .isIn(let k, let vs): return labels[k].map(vs.contains) ?? false
            case .notIn(let k, let vs): return !(labels[k].map(vs.contains) ?? false)
            case .exists(let k): return labels[k] != nil
            case .doesNotExist(let k): return labels[k] == nil
            }
        }
    }

    static func parse(_ text: String) throws(ClusterError) -> [Requirement] {
        var out: [Requirement] = []
        for clause in splitTopLevel(text) {
            let c = clause.trimmingSpaces
            if c.isEmpty { continue }
            if let r = c.range(of: " notin ") ?? c.range(of: " in ") {
                let key = String(c[..<r.lowerBound]).trimmingSpaces
                let values = String(c[r.upperBound...]).trimmingSpaces
                guard values.hasPrefix("("), values.hasSuffix(")") else {
                    throw .invalid("label selector \"\(text)\": expected (v1,v2) after \(key)")
                }
                let set = Set(values.dropFirst().dropLast().split(separator: ",").map { $0.trimmingSpaces })
                out.append(c[r].contains("notin") ? .notIn(key, set) : .isIn(key, set))
            } else if let r = c.range(of: "!=") {
                out.append(.notEquals(String(c[..<r.lowerBound]).trimmingSpaces, String(c[r.upperBound...]).trimmingSpaces))
            } else if let r = c.range(of: "==") ?? c.range(of: "=") {
                out.append(.equals(String(c[..<r.lowerBound]).trimmingSpaces, String(c[r.upperBound...]).trimmingSpaces))
            } else if c.hasPrefix("!") {
                out.append(.doesNotExist(String(c.dropFirst()).trimmingSpaces))
            } else {
                out.append(.exists(c))
            }
        }
        return out
    }

    /// Splits on commas that are not inside parentheses.
    static func splitTopLevel(_ text: String) -> [String] {
        var parts: [String] = []
        var depth = 0
        var current = ""
        for ch in text {
            if ch == "(" { depth += 1 } else if ch == ")" { depth -= 1 }
            if ch == "," && depth == 0 {
                parts.append(current)
                current = ""
            } else {
                current.append(ch)
            }
        }
        parts.append(current)
        return parts
    }
}
