import Controller
import Templates
import Testing
@testable import argo_lite

/// kubectl's three-way merge (last applied, file, stored) and the annotation as kubectl writes it.
@Suite struct ClientSideApplyTests {
    @Test(arguments: [
        // (last applied, file, stored, patch)
        (#"{"a":1}"#, #"{"a":1}"#, #"{"a":1,"status":{"x":1}}"#, "{}"),
        (#"{"a":1,"b":2}"#, #"{"a":1}"#, #"{"a":1,"b":2}"#, #"{"b":null}"#),
        (#"{"a":1,"b":2}"#, #"{"a":1}"#, #"{"a":1}"#, "{}"),
        (#"{"a":1}"#, #"{"a":2}"#, #"{"a":1,"c":3}"#, #"{"a":2}"#),
        (#"{"a":1}"#, #"{"a":1}"#, #"{"a":9}"#, #"{"a":1}"#),
        (#"{"m":{"x":1,"y":2}}"#, #"{"m":{"x":1}}"#, #"{"m":{"x":1,"y":2,"z":3}}"#, #"{"m":{"y":null}}"#),
        (#"{"l":[1,2]}"#, #"{"l":[1]}"#, #"{"l":[1,2]}"#, #"{"l":[1]}"#),
        ("null", #"{"a":1}"#, #"{"a":1,"b":2}"#, "{}"),
        ("null", #"{"a":null}"#, #"{"a":1}"#, #"{"a":null}"#),
    ])
    func threeWayMergePatch(original: String, modified: String, current: String, patch: String) throws {
        let result = ClientSideApply.threeWay(original: try JSONParser.parse(original).objectValue,
                                              modified: try JSONParser.parse(modified).objectValue ?? [:],
                                              current: try JSONParser.parse(current).objectValue ?? [:])
        #expect(JSONValue.object(result) == (try JSONParser.parse(patch)))
    }

    @Test func theAnnotationHoldsTheObjectWithSortedKeysAndWithoutItself() {
        let object: JSONValue = ["kind": "ConfigMap", "apiVersion": "v1",
                                 "metadata": ["name": "x", "annotations": ["b": "1", ClientSideApply.annotation: "old"]]]
        let annotated = ClientSideApply.annotated(object)
        #expect(annotated["metadata"]?["annotations"]?[ClientSideApply.annotation]
            == #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"annotations":{"b":"1"},"name":"x"}}"#)
        #expect(annotated["metadata"]?["annotations"]?["b"] == "1")
    }

    @Test(arguments: [
        ("ConfigMap", "configmap/x", "configmaps \"x\" not found"),
        ("WorkflowTemplate", "workflowtemplate.argoproj.io/x", "workflowtemplates.argoproj.io \"x\" not found"),
        ("PersistentVolumeClaim", "persistentvolumeclaim/x", "persistentvolumeclaims \"x\" not found"),
    ])
    func kubectlNames(kind: String, name: String, notFound: String) throws {
        let apiVersion = kind == "WorkflowTemplate" ? "argoproj.io/v1alpha1" : "v1"
        let resource = ResourceKind(apiVersion: apiVersion, kind: kind)
        #expect(resource.kubectlName("x") == name)
        #expect(resource.notFoundMessage("x") == notFound)
    }
}
