import Testing
@testable import Templates

/// A field argo-lite parses but does not run, and where lint must refuse it.
struct RefusedField: CustomTestStringConvertible, Sendable {
    /// The field as the message names it.
    var field: String
    /// The workflow spec that uses it (its `templates` too).
    var spec: String
    /// Where the finding points (`LintFinding.path`), when it is not the field with `templates.main` read as
    /// `spec.templates[0]`.
    var at: String?
    /// What the message says after `FIELD is not implemented yet in argo-lite: `.
    var rest: String
    var kind = "Workflow"
    var testDescription: String { field }
    var path: String { at ?? (field.hasPrefix("spec.") ? field : "spec.templates[0]" + field.dropFirst("templates.main".count)) }
}

private let main = "templates: [{name: main, container: {image: alpine, command: [sh, -c, 'true']}}]"
private let sync = "no mutex or semaphore would be taken; remove it (what it guards would then run at the same time)"
private let artifacts = "artifacts are read from and written to the local repository only; pass the artifact from a step's outputs, or give its content as raw.data"
private let probe = "the probe would not run, nor stop the container when it fails; remove it"

/// A template `main` with `fields` beside a container that runs `true`.
private func tmpl(_ fields: String, container extra: String = "") -> String {
    "templates: [{name: main, \(fields)container: {image: alpine, command: [sh, -c, 'true']\(extra)}}]"
}

