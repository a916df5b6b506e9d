import Controller

/// `argo lint --kinds`: which kinds of object a lint run lints, spelled as argo spells them (the CRDs' plural
/// and short names, case-sensitive): `workflows`/`wf`, `workflowtemplates`/`wftmpl`,
/// `clusterworkflowtemplates`/`cwftmpl`, `cronworkflows`/`cronwf`. The flag is a pflag string slice: comma lists,
/// repeatable, default `all`. As in argo, a value list that contains `all` anywhere (even inside another word)
/// lints every kind, so does an empty list, and any other unknown name is an error (`unknown kind: NAME`).
enum LintKinds {
    /// Every spelling argo accepts, and the kind (`LintObject.Kind`'s raw value) it names.
    static let names: [(name: String, kind: String)] = [
        ("workflows", "Workflow"), ("wf", "Workflow"),
        ("workflowtemplates", "WorkflowTemplate"), ("wftmpl", "WorkflowTemplate"),
        ("cronworkflows", "CronWorkflow"), ("cronwf", "CronWorkflow"),
        ("clusterworkflowtemplates", "ClusterWorkflowTemplate"), ("cwftmpl", "ClusterWorkflowTemplate"),
    ]

    /// argo's help line: `Which kinds will be linted. Can be: workflows|workflowtemplates|...`.
    static let help = "Which kinds will be linted. Can be: workflows|workflowtemplates|cronworkflows|clusterworkflowtemplates"

    /// The kinds to lint for the flag's values (each occurrence of `--kinds`, each a comma list); nil: all kinds.
    static func parse(_ values: [String]) throws(CLIError) -> Set<String>? {
        let items = values.flatMap { $0.isEmpty ? [] : $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        if items.isEmpty || items.joined(separator: ",").contains("all") { return nil }
        var kinds: Set<String> = []
        for item in items {
            guard let kind = names.first(where: { $0.name == item })?.kind else { throw CLIError("unknown kind: \(item)") }
            kinds.insert(kind)
        }
        return kinds
    }
}
