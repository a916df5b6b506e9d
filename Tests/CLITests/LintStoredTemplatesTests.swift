import Controller
import Foundation
import Templates
import Testing
import TestSupport
@testable import argo_lite

/// `lint` without `--offline` resolves refs against the (Cluster)WorkflowTemplates stored in the state directory,
/// as `argo lint` resolves them against the server; with `--offline` only among the files. A state directory
/// without a store is left as it is.
@Suite final class LintStoredTemplatesTests {
    let directory: URL
    let cluster: LocalCluster
    let buffer = OutputBuffer()
    var state: URL { directory.appendingPathComponent("state") }

    init() throws {
        (directory, cluster) = try Fixture.cluster(scratch: "argo-lite-lint-stored")
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    static func template(_ kind: String) -> String {
        """
        apiVersion: argoproj.io/v1alpha1
        kind: \(kind)
        metadata: {name: shared}
        spec:
          entrypoint: print
          templates:
          - name: print
            container: {image: alpine, command: [echo, hi]}
        """
    }

    /// The ways a Workflow names a stored template, and argo's offline message when none is found.
    enum Reference: String, CaseIterable, Sendable {
        case templateRef, clusterTemplateRef, workflowTemplateRef, clusterWorkflowTemplateRef

        var storedKind: String { rawValue.hasPrefix("cluster") ? "ClusterWorkflowTemplate" : "WorkflowTemplate" }
        var resource: ResourceKind { rawValue.hasPrefix("cluster") ? .clusterWorkflowTemplate : .workflowTemplate }
        var scope: String { rawValue.hasPrefix("cluster") ? ", clusterScope: true" : "" }

        var workflow: String {
            let spec = switch self {
            case .templateRef, .clusterTemplateRef:
                "  entrypoint: main\n  templates:\n  - name: main\n    steps:\n    - - name: a\n"
                    + "        templateRef: {name: shared, template: print\(scope)}\n"
            case .workflowTemplateRef, .clusterWorkflowTemplateRef: "  workflowTemplateRef: {name: shared\(scope)}\n"
            }
            return "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: uses-}\nspec:\n" + spec
        }

        var offlineMessage: String {
            let missing = rawValue.hasPrefix("cluster") ? "couldn't find cluster workflow template \"shared\""
                : "couldn't find workflow template \"shared\" in namespace \"\""
            let path = self == .templateRef || self == .clusterTemplateRef ? "templates.main.steps[0].a " : ""
            return "in \"uses-\" (Workflow): \(path)\(missing)"
        }
    }

    func file(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func lint(_ arguments: [String], stateDirectory: URL? = nil, namespace: String = "default") async throws -> Int32 {
        let env = CLIEnvironment(namespace: namespace, console: .capturing(buffer), stateDirectory: stateDirectory ?? state)
        return await try LintCommand.parse(GoBoolFlags.normalize(arguments)).execute(env: env)
    }

    func store(_ reference: Reference, namespace: String = "default") async throws {
        var object = try #require(Manifests.documents(text: Self.template(reference.storedKind), file: "t.yaml").first)
        if reference.resource == .workflowTemplate { object["metadata"]?["namespace"] = .string(namespace) }
        _ = try await cluster.create(reference.resource, object)
    }

    @Test(arguments: Reference.allCases, [[], ["--offline=false"], ["--no-offline"]])
    func aStoredTemplateSatisfiesARefOnline(reference: Reference, flags: [String]) async throws {
        try await store(reference)
        let wf = try file("wf.yaml", reference.workflow)
        #expect(try await lint(flags + [wf]) == 0)
        #expect(buffer.out == "✔ no linting errors found!\n")
    }

    @Test(arguments: Reference.allCases, [["--offline"], ["--offline=true"]])
    func offlineTheStoredTemplateIsNotSeen(reference: Reference, flags: [String]) async throws {
        try await store(reference)
        let wf = try file("wf.yaml", reference.workflow)
        #expect(try await lint(flags + ["-o", "simple", wf]) == 1)
        #expect(buffer.out == "\(wf): \(reference.offlineMessage)\n")
        // offline, the template in a file given beside it does
        let t = try file("t.yaml", Self.template(reference.storedKind))
        #expect(try await lint(flags + ["-o", "simple", wf, t]) == 0)
    }

    @Test func aFileOfAKindNotLintedStillSatisfiesARef() async throws {
        let wf = try file("wf.yaml", Reference.templateRef.workflow)
        let t = try file("t.yaml", Self.template("WorkflowTemplate") + "\n  unknownField: 1\n")
        #expect(try await lint(["--offline", "--kinds", "wf", "-o", "simple", wf, t]) == 0)
        #expect(buffer.out == "no linting errors found!\n")
    }

    @Test func storedWorkflowTemplatesAreFoundInTheCommandsNamespace() async throws {
        try await store(.templateRef, namespace: "other")
        let wf = try file("wf.yaml", Reference.templateRef.workflow)
        #expect(try await lint([wf], namespace: "default") == 1)
        #expect(try await lint([wf], namespace: "other") == 0)
        // and in the namespace the object names, whatever the command's
        let inOther = try file("in-other.yaml", Reference.templateRef.workflow.replacingOccurrences(
            of: "metadata: {generateName: uses-}", with: "metadata: {generateName: uses-, namespace: other}"))
        #expect(try await lint([inOther], namespace: "default") == 0)
    }

    /// A machine that never ran argo-lite: lint works, finds no stored templates, and creates nothing.
    @Test(arguments: [false, true])
    func aStateDirectoryWithoutAStoreIsLeftAlone(directoryExists: Bool) async throws {
        let fresh = directory.appendingPathComponent("never-ran")
        if directoryExists {
            try FileManager.default.createDirectory(at: fresh, withIntermediateDirectories: true)
            try "{}".write(to: fresh.appendingPathComponent("images.json"), atomically: true, encoding: .utf8)
        }
        let good = try file("good.yaml", LintCommandTests.good)
        let wf = try file("wf.yaml", Reference.templateRef.workflow)
        #expect(try await lint([good], stateDirectory: fresh) == 0)
        #expect(try await lint(["-o", "simple", wf], stateDirectory: fresh) == 1)
        #expect(buffer.out.hasSuffix("\(wf): \(Reference.templateRef.offlineMessage)\n"))
        let left = try? FileManager.default.contentsOfDirectory(atPath: fresh.path)
        #expect(left == (directoryExists ? ["images.json"] : nil))
    }

    @Test func aStoreThatCannotBeOpenedIsAnError() async throws {
        let broken = directory.appendingPathComponent("broken")
        try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
        try "not a database".write(to: LocalCluster.databaseURL(in: broken), atomically: true, encoding: .utf8)
        #expect(try await lint([try file("good.yaml", LintCommandTests.good)], stateDirectory: broken) == 1)
        #expect(buffer.err.contains("is not an argo-lite state database"))
        #expect(try await lint(["--offline", try file("good.yaml", LintCommandTests.good)], stateDirectory: broken) == 0)
    }

    @Test func templateLintResolvesAgainstTheStoreToo() async throws {
        try await store(.clusterTemplateRef)
        let user = Reference.clusterTemplateRef.workflow.replacingOccurrences(of: "kind: Workflow", with: "kind: WorkflowTemplate")
            .replacingOccurrences(of: "generateName: uses-", with: "name: user")
        let path = try file("user.yaml", user)
        let env = CLIEnvironment(console: .capturing(buffer), stateDirectory: state)
        #expect(await try TemplateLintCommand<NamespacedTemplates>.parse([path]).execute(env: env) == 0)
        let offline = CLIEnvironment(console: .capturing(buffer), stateDirectory: directory.appendingPathComponent("none"))
        #expect(await try TemplateLintCommand<NamespacedTemplates>.parse([path]).execute(env: offline) == 1)
    }
}
