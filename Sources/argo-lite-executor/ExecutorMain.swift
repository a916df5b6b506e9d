import Executor
#if canImport(Glibc)
import Glibc
#endif

/// `argo-lite-executor`: the programs that run inside pods (argo-lite's `argoexec`), in a small statically linked
/// binary that starts in a few milliseconds, where the full `argo-lite` takes tens: every pod starts one.
/// `argo-lite emissary` and `argo-lite argosay` are the same commands, used when this binary is not installed.
@main
enum ArgoLiteExecutor {
    static let usage = """
        Usage: argo-lite-executor emissary [flags] -- COMMAND ARGS...   (see: argo-lite-executor emissary --help)
               argo-lite-executor argosay [VERB ARGS...]                (echo, cat, sleep, exit, assert_contains, sh, cowsay)

        """

    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let code: Int32
        switch arguments.first {
        case "emissary": code = EmissaryFlags.main(Array(arguments.dropFirst()))
        case "argosay": code = await Argosay.run(Array(arguments.dropFirst()))
        case "--help", "-h", "help": write(1, usage, usage.utf8.count); code = 0
        default:
            let message = "argo-lite-executor: unknown command \"\(arguments.first ?? "")\"\n" + usage
            write(2, message, message.utf8.count)
            code = 64
        }
        exit(code)
    }
}
