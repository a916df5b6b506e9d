import Foundation
import Testing

@testable import Templates

/// Decodes a fixture as the type its `kind` names, and encodes it back.
private func roundTrip(_ json: String) throws -> (manifest: ArgoManifest, encoded: Data) {
    let data = Data(json.utf8)
    let d = JSONDecoder()
    let e = JSONEncoder()
    e.outputFormatting = .sortedKeys
    let document = try d.decode(JSONValue.self, from: data)
    switch ArgoManifest.kind(of: document) {
    case "Workflow":
        let v = try d.decode(Workflow.self, from: data)
        return (.workflow(v), try e.encode(v))
    case "WorkflowTemplate":
        let v = try d.decode(WorkflowTemplate.self, from: data)
        return (.workflowTemplate(v), try e.encode(v))
    case "ClusterWorkflowTemplate":
        let v = try d.decode(ClusterWorkflowTemplate.self, from: data)
        return (.clusterWorkflowTemplate(v), try e.encode(v))
    case "CronWorkflow":
        let v = try d.decode(CronWorkflow.self, from: data)
        return (.cronWorkflow(v), try e.encode(v))
    case "WorkflowTaskResult":
        let v = try d.decode(WorkflowTaskResult.self, from: data)
        return (.workflowTaskResult(v), try e.encode(v))
    case "WorkflowEventBinding":
        let v = try d.decode(WorkflowEventBinding.self, from: data)
        return (.workflowEventBinding(v), try e.encode(v))
    case let kind:
        return (.other(kind: kind ?? "", document), data)
    }
}

/// The value with object keys sorted and every number as a Double, so comparisons ignore key order and 1 vs 1.0.
func normalized(_ value: JSONValue) -> JSONValue {
    switch value {
    case .object(let o):
        return .object(JSONObject(uniqueKeysWithValues: o.map { ($0.key, normalized($0.value)) }.sorted { $0.0 < $1.0 }))
    case .array(let a): return .array(a.map(normalized))
    case .int(let i): return .double(Double(i))
    default: return value
    }
}

func jsonValue(_ data: Data) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: data) }

/// The object keys at a path of the document (for pinning field names).
func keys(_ value: JSONValue?) -> Set<String> { Set(value?.objectValue?.keys.map { $0 } ?? []) }

@Suite struct SpecRoundTripTests {
    @Test(arguments: SpecFixtures.all.map(\.name))
    func encodingReproducesTheDocument(fixture: String) throws {
        let json = try #require(SpecFixtures.all.first { $0.name == fixture }).json
        let (manifest, encoded) = try roundTrip(json)
        if case .other = manifest { Issue.record("fixture \(fixture) was not decoded as an Argo kind") }
        #expect(normalized(try jsonValue(encoded)) == normalized(try jsonValue(Data(json.utf8))))
    }

    /// Decode → encode → decode gives the same value. `JSONValue` objects compare in key order, which Foundation's
    /// JSONDecoder does not keep, so the values are compared through their sorted-key encodings; fixtures without
    /// untyped parts are also compared as values.
    @Test(arguments: SpecFixtures.all.map(\.name))
    func decodeEncodeDecodeIsIdentity(fixture: String) throws {
        let json = try #require(SpecFixtures.all.first { $0.name == fixture }).json
        let first = try roundTrip(json)
        let second = try roundTrip(String(decoding: first.encoded, as: UTF8.self))
        #expect(first.encoded == second.encoded)
        if ["workflowTemplate", "clusterWorkflowTemplate", "taskResult", "eventBinding", "legacyCron"].contains(fixture) {
            #expect(first.manifest == second.manifest)
        }
    }

