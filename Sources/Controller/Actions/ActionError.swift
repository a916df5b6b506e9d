import ClusterAPI
/// An error an action on stored workflows reports to whoever asked for it: one line. The CLI prints it as argo
/// prints fatal errors, with exit code 1 (there it is `CLIError`); a server would answer with it.
public struct ActionError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ message: String) { description = message }
}
