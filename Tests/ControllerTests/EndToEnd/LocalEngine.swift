import Foundation
import Templates
import TestSupport
@testable import Controller
@testable import LocalStore
@testable import LocalNode

/// A local engine in a fresh temporary state directory, for end-to-end tests: the real store, controller and
/// node agent, running real host processes. With `ARGO_LITE_E2E_BINARY` set (`.ci/run` names the release build),
/// the controller and node agent are that binary's `argo-lite controller`, in a process of its own on the same
/// state directory; the test still submits and reads through the store. Otherwise they run in this process.
struct LocalEngine {
    let directory: URL
    let cluster: LocalCluster
    let runtime: LocalRuntime?
    let controllerProcess: ChildProcess?

    static func start(maxPods: Int = 4) async throws -> LocalEngine {
        let dir = ScratchDirectory.url("argo-lite-e2e")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let cluster = try LocalCluster(directory: dir)
        if let binary = try ReleaseBinary.path() {
            let process = try ChildProcess(
                [binary, "controller", "--state-dir", dir.path, "--max-pods", "\(maxPods)"],
                logFile: dir.appendingPathComponent("controller.log"))
            return LocalEngine(directory: dir, cluster: cluster, runtime: nil, controllerProcess: process)
        }
        guard let runtime = try await LocalRuntime.startIfNeeded(
            cluster: cluster, maxPods: maxPods, executable: SharedData.argoLiteExecutable)
        else {
            throw PodLaunchError("a fresh state directory's lease was already held")
        }
        return LocalEngine(directory: dir, cluster: cluster, runtime: runtime, controllerProcess: nil)
    }

    func stop() async {
        if let runtime { await runtime.shutdown(stoppingPods: true) }
        if let controllerProcess {
            // Its pods would outlive it (a stopping controller leaves them to the next one): delete the workflows,
            // let its agent stop their pods, then stop it.
            for wf in (try? await cluster.list(.workflow, namespace: nil, labelSelector: nil).items) ?? [] {
                let meta = wf["metadata"] ?? [:]
                try? await cluster.delete(.workflow, namespace: meta["namespace"]?.stringValue ?? "",
                                          name: meta["name"]?.stringValue ?? "")
            }
            _ = try? await until(seconds: 15) { ((try? await cluster.list(.pod, namespace: nil, labelSelector: nil).items) ?? []).isEmpty }
            controllerProcess.stop()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Fails when the controller binary has ended: it must run until the test stops it.
    func checkControllerRuns() throws {
        guard let controllerProcess, let end = controllerProcess.ended() else { return }
        throw PodLaunchError("the controller process (\(ReleaseBinary.variable)) \(end); its output ends:\n\(controllerProcess.outputTail())")
    }

    /// Submits the first Workflow document of `yaml` (generateName honoured) and returns its name.
    func submit(_ yaml: String, file: String = "test.yaml", namespace: String = "argo") async throws -> String {
        let node = try YAML.loadFirst(yaml, file: file)
        var object = try node.toJSONValue()
        object["metadata"]?["namespace"] = .string(namespace)
        let created = try await cluster.create(.workflow, object)
        return created["metadata"]?["name"]?.stringValue ?? ""
    }

    /// Waits (watching, not polling) until the workflow completes, up to `seconds`.
    func waitForCompletion(_ name: String, namespace: String = "argo", seconds: Double = 60) async throws -> Workflow {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            try checkControllerRuns()
            let object = try await cluster.get(.workflow, namespace: namespace, name: name)
            let wf = try object.decode(Workflow.self)
            if let phase = wf.status?.phase, phase.isCompleted { return wf }
            let stream = try await cluster.watch(
                .workflow, namespace: namespace, labelSelector: nil,
                resourceVersion: object["metadata"]?["resourceVersion"]?.stringValue)
            // The event's own object: a workflow with a short ttlStrategy may be gone by the time it is read again.
            let waiter = Task { () -> Workflow? in
                // The watch sees the namespace: other workflows (a workflow's children, too) are not this one.
                for try await event in stream
                where event.type != .deleted && event.object["metadata"]?["name"]?.stringValue == name {
                    guard let wf = try? event.object.decode(Workflow.self) else { return nil }
                    if wf.status?.phase?.isCompleted == true { return wf }
                }
                return nil
            }
            let timer = Task {
                try? await Task.sleep(for: .seconds(1))
                waiter.cancel()
            }
            let seen = try? await waiter.value
            timer.cancel()
            if let seen { return seen }
        }
        let object = try await cluster.get(.workflow, namespace: namespace, name: name)
        return try object.decode(Workflow.self)
    }
}