    @Test func typedFieldsAreReadable() throws {
        let wf = try JSONDecoder().decode(Workflow.self, from: Data(SpecFixtures.allKinds.utf8))
        #expect(wf.spec.entrypoint == "main")
        #expect(wf.spec.templates?.count == 13)
        let main = try #require(wf.template(named: "main"))
        #expect(main.steps?.count == 2)
        #expect((main.steps?[0][0].withItems?[0]).map(normalized) == normalized(["text": "a", "n": 1]))
        #expect(main.steps?[0][1].withSequence?.count == .string("5"))
        #expect(main.steps?[0][1].withSequence?.start == .int(1))
        #expect(main.steps?[1][1].inline?.container?.image == "alpine")
        let dag = try #require(wf.template(named: "graph")?.dag)
        #expect(dag.tasks.map(\.name) == ["a", "b", "c"])
        #expect(dag.tasks[2].depends == "a.Succeeded && (b.Failed || b.Omitted)")
        let say = try #require(wf.template(named: "say"))
        #expect(say.inputs?.parameters?[0].default == "hi")
        #expect(say.outputs?.artifacts?[0].s3?.key == "k/bin")
        #expect(say.outputs?.artifacts?[0].location.s3?.bucket == "b")
        #expect(say.container?.env?[1].valueFrom?.secretKeyRef?.key == "k")
        #expect(say.activeDeadlineSeconds == .string("{{inputs.parameters.msg}}"))
        #expect(say.retryStrategy?.limit == .int(3))
        #expect(say.retryStrategy?.backoff?.factor?.intValue == 2)
        #expect(say.metrics?.prometheus?[1].histogram?.buckets == [0.5, 1, 2.5])
        #expect(say.initContainers?[0].image == "busybox")
        #expect(say.initContainers?[0].mirrorVolumeMounts == true)
        #expect(wf.template(named: "script")?.script?.source == "print(1)\n")
        #expect(wf.template(named: "script")?.script?.image == "python:3")
        #expect(wf.template(named: "resource")?.resource?.action == "create")
        #expect(wf.template(named: "set")?.containerSet?.containers[1].dependencies == ["a"])
        #expect(wf.template(named: "call")?.http?.headers?[1].valueFrom?.secretKeyRef?.name == "tok")
        #expect(wf.template(named: "list")?.data?.source?.artifactPaths?.s3?.bucket == "b")
        #expect(wf.template(named: "plug")?.plugin?["hello"]?["text"] == "hi")
        #expect(wf.spec.hooks?["exit"]?.template == "cleanup")
        #expect(wf.spec.hooks?["running"]?.templateRef?.clusterScope == true)
        #expect(wf.spec.synchronization?.semaphores?[1].database?.key == "db-sem")
        #expect(wf.spec.arguments?.artifacts?[0].raw?.data == "42")
        #expect(wf.spec.volumes?[1].emptyDir == .object([:]))
        #expect(wf.template(named: "missing") == nil)
    }

    @Test func statusFieldsAreReadable() throws {
        let wf = try JSONDecoder().decode(Workflow.self, from: Data(SpecFixtures.withStatus.utf8))
        let status = try #require(wf.status)
        #expect(status.phase == .running)
        #expect(status.startedAt == KubeTime(year: 2026, month: 11, day: 22, hour: 12))
        #expect(status.finishedAt == nil)
        let node = try #require(status.nodes?["wf-1"])
        #expect(node.type == .pod)
        #expect(node.phase == .succeeded)
        let started = try #require(node.startedAt)
        let finished = try #require(node.finishedAt)
        #expect(finished - started == 8)
        #expect(node.outputs?.result == "hi")
        #expect(status.nodes?["wf"]?.children == ["wf-1"])
        #expect(wf.metadata.creationTimestamp?.rfc3339 == "2026-11-22T12:00:00Z")
        #expect(wf.template(named: "say")?.container?.image == "alpine")
        #expect(wf.template(named: "main")?.kind == .suspend)
    }

    @Test func embeddedContainerFieldsStayFlat() throws {
        let json = #"{"image":"python","command":["python"],"source":"print(1)"}"#
        let script = try JSONDecoder().decode(ScriptTemplate.self, from: Data(json.utf8))
        #expect(script.image == "python")
        #expect(script.container.command == ["python"])
        #expect(keys(try jsonValue(JSONEncoder().encode(script))) == ["image", "command", "source"])
    }

    @Test func artifactLocationViewsTheInlineFields() {
        var artifact = Artifact(name: "a", path: "/a", s3: S3Artifact(bucket: "b", key: "k"))
        #expect(artifact.location.s3?.key == "k")
        artifact.location = ArtifactLocation(raw: RawArtifact(data: "x"))
        #expect(artifact.s3 == nil)
        #expect(artifact.raw?.data == "x")
    }

    @Test func manifestKindIsReadFromTheDocument() {
        #expect(ArgoManifest.kind(of: ["kind": "Workflow"]) == "Workflow")
        #expect(ArgoManifest.kind(of: ["kind": 3]) == nil)
        #expect(ArgoManifest.kind(of: ["apiVersion": "v1"]) == nil)
        #expect(ArgoManifest.other(kind: "ConfigMap", ["kind": "ConfigMap"]).kind == "ConfigMap")
    }
}
