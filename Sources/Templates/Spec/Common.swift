/// The label and annotation names Argo puts on workflows, pods, ConfigMaps and task results, as Argo's
/// `workflow/common/common.go` declares them (same names, lower camel case), and argo-lite's own. Every use in
/// the code goes through here, so `grep LabelKeyWorkflow` in Argo and `labelKeyWorkflow` here meet.
public enum Common {
    /// `workflow.WorkflowFullName`: the prefix of every name below but argo-lite's own.
    public static let workflowFullName = "workflows.argoproj.io"

    // Labels.
    /// On a workflow's pods and task results: the workflow's name.
    public static let labelKeyWorkflow = "workflows.argoproj.io/workflow"
    /// On a workflow and its pods: "true" once the workflow has completed.
    public static let labelKeyCompleted = "workflows.argoproj.io/completed"
    /// On a workflow: its phase.
    public static let labelKeyPhase = "workflows.argoproj.io/phase"
    /// On a workflow: its archiving status.
    public static let labelKeyWorkflowArchivingStatus = "workflows.argoproj.io/workflow-archiving-status"
    /// On a workflow a CronWorkflow started: the CronWorkflow's name.
    public static let labelKeyCronWorkflow = "workflows.argoproj.io/cron-workflow"
    /// On a CronWorkflow: "true" once its stop strategy has completed it.
    public static let labelKeyCronWorkflowCompleted = "workflows.argoproj.io/cron-workflow-completed"
    /// The controller instance that owns an object.
    public static let labelKeyControllerInstanceID = "workflows.argoproj.io/controller-instanceid"
    /// Who created an object (from the requester's identity).
    public static let labelKeyCreator = "workflows.argoproj.io/creator"
    public static let labelKeyCreatorEmail = "workflows.argoproj.io/creator-email"
    public static let labelKeyCreatorPreferredUsername = "workflows.argoproj.io/creator-preferred-username"
    /// On a workflow submitted from a WorkflowTemplate / ClusterWorkflowTemplate: the template's name.
    public static let labelKeyWorkflowTemplate = "workflows.argoproj.io/workflow-template"
    public static let labelKeyClusterWorkflowTemplate = "workflows.argoproj.io/cluster-workflow-template"
    /// On a ConfigMap: what it holds (`Cache` for memoization, `Parameter` for parameters).
    public static let labelKeyConfigMapType = "workflows.argoproj.io/configmap-type"
    /// On a resubmitted workflow: the name of the workflow it was resubmitted from.
    public static let labelKeyPreviousWorkflowName = "workflows.argoproj.io/resubmitted-from-workflow"
    /// On a task result: "true" once the pod's outputs are all in it.
    public static let labelKeyReportOutputsCompleted = "workflows.argoproj.io/report-outputs-completed"

    // Annotations.
    /// On a pod: the ID of the node it runs.
    public static let annotationKeyNodeID = "workflows.argoproj.io/node-id"
    /// On a pod: the name of the node it runs.
    public static let annotationKeyNodeName = "workflows.argoproj.io/node-name"
    /// On a workflow a CronWorkflow started: the time it was scheduled for.
    public static let annotationKeyCronWfScheduledTime = "workflows.argoproj.io/scheduled-time"
    /// On a workflow: the pod name format, `v1` (pod name = node ID) or `v2`.
    public static let annotationKeyPodNameVersion = "workflows.argoproj.io/pod-name-format"
}
