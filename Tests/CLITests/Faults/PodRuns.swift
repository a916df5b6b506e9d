import Foundation

/// Whether a pod ran twice, as the fault suites check it: every pod appends its name to `runs` in a folder shared
/// by all of them (a hostPath volume mounted at `/shared`), and no name may be there twice.
enum PodRuns {
    /// The shell line a pod's command starts with, and the mount it needs.
    static let record = "echo {{pod.name}} >> /shared/runs"
    static let mount = "volumeMounts: [{name: shared, mountPath: /shared}]"

    /// A Workflow in namespace `argo` whose entrypoint is `main`, with the shared folder as volume `shared`;
    /// `templates` is its YAML list, each line indented by two spaces.
    static func workflow(name: String, shared: URL, templates: String) -> String {
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: \(name), namespace: argo}
        spec:
          entrypoint: main
          volumes: [{name: shared, hostPath: {path: \(shared.path)}}]
          templates:

        """ + templates
    }

    /// The names recorded so far, in order.
    static func read(_ shared: URL) -> [String] {
        ((try? String(contentsOf: shared.appendingPathComponent("runs"), encoding: .utf8)) ?? "")
            .split(separator: "\n").map(String.init)
    }

    /// The names recorded more than once.
    static func twice(_ runs: [String]) -> [String] {
        Dictionary(grouping: runs, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
    }
}
