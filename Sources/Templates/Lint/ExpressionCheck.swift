/// Syntax checks of the expression languages, beyond what `argo lint` checks (Argo finds these only when the
/// workflow runs): a task's `depends`, a step's or task's `when` (govaluate, checked with its `{{...}}` tags
/// read as placeholders, since their values are known only at run time) and every `{{=...}}` tag (expr-lang).
/// Messages use Argo's run-time wording where it has one, prefixed with the template, step or task as the
/// validator's other messages are.
extension LintObject {
    func checkExpressions() throws(ValidationFailure) {
        let templatesPath = specPath / "templates"
        for (i, template) in spec.list("templates").enumerated() {
            let name = template.str("name")
            let here = templatesPath / i
            for (g, group) in stepGroups(template).enumerated() {
                for (s, step) in group.enumerated() {
                    let stepPath = here / "steps" / g / s
                    try checkWhen(step, prefix: "templates.\(name).steps[\(g)].\(step.str("name"))", at: stepPath)
                }
            }
            for (t, task) in (template.field("dag")?.list("tasks") ?? []).enumerated() {
                let taskPath = here / "dag" / "tasks" / t
                let prefix = "templates.\(name).tasks.\(task.str("name"))"
                let depends = task.str("depends")
                if !depends.isEmpty {
                    do throws(Diagnostic) { _ = try DependsExpression.parse(depends) } catch {
                        throw ValidationFailure("\(prefix) \(error.message)", at: ref(taskPath / "depends"))
                    }
                }
                try checkWhen(task, prefix: prefix, at: taskPath)
            }
        }
        try checkExpressionTags(in: value, at: FieldPath(), depth: 0)
    }

    private func ref(_ path: FieldPath) -> NodeRef { NodeRef(object: id, path: path) }

    /// A steps template's groups; a group is a list of steps, or `{steps: [...]}`.
    private func stepGroups(_ template: JSONValue) -> [[JSONValue]] {
        template.list("steps").map { $0.arrayValue ?? $0.list("steps") }
    }

    private func checkWhen(_ holder: JSONValue, prefix: String, at path: FieldPath) throws(ValidationFailure) {
        let when = holder.str("when")
        guard !when.isEmpty else { return }
        // `{{...}}` tags become a bare word, which govaluate reads as a string, as their values will be.
        let placeholder = (try? Substitution.tags(in: when)).map { tags in
            tags.reduce(when) { $0.replacingFirst("{{" + $1.raw + "}}", with: "x") }
        }
        guard let text = placeholder, let problem = WhenExpression.validate(text) else { return }
        let message = problem.message.replacingFirst("'\(text)'", with: "'\(when)'")
        throw ValidationFailure("\(prefix) \(message)", at: ref(path / "when"))
    }

    /// Every `{{=...}}` in every string of the object must be valid expr-lang.
    private func checkExpressionTags(in v: JSONValue, at path: FieldPath, depth: Int) throws(ValidationFailure) {
        guard depth < 200 else { return }
        switch v {
        case .string(let s) where s.contains("{{="):
            let tags: [TemplateTag]
            do throws(Diagnostic) { tags = try Substitution.tags(in: s) } catch {
                throw ValidationFailure(error.message, at: ref(path))
            }
            for tag in tags where tag.kind == .expression {
                if let problem = ExprProgram.validate(tag.content) {
                    throw ValidationFailure("failed to evaluate expression: \(problem.message)", at: ref(path))
                }
            }
        case .array(let a):
            for (i, e) in a.enumerated() { try checkExpressionTags(in: e, at: path / i, depth: depth + 1) }
        case .object(let o):
            for (k, e) in o { try checkExpressionTags(in: e, at: path / k, depth: depth + 1) }
        default: break
        }
    }
}

extension String {
    /// The string with the first occurrence of `target` replaced.
    fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let r = firstRange(of: target) else { return self }
        var out = self
        out.replaceSubrange(r, with: replacement)
        return out
    }
}
