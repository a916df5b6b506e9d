import Controller
import Foundation
import Templates
import Testing
import TestSupport
@testable import argo_lite

/// `resubmit`: a new workflow from an old one, as argo-server's `FormulateResubmitWorkflow` makes it.
@Suite final class ResubmitCommandTests {
    let directory: URL
    let cluster: LocalCluster
    let buffer = OutputBuffer()
    var env: CLIEnvironment { CLIEnvironment(namespace: "default", console: .capturing(buffer), style: .plain, now: { Fixture.now }) }

    init() throws {
        (directory, cluster) = try Fixture.cluster(scratch: "argo-lite-resubmit")
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    static let failed: JSONValue = [
        "apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow",
        "metadata": [
            "name": "nightly-x7k2p", "generateName": "nightly-", "namespace": "default", "uid": "old-uid",
            "resourceVersion": "7",
            "labels": ["team": "a", "workflows.argoproj.io/completed": "true", "workflows.argoproj.io/phase": "Failed",
                       "workflows.argoproj.io/creator": "someone"],
            "annotations": ["note": "keep"],
        ],
        "spec": [
            "entrypoint": "main", "shutdown": "Terminate", "activeDeadlineSeconds": 0,
            "arguments": ["parameters": [["name": "code", "value": "3"], ["name": "other", "value": "x"]]],
            "templates": [["name": "main", "container": ["image": "alpine", "command": ["sh", "-c", "exit 3"]]]],
        ],
        "status": ["phase": "Failed", "message": "Error (exit code 3)"],
    ]

    @Test func theNewWorkflowKeepsTheSpecAndUserMetadataAndNothingOfTheRun() throws {
        let new = try WorkflowResubmit.formulate(Self.failed, parameters: ["code=0"])
        #expect(new == [
            "apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow",
            "metadata": [
                "generateName": "nightly-", "namespace": "default",
                "labels": ["team": "a", "workflows.argoproj.io/resubmitted-from-workflow": "nightly-x7k2p"],
                "annotations": ["note": "keep"],
            ],
            "spec": [
                "entrypoint": "main",
                "arguments": ["parameters": [["name": "code", "value": "0"], ["name": "other", "value": "x"]]],
                "templates": [["name": "main", "container": ["image": "alpine", "command": ["sh", "-c", "exit 3"]]]],
            ],
        ])
    }

    @Test func aWorkflowWithoutGenerateNameIsResubmittedUnderItsNameAndADash() throws {
        var old = Self.failed
        old["metadata"]?["generateName"] = nil
        old["metadata"]?["name"] = "fixed"
        #expect(try WorkflowResubmit.formulate(old, parameters: [])["metadata"]?["generateName"] == "fixed-")
    }

    @Test func resubmitCreatesANewWorkflowAndLeavesTheOldOne() async throws {
        _ = try await cluster.create(.workflow, Self.failed)
        #expect(try await ResubmitCommand.parse(["@latest", "-o", "name"]).execute(cluster: cluster, env: env) == 0)
        let all = try await cluster.list(.workflow, namespace: "default", labelSelector: nil).items
        let new = try #require(all.first { $0["metadata"]?["name"] != "nightly-x7k2p" })
        let newName = try #require(new["metadata"]?["name"]?.stringValue)
        #expect(buffer.out == newName + "\n")
        #expect(newName.hasPrefix("nightly-") && newName.count == "nightly-".count + 5)
        #expect(new["status"]?["phase"] == nil)
        #expect(all.count == 2)
    }

    @Test func aSelectorResubmitsEveryMatchingWorkflow() async throws {
        _ = try await cluster.create(.workflow, Self.failed)
        var other = Self.failed
        other["metadata"]?["name"] = "unrelated"
        other["metadata"]?["labels"] = ["team": "b"]
        _ = try await cluster.create(.workflow, other)
        #expect(try await ResubmitCommand.parse(["-l", "team=a", "-o", "name"]).execute(cluster: cluster, env: env) == 0)
        let resubmitted = try await cluster.list(.workflow, namespace: "default",
                                                 labelSelector: try LabelSelector("workflows.argoproj.io/resubmitted-from-workflow")).items
        #expect(resubmitted.map { $0["metadata"]?["labels"]?["workflows.argoproj.io/resubmitted-from-workflow"] } == ["nightly-x7k2p"])
    }

    @Test func aMissingWorkflowIsNotFound() async throws {
        #expect(try await ResubmitCommand.parse(["nope"]).execute(cluster: cluster, env: env) == 1)
        #expect(buffer.err == "workflows.argoproj.io \"nope\" not found\n")
    }

    @Test(arguments: [["x", "--memoized"], [], ["x", "--wait", "--watch"]])
    func refusedBeforeAnythingIsRead(_ args: [String]) {
        #expect(throws: (any Error).self) { try ResubmitCommand.parse(args) }
    }
}
