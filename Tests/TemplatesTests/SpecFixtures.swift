// Inline JSON fixtures for the spec tests. Every field holds the JSON type Argo's own encoding produces, so a
// lossless round trip reproduces each document exactly (ignoring key order).

enum SpecFixtures {
    /// A Workflow with one template of every kind and most template-level and spec-level fields.
    static let allKinds = #"""
    {"apiVersion":"argoproj.io/v1alpha1","kind":"Workflow",
     "metadata":{"generateName":"all-kinds-","namespace":"argo","labels":{"app":"demo"},"annotations":{"a":"b"}},
     "spec":{
      "entrypoint":"main","serviceAccountName":"runner","parallelism":2,"activeDeadlineSeconds":600,"priority":3,
      "arguments":{"parameters":[{"name":"message","value":"hello"},{"name":"n","value":"3","enum":["1","3"],"description":"count"}],
                   "artifacts":[{"name":"seed","raw":{"data":"42"}}]},
      "onExit":"cleanup","shutdown":"Stop","podPriorityClassName":"high","hostNetwork":false,"dnsPolicy":"ClusterFirst",
      "hooks":{"exit":{"template":"cleanup"},"running":{"expression":"workflow.status == \"Running\"","templateRef":{"name":"lib","template":"notify","clusterScope":true}}},
      "podGC":{"strategy":"OnPodSuccess","deleteDelayDuration":"30s","labelSelector":{"matchLabels":{"gc":"yes"}}},
      "ttlStrategy":{"secondsAfterCompletion":10,"secondsAfterSuccess":5,"secondsAfterFailure":60},
      "volumeClaimGC":{"strategy":"OnWorkflowCompletion"},
      "artifactRepositoryRef":{"configMap":"repos","key":"minio"},
      "workflowMetadata":{"labels":{"x":"y"},"labelsFrom":{"who":{"expression":"workflow.name"}}},
      "artifactGC":{"strategy":"OnWorkflowDeletion","forceFinalizerRemoval":true,"serviceAccountName":"gc"},
      "podMetadata":{"labels":{"team":"t"}},
      "templateDefaults":{"timeout":"1h","retryStrategy":{"limit":1}},
      "retryStrategy":{"limit":"2","retryPolicy":"OnError"},
      "synchronization":{"semaphores":[{"configMapKeyRef":{"name":"sem","key":"wf"}},{"database":{"key":"db-sem"}}],"mutexes":[{"name":"m1","database":true}]},
      "metrics":{"prometheus":[{"name":"wf_duration","help":"Duration","gauge":{"value":"{{workflow.duration}}","realtime":true}}]},
      "volumeClaimTemplates":[{"metadata":{"name":"work"},"spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}],
      "volumes":[{"name":"cfg","configMap":{"name":"settings"}},{"name":"scratch","emptyDir":{}}],
      "imagePullSecrets":[{"name":"regcred"}],"nodeSelector":{"disk":"ssd"},"tolerations":[{"key":"k","operator":"Exists"}],
      "podResources":{"limits":{"cpu":"1"}},"resourceClaims":[{"name":"gpu","resourceClaimTemplateName":"gpu-template"}],
      "templates":[
       {"name":"main","steps":[[{"name":"hello","template":"say","arguments":{"parameters":[{"name":"msg","value":"{{item.text}}"}]},
                                 "withItems":[{"text":"a","n":1},"plain",2,true],"when":"{{workflow.parameters.n}} > 1",
                                 "continueOn":{"failed":true,"error":false},"hooks":{"exit":{"template":"cleanup"}}},
                                {"name":"seq","template":"say","withSequence":{"count":"5","start":1,"format":"x%02d"}}],
                               [{"name":"graph","template":"graph"},
                                {"name":"inline","inline":{"container":{"image":"alpine","command":["true"]}}},
                                {"name":"lib","templateRef":{"name":"library","template":"echo"},"onExit":"cleanup"}]]},
       {"name":"graph","dag":{"target":"c","failFast":false,"tasks":[
          {"name":"a","template":"say","arguments":{"parameters":[{"name":"msg","value":"A"}]}},
          {"name":"b","template":"say","dependencies":["a"],"withParam":"{{tasks.a.outputs.result}}"},
          {"name":"c","template":"say","depends":"a.Succeeded && (b.Failed || b.Omitted)","withSequence":{"start":"1","end":"3"}}]}},
       {"name":"say","inputs":{"parameters":[{"name":"msg","default":"hi"}],
                               "artifacts":[{"name":"src","path":"/src","git":{"repo":"https://example.com/r.git","revision":"main","depth":1}},
                                            {"name":"page","path":"/page","mode":420,"http":{"url":"https://example.com/p","headers":[{"name":"A","value":"b"}]}}]},
        "outputs":{"parameters":[{"name":"out","valueFrom":{"path":"/tmp/out","default":"none"},"globalName":"g"},
                                 {"name":"expr","valueFrom":{"expression":"steps.x.outputs.result"}},
                                 {"name":"sup","valueFrom":{"supplied":{}}}],
                   "artifacts":[{"name":"bin","path":"/bin","archive":{"none":{}},"artifactGC":{"strategy":"Never"},
                                 "s3":{"endpoint":"minio:9000","bucket":"b","key":"k/bin","insecure":true,
                                       "accessKeySecret":{"name":"s3","key":"access"},"secretKeySecret":{"name":"s3","key":"secret"}}},
                                {"name":"tgz","path":"/out","archive":{"tar":{"compressionLevel":9}},"optional":true}]},
        "metadata":{"labels":{"l":"v"},"annotations":{"n":"m"}},
        "annotations":{"workflows.argoproj.io/display-name":"say {{inputs.parameters.msg}}"},
        "container":{"image":"alpine:3.20","command":["sh","-c"],"args":["echo {{inputs.parameters.msg}}"],"workingDir":"/w",
                     "env":[{"name":"A","value":"1"},{"name":"S","valueFrom":{"secretKeyRef":{"name":"sec","key":"k"}}},
                            {"name":"P","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}}],
                     "resources":{"limits":{"memory":"32Mi"}},"volumeMounts":[{"name":"cfg","mountPath":"/cfg","readOnly":true,"subPath":"a"}],
                     "imagePullPolicy":"IfNotPresent","securityContext":{"runAsNonRoot":true},"readinessProbe":{"exec":{"command":["true"]}}},
        "initContainers":[{"name":"init","image":"busybox","command":["true"],"mirrorVolumeMounts":true}],
        "sidecars":[{"name":"db","image":"postgres","env":[{"name":"X","value":"y"}]}],
        "volumes":[{"name":"cfg","secret":{"secretName":"s"}}],
        "archiveLocation":{"archiveLogs":true},
        "activeDeadlineSeconds":"{{inputs.parameters.msg}}","timeout":"10m","podSpecPatch":"{\"terminationGracePeriodSeconds\":3}",
        "retryStrategy":{"limit":3,"retryPolicy":"Always","expression":"lastRetry.status == \"Error\"",
                         "backoff":{"duration":"1","factor":2,"maxDuration":"1m","cap":"5"},"affinity":{"nodeAntiAffinity":{}}},
        "synchronization":{"semaphore":{"configMapKeyRef":{"name":"sem","key":"t"}},"mutex":{"name":"lock"}},
        "memoize":{"key":"{{inputs.parameters.msg}}","maxAge":"10s","cache":{"configMap":{"name":"cache"}}},
        "metrics":{"prometheus":[{"name":"c","help":"count","labels":[{"key":"k","value":"v"}],"when":"{{status}} == Succeeded","counter":{"value":"1"}},
                                 {"name":"h","help":"hist","histogram":{"value":"{{duration}}","buckets":[0.5,1,2.5]}},
                                 {"name":"g","help":"gauge","gauge":{"value":"3","operation":"Add","realtime":false}}]},
        "nodeSelector":{"zone":"a"},"priorityClassName":"p","priority":1,"schedulerName":"s","serviceAccountName":"sa",
        "automountServiceAccountToken":false,"executor":{"serviceAccountName":"ex"},"daemon":false,"failFast":true,"parallelism":4,
        "hostAliases":[{"ip":"127.0.0.1","hostnames":["local"]}],"securityContext":{"runAsUser":1000},"affinity":{"nodeAffinity":{}},
        "tolerations":[{"key":"t","operator":"Exists"}],"podResources":{"requests":{"cpu":"100m"}}},
       {"name":"script","script":{"image":"python:3","command":["python"],"source":"print(1)\n","env":[{"name":"A","value":"b"}]}},
       {"name":"resource","resource":{"action":"create","setOwnerReference":true,"mergeStrategy":"json","flags":["--validate=false"],
                                       "successCondition":"status.succeeded > 0","failureCondition":"status.failed > 3",
                                       "manifest":"apiVersion: v1\nkind: ConfigMap\n"},
        "outputs":{"parameters":[{"name":"job","valueFrom":{"jsonPath":"{.metadata.name}"}},{"name":"q","valueFrom":{"jqFilter":".spec"}}]}},
       {"name":"from-artifact","resource":{"action":"apply","manifestFrom":{"artifact":{"name":"manifest","raw":{"data":"kind: Pod"}}}}},
       {"name":"wait","suspend":{"duration":"20s"},"inputs":{"parameters":[{"name":"approve","valueFrom":{"supplied":{}}}]}},
       {"name":"set","containerSet":{"volumeMounts":[{"name":"work","mountPath":"/work"}],"retryStrategy":{"retries":"2","duration":"5s"},
                                     "containers":[{"name":"a","image":"alpine","command":["true"]},{"name":"main","image":"alpine","dependencies":["a"]}]}},
       {"name":"call","http":{"url":"https://example.com/api","method":"POST","timeoutSeconds":20,"body":"{}","insecureSkipVerify":true,
                              "successCondition":"response.statusCode == 201",
                              "headers":[{"name":"X","value":"1"},{"name":"Auth","valueFrom":{"secretKeyRef":{"name":"tok","key":"t"}}}]}},
       {"name":"list","data":{"source":{"artifactPaths":{"name":"files","s3":{"bucket":"b"}}},
                              "transformation":[{"expression":"filter(data, {# endsWith \".txt\"})"}]}},
       {"name":"plug","plugin":{"hello":{"text":"hi","n":[1,2]}}},
       {"name":"cleanup","container":{"image":"alpine","command":["echo","done"]}},
       {"name":"stores","inputs":{"artifacts":[
          {"name":"a","path":"/a","artifactory":{"url":"https://art/x","usernameSecret":{"name":"u","key":"k"},"passwordSecret":{"name":"p","key":"k"}}},
          {"name":"b","path":"/b","gcs":{"bucket":"g","key":"k","serviceAccountKeySecret":{"name":"sa","key":"json"}}},
          {"name":"c","path":"/c","oss":{"endpoint":"e","bucket":"b","key":"k","lifecycleRule":{"markDeletionAfterDays":3}}},
          {"name":"d","path":"/d","azure":{"endpoint":"https://acct.blob","container":"c","blob":"x","useSDKCreds":true}},
          {"name":"e","path":"/e","hdfs":{"addresses":["nn:8020"],"hdfsUser":"root","path":"/p","force":true}},
          {"name":"f","path":"/f","from":"{{steps.x.outputs.artifacts.y}}","subPath":"dir","recurseMode":true},
          {"name":"g","path":"/g","fromExpression":"steps.x.outputs.artifacts.y"},
          {"name":"h","path":"/h","http":{"url":"https://e/x","auth":{"basicAuth":{"usernameSecret":{"name":"u","key":"k"}},
                                                                 "oauth2":{"scopes":["a"],"endpointParams":[{"key":"k","value":"v"}]}}}}]}}
      ]}}
    """#

    /// A running Workflow with a status: nodes, conditions, stored templates, locks, outputs.
    static let withStatus = #"""
    {"apiVersion":"argoproj.io/v1alpha1","kind":"Workflow",
     "metadata":{"name":"wf","namespace":"argo","uid":"u-1","resourceVersion":"12","generation":3,
                 "creationTimestamp":"2026-11-22T12:00:00Z","finalizers":["f"],"ownerReferences":[{"kind":"CronWorkflow","name":"c"}]},
     "spec":{"entrypoint":"main","workflowTemplateRef":{"name":"tpl"}},
     "status":{"phase":"Running","startedAt":"2026-11-22T12:00:00Z","progress":"1/2","message":"waiting","estimatedDuration":30,
      "resourcesDuration":{"cpu":3,"memory":1},
      "conditions":[{"type":"PodRunning","status":"True"},{"type":"SpecWarning","status":"True","message":"m"}],
      "nodes":{
       "wf":{"id":"wf","name":"wf","displayName":"wf","type":"Steps","templateName":"main","phase":"Running",
             "startedAt":"2026-11-22T12:00:00Z","children":["wf-1"],"progress":"1/2"},
       "wf-1":{"id":"wf-1","name":"wf[0].a","displayName":"a","type":"Pod","templateName":"say","templateScope":"local/wf",
               "phase":"Succeeded","boundaryID":"wf","message":"done","startedAt":"2026-11-22T12:00:01Z","finishedAt":"2026-11-22T12:00:09Z",
               "resourcesDuration":{"cpu":3},"hostNodeName":"node-1","podIP":"10.0.0.3","daemoned":false,
               "inputs":{"parameters":[{"name":"msg","value":"hi"}]},
               "outputs":{"result":"hi","exitCode":"0","parameters":[{"name":"out","value":"x","valueFrom":{"path":"/tmp/out"}}],
                          "artifacts":[{"name":"main-logs","s3":{"key":"wf/wf-1/main.log"}}]},
               "outboundNodes":["wf-1"],"nodeFlag":{"retried":true,"hooked":false},
               "memoizationStatus":{"hit":false,"key":"k","cacheName":"cache"},"synchronizationStatus":{"waiting":"argo/Mutex/m"},
               "templateRef":{"name":"lib","template":"say"}}},
      "storedTemplates":{"namespaced/lib/say":{"name":"say","container":{"image":"alpine"}}},
      "storedWorkflowTemplateSpec":{"entrypoint":"main","templates":[{"name":"main","suspend":{}}]},
      "synchronization":{"mutex":{"holding":[{"mutex":"argo/Mutex/m","holder":"wf"}]},
                         "semaphore":{"waiting":[{"semaphore":"argo/ConfigMap/sem/k","holders":["other"]}]}},
      "outputs":{"parameters":[{"name":"g","value":"1"}]},
      "artifactRepositoryRef":{"default":true,"namespace":"argo","artifactRepository":{"archiveLogs":true,"s3":{"bucket":"b"}}},
      "artifactGCStatus":{"notSpecified":true},
      "persistentVolumeClaims":[{"name":"work","persistentVolumeClaim":{"claimName":"wf-work"}}],
      "taskResultsCompletionStatus":{"wf-1":true}}}
    """#

    static let cronWorkflow = #"""
    {"apiVersion":"argoproj.io/v1alpha1","kind":"CronWorkflow","metadata":{"name":"nightly"},
     "spec":{"schedules":["0 1 * * *","30 2 * * *"],"timezone":"Europe/Paris","concurrencyPolicy":"Forbid","startingDeadlineSeconds":30,
             "successfulJobsHistoryLimit":3,"failedJobsHistoryLimit":1,"suspend":false,"when":"{{= cronworkflow.failed < 3}}",
             "stopStrategy":{"expression":"cronworkflow.failed >= 3"},"workflowMetadata":{"labels":{"from":"cron"}},
             "workflowSpec":{"entrypoint":"main","templates":[{"name":"main","container":{"image":"alpine"}}]}},
     "status":{"active":[{"kind":"Workflow","name":"nightly-1"}],"lastScheduledTime":"2026-11-22T01:00:00Z","succeeded":4,"failed":1,
               "phase":"Active","conditions":[{"type":"SubmissionError","status":"True","message":"x"}]}}
    """#

    static let legacyCron = #"""
    {"apiVersion":"argoproj.io/v1alpha1","kind":"CronWorkflow","metadata":{"name":"old"},
     "spec":{"schedule":"*/5 * * * *","workflowSpec":{"workflowTemplateRef":{"name":"t","clusterScope":true}}}}
    """#

    static let workflowTemplate = #"""
    {"apiVersion":"argoproj.io/v1alpha1","kind":"WorkflowTemplate","metadata":{"name":"lib"},
     "spec":{"templates":[{"name":"echo","inputs":{"parameters":[{"name":"m"}]},"container":{"image":"alpine","args":["{{inputs.parameters.m}}"]}}]}}
    """#

    static let clusterWorkflowTemplate = #"""
    {"apiVersion":"argoproj.io/v1alpha1","kind":"ClusterWorkflowTemplate","metadata":{"name":"global"},
     "spec":{"entrypoint":"w","templates":[{"name":"w","suspend":{"duration":"5"}}]}}
    """#

    static let taskResult = #"""
    {"apiVersion":"argoproj.io/v1alpha1","kind":"WorkflowTaskResult",
     "metadata":{"name":"wf-123","labels":{"workflows.argoproj.io/workflow":"wf","workflows.argoproj.io/report-outputs-completed":"true"}},
     "phase":"Succeeded","message":"ok","progress":"1/1","outputs":{"result":"hello","exitCode":"0","parameters":[{"name":"p","value":"v"}]}}
    """#

    static let eventBinding = #"""
    {"apiVersion":"argoproj.io/v1alpha1","kind":"WorkflowEventBinding","metadata":{"name":"ev"},
     "spec":{"event":{"selector":"payload.message != \"\""},
             "submit":{"workflowTemplateRef":{"name":"lib"},"arguments":{"parameters":[{"name":"m","valueFrom":{"event":"payload.message"}}]}}}}
    """#

    static let all: [(name: String, json: String)] = [
        ("allKinds", allKinds), ("withStatus", withStatus), ("cronWorkflow", cronWorkflow), ("legacyCron", legacyCron),
        ("workflowTemplate", workflowTemplate), ("clusterWorkflowTemplate", clusterWorkflowTemplate),
        ("taskResult", taskResult), ("eventBinding", eventBinding),
    ]
}
