import ArgumentParser
import Controller

/// `argo-lite version`, shaped like `argo version`.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print version information.")

    func run() throws {
        print(Self.text(), terminator: "")
    }

    static func text() -> String {
        #if os(Linux)
        let os = "linux"
        #elseif os(macOS)
        let os = "darwin"
        #else
        let os = "unknown"
        #endif
        #if arch(x86_64)
        let arch = "amd64"
        #elseif arch(arm64)
        let arch = "arm64"
        #else
        let arch = "unknown"
        #endif
        return """
            argo-lite: v\(ControllerModule.version)
              GitTag: v\(ControllerModule.version)
              Compiler: swiftc
              Platform: \(os)/\(arch)

            """
    }
}
