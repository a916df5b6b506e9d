import ArgumentParser
import Controller
import Templates

/// `argo-lite get-object KIND NAME [-n NS] [-o yaml|json]`: prints a stored object of any kind, as
/// `kubectl get KIND NAME -o yaml` does (KIND as kubectl takes it: `configmap`, `cm`, `wftmpl`, `kind.group`).
struct GetObjectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get-object", abstract: "Print a stored object of any kind (kubectl get KIND NAME -o yaml).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The kind: configmap|cm, secret, pvc, workflow|wf, wftmpl, cwf, cwftmpl, or kind.group (KIND/NAME too).")
    var kind: String
    @Argument(help: "The object's name.") var name: String?
    @Option(name: [.customShort("o"), .customLong("output")], help: "Output format: yaml (default), json or name.")
    var output: String = "yaml"

    func validate() throws {
        if !["yaml", "json", "name"].contains(output) {
            throw ValidationError("unable to match a printer suitable for the output format \"\(output)\", "
                + "allowed formats are: json, name, yaml")
        }
    }

    func run() async throws {
        try await global.run(execute)
    }

    func execute(cluster: any Cluster, env: CLIEnvironment) async throws -> Int32 {
        var type = kind
        var objectName = name ?? ""
        if name == nil, let slash = kind.firstIndex(of: "/") {
            type = String(kind[..<slash])
            objectName = String(kind[kind.index(after: slash)...])
        }
        guard !objectName.isEmpty else {
            env.printError("error: name the object: argo-lite get-object \(type) NAME")
            return 1
        }
        let candidates = ResourceKind.candidates(kubectlType: type)
        guard let first = candidates.first else {
            env.printError("error: the server doesn't have a resource type \"\(type)\" (argo-lite knows the built-in "
                + "kinds by name and short name, and Argo's; name any other kind as kind.group, e.g. widget.example.com)")
            return 1
        }
        var lastError = ClusterError.notFound(first.notFoundMessage(objectName))
        for candidate in candidates {
            let object: JSONValue
            do throws(ClusterError) {
                object = try await cluster.get(candidate, namespace: candidate.namespaced ? env.namespace : nil,
                                               name: objectName)
            } catch .notFound {
                continue
            } catch {
                lastError = error
                break
            }
            switch output {
            case "json": env.console.out(ObjectText.json(object))
            case "name": env.print(candidate.kubectlName(objectName))
            default: env.console.out(try ObjectText.yaml(object))
            }
            return 0
        }
        env.printError(lastError.kubectlText())
        return 1
    }
}
