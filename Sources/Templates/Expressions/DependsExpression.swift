/// A DAG task's `depends:` (Argo's enhanced depends logic, workflow/common/ancestry.go and dag.go).
///
/// `A.Succeeded && (B.Failed || !C.Skipped)`; a bare task name `A` means
/// `(A.Succeeded || A.Skipped || A.Daemoned)`, plus `|| A.Errored` / `|| A.Failed` when task A has
/// `continueOn.error` / `continueOn.failed`. The legacy `dependencies: [A, B]` is the bare names joined by `&&`.
/// Task names may contain `-` (`should-execute-2.Succeeded`).
public indirect enum DependsExpression: Sendable, Hashable, CustomStringConvertible {
    case task(String)
    case result(String, DependsResult)
    case not(DependsExpression)
    case and(DependsExpression, DependsExpression)
    case or(DependsExpression, DependsExpression)

    /// Parses a `depends:` string. Errors name the position and what was expected.
    public static func parse(_ text: String) throws(Diagnostic) -> DependsExpression {
        try DependsParser.parse(text)
    }

    /// The equivalent of the legacy `dependencies: [A, B]` list (nil when the list is empty).
    public static func fromDependencies(_ names: [String]) -> DependsExpression? {
        guard let first = names.first else { return nil }
        return names.dropFirst().reduce(DependsExpression.task(first)) { .and($0, .task($1)) }
    }

    /// Every task named, in order of first appearance (for lint: unknown tasks and cycles; for the operator: the
    /// tasks a DAG task waits for). Without recursion: `A1 && ... && A10000` is 10,000 deep.
    public var taskNames: [String] {
        var out: [String] = []
        var seen = Set<String>()
        var stack: [DependsExpression] = [self]
        while let e = stack.popLast() {
            switch e {
            case .task(let n), .result(let n, _): if seen.insert(n).inserted { out.append(n) }
            case .not(let x): stack.append(x)
            case .and(let a, let b), .or(let a, let b):
                stack.append(b)
                stack.append(a)
            }
        }
        return out
    }

    /// The tasks whose result is read with `.AnySucceeded` / `.AllFailed` (they are TaskGroups: loops).
    public var itemTaskNames: Set<String> {
        switch self {
        case .task: return []
        case .result(let n, let r): return r == .anySucceeded || r == .allFailed ? [n] : []
        case .not(let x): return x.itemTaskNames
        case .and(let a, let b), .or(let a, let b): return a.itemTaskNames.union(b.itemTaskNames)
        }
    }

    /// Evaluates once every dependency has finished (Argo waits for that before evaluating).
    public func evaluate(using state: (String) -> DependsTaskState) -> Bool {
        evaluate { name, result in
            let s = state(name)
            guard let result else {
                return s.is(.succeeded) || s.is(.skipped) || s.is(.daemoned)
                    || (s.continueOnError && s.is(.errored)) || (s.continueOnFailed && s.is(.failed))
            }
            return s.is(result)
        }
    }

    /// Evaluates with `result(task, nil)` answering a bare task name and `result(task, r)` answering `task.r`
    /// (the operator's DAG gate, Argo's `evaluateDependsLogic`). `&&` and `||` short-circuit left to right; a
    /// chain of one operator (`A1 && ... && A10000`, left-nested as parsed) is walked without recursion.
    public func evaluate(result: (String, DependsResult?) -> Bool) -> Bool {
        switch self {
        case .task(let n): return result(n, nil)
        case .result(let n, let r): return result(n, r)
        case .not(let x): return !x.evaluate(result: result)
        case .and, .or:
            let isAnd: Bool
            if case .and = self { isAnd = true } else { isAnd = false }
            // The left spine of the same operator, deepest (leftmost) operand first.
            var rights: [DependsExpression] = []
            var e = self
            while true {
                if isAnd, case .and(let l, let r) = e { rights.append(r); e = l; continue }
                if !isAnd, case .or(let l, let r) = e { rights.append(r); e = l; continue }
                break
            }
            if e.evaluate(result: result) != isAnd { return !isAnd }
            for operand in rights.reversed() where operand.evaluate(result: result) != isAnd { return !isAnd }
            return isAnd
        }
    }

    /// The text with bare names expanded as Argo's `GetTaskDependencies` writes it.
    public func expanded(continueOn: (String) -> (error: Bool, failed: Bool)) -> String {
        switch self {
        case .task(let n):
            var parts = [DependsResult.succeeded, .skipped, .daemoned].map { "\(n).\($0.rawValue)" }
            let c = continueOn(n)
            if c.error { parts.append("\(n).Errored") }
            if c.failed { parts.append("\(n).Failed") }
            return "(" + parts.joined(separator: " || ") + ")"
        case .result(let n, let r): return "\(n).\(r.rawValue)"
        case .not(let x): return "!" + x.expanded(continueOn: continueOn)
        case .and(let a, let b): return "(\(a.expanded(continueOn: continueOn)) && \(b.expanded(continueOn: continueOn)))"
        case .or(let a, let b): return "(\(a.expanded(continueOn: continueOn)) || \(b.expanded(continueOn: continueOn)))"
        }
    }

    public var description: String {
        switch self {
        case .task(let n): return n
        case .result(let n, let r): return "\(n).\(r.rawValue)"
        case .not(let x): return "!\(x.atom)"
        case .and(let a, let b): return "\(a.atom) && \(b.atom)"
        case .or(let a, let b): return "\(a.atom) || \(b.atom)"
        }
    }

    private var atom: String {
        switch self {
        case .task, .result, .not: return description
        default: return "(\(description))"
        }
    }
}

/// The results a `depends` expression can test.
public enum DependsResult: String, Sendable, Hashable, CaseIterable {
    case succeeded = "Succeeded", failed = "Failed", errored = "Errored", skipped = "Skipped"
    case omitted = "Omitted", daemoned = "Daemoned", anySucceeded = "AnySucceeded", allFailed = "AllFailed"
}

/// What `depends` needs to know about a finished dependency: its node phase (Argo's `NodePhase` names:
/// `Succeeded`, `Failed`, `Error`, `Skipped`, `Omitted`, ...), whether it is a daemon, the phases of its
/// children when it is a TaskGroup (a loop), and the task's own `continueOn` settings.
public struct DependsTaskState: Sendable, Hashable {
    public var phase: String
    public var daemoned: Bool
    public var childPhases: [String]?
    public var continueOnError: Bool
    public var continueOnFailed: Bool

    public init(phase: String, daemoned: Bool = false, childPhases: [String]? = nil, continueOnError: Bool = false,
                continueOnFailed: Bool = false)
    {
        self.phase = phase
        self.daemoned = daemoned
        self.childPhases = childPhases
        self.continueOnError = continueOnError
        self.continueOnFailed = continueOnFailed
    }

    /// Argo's `TaskResults` for this node (dag.go `evaluateDependsLogic`).
    public func `is`(_ r: DependsResult) -> Bool {
        switch r {
        case .succeeded: return phase == "Succeeded"
        case .failed: return phase == "Failed"
        case .errored: return phase == "Error"
        case .skipped: return phase == "Skipped"
        case .omitted: return phase == "Omitted"
        case .daemoned: return daemoned && phase != "Pending"
        case .anySucceeded: return (childPhases ?? []).contains("Succeeded")
        case .allFailed:
            guard let c = childPhases, !c.isEmpty else { return false }
            return c.allSatisfy { $0 == "Failed" }
        }
    }
}
