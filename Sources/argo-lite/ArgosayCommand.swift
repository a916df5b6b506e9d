import ArgumentParser
import Controller
import Executor

/// `argo-lite argosay VERB ...`: the `argoproj/argosay:v2` image's program.
struct ArgosayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "argosay",
        abstract: "argoproj/argosay:v2: echo, cat, sleep, exit, assert_contains (plus sh and cowsay).",
        shouldDisplay: false)

    @Argument(parsing: .allUnrecognized) var words: [String] = []

    func run() async throws {
        throw ExitCode(await Argosay.run(words))
    }
}
