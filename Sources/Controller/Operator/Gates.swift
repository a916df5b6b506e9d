import Templates

/// The `when` gate of steps and DAG tasks. (`depends` is `DependsExpression`, parsed once per DAG plan:
/// `DAGPlan.gates`, evaluated by `evaluateDepends`.)
enum Gates {
    /// Evaluates an already substituted `when` (Argo's `shouldExecute`) with the shared govaluate evaluator.
    static func when(_ text: String) throws -> Bool {
        if text.trimmingSpaces.isEmpty { return true }
        do { return try WhenExpression.evaluate(text) } catch { throw OperatorError(error.message) }
    }
}
