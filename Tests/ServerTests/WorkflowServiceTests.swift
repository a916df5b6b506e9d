import Foundation
import Templates
import Testing

@Suite struct WorkflowServiceTests {
    @Test func createWithGenerateNameThenGetAndDelete() async throws {
        try await ServerHarness.with { s in
            let created = try await s.post("/api/v1/workflows/argo", #"{"workflow": \#(workflowJSON(generateName: "hello-"))}"#)
            #expect(created.status == 200)
            let name = try #require(created.json["metadata"]?["name"]?.stringValue)
            #expect(name.hasPrefix("hello-") && name.count == "hello-".count + 5)
            #expect(created.json["metadata"]?["namespace"] == "argo")
            #expect(created.json["metadata"]?["resourceVersion"]?.stringValue != nil)
            #expect(created.json["status"] == [:])
            let got = try await s.get("/api/v1/workflows/argo/\(name)")
            #expect(got.json == created.json)
            #expect(try await s.delete("/api/v1/workflows/argo/\(name)").text == "{}")
            let gone = try await s.get("/api/v1/workflows/argo/\(name)")
            #expect(gone.status == 404)
            #expect(gone.text == #"{"code":5,"message":"workflows.argoproj.io \"\#(name)\" not found"}"#)
            #expect(try await s.delete("/api/v1/workflows/argo/\(name)").status == 404)
        }
    }

    @Test func createTwiceIsAlreadyExists() async throws {
        try await ServerHarness.with { s in
            let body = #"{"workflow": \#(workflowJSON(name: "once"))}"#
            #expect(try await s.post("/api/v1/workflows/default", body).status == 200)
            let again = try await s.post("/api/v1/workflows/default", body)
            #expect(again.status == 409)
            #expect(again.json["code"] == 6)
        }
    }

    @Test func serverDryRunStoresNothing() async throws {
        try await ServerHarness.with { s in
            let reply = try await s.post("/api/v1/workflows/default",
                                         #"{"workflow": \#(workflowJSON(generateName: "dry-")), "serverDryRun": true}"#)
            #expect(reply.status == 200)
            #expect(reply.json["metadata"]?["name"]?.stringValue?.hasPrefix("dry-") == true)
            #expect(try await s.get("/api/v1/workflows/default").json["items"] == [])
        }
    }

    @Test func createIsLintedAsArgoServerValidates() async throws {
        try await ServerHarness.with { s in
            let reply = try await s.post("/api/v1/workflows/default", #"{"workflow": \#(workflowJSON(name: "bad", entrypoint: "nope"))}"#)
            #expect(reply.status == 400)
            #expect(reply.text == #"{"code":3,"message":"template name 'nope' undefined"}"#)
            #expect(try await s.get("/api/v1/workflows/default").json["items"] == [])
        }
    }

    @Test func lintAnswersTheWorkflowOrTheProblem() async throws {
        try await ServerHarness.with { s in
            let ok = try await s.post("/api/v1/workflows/default/lint", #"{"workflow": \#(workflowJSON(name: "fine"))}"#)
            #expect(ok.status == 200)
            #expect(ok.json["metadata"] == ["labels": [:], "name": "fine", "namespace": "default"])
            #expect(ok.json["kind"] == "Workflow")
            let bad = try await s.post("/api/v1/workflows/default/lint", #"{"workflow": \#(workflowJSON(name: "x", entrypoint: "nope"))}"#)
            #expect(bad.text == #"{"code":3,"message":"template name 'nope' undefined"}"#)
            #expect(try await s.get("/api/v1/workflows/default").json["items"] == [])
        }
    }

    @Test func emptyListHasItemsAndResourceVersion() async throws {
        try await ServerHarness.with { s in
            let reply = try await s.get("/api/v1/workflows/default")
            #expect(reply.status == 200)
            #expect(reply.json["items"] == [])
            #expect(reply.json["metadata"]?["resourceVersion"]?.stringValue != nil)
            #expect(reply.json["metadata"]?["continue"] == nil)
            #expect(reply.json["kind"] == "WorkflowList")
        }
    }

    @Test func listSelectsPagesAndTrims() async throws {
        try await ServerHarness.with { s in
            for (name, team) in [("a-one", "x"), ("a-two", "y"), ("b-three", "x")] {
                let reply = try await s.post("/api/v1/workflows/default", #"{"workflow": \#(workflowJSON(name: name, labels: "{\"team\": \"\(team)\"}"))}"#)
                #expect(reply.status == 200)
            }
            try await s.store(.workflow, workflowJSON(name: "elsewhere", namespace: "other"))
            func names(_ query: String) async throws -> [String] {
                let reply = try await s.get("/api/v1/workflows/default?" + query)
                #expect(reply.status == 200, "\(reply.text)")
                return (reply.json["items"]?.arrayValue ?? []).compactMap { $0["metadata"]?["name"]?.stringValue }
            }
            #expect(Set(try await names("")) == ["a-one", "a-two", "b-three"])
            #expect(Set(try await names("listOptions.labelSelector=team%3Dx")) == ["a-one", "b-three"])
            #expect(try await names("listOptions.labelSelector=team+in+(y)") == ["a-two"])
            #expect(try await names("listOptions.fieldSelector=metadata.name%3Da-two") == ["a-two"])
            #expect(Set(try await names("listOptions.fieldSelector=metadata.name%3Da-&nameFilter=Prefix")) == ["a-one", "a-two"])
            #expect(try await names("listOptions.fieldSelector=metadata.name%3Dthree&nameFilter=Contains") == ["b-three"])
            #expect(Set(try await names("listOptions.fieldSelector=metadata.namespace%3Ddefault")) == ["a-one", "a-two", "b-three"])
            // showRemainingItemCount and the offset as continue, as argo-server's BuildListOptions
            let counted = try await s.get("/api/v1/workflows/default?listOptions.limit=1&listOptions.fieldSelector=ext.showRemainingItemCount%3Dtrue")
            #expect(counted.json["metadata"]?["remainingItemCount"] == 2)
            #expect(counted.json["metadata"]?["continue"] == "1")
            // paging: limit and continue walk the whole list once
            let first = try await s.get("/api/v1/workflows/default?listOptions.limit=2")
            #expect(first.json["items"]?.arrayValue?.count == 2)
            let token = try #require(first.json["metadata"]?["continue"]?.stringValue)
            let second = try await s.get("/api/v1/workflows/default?listOptions.limit=2&listOptions.continue=\(token)")
            #expect(second.json["items"]?.arrayValue?.count == 1)
            #expect(second.json["metadata"]?["continue"] == nil)
            let all = (first.json["items"]!.arrayValue! + second.json["items"]!.arrayValue!).compactMap { $0["metadata"]?["name"]?.stringValue }
            #expect(Set(all) == ["a-one", "a-two", "b-three"])
            // fields: only what is named
            let trimmed = try await s.get("/api/v1/workflows/default?listOptions.fieldSelector=metadata.name%3Da-one&fields=items.metadata.name,metadata.resourceVersion")
            #expect(trimmed.json["items"] == [["metadata": ["name": "a-one"]]])
            #expect(trimmed.json["metadata"]?["resourceVersion"]?.stringValue != nil)
            #expect(trimmed.json["kind"] == nil)
            let without = try await s.get("/api/v1/workflows/default?listOptions.fieldSelector=metadata.name%3Da-one&fields=-items.spec,items.metadata")
            #expect(without.json["items"] == [["apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow", "status": [:]]])
        }
    }

    @Test func badListOptionsAreInvalidArgument() async throws {
        try await ServerHarness.with { s in
            let field = try await s.get("/api/v1/workflows/default?listOptions.fieldSelector=status.phase%3DRunning")
            #expect(field.status == 400)
            #expect(field.text == #"{"code":3,"message":"unsupported requirement status.phase=Running"}"#)
            let namespace = try await s.get("/api/v1/workflows/default?listOptions.fieldSelector=metadata.namespace%3Dother")
            #expect(namespace.text == #"{"code":3,"message":"'namespace' query param (\"default\") and fieldselector 'metadata.namespace' (\"other\") are both specified and contradict each other"}"#)
            let limit = try await s.get("/api/v1/workflows/default?listOptions.limit=ten")
            #expect(limit.text == #"{"code":3,"message":"type mismatch, parameter: listOptions.limit, error: strconv.ParseInt: parsing \"ten\": invalid syntax"}"#)
            let labels = try await s.get("/api/v1/workflows/default?listOptions.labelSelector=a%20in%20x")
            #expect(labels.text == #"{"code":3,"message":"invalid labelSelector \"a in x\": label selector \"a in x\": expected (v1,v2) after a"}"#)
            #expect(try await s.get("/api/v1/workflows/default?listOptions.continue=zz").text == #"{"code":3,"message":"listOptions.continue must be int"}"#)
            let negative = try await s.get("/api/v1/workflows/default?listOptions.continue=-1")
            // `>` escaped as Go's encoding/json escapes it
            #expect(negative.text == #"{"code":3,"message":"listOptions.continue must \u003e= 0"}"#)
            #expect(try await s.get("/api/v1/workflows/default?nameFilter=Regex").status == 400)
            // lists argo-server hands to Kubernetes take Kubernetes' field selectors
            let templates = try await s.get("/api/v1/workflow-templates/default?listOptions.fieldSelector=spec.entrypoint%3Dmain")
            #expect(templates.text == #"{"code":3,"message":"\"spec.entrypoint\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\""}"#)
            #expect(try await s.get("/api/v1/workflow-templates/default?listOptions.continue=zz").text == #"{"code":3,"message":"continue key is not valid: \"zz\""}"#)
        }
    }

    @Test func listOrderIsArgoServers() async throws {
        try await ServerHarness.with { s in
            for (name, finished) in [("a-first-done", "2026-01-01T00:00:00Z"), ("b-running", ""), ("c-last-done", "2026-02-01T00:00:00Z")] {
                let status = finished.isEmpty ? "{}" : #"{"finishedAt": "\#(finished)"}"#
                try await s.store(.workflow, #"{"metadata": {"name": "\#(name)", "namespace": "default"}, "spec": {}, "status": \#(status)}"#)
            }
            let reply = try await s.get("/api/v1/workflows/default?fields=items.metadata.name")
            // unfinished first, then the latest finished first
            #expect(reply.json["items"] == [["metadata": ["name": "b-running"]], ["metadata": ["name": "c-last-done"]],
                                            ["metadata": ["name": "a-first-done"]]])
        }
    }

    @Test func listByStartTime() async throws {
        try await ServerHarness.with { s in
            for (name, started) in [("early", "2026-01-01T00:00:00Z"), ("late", "2026-06-01T00:00:00Z")] {
                try await s.store(.workflow, #"{"metadata": {"name": "\#(name)", "namespace": "default"}, "spec": {}, "status": {"startedAt": "\#(started)"}}"#)
            }
            try await s.store(.workflow, #"{"metadata": {"name": "pending", "namespace": "default"}, "spec": {}}"#)
            func names(_ selector: String) async throws -> [String] {
                let reply = try await s.get("/api/v1/workflows/default?listOptions.fieldSelector=" + selector)
                return (reply.json["items"]?.arrayValue ?? []).compactMap { $0["metadata"]?["name"]?.stringValue }
            }
            #expect(try await names("spec.startedAt%3E2026-03-01T00:00:00Z") == ["late"])
            #expect(try await names("spec.startedAt%3C2026-03-01T00:00:00Z") == ["early"])
            #expect(try await names("spec.startedAt%3E2025-01-01T00:00:00Z,spec.startedAt%3C2027-01-01T00:00:00Z").count == 2)
            #expect(try await s.get("/api/v1/workflows/default?listOptions.fieldSelector=spec.startedAt%3Eyesterday").status == 500)
        }
    }

    @Test func getWithFieldsAndTheShapeClientsParse() async throws {
        try await ServerHarness.with { s in
            try await s.store(.workflow, """
                {"metadata": {"name": "done", "namespace": "default"}, "spec": {"entrypoint": "main", "templates": [{"name": "main"}]},
                 "status": {"phase": "Succeeded", "startedAt": "2026-01-01T00:00:00Z", "finishedAt": null,
                   "nodes": {"done": {"phase": "Succeeded", "finishedAt": null, "displayName": "done"}}}}
                """)
            let got = try await s.get("/api/v1/workflows/default/done")
            // nulls are left out (Go's omitempty) and nodes carry their id, name and type
            #expect(got.json["status"]?["finishedAt"] == nil)
            #expect(got.json["status"]?["nodes"] == ["done": ["phase": "Succeeded", "displayName": "done", "id": "done", "name": "done", "type": "Pod"]])
            let only = try await s.get("/api/v1/workflows/default/done?fields=status.phase,metadata.name")
            #expect(only.text == #"{"metadata":{"name":"done"},"status":{"phase":"Succeeded"}}"#)
            let less = try await s.get("/api/v1/workflows/default/done?fields=-status.nodes,spec,metadata")
            #expect(less.json == ["apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow",
                                  "status": ["phase": "Succeeded", "startedAt": "2026-01-01T00:00:00Z"]])
        }
    }
}
