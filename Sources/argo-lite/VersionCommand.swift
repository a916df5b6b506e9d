import ArgumentParser
import Controller

/// `argo-lite version`, shaped like `argo version`.
/// Its last line says where commands act: the local state directory, or a cluster's API server.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print version information.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        print(Self.text(backend: try global.backend()), terminator: "")
    }

    static func text(backend: GlobalOptions.Backend? = nil) -> String {
        let place = switch backend {
        case .local(let directory): "  Cluster: local (state directory \(directory.path))\n"
        case .kube(let config): "  Cluster: \(config.server) (Kubernetes)\n"
        case nil: ""
        }
        return """
            argo-lite: v\(ControllerModule.version)
              GitTag: v\(ControllerModule.version)
              Compiler: swiftc
              Platform: \(ControllerModule.platform)

            """ + place
    }
}
