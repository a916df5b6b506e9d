import Foundation
import Testing
import Templates
import TestSupport
@testable import Controller

@Suite(.serialized) struct ResourceEndToEndTests {
    static let createThenRead = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          generateName: resource-e2e-
        spec:
          entrypoint: main
          templates:
          - name: main
            steps:
            - - name: create
                template: create-configmap
            - - name: read
                template: print
                arguments:
                  parameters:
                  - name: name
                    value: "{{steps.create.outputs.parameters.name}}"
                  - name: color
                    value: "{{steps.create.outputs.parameters.color}}"
          - name: create-configmap
            resource:
              action: create
              setOwnerReference: true
              manifest: |
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  generateName: settings-
                data:
                  color: blue
            outputs:
              parameters:
              - name: name
                valueFrom:
                  jsonPath: '{.metadata.name}'
              - name: color
                valueFrom:
                  jsonPath: '{.data.color}'
          - name: print
            inputs:
              parameters:
              - name: name
              - name: color
            container:
              image: argoproj/argosay:v2
              args: [echo, "{{inputs.parameters.name}} is {{inputs.parameters.color}}"]
            outputs:
              parameters:
              - name: said
                value: "{{inputs.parameters.name}}={{inputs.parameters.color}}"
        """

    @Test func aResourceStepCreatesAConfigMapWhoseFieldsTheNextStepReads() async throws {
        let engine = try await LocalEngine.start()
        defer { Task { await engine.stop() } }
        let name = try await engine.submit(Self.createThenRead)
        let wf = try await engine.waitForCompletion(name)
        #expect(wf.status?.phase == .succeeded, "\(wf.status?.message ?? "") \(wf.status?.nodes?.values.compactMap(\.message) ?? [])")
        let create = try #require(wf.status?.nodes?.values.first { $0.displayName == "create" })
        let results = try await engine.cluster.list(.workflowTaskResult, namespace: "argo", labelSelector: nil)
        let created = try #require(create.outputs?.parameters?.first { $0.name == "name" }?.value?.value, "\(create.outputs as Any) \(results.items.map(\.compactJSON))")
        #expect(created.hasPrefix("settings-"))
        let read = try #require(wf.status?.nodes?.values.first { $0.displayName == "read" })
        #expect(read.inputs?.parameters?.first { $0.name == "color" }?.value?.value == "blue")
        let configMap = try await engine.cluster.get(.configMap, namespace: "argo", name: created)
        #expect(configMap["metadata"]?["ownerReferences"]?[0]?["name"]?.stringValue == name)
    }

    @Test func aFailureConditionFailsTheNodeWithArgosMessage() async throws {
        let engine = try await LocalEngine.start()
        defer { Task { await engine.stop() } }
        let yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata:
              generateName: resource-fail-
            spec:
              entrypoint: main
              templates:
              - name: main
                resource:
                  action: create
                  failureCondition: data.state == broken
                  manifest: |
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      generateName: broken-
                    data:
                      state: broken
            """
        let name = try await engine.submit(yaml)
        let wf = try await engine.waitForCompletion(name)
        #expect(wf.status?.phase == .failed)
        #expect(wf.status?.nodes?[name]?.message == "Error (exit code 64): failure condition 'data.state==broken' evaluated true")
    }
}
