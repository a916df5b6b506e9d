import Templates
import ClusterAPI

/// Accelerates Argo's `executeDAG` / `dagContext`: task lookups by name, `GetTaskDependencies`, the `depends` text
/// that `evaluateDependsLogic` evaluates (parsed once here), node names and IDs.
///
/// What a pass over a DAG template needs that depends only on the template, the DAG node's name and the
/// workflow's name: tasks by name, dependencies resolved to task indices, every task's node name and node ID, and
/// the target tasks. Building it hashes every task and dependency name and makes 10,000 node names and IDs for a
/// 10,000-task DAG; it is kept across passes (`DAGPlans`) so that a pass which changes a few nodes does not pay it.
final class DAGPlan: Sendable {
    let template: Template
    let boundaryName: String
    let workflowName: String
    /// Where each name's task is (the last one of a repeated name).
    let taskIndex: [String: Int]
    /// Task names in order of first appearance.
    let order: [String]
    /// By task index: the names of its dependencies and the index each resolves to (-1 for a task not in the DAG).
    let depNames: [[String]]
    let depIndex: [[Int]]
    /// By task index: the task's node name and node ID.
    let nodeNames: [String]
    let nodeIDs: [String]
    /// `dag.target` (space separated) or every task nothing depends on, sorted.
    let targets: [String]
    /// By task index: whether the task has a tag to substitute (`TagScan.needsSubstitution(task:)`, which reads
    /// only the task).
    let tagged: [Bool]
    /// By task index: its `depends` parsed once with lint's grammar (`DependsExpression`), or the `dependencies`
    /// joined by `&&` when they are not all plain task names; nil for plain `dependencies`, which the gate checks
    /// without an expression. Argo re-evaluates the text every pass; the tree is kept with the plan instead.
    let gates: [DependsGate?]

    init(template: Template, boundaryName: String, workflowName: String) {
        self.template = template
        self.boundaryName = boundaryName
        self.workflowName = workflowName
        let tasks = template.dag?.tasks ?? []
        var taskIndex: [String: Int] = [:]
        var order: [String] = []
        var depNames = [[String]](repeating: [], count: tasks.count)
        var nodeNames: [String] = []
        var nodeIDs: [String] = []
        var tagged: [Bool] = []
        tagged.reserveCapacity(tasks.count)
        var gates: [DependsGate?] = []
        gates.reserveCapacity(tasks.count)
        taskIndex.reserveCapacity(tasks.count)
        nodeNames.reserveCapacity(tasks.count)
        nodeIDs.reserveCapacity(tasks.count)
        // By index: a DAGTask is large, and a DAG can have thousands.
        for i in tasks.indices {
            let name = tasks[i].name
            if taskIndex.updateValue(i, forKey: name) == nil { order.append(name) }
            let deps: [String]
            if let depends = tasks[i].depends, !depends.trimmingSpaces.isEmpty {
                let gate = DependsGate(depends)
                deps = (try? gate.expression.get())?.taskNames ?? []
                gates.append(gate)
            } else {
                deps = tasks[i].dependencies ?? []
                gates.append(deps.allSatisfy(OperationContext.isPlainTaskName)
                    ? nil : DependsGate(deps.joined(separator: " && ")))
            }
            depNames[i] = deps
            let nodeName = NodeNames.dagTask(dag: boundaryName, task: name)
            nodeNames.append(nodeName)
            nodeIDs.append(NodeNames.nodeID(workflow: workflowName, nodeName: nodeName))
            tagged.append(TagScan.needsSubstitution(task: tasks[i]))
        }
        var depIndex = [[Int]](repeating: [], count: tasks.count)
        var hasDependents = [Bool](repeating: false, count: tasks.count)
        // The task each name resolves to, in order of first appearance.
        let orderIndex = order.compactMap { taskIndex[$0] }
        for i in orderIndex {
            depIndex[i] = depNames[i].map { taskIndex[$0] ?? -1 }
            for d in depIndex[i] where d >= 0 { hasDependents[d] = true }
        }
        if let target = template.dag?.target, !target.trimmingSpaces.isEmpty {
            targets = target.split(separator: " ").map(String.init)
        } else {
            var roots: [String] = []
            for (k, name) in order.enumerated() where !hasDependents[orderIndex[k]] { roots.append(name) }
            targets = roots.sorted()
        }
        self.taskIndex = taskIndex
        self.order = order
        self.depNames = depNames
        self.depIndex = depIndex
        self.nodeNames = nodeNames
        self.nodeIDs = nodeIDs
        self.tagged = tagged
        self.gates = gates
    }

    func matches(_ template: Template, boundaryName: String, workflowName: String) -> Bool {
        self.boundaryName == boundaryName && self.workflowName == workflowName && self.template == template
    }
}

/// A DAG task's `depends` text and its parse.
struct DependsGate: Sendable {
    let text: String
    let expression: Result<DependsExpression, Diagnostic>

    init(_ text: String) {
        self.text = text
        expression = Result { () throws(Diagnostic) in try DependsExpression.parse(text) }
    }
}

/// The few most recent DAG plans, shared by every pass. A plan is used only for a template equal to the one it was
/// built from (the same storage, else compared whole), under the same DAG node and workflow names, so a hit is
/// exactly what a fresh build would give.
enum DAGPlans {
    static let capacity = 8
    private static let recent = Locked<[DAGPlan]>([])

    static func plan(for template: Template, boundaryName: String, workflowName: String) -> DAGPlan {
        // Compared outside the lock: a template equal but not of the same storage (the workflow was decoded again)
        // is compared whole.
        let candidates = recent.withLock { $0 }
        if let equal = candidates.last(where: { $0.matches(template, boundaryName: boundaryName, workflowName: workflowName) }) {
            return equal
        }
        let plan = DAGPlan(template: template, boundaryName: boundaryName, workflowName: workflowName)
        recent.withLock { plans in
            if plans.count >= capacity { plans.removeFirst() }
            plans.append(plan)
        }
        return plan
    }
}
