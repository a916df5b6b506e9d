import Foundation
import Templates

/// `{{name}}` substitution with a flat scope, as Argo's `common.Replace` does it on a template's JSON text:
/// unknown names stay as they are (a later stage may resolve them), values are JSON-escaped when replaced inside
/// JSON text.
enum Placeholders {
    static func replace(_ text: String, _ scope: [String: String], jsonEscape: Bool = false) -> String {
        guard text.contains("{{") else { return text }
        var out = ""
        out.reserveCapacity(text.count)
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            out += rest[rest.startIndex..<open.lowerBound]
            let after = rest[open.upperBound...]
            guard let close = after.range(of: "}}") else {
                out += rest[open.lowerBound...]
                return out
            }
            let key = after[after.startIndex..<close.lowerBound].trimmingSpaces
            if let value = scope[key] {
                out += jsonEscape ? escape(value) : value
            } else {
                out += rest[open.lowerBound..<close.upperBound]
            }
            rest = after[close.upperBound...]
        }
        out += rest
        return out
    }

    static func escape(_ s: String) -> String {
        let quoted = JSONValue.string(s).compactJSON
        return String(quoted.dropFirst().dropLast())
    }

    /// Substitutes every string inside a Codable value (a template, a step, a task).
    static func substitute<T: Codable>(_ value: T, _ scope: [String: String]) throws -> T {
        let data = try JSONEncoder().encode(value)
        guard let text = String(data: data, encoding: .utf8), text.contains("{{") else { return value }
        let replaced = replace(text, scope, jsonEscape: true)
        if replaced == text { return value }
        return try JSONDecoder().decode(T.self, from: Data(replaced.utf8))
    }

    /// A Codable value as a `JSONValue` (used to put templates into pod manifests).
    static func jsonValue<T: Encodable>(_ value: T) -> JSONValue {
        guard let data = try? JSONEncoder().encode(value),
              let v = try? JSONDecoder().decode(JSONValue.self, from: data) else { return .null }
        return v
    }

    static func parseJSON(_ text: String) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    /// The names still unresolved in a text (`{{inputs.parameters.x}}` → `inputs.parameters.x`).
    static func unresolved(_ text: String, prefix: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            let after = rest[open.upperBound...]
            guard let close = after.range(of: "}}") else { break }
            let key = after[after.startIndex..<close.lowerBound].trimmingSpaces
            if key.hasPrefix(prefix) { names.append(key) }
            rest = after[close.upperBound...]
        }
        return names
    }
}
