import Executor
import Foundation
import Templates
import ClusterAPI

/// `argo-lite emissary resource ACTION`: the process a Resource template's pod runs (Argo: `argoexec resource`).
/// It reads the template and the workflow from the pod's environment (`ARGO_TEMPLATE`, `ARGO_WORKFLOW_NAME`,
/// `ARGO_WORKFLOW_UID`, `ARGO_NAMESPACE`, `ARGO_POD_NAME`), reaches the cluster through the backend's `connect`
/// (locally: the store at `ARGO_LITE_STATE`), performs the action (`ResourceAction.perform`) and reports like the emissary: a task result (phase, message, output
/// parameters, exit code) and, on failure, the message as the container's termination message.
/// Exit code 0, or 64 on any failure (as argoexec).
public enum ResourceExecutor {
    public static let failureExitCode: Int32 = 64

    public struct Options: Sendable {
        public var action: String
        public var taskResultFile: String?
        public var terminationMessageFile: String?
        public var environment: [String: String]
        public init(action: String, taskResultFile: String? = nil, terminationMessageFile: String? = nil,
                    environment: [String: String] = ProcessInfo.processInfo.environment) {
            self.action = action
            self.taskResultFile = taskResultFile
            self.terminationMessageFile = terminationMessageFile
            self.environment = environment
        }
    }

    /// Why `connect` could not reach the cluster, said as the pod's failure message.
    public struct ConnectError: Error, Sendable {
        public var message: String
        public init(_ message: String) { self.message = message }
    }

    /// Runs against the cluster that `connect` reaches from the pod's environment.
    public static func run(
        _ options: Options, connect: ([String: String]) throws(ConnectError) -> any Cluster,
        stdout: Int32 = 1, stderr: Int32 = 2
    ) async -> Int32 {
        let env = options.environment
        func finish(_ report: TaskResultReport) -> Int32 {
            if let path = options.taskResultFile {
                _ = FileManager.default.createFile(atPath: path, contents: Data(report.compactJSON.utf8))
            }
            if let message = report.message {
                writeAll(stderr, Array((message + "\n").utf8))
                if let path = options.terminationMessageFile {
                    _ = FileManager.default.createFile(atPath: path, contents: Data(message.utf8))
                }
            }
            return report.exitCode
        }
        func fail(_ message: String) -> Int32 {
            finish(TaskResultReport(phase: "Failed", message: message, exitCode: failureExitCode))
        }
        guard let templateText = env["ARGO_TEMPLATE"], let template = try? JSONParser.parse(templateText),
              template["resource"] != nil else {
            return fail("ARGO_TEMPLATE does not hold a resource template")
        }
        let declared = template["resource"]?["action"]?.stringValue ?? ""
        guard declared == options.action else {
            return fail("resource action \"\(options.action)\" does not match the template's resource.action \"\(declared)\"")
        }
        let cluster: any Cluster
        do throws(ConnectError) {
            cluster = try connect(env)
        } catch {
            return fail(error.message)
        }
        let context = ResourceContext(
            workflowName: env["ARGO_WORKFLOW_NAME"] ?? "", workflowUID: env["ARGO_WORKFLOW_UID"] ?? "",
            namespace: env["ARGO_NAMESPACE"] ?? "default", podName: env["ARGO_POD_NAME"] ?? "")
        do {
            let outcome = try await ResourceAction.perform(template: template, cluster: cluster, context: context)
            if let name = outcome.resourceName {
                let ns = outcome.object?["metadata"]?["namespace"]?.stringValue ?? ""
                writeAll(stdout, Array("\(ns.isEmpty ? "" : ns + "/")\(name)\n".utf8))
            }
            return finish(TaskResultReport(phase: "Succeeded", exitCode: 0, parameters: outcome.parameters))
        } catch {
            return fail(error.description)
        }
    }
}
