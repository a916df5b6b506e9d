import Foundation
import Templates
import Testing
@testable import Controller
@testable import ClusterAPI
@testable import ResourceTemplates

@Suite struct ResourceConditionTests {
    let job: JSONValue = [
        "metadata": ["name": "rand-num-x"],
        "status": ["succeeded": 3, "failed": 0, "phase": "Failed", "ready": true],
    ]

    @Test(arguments: [
        ("status.succeeded > 2", true), ("status.succeeded > 3", false), ("status.failed < 1", true),
        ("status.phase in (Failed, Error)", true), ("status.phase notin (Failed, Error)", false),
        ("status.phase == Failed", true), ("status.phase = Failed", true), ("status.phase != Failed", false),
        ("metadata.name == rand-num-x", true), ("status.missing", false), ("!status.missing", true),
        ("status.missing != x", true), ("status.ready == true", true),
        ("status.succeeded > 2, status.phase == Failed", true), ("status.succeeded > 2,status.phase == Running", false),
    ])
    func conditionsEvaluateOnTheObjectFields(text: String, expected: Bool) throws {
        let condition = try ResourceCondition(text)
        #expect(condition.requirements.allSatisfy { $0.matches(job) } == expected)
    }

    @Test(arguments: [
        ("status.phase in (Failed, Error)", "status.phase in (Error,Failed)"),
        ("status.succeeded>2", "status.succeeded>2"),
        ("b == x, a != y", "a!=y,b==x"),
        ("!status.failed", "!status.failed"),
    ])
    func requirementsPrintAsKubernetesPrintsThem(text: String, printed: String) throws {
        #expect(try ResourceCondition(text).description == printed)
    }

    @Test(arguments: ["status.succeeded > two", "status.phase in Failed", "status.phase == (a)", "a b"])
    func malformedConditionsDoNotParse(text: String) {
        #expect(throws: ResourceConditionError.self) { _ = try ResourceCondition(text) }
    }

    @Test func fieldPathsIndexArraysAndCountThem() {
        let object: JSONValue = ["status": ["conditions": [["type": "Ready"], ["type": "Done"]]]]
        #expect(FieldPath.lookup("status.conditions.1.type", in: object) == "Done")
        #expect(FieldPath.lookup("status.conditions.#", in: object) == 2)
    }

    @Test(arguments: [
        ("{.metadata.name}", "cm"), ("name={.metadata.name}!", "name=cm!"), ("{.data.n}", "3"),
        ("{.spec.items[*].v}", "a b"), ("{.spec.items[1].v}", "b"), ("{.spec.items[?(@.v==\"b\")].k}", "2"),
        ("{.metadata.labels['app\\.kubernetes\\.io/name']}", "x"), ("{.missing}", ""), ("{.spec.items[0]}", "{\"v\":\"a\",\"k\":1}"),
    ])
    func jsonPathTemplatesPrintAsKubectl(template: String, expected: String) throws {
        let object: JSONValue = [
            "metadata": ["name": "cm", "labels": ["app.kubernetes.io/name": "x"]], "data": ["n": 3],
            "spec": ["items": [["v": "a", "k": 1], ["v": "b", "k": 2]]],
        ]
        #expect(try KubeJSONPath.evaluate(template, on: object) == expected)
    }

    @Test(arguments: [
        ("v1", "ConfigMap", "configmaps", true), ("batch/v1", "Job", "jobs.batch", true),
        ("argoproj.io/v1alpha1", "Workflow", "workflows.argoproj.io", true),
        ("networking.k8s.io/v1", "Ingress", "ingresses.networking.k8s.io", true),
        ("v1", "Namespace", "namespaces", false), ("policy/v1", "PodSecurityPolicy", "podsecuritypolicies.policy", true),
    ])
    func kindsFromManifestsHaveStableKeys(apiVersion: String, kind: String, key: String, namespaced: Bool) {
        let k = ResourceKind(apiVersion: apiVersion, kind: kind)
        #expect(k.description == key)
        #expect(k.namespaced == namespaced)
    }

    @Test func builtInKindsKeepTheirKeys() {
        #expect(ResourceKind(apiVersion: "v1", kind: "Pod") == .pod)
        #expect(ResourceKind(apiVersion: "argoproj.io/v1alpha1", kind: "Workflow") == .workflow)
        #expect(ResourceKind(kubectlType: "po") == .pod)
        #expect(ResourceKind(kubectlType: "configmaps") == .configMap)
        #expect(ResourceKind(kubectlType: "jobs.batch")?.description == "jobs.batch")
        #expect(ResourceKind(kubectlType: "widgets") == nil)
    }
}
