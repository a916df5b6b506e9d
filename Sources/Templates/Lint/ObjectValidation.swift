/// The per-kind entry points, as the Argo server's lint endpoints call them: Workflows with `Lint: true`,
/// (Cluster)WorkflowTemplates in template mode, CronWorkflows through their Workflow.
extension LintObject {
    func validate(in registry: TemplateRegistry) throws(ValidationFailure) {
        try validateAsArgoDoes(in: registry)
        try checkExpressions()
        try checkImplemented()
    }

    private func validateAsArgoDoes(in registry: TemplateRegistry) throws(ValidationFailure) {
        let nameRef = NodeRef(object: id, path: FieldPath([.key("metadata"), .key("name")]))
        let count = name.utf8.count
        switch kind {
        case .workflow:
            if count > 63 {
                throw ValidationFailure("workflow name \"\(name)\" must not be more than 63 characters long (currently \(count))", at: nameRef)
            }
            try WorkflowValidator(registry: registry, options: .init(lint: true)).validateWorkflow(self)
        case .workflowTemplate, .clusterWorkflowTemplate:
            if count > 63 {
                let what = kind == .workflowTemplate ? "workflow template" : "cluster workflow template"
                throw ValidationFailure("\(what) name \"\(name)\" must not be more than 63 characters long (currently \(count))", at: nameRef)
            }
            let options = WorkflowValidator.Options(
                lint: true, ignoreEntrypoint: spec.str("entrypoint").isEmpty, workflowTemplateValidation: true)
            try WorkflowValidator(registry: registry, options: options).validateWorkflow(self)
        case .cronWorkflow:
            try validateCron(in: registry)
        }
    }

    private func validateCron(in registry: TemplateRegistry) throws(ValidationFailure) {
        let cronSpec = value["spec"] ?? .null
        let specRef = FieldPath([.key("spec")])
        let schedules = cronSpec.list("schedules").map(\.argoString)
        let schedule = cronSpec.str("schedule")
        if !schedules.isEmpty && !schedule.isEmpty {
            throw ValidationFailure("cron workflow cant be configured with both Spec.Schedule and Spec.Schedules",
                                    at: NodeRef(object: id, path: specRef / "schedules"))
        }
        let count = name.utf8.count
        if count > 52 {
            throw ValidationFailure("cron workflow name \"\(name)\" must not be more than 52 characters long (currently \(count))",
                                    at: NodeRef(object: id, path: FieldPath([.key("metadata"), .key("name")])))
        }
        let all = schedules.isEmpty ? [schedule] : schedules
        for (i, s) in all.enumerated() {
            if let e = CronSchedule.error(in: s) {
                let path = schedules.isEmpty ? specRef / "schedule" : specRef / "schedules" / i
                throw ValidationFailure("cron schedule \(s) is malformed: \(e)", at: NodeRef(object: id, path: path))
            }
        }
        let policy = cronSpec.str("concurrencyPolicy")
        if !["Allow", "Forbid", "Replace", ""].contains(policy) {
            throw ValidationFailure("'\(policy)' is not a valid concurrencyPolicy",
                                    at: NodeRef(object: id, path: specRef / "concurrencyPolicy"))
        }
        if let d = cronSpec["startingDeadlineSeconds"]?.intValue, d < 0 {
            throw ValidationFailure("startingDeadlineSeconds must be positive",
                                    at: NodeRef(object: id, path: specRef / "startingDeadlineSeconds"))
        }
        do {
            try WorkflowValidator(registry: registry, options: .init()).validateWorkflow(self)
        } catch {
            throw ValidationFailure("cannot validate Workflow: " + error.message, at: error.at)
        }
    }
}
