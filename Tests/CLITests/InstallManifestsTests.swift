import Controller
import Foundation
import Templates
import Testing
@testable import argo_lite

/// `crds/install/`: the manifests a user applies to run argo-lite's controller in a cluster. They load, the
/// Deployment runs a command line `argo-lite controller` accepts (in-cluster, its own image as the executor's),
/// and the RBAC grants each request the controller and the pods make, and nothing beyond the table below.
@Suite struct InstallManifestsTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("crds/install")

    static func objects() throws -> [JSONValue] {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        return try files.flatMap { file in
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            return try YAML.load(text, file: file).map { try $0.toJSONValue() }
        }
    }

    static func object(_ kind: String, _ name: String) throws -> JSONValue {
        try #require(try objects().first { $0["kind"]?.stringValue == kind && $0["metadata"]?["name"]?.stringValue == name })
    }

    /// (apiGroup, resource, verbs) a role grants.
    static func grants(_ role: JSONValue) -> Set<String> {
        var out: Set<String> = []
        for rule in role["rules"]?.arrayValue ?? [] {
            for group in rule["apiGroups"]?.arrayValue ?? [] {
                for resource in rule["resources"]?.arrayValue ?? [] {
                    for verb in rule["verbs"]?.arrayValue ?? [] {
                        out.insert("\(group.stringValue ?? "")/\(resource.stringValue ?? "") \(verb.stringValue ?? "")")
                    }
                }
            }
        }
        return out
    }

    @Test func everyManifestLoadsWithItsKind() throws {
        let kinds = try Self.objects().map { "\($0["kind"]?.stringValue ?? "?")/\($0["metadata"]?["name"]?.stringValue ?? "?")" }
        #expect(kinds == [
            "Namespace/argo",
            "ServiceAccount/argo-lite-controller", "ClusterRole/argo-lite-controller",
            "ClusterRoleBinding/argo-lite-controller", "Role/argo-lite-controller-leader",
            "RoleBinding/argo-lite-controller-leader",
            "Role/argo-lite-executor", "RoleBinding/argo-lite-executor-default",
            "Deployment/argo-lite-controller",
        ])
    }

    @Test func theDeploymentRunsACommandLineTheControllerAccepts() throws {
        let deployment = try Self.object("Deployment", "argo-lite-controller")
        let container = try #require(deployment["spec"]?["template"]?["spec"]?["containers"]?[0])
        #expect(container["command"] == ["argo-lite"])
        let args = (container["args"]?.arrayValue ?? []).compactMap(\.stringValue)
        #expect(args.first == "controller")
        let command = try ControllerCommand.parse(Array(args.dropFirst()))
        #expect(command.kube.inCluster && command.global.kubeconfig == nil)
        #expect(command.kube.executorImage == container["image"]?.stringValue, "pods copy the executor from the controller's own image")
        #expect(deployment["spec"]?["template"]?["spec"]?["serviceAccountName"] == "argo-lite-controller")
    }

    /// Each request the controller makes, by the API group, resource and verb (Sync, the informers, garbage
    /// collection, cron, memoize, events, logs).
    static let controllerNeeds: Set<String> = [
        "argoproj.io/workflows get", "argoproj.io/workflows list", "argoproj.io/workflows watch",
        "argoproj.io/workflows create", "argoproj.io/workflows update", "argoproj.io/workflows patch",
        "argoproj.io/workflows delete",
        "argoproj.io/workflowtemplates get", "argoproj.io/workflowtemplates list", "argoproj.io/workflowtemplates watch",
        "argoproj.io/clusterworkflowtemplates get", "argoproj.io/clusterworkflowtemplates list",
        "argoproj.io/clusterworkflowtemplates watch",
        "argoproj.io/cronworkflows get", "argoproj.io/cronworkflows list", "argoproj.io/cronworkflows watch",
        "argoproj.io/cronworkflows update", "argoproj.io/cronworkflows patch",
        "argoproj.io/workflowtaskresults get", "argoproj.io/workflowtaskresults list",
        "argoproj.io/workflowtaskresults watch", "argoproj.io/workflowtaskresults delete",
        "/pods get", "/pods list", "/pods watch", "/pods create", "/pods patch", "/pods delete", "/pods/log get",
        "/configmaps get", "/configmaps list", "/configmaps watch", "/configmaps create", "/configmaps update",
        "/configmaps patch", "/events create", "/events patch",
    ]

    @Test func theControllerIsGrantedWhatItDoesAndNoMore() throws {
        #expect(Self.grants(try Self.object("ClusterRole", "argo-lite-controller")) == Self.controllerNeeds)
        #expect(Self.grants(try Self.object("Role", "argo-lite-controller-leader")) ==
                ["coordination.k8s.io/leases get", "coordination.k8s.io/leases create", "coordination.k8s.io/leases update"])
        let lease = try Self.object("RoleBinding", "argo-lite-controller-leader")
        #expect(lease["metadata"]?["namespace"] == "argo", "the lease is in the controller's own namespace: \(KubeRuntime.leaseName)")
    }

    @Test func podsMayOnlyReportTheirTaskResults() throws {
        #expect(Self.grants(try Self.object("Role", "argo-lite-executor")) ==
                ["argoproj.io/workflowtaskresults create", "argoproj.io/workflowtaskresults patch"])
    }
}
