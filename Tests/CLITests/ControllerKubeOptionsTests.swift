import Controller
import Foundation
import Testing
import TestSupport
@testable import argo_lite

/// `argo-lite controller --kubeconfig/--in-cluster` and the global `--kubeconfig`/`--local`: which cluster,
/// namespace and lease the flags give, and what they refuse. (The runtime they start is pinned by KubeRuntimeTests against the fake API server.)
@Suite final class ControllerKubeOptionsTests {
    let directory = ScratchDirectory.url("argo-lite-kubeopts")
    deinit { try? FileManager.default.removeItem(at: directory) }

    func kubeconfig() throws -> String {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("config").path
        try """
            apiVersion: v1
            kind: Config
            current-context: dev
            contexts:
            - {name: dev, context: {cluster: c1, user: u1, namespace: workflows}}
            - {name: other, context: {cluster: c2, user: u1}}
            clusters:
            - {name: c1, cluster: {server: "http://127.0.0.1:6443"}}
            - {name: c2, cluster: {server: "http://127.0.0.2:6443"}}
            users:
            - {name: u1, user: {token: abc}}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(arguments: [
        (args: [] as [String], managed: nil as String?, lease: "workflows", place: "http://127.0.0.1:6443"),
        (args: ["--namespaced"], managed: "workflows", lease: "workflows", place: "namespace workflows of http://127.0.0.1:6443"),
        (args: ["--namespaced", "--managed-namespace", "team-a"], managed: "team-a", lease: "workflows", place: "namespace team-a of http://127.0.0.1:6443"),
        (args: ["--context", "other"], managed: nil, lease: "default", place: "http://127.0.0.2:6443"),
    ] as [(args: [String], managed: String?, lease: String, place: String)])
    func flagsChooseTheClusterAndNamespaces(args: [String], managed: String?, lease: String, place: String) throws {
        let command = try ControllerCommand.parse(["--kubeconfig", try kubeconfig(), "--executor-image", "img:1"] + args)
        let (_, runtime, where_) = try command.kube.connect(try command.global.backend(environment: [:]).kubeConfig)
        #expect(runtime.managedNamespace == managed)
        #expect(runtime.leaseNamespace == lease)
        #expect(runtime.pods.executorImage == "img:1")
        #expect(runtime.workers == 32)
        #expect(where_ == place)
    }

    @Test(arguments: [
        (["--kubeconfig", "k", "--in-cluster"], "--kubeconfig and --in-cluster exclude each other"),
        (["--kubeconfig", "k", "--managed-namespace", "a"], "--managed-namespace needs --namespaced"),
        (["--kubeconfig", "k", "--workflow-workers", "0"], "--workflow-workers must be at least 1, got 0"),
        (["--kubeconfig", "k", "--local"], "--kubeconfig acts on a cluster, --local and --state-dir on the local state directory: give one of them"),
        (["--kubeconfig", "k", "--state-dir", "/tmp/s"], "--kubeconfig acts on a cluster, --local and --state-dir on the local state directory: give one of them"),
    ] as [([String], String)])
    func badFlagsAreRefused(args: [String], message: String) {
        do {
            _ = try ControllerCommand.parse(args)
            Issue.record("\(args) parsed")
        } catch {
            #expect(ControllerCommand.message(for: error) == message)
        }
    }

    /// Which cluster a command acts on, as `argo` finds one: a named kubeconfig, else `$KUBECONFIG` (its first
    /// file that exists), unless the local state directory is asked for.
    @Test(arguments: [
        (args: [] as [String], env: [:] as [String: String], kube: false),
        (args: [], env: ["KUBECONFIG": "CONFIG"], kube: true),
        (args: [], env: ["KUBECONFIG": "/nonexistent:CONFIG"], kube: true),
        (args: [], env: ["KUBECONFIG": "/nonexistent"], kube: false),
        (args: ["--local"], env: ["KUBECONFIG": "CONFIG"], kube: false),
        (args: ["--state-dir", "/tmp/x"], env: ["KUBECONFIG": "CONFIG"], kube: false),
        (args: [], env: ["KUBECONFIG": "CONFIG", "ARGO_LITE_STATE": "/tmp/x"], kube: false),
        (args: ["--kubeconfig", "CONFIG"], env: ["ARGO_LITE_STATE": "/tmp/x"], kube: true),
    ] as [(args: [String], env: [String: String], kube: Bool)])
    func theBackendIsFoundAsArgoFindsIt(args: [String], env: [String: String], kube: Bool) throws {
        let path = try kubeconfig()
        let global = try GlobalOptions.parse(args.map { $0 == "CONFIG" ? path : $0 })
        let backend = try global.backend(environment: env.mapValues { $0.replacingOccurrences(of: "CONFIG", with: path) })
        #expect((backend.kubeConfig != nil) == kube)
        if kube { #expect(backend.kubeConfig?.namespace == "workflows", "the context's namespace") }
    }

    @Test func aMissingKubeconfigSaysWhichFile() throws {
        let global = try GlobalOptions.parse(["--kubeconfig", "/nonexistent/kubeconfig"])
        #expect(throws: CLIError.self) { try global.backend(environment: [:]) }
        do { _ = try global.backend(environment: [:]) } catch { #expect("\(error)".contains("/nonexistent/kubeconfig")) }
    }
}
