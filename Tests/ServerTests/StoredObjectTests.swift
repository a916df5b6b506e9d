import Foundation
import Templates
import Testing

private let spec = #"{"entrypoint": "main", "templates": [{"name": "main", "container": {"image": "alpine", "command": ["echo", "hi"]}}]}"#

@Suite struct StoredObjectTests {
    @Test func workflowTemplateLifecycle() async throws {
        try await ServerHarness.with { s in
            let base = "/api/v1/workflow-templates/default"
            let created = try await s.post(base, #"{"template": {"metadata": {"name": "t"}, "spec": \#(spec)}}"#)
            #expect(created.status == 200, "\(created.text)")
            #expect(created.json["kind"] == "WorkflowTemplate")
            #expect(created.json["metadata"]?["namespace"] == "default")
            #expect(try await s.post(base, #"{"template": {"metadata": {"name": "t"}, "spec": \#(spec)}}"#).json["code"] == 6)
            #expect(try await s.post(base, "{}").text == #"{"code":3,"message":"workflow template was not found in the request body"}"#)
            let listed = try await s.get(base)
            #expect(listed.json["kind"] == "WorkflowTemplateList")
            #expect(listed.json["items"]?.arrayValue?.compactMap { $0["metadata"]?["name"]?.stringValue } == ["t"])
            // update without a resourceVersion replaces what is stored
            let updated = try await s.put(base + "/t", #"{"template": {"metadata": {"name": "t"}, "spec": \#(spec.replacingOccurrences(of: "hi", with: "bye"))}}"#)
            #expect(updated.status == 200, "\(updated.text)")
            let got = try await s.get(base + "/t")
            #expect(got.json["spec"]?["templates"]?[0]?["container"]?["command"] == ["echo", "bye"])
            let stale = try await s.put(base + "/t", #"{"template": {"metadata": {"name": "t", "resourceVersion": "1"}, "spec": \#(spec)}}"#)
            #expect(stale.status == 409)
            #expect(stale.json["code"] == 6)
            let lint = try await s.post(base + "/lint", #"{"template": {"metadata": {"name": "t2"}, "spec": {"entrypoint": "x", "templates": []}}}"#)
            #expect(lint.status == 400)
            let fine = try await s.post(base + "/lint", #"{"template": {"metadata": {"name": "t2"}, "spec": \#(spec)}}"#)
            #expect(fine.status == 200)
            #expect(fine.json["metadata"] == ["name": "t2", "namespace": "default"])
            #expect(try await s.get(base).json["items"]?.arrayValue?.count == 1)
            #expect(try await s.delete(base + "/t").text == "{}")
            #expect(try await s.get(base + "/t").text == #"{"code":5,"message":"workflowtemplates.argoproj.io \"t\" not found"}"#)
            #expect(try await s.get(base).json["items"] == [])
        }
    }

    @Test func clusterWorkflowTemplateLifecycle() async throws {
        try await ServerHarness.with { s in
            let base = "/api/v1/cluster-workflow-templates"
            let created = try await s.post(base, #"{"template": {"metadata": {"name": "ct"}, "spec": \#(spec)}}"#)
            #expect(created.status == 200, "\(created.text)")
            #expect(created.json["metadata"]?["namespace"] == nil)
            #expect(try await s.post(base + "/lint", #"{"template": {"metadata": {"name": "ct"}, "spec": \#(spec)}}"#).status == 200)
            #expect(try await s.get(base).json["items"]?.arrayValue?.count == 1)
            #expect(try await s.get(base + "/ct").json["kind"] == "ClusterWorkflowTemplate")
            let updated = try await s.put(base + "/ct", #"{"template": {"metadata": {"name": "ct"}, "spec": \#(spec.replacingOccurrences(of: "hi", with: "bye"))}}"#)
            #expect(updated.status == 200, "\(updated.text)")
            #expect(try await s.get(base + "/ct").json["spec"]?["templates"]?[0]?["container"]?["command"] == ["echo", "bye"])
            #expect(try await s.put(base + "/none", #"{"template": {"metadata": {"name": "none"}, "spec": \#(spec)}}"#).status == 404)
            #expect(try await s.delete(base + "/ct").text == "{}")
            #expect(try await s.get(base + "/ct").status == 404)
        }
    }

    @Test func cronWorkflowsWithScheduleOrSchedulesSuspendAndResume() async throws {
        try await ServerHarness.with { s in
            let base = "/api/v1/cron-workflows/default"
            let one = try await s.post(base, #"{"cronWorkflow": {"metadata": {"name": "c1"}, "spec": {"schedule": "0 * * * *", "workflowSpec": \#(spec)}}}"#)
            #expect(one.status == 200, "\(one.text)")
            let many = try await s.post(base, #"{"cronWorkflow": {"metadata": {"name": "c2"}, "spec": {"schedules": ["0 * * * *", "30 * * * *"], "workflowSpec": \#(spec)}}}"#)
            #expect(many.status == 200, "\(many.text)")
            let bad = try await s.post(base + "/lint", #"{"cronWorkflow": {"metadata": {"name": "c3"}, "spec": {"schedule": "every day", "workflowSpec": \#(spec)}}}"#)
            #expect(bad.status == 400)
            #expect(try await s.post(base, "{}").text == #"{"code":3,"message":"cron workflow was not found in the request body"}"#)
            let lint = try await s.post(base + "/lint", #"{"cronWorkflow": {"metadata": {"name": "c4"}, "spec": {"schedule": "0 * * * *", "workflowSpec": \#(spec)}}}"#)
            #expect(lint.status == 200)
            #expect(lint.json["metadata"]?["name"] == "c4")
            let updated = try await s.put(base + "/c1", #"{"cronWorkflow": {"metadata": {"name": "c1"}, "spec": {"schedule": "15 * * * *", "workflowSpec": \#(spec)}}}"#)
            #expect(updated.status == 200, "\(updated.text)")
            #expect(try await s.get(base + "/c1").json["spec"]?["schedule"] == "15 * * * *")
            #expect(try await s.put(base + "/c1/suspend").json["spec"]?["suspend"] == true)
            #expect(try await s.get(base + "/c1").json["spec"]?["suspend"] == true)
            #expect(try await s.put(base + "/c1/resume").json["spec"]?["suspend"] == false)
            #expect(try await s.get(base).json["items"]?.arrayValue?.compactMap { $0["metadata"]?["name"]?.stringValue } == ["c1", "c2"])
            #expect(try await s.delete(base + "/c2").text == "{}")
            #expect(try await s.put(base + "/c2/suspend").status == 404)
        }
    }

    @Test func submitFromTemplatesAndCron() async throws {
        try await ServerHarness.with { s in
            _ = try await s.post("/api/v1/workflow-templates/default", #"{"template": {"metadata": {"name": "t"}, "spec": \#(spec)}}"#)
            _ = try await s.post("/api/v1/cluster-workflow-templates", #"{"template": {"metadata": {"name": "ct"}, "spec": \#(spec)}}"#)
            _ = try await s.post("/api/v1/cron-workflows/default", #"{"cronWorkflow": {"metadata": {"name": "c"}, "spec": {"schedule": "0 * * * *", "workflowSpec": \#(spec)}}}"#)
            let fromTemplate = try await s.post("/api/v1/workflows/default/submit", #"""
                {"resourceKind": "WorkflowTemplate", "resourceName": "t",
                 "submitOptions": {"labels": "a=b", "parameters": ["p=1"], "entryPoint": "main"}}
                """#)
            #expect(fromTemplate.status == 200, "\(fromTemplate.text)")
            #expect(fromTemplate.json["metadata"]?["generateName"] == "t-")
            #expect(fromTemplate.json["metadata"]?["labels"] == ["workflows.argoproj.io/workflow-template": "t", "a": "b"])
            #expect(fromTemplate.json["spec"]?["workflowTemplateRef"] == ["name": "t"])
            #expect(fromTemplate.json["spec"]?["entrypoint"] == "main")
            let fromCluster = try await s.post("/api/v1/workflows/default/submit", #"{"resourceKind": "cwftmpl", "resourceName": "ct"}"#)
            #expect(fromCluster.json["spec"]?["workflowTemplateRef"] == ["name": "ct", "clusterScope": true])
            let fromCron = try await s.post("/api/v1/workflows/default/submit", #"{"resourceKind": "cronwf", "resourceName": "c"}"#)
            #expect(fromCron.status == 200, "\(fromCron.text)")
            #expect(fromCron.json["metadata"]?["generateName"] == "c-")
            #expect(try await s.get("/api/v1/workflows/default").json["items"]?.arrayValue?.count == 3)
            let badKind = try await s.post("/api/v1/workflows/default/submit", #"{"resourceKind": "Pod", "resourceName": "t"}"#)
            #expect(badKind.text == #"{"code":3,"message":"Resource kind 'Pod' is not supported for submitting"}"#)
            #expect(try await s.post("/api/v1/workflows/default/submit", #"{"resourceKind": "WorkflowTemplate", "resourceName": "none"}"#).status == 404)
        }
    }
}
