import Foundation
import Testing
import Templates
@testable import Controller
@testable import Operator

/// Parameters with `valueFrom.configMapKeyRef` (workflow arguments and template inputs), as Argo's
/// `setGlobalParameters` and `ProcessArgs` read them through `GetConfigMapValue`.
@Suite struct OperatorConfigMapParameterTests {
    static let input = """
        {"metadata": {"name": "cm", "namespace": "argo"}, "spec": {"entrypoint": "print", "templates": [
          {"name": "print", "inputs": {"parameters": [{"name": "message", "valueFrom": {"configMapKeyRef": {"name": "params", "key": "msg"}}}]},
           "container": {"image": "busybox", "command": ["echo", "{{inputs.parameters.message}}"]}}]}}
        """
    static let global = """
        {"metadata": {"name": "cm", "namespace": "argo"}, "spec": {"entrypoint": "print",
          "arguments": {"parameters": [{"name": "message", "valueFrom": {"configMapKeyRef": {"name": "params", "key": "msg"}}}]},
          "templates": [
          {"name": "print", "inputs": {"parameters": [{"name": "m", "value": "{{workflow.parameters.message}}"}]},
           "container": {"image": "busybox", "command": ["echo", "{{inputs.parameters.m}}"]}}]}}
        """

    static func kubelet(_ json: String, _ configMaps: [String: ParameterConfigMapObservation]) throws -> FakeKubelet {
        var k = try FakeKubelet(json: json)
        k.snapshot.parameterConfigMaps = configMaps
        return k
    }

    @Test func theSyncReadsTheConfigMapsParametersName() throws {
        let k = try FakeKubelet(json: Self.global)
        #expect(ParameterConfigMapObservation.names(k.snapshot.workflow.spec, TemplateCatalog()) == ["params"])
    }

    @Test func anInputParameterTakesTheConfigMapsValue() throws {
        var k = try Self.kubelet(Self.input, ["params": ParameterConfigMapObservation(data: ["msg": "hello world"])])
        k.pass()
        #expect(k.createdPods.count == 1)
        #expect(k.node("cm")?.inputs?.parameters?.first?.value?.value == "hello world")
    }

    @Test func aGlobalParameterTakesTheConfigMapsValue() throws {
        var k = try Self.kubelet(Self.global, ["params": ParameterConfigMapObservation(data: ["msg": "hello world"])])
        k.pass()
        #expect(k.node("cm")?.inputs?.parameters?.first?.value?.value == "hello world")
    }

    @Test(arguments: [
        (nil, "unable to retrieve inputs.parameters.message from ConfigMap: configmaps.v1 \"params\" not found"),
        (ParameterConfigMapObservation(typeLabelValue: nil, data: ["msg": "x"]),
         "unable to retrieve inputs.parameters.message from ConfigMap: configmaps.v1 \"params\" not found"),
        (ParameterConfigMapObservation(typeLabelValue: "Cache", data: ["msg": "x"]),
         "unable to retrieve inputs.parameters.message from ConfigMap: ConfigMap 'params' needs to have the label "
            + "workflows.argoproj.io/configmap-type: Parameter to load parameters"),
        (ParameterConfigMapObservation(data: [:]),
         "unable to retrieve inputs.parameters.message from ConfigMap: ConfigMap 'params' does not have the key 'msg'"),
    ] as [(ParameterConfigMapObservation?, String)])
    func aConfigMapThatCannotBeReadErrorsTheWorkflow(configMap: ParameterConfigMapObservation?, message: String) throws {
        var k = try Self.kubelet(Self.input, configMap.map { ["params": $0] } ?? [:])
        k.pass()
        #expect(k.createdPods.isEmpty)
        #expect(k.status.phase == .error)
        #expect(k.status.message == "error in entry template execution: \(message)")
    }

    @Test func aGlobalParameterThatCannotBeReadErrorsTheWorkflow() throws {
        var k = try Self.kubelet(Self.global, [:])
        k.pass()
        #expect(k.status.phase == .error)
        #expect(k.status.message == "failed to set global parameter message from configmap with name params and key msg: "
            + "configmaps.v1 \"params\" not found")
    }

    @Test func theDefaultIsUsedWhenTheConfigMapIsMissing() throws {
        let json = Self.input.replacingOccurrences(of: #""key": "msg"}"#, with: #""key": "msg"}, "default": "fallback""#)
        var k = try Self.kubelet(json, [:])
        k.pass()
        #expect(k.node("cm")?.inputs?.parameters?.first?.value?.value == "fallback")
    }
}
