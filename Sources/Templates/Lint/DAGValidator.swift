/// Argo's `validateDAG`: task names, dependencies (`dependencies` and `depends`), topological order,
/// ancestry of references, targets.

/// One reference in a `depends` expression: `task` or `task.Result`.
struct DependsReference: Equatable {
    var task: String
    var result: String?
}

/// The task references of a `depends` expression (Argo matches them with a regular expression: names of
/// `[a-zA-Z0-9_-]` characters, optionally followed by `.Result`).
func dependsReferences(_ depends: String) -> [DependsReference] {
    var refs: [DependsReference] = []
    let chars = Array(depends)
    func isNameChar(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "-") }
    var i = 0
    while i < chars.count {
        guard isNameChar(chars[i]) else { i += 1; continue }
        var j = i
        while j < chars.count && isNameChar(chars[j]) { j += 1 }
        let task = String(chars[i..<j])
        var result: String? = nil
        if j < chars.count && chars[j] == "." {
            var k = j + 1
            while k < chars.count && chars[k].isASCII && chars[k].isLetter { k += 1 }
            if k > j + 1 { result = String(chars[(j + 1)..<k]) }
            j = k
        }
        refs.append(DependsReference(task: task, result: result))
        i = j
    }
    return refs
}

private let taskResults: Set<String> = [
    "Succeeded", "Failed", "Skipped", "Omitted", "Errored", "Daemoned", "AnySucceeded", "AllFailed",
]

extension WorkflowValidator {
    /// The tasks a task depends on, in order of first mention, each flagged when an items-based result is used.
    func taskDependencies(_ task: JSONValue) -> [(name: String, items: Bool)] {
        var out: [(name: String, items: Bool)] = []
        func add(_ n: String, _ items: Bool) {
            if let k = out.firstIndex(where: { $0.name == n }) { out[k].items = out[k].items || items } else { out.append((n, items)) }
        }
        let depends = task.str("depends")
        if !depends.isEmpty {
            for r in dependsReferences(depends) { add(r.task, r.result == "AnySucceeded" || r.result == "AllFailed") }
        } else {
            for d in task.list("dependencies") { add(d.argoString, false) }
        }
        return out
    }

