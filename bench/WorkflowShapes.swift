import Foundation

/// Generated workflows (as JSON text) and the matching Makefile, all of no-op tasks.
enum WorkflowShapes {
    static let noop = #"{"name": "t", "container": {"image": "alpine", "command": ["true"]}}"#

    /// A layered DAG: `layers` × `width` tasks; task i of layer l > 0 depends on tasks i and i+1 (mod width)
    /// of layer l-1. Returns task names with their dependencies, in layer order.
    static func layeredGraph(layers: Int, width: Int) -> [(name: String, deps: [String])] {
        var out: [(String, [String])] = []
        for l in 0..<layers {
            for i in 0..<width {
                let deps = l == 0 ? [] : ["L\(l - 1)-\(i)", "L\(l - 1)-\((i + 1) % width)"]
                out.append(("L\(l)-\(i)", deps))
            }
        }
        return out
    }

    static func dag(name: String, tasks: [(name: String, deps: [String])]) -> String {
        let items = tasks.map { t in
            let deps = t.deps.isEmpty ? "" : #", "dependencies": [\#(t.deps.map { "\"\($0)\"" }.joined(separator: ","))]"#
            return #"{"name": "\#(t.name)", "template": "t"\#(deps)}"#
        }
        return """
        {"apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow", "metadata": {"name": "\(name)"},
         "spec": {"entrypoint": "main", "templates": [
          {"name": "main", "dag": {"tasks": [\(items.joined(separator: ","))]}}, \(noop)]}}
        """
    }

    /// A fan-out/fan-in DAG: A → B0..B(n-1) → Z (n + 2 tasks).
    static func fan(n: Int) -> [(name: String, deps: [String])] {
        var tasks: [(String, [String])] = [("A", [])]
        for i in 0..<n { tasks.append(("B\(i)", ["A"])) }
        tasks.append(("Z", (0..<n).map { "B\($0)" }))
        return tasks
    }

    /// A steps template of `count` sequential groups, one `true` step each.
    static func chain(name: String, count: Int) -> String {
        let groups = (0..<count).map { #"[{"name": "s\#($0)", "template": "t"}]"# }
        return """
        {"apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow", "metadata": {"name": "\(name)"},
         "spec": {"entrypoint": "main", "templates": [
          {"name": "main", "steps": [\(groups.joined(separator: ","))]}, \(noop)]}}
        """
    }

    /// The same graph as a Makefile of phony targets whose recipe is `true`; `all` depends on every task.
    static func makefile(tasks: [(name: String, deps: [String])]) -> String {
        var lines = [".PHONY: all \(tasks.map(\.name).joined(separator: " "))", "all: \(tasks.map(\.name).joined(separator: " "))"]
        for t in tasks {
            lines.append("\(t.name):\(t.deps.map { " " + $0 }.joined())")
            lines.append("\t@true")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