let refusedFields: [RefusedField] = [
    RefusedField(field: "spec.synchronization", spec: "synchronization: {mutex: {name: m}}\n\(main)",
                 rest: sync),
    RefusedField(field: "spec.templateDefaults", spec: "templateDefaults: {activeDeadlineSeconds: 5}\n\(main)",
                 rest: "its defaults would not be applied to the templates; copy its fields into the templates that need them, and remove it"),
    RefusedField(field: "spec.volumeClaimTemplates", spec: "volumeClaimTemplates: [{metadata: {name: w}, spec: {}}]\n\(main)",
                 rest: "no volume would be made for the claims; use a persistentVolumeClaim volume (a folder of the state directory) or an emptyDir"),
    RefusedField(field: "spec.hooks", spec: "hooks: {exit: {template: main}}\n\(main)",
                 rest: "lifecycle hooks of the workflow would not run; use spec.onExit for an exit handler, or remove it"),
    RefusedField(field: "spec.hostAliases", spec: "hostAliases: [{ip: 10.0.0.1, hostnames: [a]}]\n\(main)",
                 rest: "pods use the host's /etc/hosts; remove it, or add the names to the host's /etc/hosts"),
    RefusedField(field: "spec.volumes[0].nfs", spec: "volumes: [{name: v, nfs: {server: s, path: /}}]\n\(main)",
                 rest: "the volume v would be an empty folder; use an emptyDir, hostPath, configMap, secret or persistentVolumeClaim volume"),
    RefusedField(field: "spec.workflowSpec.synchronization",
                 spec: "schedule: '* * * * *'\nworkflowSpec:\n  entrypoint: main\n  synchronization: {mutex: {name: m}}\n  \(main)",
                 rest: sync, kind: "CronWorkflow"),
    RefusedField(field: "templates.main.synchronization", spec: tmpl("synchronization: {mutex: {name: m}}, "),
                 rest: sync),
    RefusedField(field: "templates.main.daemon", spec: tmpl("daemon: true, "),
                 rest: "the pod would run as an ordinary step, which the next steps wait for; remove daemon: true"),
    RefusedField(field: "templates.main.timeout", spec: tmpl("timeout: 10s, "),
                 rest: "the template would not be stopped at its timeout; use activeDeadlineSeconds, which argo-lite enforces"),
    RefusedField(field: "templates.main.http", spec: "templates: [{name: main, http: {url: 'http://127.0.0.1/'}}]",
                 rest: "HTTP templates are not run; make the request from a container template (curl), or remove it"),
    RefusedField(field: "templates.main.plugin", spec: "templates: [{name: main, plugin: {hello: {}}}]",
                 rest: "executor plugins are not run; remove it"),
    RefusedField(field: "templates.main.hostAliases", spec: tmpl("hostAliases: [{ip: 10.0.0.1, hostnames: [a]}], "),
                 rest: "pods use the host's /etc/hosts; remove it, or add the names to the host's /etc/hosts"),
    RefusedField(field: "templates.main.volumes[0].projected", spec: tmpl("volumes: [{name: p, projected: {sources: []}}], "),
                 rest: "the volume p would be an empty folder; use an emptyDir, hostPath, configMap, secret or persistentVolumeClaim volume"),
    RefusedField(field: "templates.main.container.lifecycle", spec: tmpl("", container: ", lifecycle: {preStop: {exec: {command: [x]}}}"),
                 rest: "its postStart and preStop handlers would not run; run them in the container's command, and remove it"),
    RefusedField(field: "templates.main.container.livenessProbe", spec: tmpl("", container: ", livenessProbe: {exec: {command: [x]}}"),
                 rest: probe),
    RefusedField(field: "templates.main.container.startupProbe", spec: tmpl("", container: ", startupProbe: {exec: {command: [x]}}"),
                 rest: probe),
    RefusedField(field: "templates.main.container.volumeDevices", spec: tmpl("", container: ", volumeDevices: [{name: d, devicePath: /dev/x}]"),
                 rest: "no block device would be attached; remove it"),
    RefusedField(field: "templates.main.container.env[0].valueFrom.resourceFieldRef",
                 spec: tmpl("", container: ", env: [{name: CPU, valueFrom: {resourceFieldRef: {resource: limits.cpu}}}]"),
                 rest: "the variable CPU would not be set; set it with value, configMapKeyRef, secretKeyRef or fieldRef"),
    RefusedField(field: "templates.main.initContainers[0].lifecycle",
                 spec: tmpl("initContainers: [{name: i, image: alpine, lifecycle: {postStart: {exec: {command: [x]}}}}], "),
                 rest: "its postStart and preStop handlers would not run; run them in the container's command, and remove it"),
    RefusedField(field: "templates.main.sidecars[0].livenessProbe",
                 spec: tmpl("sidecars: [{name: s, image: alpine, livenessProbe: {exec: {command: [x]}}}], "),
                 rest: probe),
    RefusedField(field: "spec.retryStrategy", spec: "retryStrategy: {limit: 2}\n\(main)",
                 rest: "it would not be the retry strategy of the templates that have none; put it in each template that should be retried"),
    RefusedField(field: "spec.workflowMetadata", spec: "workflowMetadata: {labels: {a: b}}\n\(main)",
                 rest: "its labels and annotations would not be set on the workflow; put them in metadata.labels and metadata.annotations"),
    RefusedField(field: "templates.main.inputs.artifacts[0].git",
                 spec: tmpl("inputs: {artifacts: [{name: src, path: /src, git: {repo: 'https://example.com/r.git'}}]}, "),
                 rest: artifacts),
    RefusedField(field: "templates.main.outputs.artifacts[0].gcs",
                 spec: tmpl("outputs: {artifacts: [{name: o, path: /o, gcs: {bucket: b, key: k}}]}, "),
                 rest: artifacts),
    RefusedField(field: "spec.arguments.artifacts[0].http",
                 spec: "arguments: {artifacts: [{name: a, http: {url: 'http://127.0.0.1/a'}}]}\n\(main)",
                 rest: artifacts),
    RefusedField(field: "templates.main.tasks.a.arguments.artifacts[0].subPath",
                 spec: "templates:\n  - {name: main, dag: {tasks: [{name: a, template: b, arguments: {artifacts: [{name: i, raw: {data: x}, subPath: d}]}}]}}\n  - {name: b, inputs: {artifacts: [{name: i, path: /i}]}, container: {image: alpine}}",
                 at: "spec.templates[0].dag.tasks[0].arguments.artifacts[0].subPath",
                 rest: "the whole artifact would be used; remove it"),
    RefusedField(field: "templates.main.steps[0].a.arguments.artifacts[0].oss",
                 spec: "templates:\n  - {name: main, steps: [[{name: a, template: b, arguments: {artifacts: [{name: i, oss: {key: k}}]}}]]}\n  - {name: b, inputs: {artifacts: [{name: i, path: /i}]}, container: {image: alpine}}",
                 at: "spec.templates[0].steps[0][0].arguments.artifacts[0].oss", rest: artifacts),
    RefusedField(field: "templates.main.containerSet.volumeMounts",
                 spec: "volumes: [{name: w, emptyDir: {}}]\ntemplates: [{name: main, containerSet: {volumeMounts: [{name: w, mountPath: /w}], containers: [{name: main, image: alpine}]}}]",
                 rest: "the set's containers would not get these mounts; put them in each container's volumeMounts"),
    RefusedField(field: "templates.main.containerSet.retryStrategy",
                 spec: "templates: [{name: main, containerSet: {retryStrategy: {retries: 2}, containers: [{name: main, image: alpine}]}}]",
                 rest: "a failed container would not be run again; use the template's retryStrategy, which retries the whole pod"),
    RefusedField(field: "templates.main.resource.manifestFrom",
                 spec: "templates: [{name: main, inputs: {artifacts: [{name: m, path: /m, raw: {data: x}}]}, resource: {action: create, manifestFrom: {artifact: {name: m}}}}]",
                 rest: "the manifest would not be read from the artifact; give it as resource.manifest"),
    RefusedField(field: "templates.main.sidecars[0].mirrorVolumeMounts",
                 spec: tmpl("sidecars: [{name: s, image: alpine, mirrorVolumeMounts: true}], "),
                 rest: "the main container's volume mounts would not be given to it; list them in its volumeMounts"),
    RefusedField(field: "templates.main.inputs.artifacts[0].mode",
                 spec: tmpl("inputs: {artifacts: [{name: r, path: /r, mode: 493, raw: {data: x}}]}, "),
                 rest: "the file's mode would not be set; chmod it in the container's command"),
    RefusedField(field: "templates.main.outputs.artifacts[0].archive.zip",
                 spec: tmpl("outputs: {artifacts: [{name: o, path: /o, archive: {zip: {}}}]}, "),
                 rest: "the artifact would be saved as tar+gzip; use archive: {tar: {}} or archive: {none: {}}"),
    RefusedField(field: "templates.main.steps[0].a.inline.daemon",
                 spec: "templates: [{name: main, steps: [[{name: a, inline: {daemon: true, container: {image: alpine}}}]]}]",
                 at: "spec.templates[0].steps[0][0].inline.daemon",
                 rest: "the pod would run as an ordinary step, which the next steps wait for; remove daemon: true"),
    RefusedField(field: "templates.main.tasks.a.inline.timeout",
                 spec: "templates: [{name: main, dag: {tasks: [{name: a, inline: {timeout: 1m, container: {image: alpine}}}]}}]",
                 at: "spec.templates[0].dag.tasks[0].inline.timeout",
                 rest: "the template would not be stopped at its timeout; use activeDeadlineSeconds, which argo-lite enforces"),
]