    func validateDAG(_ t: ResolvedTemplate, scope: inout VariableScope) throws(ValidationFailure) {
        try validateNonLeaf(t)
        let name = t.name
        let dag = t.value.field("dag") ?? .null
        let tasksRef = NodeRef(object: t.ref.object, path: t.ref.path / "dag" / "tasks")
        let tasks = dag.list("tasks")
        if tasks.isEmpty { throw ValidationFailure("templates.\(name) must have at least one task", at: t.path("dag")) }
        let usingDepends = tasks.contains { !$0.str("depends").isEmpty }
        var byName: [String: (index: Int, task: JSONValue)] = [:]
        for (i, task) in tasks.enumerated() { byName[task.str("name")] = (i, task) }
        func taskRef(_ i: Int) -> NodeRef { NodeRef(object: tasksRef.object, path: tasksRef.path / i) }
        let deps = tasks.map { taskDependencies($0) }

        // Argo sorts the tasks topologically first; its errors come before any other DAG check.
        let order = try wrapping("templates.\(name) sorting failed:") { () throws(ValidationFailure) in
            try topologicalOrder(tasks, deps: deps, at: tasksRef)
        }
        do { try validateFieldNames(tasks, kind: .workflowField, at: tasksRef) } catch {
            throw joined("templates.\(name).tasks", error)
        }

        var resolved: [String: ResolvedTemplate?] = [:]
        for i in order {
            let task = tasks[i], taskName = task.str("name"), ref = taskRef(i)
            let prefix = "templates.\(name).tasks.\(taskName)"
            if (usingDepends || !task.list("dependencies").isEmpty), let c = taskName.first, c.isASCII, c.isNumber {
                throw ValidationFailure("\(prefix) name cannot begin with a digit when using either 'depends' or 'dependencies'",
                                        at: NodeRef(object: ref.object, path: ref.path / "name"))
            }
            if usingDepends && !task.list("dependencies").isEmpty {
                throw ValidationFailure("templates.\(name) cannot use both 'depends' and 'dependencies' in the same DAG template",
                                        at: NodeRef(object: ref.object, path: ref.path / "dependencies"))
            }
            if usingDepends && task.has("continueOn") {
                throw ValidationFailure("templates.\(name) cannot use 'continueOn' when using 'depends'. Instead use 'dep-task.Failed'/'dep-task.Errored'",
                                        at: NodeRef(object: ref.object, path: ref.path / "continueOn"))
            }
            let holder = TemplateHolder(step: task, at: ref)
            let r = try wrapping(prefix) { () throws(ValidationFailure) in try validateTemplateHolder(holder, base: t.base, args: .fake) }
            resolved[taskName] = r
            let aggregate = !task.list("withItems").isEmpty || !task.str("withParam").isEmpty
            addOutputs(of: r, prefix: "tasks.\(taskName)", to: &scope, aggregate: aggregate)

            let dependsRef = NodeRef(object: ref.object, path: ref.path / "depends")
            for d in dependsReferences(task.str("depends")) {
                if let result = d.result, !taskResults.contains(result) {
                    throw ValidationFailure("\(prefix) task result '\(result)' for task '\(d.task)' is invalid", at: dependsRef)
                }
            }
            for d in deps[i] {
                guard let dep = byName[d.name] else {
                    throw ValidationFailure("\(prefix) dependency '\(d.name)' not defined", at: dependsRef)
                }
                if d.items && dep.task.list("withItems").isEmpty && dep.task.str("withParam").isEmpty && !dep.task.has("withSequence") {
                    throw ValidationFailure("\(prefix) dependency '\(d.name)' uses an items-based condition such as .AnySucceeded or .AllFailed but does not contain any items", at: dependsRef)
                }
            }
        }

        let target = dag.str("target")
        try wrapping("templates.\(name).targets") { () throws(ValidationFailure) in
            try scope.resolveAll(in: .string(target), globals: globals,
                                 workflowTemplateValidation: options.workflowTemplateValidation,
                                 at: NodeRef(object: t.ref.object, path: t.ref.path / "dag" / "target"))
        }
        if !target.isEmpty {
            for targetName in target.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            where !isParameterReference(targetName) && byName[targetName] == nil {
                throw ValidationFailure("templates.\(name).targets: target '\(targetName)' is not defined",
                                        at: NodeRef(object: t.ref.object, path: t.ref.path / "dag" / "target"))
            }
        }

        for i in order {
            let task = tasks[i], taskName = task.str("name"), ref = taskRef(i)
            let prefix = "templates.\(name).tasks.\(taskName)"
            let r = resolved[taskName] ?? nil
            if task.has("hooks") { scope.insert("tasks.\(taskName).status") }
            addOutputs(of: r, prefix: "tasks.\(taskName)", to: &scope)
            var taskScope = scope
            let ancestry = ancestors(of: taskName, byName: byName, deps: deps)
            for a in ancestry {
                guard let at = byName[a] else { continue }
                let aggregate = !at.task.list("withItems").isEmpty || !at.task.str("withParam").isEmpty
                addOutputs(of: resolved[a] ?? nil, prefix: "tasks.\(a)", to: &taskScope, aggregate: aggregate, isAncestor: true)
            }
            for p in task.field("inline")?.field("inputs")?.list("parameters") ?? [] {
                taskScope.insert("inputs.parameters.\(p.str("name"))")
            }
            try wrapping(prefix) { () throws(ValidationFailure) in
                try addItems(of: task, to: &taskScope, at: ref)
                try taskScope.resolveAll(in: task, globals: globals,
                                         workflowTemplateValidation: options.workflowTemplateValidation, at: ref)
            }
            let argsRef = NodeRef(object: ref.object, path: ref.path / "arguments")
            try validateArguments(prefix: prefix + ".arguments.", task.field("arguments"), allowEmptyValues: false, at: argsRef)
            try wrapping(prefix) { () throws(ValidationFailure) in
                try validateArgumentDependencies(task.field("arguments"), ancestry: Set(ancestry), at: argsRef)
                try validateTemplateHolder(TemplateHolder(step: task, at: ref), base: t.base, args: .given(task.field("arguments")))
            }
        }
    }

