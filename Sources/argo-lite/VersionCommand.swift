import ArgumentParser
import Controller

/// `argo-lite version`, shaped like `argo version`.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print version information.")

    func run() throws {
        print(Self.text(), terminator: "")
    }

    static func text() -> String {
        return """
            argo-lite: v\(ControllerModule.version)
              GitTag: v\(ControllerModule.version)
              Compiler: swiftc
              Platform: \(ControllerModule.platform)

            """
    }
}
