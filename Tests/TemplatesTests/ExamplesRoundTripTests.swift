import Foundation
import Testing
import TestSupport
@testable import Templates

/// Every upstream example loads through `ManifestLoader` with nothing unknown in it, and every Argo document in it
/// survives JSON and YAML round trips unchanged: the spec model keeps every field the examples use.
@Suite(.needsSharedData) struct ExamplesRoundTripTests {
    @Test func theExamplesAreThere() {
        #expect(SharedData.exampleFiles().count >= 170)
    }

    @Test(arguments: SharedData.exampleFiles())
    func loadsAndRoundTrips(_ file: String) throws {
        let loaded = ManifestLoader.load(try SharedData.read(example: file), file: file)
        #expect(loaded.syntaxError == nil)
        #expect(!loaded.documents.isEmpty)
        for doc in loaded.documents {
            #expect(doc.errors.map(\.description) == [])
            #expect(doc.unknownFields.map(\.description) == [])
            guard let manifest = doc.manifest else { continue }
            if case .other = manifest { continue }

            let json = try encode(manifest)
            #expect(try decode(manifest.kind, from: json) == manifest, "JSON round trip of \(file) #\(doc.index)")

            let yaml = YAMLEmitter.emit(try JSONDecoder().decode(JSONValue.self, from: json))
            let reloaded = ManifestLoader.load(yaml, file: "\(file) (emitted)")
            #expect(reloaded.problems(strict: true).map(\.description) == [])
            #expect(reloaded.documents.map(\.manifest) == [manifest], "YAML round trip of \(file) #\(doc.index)")
        }
    }

    private func encode(_ m: ArgoManifest) throws -> Data {
        let e = JSONEncoder()
        switch m {
        case .workflow(let v): return try e.encode(v)
        case .workflowTemplate(let v): return try e.encode(v)
        case .clusterWorkflowTemplate(let v): return try e.encode(v)
        case .cronWorkflow(let v): return try e.encode(v)
        case .workflowTaskResult(let v): return try e.encode(v)
        case .workflowEventBinding(let v): return try e.encode(v)
        case .other(_, let v): return try e.encode(v)
        }
    }

    private func decode(_ kind: String, from data: Data) throws -> ArgoManifest {
        let d = JSONDecoder()
        switch kind {
        case "Workflow": return .workflow(try d.decode(Workflow.self, from: data))
        case "WorkflowTemplate": return .workflowTemplate(try d.decode(WorkflowTemplate.self, from: data))
        case "ClusterWorkflowTemplate": return .clusterWorkflowTemplate(try d.decode(ClusterWorkflowTemplate.self, from: data))
        case "CronWorkflow": return .cronWorkflow(try d.decode(CronWorkflow.self, from: data))
        case "WorkflowTaskResult": return .workflowTaskResult(try d.decode(WorkflowTaskResult.self, from: data))
        case "WorkflowEventBinding": return .workflowEventBinding(try d.decode(WorkflowEventBinding.self, from: data))
        default: return .other(kind: kind, try d.decode(JSONValue.self, from: data))
        }
    }
}