    /// Kahn's algorithm over the tasks, with the errors of Argo's `sorting.TopologicalSorting`.
    private func topologicalOrder(
        _ tasks: [JSONValue], deps: [[(name: String, items: Bool)]], at ref: NodeRef
    ) throws(ValidationFailure) -> [Int] {
        var index: [String: Int] = [:]
        for (i, t) in tasks.enumerated() {
            let n = t.str("name")
            if index[n] != nil {
                throw ValidationFailure("duplicated nodeName \(n)", at: NodeRef(object: ref.object, path: ref.path / i / "name"))
            }
            index[n] = i
        }
        var pending = deps.map(\.count)
        var next = Array(repeating: [Int](), count: tasks.count)
        for (i, ds) in deps.enumerated() {
            for d in ds {
                guard let j = index[d.name] else {
                    throw ValidationFailure("invalid dependency \(d.name)", at: NodeRef(object: ref.object, path: ref.path / i))
                }
                next[j].append(i)
            }
        }
        var queue = pending.indices.filter { pending[$0] == 0 }
        var head = 0
        while head < queue.count {
            for n in next[queue[head]] {
                pending[n] -= 1
                if pending[n] == 0 { queue.append(n) }
            }
            head += 1
        }
        if queue.count < tasks.count {
            let stuck = pending.indices.first { pending[$0] > 0 } ?? 0
            throw ValidationFailure("graph with cycle", at: NodeRef(object: ref.object, path: ref.path / stuck))
        }
        return queue
    }

    /// Every task `name` depends on, directly or not (Argo's `GetTaskAncestry`).
    private func ancestors(
        of name: String, byName: [String: (index: Int, task: JSONValue)], deps: [[(name: String, items: Bool)]]
    ) -> [String] {
        var seen: Set<String> = [], out: [String] = []
        var stack = [name]
        while let cur = stack.popLast() {
            guard let i = byName[cur]?.index else { continue }
            for d in deps[i] where seen.insert(d.name).inserted {
                out.append(d.name)
                stack.append(d.name)
            }
        }
        return out
    }

    /// Argo's `validateDAGTaskArgumentDependency`: a value starting with `{{tasks.X` needs X among the ancestors.
    private func validateArgumentDependencies(
        _ arguments: JSONValue?, ancestry: Set<String>, at ref: NodeRef
    ) throws(ValidationFailure) {
        for (i, p) in (arguments?.list("parameters") ?? []).enumerated() {
            let v = p.field("value")?.argoString ?? ""
            guard v.hasPrefix("{{tasks.") else { continue }
            let task = v.split(separator: ".", omittingEmptySubsequences: false).dropFirst().first.map(String.init) ?? ""
            if !ancestry.contains(task) {
                throw ValidationFailure("missing dependency '\(task)' for parameter '\(p.str("name"))'",
                                        at: NodeRef(object: ref.object, path: ref.path / "parameters" / i / "value"))
            }
        }
        for (i, a) in (arguments?.list("artifacts") ?? []).enumerated() {
            let from = a.str("from")
            guard from.hasPrefix("{{tasks.") else { continue }
            let task = from.split(separator: ".", omittingEmptySubsequences: false).dropFirst().first.map(String.init) ?? ""
            if !ancestry.contains(task) {
                throw ValidationFailure("missing dependency '\(task)' for artifact '\(a.str("name"))'",
                                        at: NodeRef(object: ref.object, path: ref.path / "artifacts" / i / "from"))
            }
        }
    }
}
