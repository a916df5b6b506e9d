import Foundation
import Templates
import ClusterAPI

/// Substitution inside the operator, through the shared `Templates.Substitution` (Argo's `util/template`): simple
/// tags and `{{=expr}}` tags. Unknown names and expressions over variables not yet in scope stay as written (Argo
/// substitutes in stages: globals, then inputs, then loop items), as `allowUnresolved` does.
enum Placeholders {
    static func replace(_ text: String, _ scope: [String: String]) throws -> String {
        guard text.contains("{{") else { return text }
        do { return try Substitution.replace(text, scope: scope, allowUnresolved: true) } catch {
            throw OperatorError(error.message)
        }
    }

    /// Substitutes every string inside a Codable value (a template, a step, a task).
    /// Values without a tag come back as they are without the JSON round trip (`TagScan`).
    static func substitute<T: Codable>(_ value: T, _ scope: [String: String]) throws -> T {
        guard TagScan.needsSubstitution(value) else { return value }
        let json = try JSONValue(encoding: value)
        let replaced: JSONValue
        do { replaced = try Substitution.replace(in: json, scope: scope, allowUnresolved: true) } catch {
            throw OperatorError(error.message)
        }
        if replaced == json { return value }
        return try JSONDecoder().decode(T.self, from: Data(replaced.compactJSON.utf8))
    }

    /// `substitute` for a template, taking a DAG's tasks one by one so that tasks without a tag are neither
    /// encoded nor scanned through Codable (a 10,000-task DAG is processed on every pass). The result is the
    /// whole-template result: `Substitution` replaces string by string, and the spec types' JSON round trip is
    /// the identity (pinned by `ExamplesRoundTripTests`). On an error the whole template goes through
    /// `substitute`, so the error reported is the one the whole-template walk meets first.
    static func substituteTemplate(_ tmpl: Template, _ scope: [String: String]) throws -> Template {
        if let steps = tmpl.steps, tmpl.dag == nil { return try substituteSteps(tmpl, steps, scope) }
        guard let dag = tmpl.dag, dag.tasks.count > 1 else { return try substitute(tmpl, scope) }
        do {
            var rest = tmpl
            rest.dag?.tasks = []
            var out = try substitute(rest, scope)
            let tagged = dag.tasks.indices.filter { TagScan.needsSubstitution(task: dag.tasks[$0]) }
            if !tagged.isEmpty {
                var tasks = dag.tasks
                for i in tagged { tasks[i] = try substitute(tasks[i], scope) }
                out.dag?.tasks = tasks
            } else {
                out.dag?.tasks = dag.tasks
            }
            return out
        } catch {
            return try substitute(tmpl, scope)
        }
    }

    /// `substituteTemplate` for a steps template: step by step, only the steps with a tag through Codable.
    static func substituteSteps(_ tmpl: Template, _ steps: [[WorkflowStep]], _ scope: [String: String]) throws -> Template {
        do {
            var rest = tmpl
            rest.steps = []
            var out = try substitute(rest, scope)
            var groups = steps
            for g in groups.indices {
                let tagged = steps[g].indices.filter { TagScan.needsSubstitution(step: steps[g][$0]) }
                for i in tagged { groups[g][i] = try substitute(steps[g][i], scope) }
            }
            out.steps = groups
            return out
        } catch {
            return try substitute(tmpl, scope)
        }
    }

    /// A Codable value as a `JSONValue` (used to put templates into pod manifests).
    static func jsonValue<T: Encodable>(_ value: T) -> JSONValue {
        (try? JSONValue(encoding: value)) ?? .null
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
