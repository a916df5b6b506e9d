import Controller
import Templates

/// `argo-lite delete -f FILE|DIR|- [-R] [--ignore-not-found]`: deletes every object the files name, as kubectl
/// does: `configmap "NAME" deleted` for each; a missing object is reported at the end and makes the exit code 1,
/// the others are still deleted.
enum DeleteFiles {
    static func run(_ paths: [String], recursive: Bool, ignoreNotFound: Bool, dryRun: Bool, output: String,
                    cluster: any Cluster, env: CLIEnvironment) async -> Int32 {
        let objects: [FileObject]
        do throws(CLIError) {
            objects = try ObjectFiles.load(paths, recursive: recursive, namespace: env.namespace, lint: false) { item throws(CLIError) in
                if item.name.isEmpty {
                    throw CLIError("error: \(item.place): resource name may not be empty (delete -f needs metadata.name; "
                        + "for a generated name, delete it by name: argo-lite delete NAME)")
                }
            }
        } catch {
            return env.fail(error)
        }
        var errors: [String] = []
        for item in objects {
            do {
                if dryRun {
                    _ = try await cluster.get(item.kind, namespace: item.namespace, name: item.name)
                } else {
                    try await cluster.delete(item.kind, namespace: item.namespace, name: item.name)
                }
                env.print(output == "name" ? item.kind.kubectlName(item.name)
                          : "\(item.kind.kubectlSingular) \"\(item.name)\" deleted\(dryRun ? " (dry run)" : "")")
            } catch .notFound(let message) {
                if !ignoreNotFound { errors.append(ClusterError.notFound(message).kubectlText(when: "deleting", source: item.file)) }
            } catch {
                errors.append(error.kubectlText(when: "deleting", source: item.file))
            }
        }
        for e in errors { env.printError(e) }
        return errors.isEmpty ? 0 : 1
    }
}
