import Foundation
import KubeFake
import Testing
import Templates
@testable import Controller

@Suite struct KubeDiscoveryTests {
    @Test(arguments: [
        ("v1", "Pod", ResourceKind.pod), ("v1", "ConfigMap", .configMap), ("coordination.k8s.io/v1", "Lease", .lease),
        ("argoproj.io/v1alpha1", "Workflow", .workflow), ("argoproj.io/v1alpha1", "ClusterWorkflowTemplate", .clusterWorkflowTemplate),
    ])
    func kindsResolveToTheirRESTResource(_ apiVersion: String, _ kind: String, _ expected: ResourceKind) async throws {
        let server = try FakeKubeServer.start()
        let discovery = KubeDiscovery(client: kubeClient(server))
        #expect(try await discovery.resource(apiVersion: apiVersion, kind: kind) == expected)
        server.clearRequests()
        #expect(try await discovery.resource(apiVersion: apiVersion, kind: kind) == expected)
        #expect(server.requests.isEmpty)  // from the cache
    }

    @Test func unknownKindsAndGroupsSayWhatIsServed() async throws {
        let server = try FakeKubeServer.start { $0.argoCRDs = false }
        let discovery = KubeDiscovery(client: kubeClient(server))
        await #expect(throws: ClusterError.notFound("no matches for kind \"Widget\" in version \"coordination.k8s.io/v1\": it serves Lease")) {
            _ = try await discovery.resource(apiVersion: "coordination.k8s.io/v1", kind: "Widget")
        }
        await #expect(throws: ClusterError.notFound(
            "no matches for kind \"Workflow\" in version \"argoproj.io/v1alpha1\": the API server does not serve argoproj.io/v1alpha1; install its CRDs first")) {
            _ = try await discovery.resource(apiVersion: "argoproj.io/v1alpha1", kind: "Workflow")
        }
    }
}

@Suite struct KubeDiscoveryDocumentTests {
    @Test func discoveryListsArgoAndCoreResources() async throws {
        let server = try FakeKubeServer.start()
        let client = kubeClient(server)
        let groups = try await client.json(KubeRequest(method: "GET", path: "/apis"))
        #expect(groups["groups"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["coordination.k8s.io", "argoproj.io"])
        let argo = try await client.json(KubeRequest(method: "GET", path: "/apis/argoproj.io/v1alpha1"))
        let names = argo["resources"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        #expect(names.contains("workflows") && names.contains("clusterworkflowtemplates"))
        let core = try await client.json(KubeRequest(method: "GET", path: "/api/v1"))
        #expect(core["resources"]?.arrayValue?.contains { $0["name"] == "pods/log" } == true)
    }
}
