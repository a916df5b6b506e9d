import Foundation
import Testing

@testable import Templates

/// Property names are the JSON keys (synthesized Codable), so listing them pins every field name to Argo's.
private func fieldNames(_ value: Any) -> [String] { Mirror(reflecting: value).children.compactMap(\.label) }

@Suite struct SpecFieldNameTests {
    @Test func nodeStatusEncodesArgosKeys() throws {
        let t = KubeTime(seconds: 1_795_348_800)
        let node = NodeStatus(
            id: "wf-1", name: "wf[0].a", displayName: "a", type: .pod, templateName: "say",
            templateRef: TemplateRef(name: "lib", template: "say"), templateScope: "local/wf", phase: .succeeded,
            boundaryID: "wf", message: "m", startedAt: t, finishedAt: t + 5, estimatedDuration: 5, progress: "1/1",
            resourcesDuration: ["cpu": 1], podIP: "10.0.0.1", daemoned: false, nodeFlag: NodeFlag(retried: true),
            inputs: Inputs(), outputs: Outputs(result: "x"), children: ["c"], outboundNodes: ["o"], hostNodeName: "h",
            memoizationStatus: MemoizationStatus(hit: true, key: "k", cacheName: "c"),
            synchronizationStatus: NodeSynchronizationStatus(waiting: "w"))
        let encoded = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(node))
        #expect(
            keys(encoded) == [
                "id", "name", "displayName", "type", "templateName", "templateRef", "templateScope", "phase",
                "boundaryID", "message", "startedAt", "finishedAt", "estimatedDuration", "progress",
                "resourcesDuration", "podIP", "daemoned", "nodeFlag", "inputs", "outputs", "children", "outboundNodes",
                "hostNodeName", "memoizationStatus", "synchronizationStatus",
            ])
        #expect(encoded["startedAt"] == "2026-11-22T12:00:00Z")
        #expect(encoded["finishedAt"] == "2026-11-22T12:00:05Z")
        #expect(encoded["type"] == "Pod")
        #expect(encoded["phase"] == "Succeeded")
    }

    @Test func unsetFieldsAreOmitted() throws {
        let node = NodeStatus(id: "wf", name: "wf", type: .steps)
        let encoded = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(node))
        #expect(keys(encoded) == ["id", "name", "type"])
        #expect(keys(try jsonValue(JSONEncoder().encode(Template()))) == [])
    }

    @Test func templateHasEveryArgoField() {
        #expect(
            fieldNames(Template()) == [
                "name", "inputs", "outputs", "nodeSelector", "affinity", "metadata", "daemon", "steps", "container",
                "containerSet", "script", "resource", "dag", "suspend", "data", "http", "plugin", "volumes",
                "initContainers", "sidecars", "archiveLocation", "activeDeadlineSeconds", "retryStrategy",
                "parallelism", "failFast", "tolerations", "schedulerName", "priorityClassName", "priority",
                "serviceAccountName", "automountServiceAccountToken", "executor", "hostAliases", "securityContext",
                "podSpecPatch", "metrics", "synchronization", "memoize", "timeout", "annotations", "podResources",
                "resourceClaims",
            ])
    }

    @Test func workflowSpecHasEveryArgoField() {
        #expect(
            fieldNames(WorkflowSpec()) == [
                "templates", "entrypoint", "arguments", "serviceAccountName", "automountServiceAccountToken",
                "executor", "volumes", "volumeClaimTemplates", "parallelism", "artifactRepositoryRef", "suspend",
                "nodeSelector", "affinity", "tolerations", "imagePullSecrets", "hostNetwork", "dnsPolicy", "dnsConfig",
                "onExit", "ttlStrategy", "activeDeadlineSeconds", "priority", "schedulerName", "podGC",
                "podPriorityClassName", "podPriority", "hostAliases", "securityContext", "podSpecPatch",
                "podDisruptionBudget", "metrics", "shutdown", "workflowTemplateRef", "synchronization", "volumeClaimGC",
                "retryStrategy", "podMetadata", "templateDefaults", "archiveLogs", "hooks", "workflowMetadata",
                "artifactGC", "podResources", "resourceClaims", "executorPlugins",
            ])
    }

    @Test func workflowStatusHasEveryArgoField() {
        #expect(
            fieldNames(WorkflowStatus()) == [
                "phase", "startedAt", "finishedAt", "estimatedDuration", "progress", "message", "compressedNodes",
                "nodes", "offloadNodeStatusVersion", "storedTemplates", "persistentVolumeClaims", "outputs",
                "conditions", "resourcesDuration", "storedWorkflowTemplateSpec", "synchronization",
                "artifactRepositoryRef", "artifactGCStatus", "taskResultsCompletionStatus",
            ])
    }

    @Test func containerHasEveryCoreV1Field() {
        #expect(
            fieldNames(Container()) == [
                "name", "image", "command", "args", "workingDir", "ports", "envFrom", "env", "resources",
                "resizePolicy", "restartPolicy", "restartPolicyRules", "volumeMounts", "volumeDevices", "livenessProbe",
                "readinessProbe", "startupProbe", "lifecycle", "terminationMessagePath", "terminationMessagePolicy",
                "imagePullPolicy", "securityContext", "stdin", "stdinOnce", "tty",
            ])
    }

    @Test func stepAndTaskFields() {
        #expect(
            fieldNames(WorkflowStep()) == [
                "name", "template", "inline", "arguments", "templateRef", "withItems", "withParam", "withSequence",
                "when", "continueOn", "onExit", "hooks",
            ])
        #expect(
            fieldNames(DAGTask(name: "t")) == [
                "name", "template", "inline", "arguments", "templateRef", "dependencies", "withItems", "withParam",
                "withSequence", "when", "continueOn", "onExit", "depends", "hooks",
            ])
    }

    @Test func cronWorkflowSpecFields() {
        #expect(
            fieldNames(CronWorkflowSpec(workflowSpec: WorkflowSpec())) == [
                "workflowSpec", "schedule", "concurrencyPolicy", "suspend", "startingDeadlineSeconds",
                "successfulJobsHistoryLimit", "failedJobsHistoryLimit", "timezone", "workflowMetadata", "stopStrategy",
                "schedules", "when",
            ])
    }
}