/// What does not change what runs on one machine, or what a conformance row needs (podSpecPatch, a step's exit
/// hook, dnsConfig), stays accepted.
let acceptedFields: [String] = [
    tmpl("daemon: false, "),
    tmpl("nodeSelector: {disk: ssd}, tolerations: [{key: k, operator: Exists}], affinity: {}, priorityClassName: p, "),
    tmpl("podSpecPatch: '{}', ", container: ", resources: {limits: {cpu: 100m}}, readinessProbe: {exec: {command: [x]}}"),
    "dnsConfig: {nameservers: [1.1.1.1]}\nhostNetwork: true\npodPriorityClassName: p\nschedulerName: s\n\(main)",
    "templates:\n  - {name: main, steps: [[{name: a, template: b, hooks: {exit: {template: b}}}]]}\n  - {name: b, container: {image: alpine}}",
    tmpl("inputs: {artifacts: [{name: r, path: /r, raw: {data: x}}, {name: s, path: /s, s3: {key: k}}]}, "),
    tmpl("sidecars: [{name: s, image: alpine, mirrorVolumeMounts: false}], outputs: {artifacts: [{name: o, path: /o, archive: {none: {}}}]}, "),
    // The node agent applies these (its own root, user, capabilities, limits: PodRootFilesystemTests).
    "securityContext: {runAsUser: 1000, fsGroup: 2}\n\(main)",
    tmpl("securityContext: {runAsNonRoot: true}, ", container: ", securityContext: {runAsUser: 1, capabilities: {drop: [ALL]}, readOnlyRootFilesystem: true}"),
    "templates: [{name: main, script: {image: alpine, source: 'true', securityContext: {privileged: true}}}]",
    "volumes: [{name: e, emptyDir: {}}, {name: h, hostPath: {path: /tmp}}, {name: c, configMap: {name: c}}, {name: p, persistentVolumeClaim: {claimName: p}}]\n\(main)",
]

@Suite struct LintNotImplementedTests {
    static func manifest(_ spec: String, kind: String = "Workflow") -> String {
        let indented = spec.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
        return "apiVersion: argoproj.io/v1alpha1\nkind: \(kind)\nmetadata: {name: refused}\nspec:\n"
            + (kind == "CronWorkflow" ? "" : "  entrypoint: main\n") + indented + "\n"
    }

    @Test(arguments: refusedFields)
    func refusesWithTheFieldAndWhatToDo(_ c: RefusedField) {
        let findings = Linter.lint(text: Self.manifest(c.spec, kind: c.kind), file: "refused.yaml")
        #expect(findings.map(\.message) == ["\(c.field) is not implemented yet in argo-lite: \(c.rest)"])
        #expect(findings.first?.path == c.path)
        #expect(findings.first?.location != nil, "the finding has no line:column")
    }

    @Test(arguments: acceptedFields)
    func accepts(_ spec: String) {
        #expect(Linter.lint(text: Self.manifest(spec), file: "accepted.yaml").map(\.message) == [])
    }
}
